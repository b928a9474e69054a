package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/services"
)

// searchAll is the search bar's other scope: every briefing of the
// library (tab switches), each hit naming its briefing.
type searchAll struct {
	on      bool
	pending bool // the library is being indexed
	ix      services.Search
	hits    []services.Hit
}

type librarySearchMsg struct {
	ix  services.Search
	err error
}

// toggleScope is tab in the search bar: this briefing, or all of them.
func (m *Model) toggleScope() tea.Cmd {
	s := &m.search
	if m.lib == nil {
		m.status = status{text: "no library here: search covers this briefing only", warn: true}
		return nil
	}
	s.all.on = !s.all.on
	s.ran, s.hits = "", nil
	m.runSearch()
	if s.all.on && s.all.ix == nil && !s.all.pending {
		s.all.pending = true
		lib := m.lib
		return func() tea.Msg {
			ix, err := lib.Search()
			return librarySearchMsg{ix, err}
		}
	}
	return nil
}

// runSearch runs the bar's query in its scope.
func (m *Model) runSearch() {
	s := &m.search
	prompt := "/ "
	if s.all.on {
		prompt = "all/ "
	}
	if s.input.Prompt != prompt {
		s.input.Prompt = prompt
		s.setSize(m.lay.width, m.lay.bodyH)
	}
	if !s.all.on {
		s.run()
		return
	}
	text := s.input.Value()
	if s.all.ix == nil || (text == s.ran && s.hits != nil) {
		if s.all.ix == nil {
			s.hits = nil
		}
		return
	}
	q := search.ParseQuery(text)
	s.query, s.ran = q, text
	s.all.hits = s.all.ix.Search(q, searchLimit)
	s.hits = make([]search.Hit, len(s.all.hits))
	for i, h := range s.all.hits {
		s.hits[i] = h.Hit
		// The results panel shows the title: say which briefing first.
		s.hits[i].Title = "[" + h.Briefing + "] " + h.Title
	}
	s.sel, s.top = 0, 0
}

// goToLibraryHit opens the selected hit of an all-briefings search: in
// place when it is in this briefing, else in its own briefing, opened in
// place at the hit. Either way the search is the one n and N walk, and H
// comes back here.
func (m *Model) goToLibraryHit() tea.Cmd {
	s := &m.search
	h := s.all.hits[s.sel]
	s.setAllDone(s.all.hits, s.query, s.input.Value(), s.sel)
	m.closeSearch()
	m.remember()
	if h.Briefing == m.id {
		m.showHit(h.Hit)
		return nil
	}
	return m.crossTo(h.Briefing, h.Ref, nil, false)
}

// librarySearched takes the library's search, or says why there is none,
// and runs the query again over it.
func (m *Model) librarySearched(msg librarySearchMsg) {
	if msg.err != nil {
		m.search.libraryIndexed(nil)
		m.status = status{text: "cannot search the library: " + oneLine(msg.err.Error()), warn: true}
	} else {
		m.search.libraryIndexed(msg.ix)
	}
	m.runSearch()
}

// libraryIndexed takes the library's search (nil when it could not be
// opened: the scope goes back to this briefing); the query runs again.
func (s *searchModel) libraryIndexed(ix services.Search) {
	s.all.pending = false
	if ix == nil {
		s.all.on = false
	} else {
		s.all.ix = ix
	}
	s.ran = ""
}
