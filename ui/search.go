package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/services"
)

// searchLimit bounds the hits listed for one query.
const searchLimit = 200

// countWidth is the room the bar keeps for " 200+ hits".
const countWidth = 10

// searchModel is the search bar, its results, and what a finished search
// leaves behind: the hits n and N step through and the words highlighted
// in the detail pane.
type searchModel struct {
	b  *data.Briefing
	st *styles
	// input is a pointer: a textinput is 8 KB, and the Model, copied and
	// boxed on every message, would carry it by value.
	input *textinput.Model
	ix    *search.Index
	// pending is set while the index is being built; a query typed then
	// runs when it arrives.
	pending bool
	// all is the scope of every briefing of the library (search_all.go).
	all searchAll

	query search.Query
	ran   string // the bar's text query and hits are for
	hits  []search.Hit
	sel   int
	top   int // first hit shown in the results panel
	rows  int // hits the results panel has room for

	// After enter: the hits of the search that was run, the one shown,
	// and the query whose words the detail pane highlights.
	done []search.Hit
	// doneAll are done's hits with their briefings when the search was
	// of every briefing: n and N then cross to the hit's (cross.go).
	doneAll   []services.Hit
	doneQuery search.Query
	doneText  string
	cur       int
	marking   bool
	// hitTab is the tab the current hit opened in: the hit marker shows
	// there only.
	hitTab tabID
	// hitRef is the item of the current hit; matchAt is the line of the
	// page the last n or N went to, -1 before any.
	hitRef data.Ref
	// matches are the lines of matchPage with a match, matchIdx the one n
	// and N last went to.
	matches   []int
	matchPage *rendered
	matchIdx  int
	// citeNums caches, per page, the [n] its sources are numbered with,
	// for the snippets of hits that open there.
	citeNums map[data.Ref]map[string]int
}

// maxQuery bounds what the search bar holds, in characters: a query, not
// a document, whatever a client types or pastes.
const maxQuery = 200

func newSearchModel(b *data.Briefing, st *styles) searchModel {
	ti := textinput.New()
	ti.CharLimit = maxQuery
	ti.Prompt = "/ "
	ti.Placeholder = "search names, sessions, statements, figures, terms…"
	ti.SetVirtualCursor(false)
	s := searchModel{b: b, input: &ti}
	s.setStyles(st)
	return s
}

func (s *searchModel) setStyles(st *styles) {
	s.st = st
	ts := textinput.DefaultStyles(st.dark)
	ts.Focused.Prompt = st.Search.Prompt
	ts.Blurred.Prompt = st.Search.Prompt
	s.input.SetStyles(ts)
}

// setSize fits the bar to the width and the results panel to the body.
func (s *searchModel) setSize(w, bodyH int) {
	// Room for the prompt and the hit count beside the input.
	s.input.SetWidth(max(1, w-textWidth(s.input.Prompt)-countWidth-1))
	s.rows = max(1, min(bodyH, maxResultLines+1)-1)
	s.keepSelVisible()
}

// highlighting reports whether a finished search marks the detail pane.
func (s *searchModel) highlighting() bool { return s.marking }

func (s *searchModel) clearHighlight() { s.marking = false }

// HitTab is the tab the current hit opened in.
func (s *searchModel) HitTab() tabID { return s.hitTab }

// HitRef is the item of the current hit.
func (s *searchModel) HitRef() data.Ref { return s.hitRef }

// startIndexing reports whether the index is still to be built, and
// from then on counts it as being built.
func (s *searchModel) startIndexing() bool {
	if s.ix != nil || s.pending {
		return false
	}
	s.pending = true
	return true
}

// blur takes the keys from the search bar.
func (s *searchModel) blur() { s.input.Blur() }

// hitStatus is the status bar's `hit 3/12 "query"` after a search.
func (s *searchModel) hitStatus() string {
	if len(s.done) == 0 {
		return ""
	}
	return "search hit " + itoa(s.cur+1) + "/" + itoa(len(s.done)) + " “" + oneLine(s.doneText) + "”"
}

// indexReadyMsg carries the search index, built off the start-up path.
type indexReadyMsg struct{ ix *search.Index }

// buildIndexCmd builds the index in the background.
func buildIndexCmd(b *data.Briefing) tea.Cmd {
	return func() tea.Msg { return indexReadyMsg{search.NewIndex(b)} }
}

// startIndex returns the command that builds the index, once.
func (m *Model) startIndex() tea.Cmd {
	if !m.search.startIndexing() {
		return nil
	}
	if sh := m.cache.shared; sh != nil {
		return func() tea.Msg { return indexReadyMsg{sh.Index()} }
	}
	return buildIndexCmd(m.b)
}

// openSearch is /: the bar opens over the current screen.
func (m *Model) openSearch() tea.Cmd {
	s := &m.search
	m.push(layerSearch)
	s.input.SetValue("")
	s.query, s.ran, s.hits, s.sel, s.top = search.Query{}, "", nil, 0, 0
	return tea.Batch(s.input.Focus(), m.startIndex())
}

func (m *Model) closeSearch() {
	m.drop(layerSearch)
	m.search.blur()
}

// updateSearchKey handles a key while the bar is open: q, digits and ? are
// typed, not obeyed.
func (m *Model) updateSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	s := &m.search
	k := m.keys
	switch {
	case key.Matches(msg, k.SearchCancel):
		m.closeSearch()
		return nil
	case key.Matches(msg, k.SearchGo):
		if len(s.hits) == 0 {
			return nil
		}
		if s.all.on {
			return m.goToLibraryHit()
		}
		m.finishSearch()
		return nil
	case key.Matches(msg, k.SearchScope):
		return m.toggleScope()
	case key.Matches(msg, k.SearchDown):
		s.move(1)
		return nil
	case key.Matches(msg, k.SearchUp):
		s.move(-1)
		return nil
	}
	var cmd tea.Cmd
	*s.input, cmd = s.input.Update(msg)
	m.runSearch()
	return cmd
}

// updateSearchMsg handles the search's own messages and pastes.
func (m *Model) updateSearchMsg(msg tea.Msg) tea.Cmd {
	s := &m.search
	switch msg := msg.(type) {
	case indexReadyMsg:
		s.ix, s.pending = msg.ix, false
		if m.top() == layerSearch {
			m.runSearch()
		}
	case tea.PasteMsg:
		if m.top() == layerSearch {
			var cmd tea.Cmd
			*s.input, cmd = s.input.Update(msg)
			m.runSearch()
			return cmd
		}
	}
	return nil
}

// run searches for what is in the bar, if it changed.
func (s *searchModel) run() {
	text := s.input.Value()
	if s.ix != nil && text == s.ran && s.hits != nil {
		return
	}
	q := search.ParseQuery(text)
	if s.ix == nil {
		s.query, s.hits = q, nil
		return
	}
	s.query, s.ran = q, text
	s.hits = s.ix.Search(q, search.SearchOptions{Limit: searchLimit})
	s.sel, s.top = 0, 0
}

func (s *searchModel) move(n int) {
	if len(s.hits) == 0 {
		return
	}
	s.sel = clamp(s.sel+n, 0, len(s.hits)-1)
	s.keepSelVisible()
}

func (s *searchModel) keepSelVisible() {
	if s.sel < s.top {
		s.top = s.sel
	}
	if s.sel >= s.top+s.rows {
		s.top = s.sel - s.rows + 1
	}
	s.top = clamp(s.top, 0, max(0, len(s.hits)-s.rows))
}

// finishSearch is enter: the bar closes, the selected hit opens and its
// words are highlighted; n and N step through the other hits.
func (m *Model) finishSearch() {
	s := &m.search
	s.done, s.doneQuery, s.doneText, s.cur = s.hits, s.query, s.input.Value(), s.sel
	s.doneAll = nil
	s.marking, s.matchPage = true, nil
	m.closeSearch()
	m.remember()
	m.showHit(s.done[s.cur])
}

// stepHit is n and N: the next or previous match on the page, as in less;
// past the page's last (or first), the next or previous hit of the last
// search, in another briefing when an all-briefings search found it
// there.
func (m *Model) stepHit(n int) tea.Cmd {
	s := &m.search
	if len(s.done) == 0 {
		m.status = status{text: "no search yet: press / to search"}
		return nil
	}
	if s.marking && m.active == s.hitTab && m.stepMatch(n) {
		return nil
	}
	s.cur = ((s.cur+n)%len(s.done) + len(s.done)) % len(s.done)
	s.marking = true
	if s.doneAll != nil && s.doneAll[s.cur].Briefing != m.id {
		h := s.doneAll[s.cur]
		m.remember()
		return m.crossTo(h.Briefing, h.Ref, nil, n < 0)
	}
	m.showHit(s.done[s.cur])
	if n < 0 {
		// Walking back, N lands on the previous hit's last match, so
		// N N N reads the matches in reverse order.
		m.lastMatchOfHit()
	}
	return nil
}

// lastMatchOfHit moves the match n and N walk from to the last one of the
// hit on screen: the last line with a match in the hit's block (a
// statement on its speaker's page), or on its page.
func (m *Model) lastMatchOfHit() {
	s := &m.search
	d := &m.tabs[s.hitTab].detail
	lines := s.matchLines(d.page)
	if d.page == nil || len(lines) == 0 {
		return
	}
	from, to := 0, len(d.page.plain)
	if a, ok := d.page.anchors[s.hitRef]; ok {
		from = a
		for _, b := range d.page.anchors {
			if b > a && b < to {
				to = b
			}
		}
	}
	i := firstAtOrAfter(lines, to) - 1
	if i < 0 || lines[i] < from {
		return
	}
	s.matchIdx = i
	if l := lines[i]; l < d.offset || l >= d.offset+d.height {
		d.ScrollToLine(max(0, l-2))
	}
}

// stepMatch scrolls to the next (n > 0) or previous line of the page on
// screen with a match; it reports whether there was one.
func (m *Model) stepMatch(n int) bool {
	s := &m.search
	d := &m.tabs[m.active].detail
	lines := s.matchLines(d.page)
	i := s.matchIdx
	if i < 0 || i >= len(lines) {
		i = firstAtOrAfter(lines, d.offset) - 1
		if n < 0 {
			i += 1
		}
	}
	i += n
	if i < 0 || i >= len(lines) {
		return false
	}
	s.matchIdx = i
	if l := lines[i]; l < d.offset || l >= d.offset+d.height {
		d.ScrollToLine(max(0, l-2))
	}
	return true
}

// matchLines are the lines of r with a match of the finished search,
// worked out once per page and width.
func (s *searchModel) matchLines(r *rendered) []int {
	if r == nil {
		return nil
	}
	if s.matchPage == r {
		return s.matches
	}
	q, _, _ := s.markFor()
	s.matches, s.matchPage, s.matchIdx = s.matches[:0], r, -1
	for i, l := range r.plain {
		if len(q.Highlight(l)) > 0 {
			s.matches = append(s.matches, i)
		}
	}
	return s.matches
}

// firstAtOrAfter is the index of the first of lines at or after line.
func firstAtOrAfter(lines []int, line int) int {
	i, _ := slices.BinarySearch(lines, line)
	return i
}

// showHit goes to where a hit's item is shown and makes the match the hit
// is about the current one for n and N.
func (m *Model) showHit(h search.Hit) {
	pl, ok := placeOf(m.b, h.Ref)
	if !ok {
		m.status = status{text: "this hit has no place in the reader", warn: true}
		return
	}
	m.goTo(pl)
	s := &m.search
	s.hitTab, s.hitRef = pl.tab, h.Ref
	d := &m.tabs[pl.tab].detail
	lines := s.matchLines(d.page)
	from := d.offset
	if d.page != nil {
		if a, ok := d.page.anchors[h.Ref]; ok {
			from = a
		}
	}
	s.matchIdx = -1
	if i := firstAtOrAfter(lines, from); i < len(lines) {
		s.matchIdx = i
	}
}

// matchStatus is "match 2/5 here" while n and N walk a page's matches.
func (s *searchModel) matchStatus() string {
	if s.matchPage == nil || s.matchIdx < 0 || len(s.matches) < 2 {
		return ""
	}
	return " · match " + itoa(s.matchIdx+1) + "/" + itoa(len(s.matches)) + " here"
}

// markFor is the query whose matches the detail pane highlights.
func (s *searchModel) markFor() (search.Query, string, bool) {
	if !s.marking || s.doneQuery.Empty() {
		return search.Query{}, "", false
	}
	return s.doneQuery, s.doneQuery.String(), true
}

// markedLines is r's lines with q's matches highlighted, cached per page
// for the last query.
func (c *renderCache) markedLines(r *rendered, q search.Query, key string, st *styles) []string {
	if m, ok := c.marked[r]; ok && m.query == key {
		return m.lines
	}
	out := make([]string, len(r.lines))
	for i, line := range r.lines {
		out[i] = markLine(line, r.plain[i], q.Highlight(r.plain[i]), st.Detail.Highlight)
	}
	c.marked[r] = markedPage{lines: out, query: key}
	return out
}

// markLine re-styles the cells of line that the spans (byte offsets in
// plain, the line without escapes) cover with mark, keeping the rest as
// it was.
func markLine(line, plain string, spans []search.Span, mark lipgloss.Style) string {
	if len(spans) == 0 {
		return line
	}
	var sb strings.Builder
	col := 0
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(plain) || sp.Start >= sp.End {
			continue
		}
		a, b := ansi.StringWidth(plain[:sp.Start]), ansi.StringWidth(plain[:sp.End])
		if a < col {
			continue
		}
		sb.WriteString(ansi.Cut(line, col, a))
		sb.WriteString("\x1b[m")
		sb.WriteString(mark.Render(plain[sp.Start:sp.End]))
		col = b
	}
	sb.WriteString(ansi.TruncateLeft(line, col, ""))
	return sb.String()
}
