package ui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
	"github.com/brief-reader/brief/internal/words"
)

// briefingsView is the Briefings view: the library, newest first, one
// entry opened in place with enter.
type briefingsView struct {
	listOverlay
	entries []services.BriefingEntry
}

type briefingsMsg struct {
	entries []services.BriefingEntry
	err     error
}

type openedBriefingMsg struct {
	b    *data.Briefing
	open func() services.Loaded
	err  error
	id   string   // its library id
	at   data.Ref // where to go in it; zero for its remembered place
	// to is the place of the history to go back (or forward) to, and
	// cross what crosses over from the reader it replaces (cross.go).
	to    *location
	cross *crossing
}

// openBriefings is B: open the Briefings view and list the library.
func (m *Model) openBriefings() tea.Cmd {
	if m.lib == nil {
		m.status = status{text: "no library here: " + m.noState("brief could not find its state folder"), warn: true}
		return nil
	}
	m.briefings = briefingsView{listOverlay: listOverlay{loading: true}}
	m.push(layerBriefings)
	lib := m.lib
	return func() tea.Msg {
		entries, err := lib.Briefings()
		return briefingsMsg{entries, err}
	}
}

// updateBriefings handles a key while the Briefings view is open.
func (m *Model) updateBriefings(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	v := &m.briefings
	switch {
	case key.Matches(msg, k.Quit, k.Back, k.Briefings):
		// q closes this view first, as it does every layer.
		m.drop(layerBriefings)
	case m.overlayMove(&v.listOverlay, msg, len(v.entries)):
	case key.Matches(msg, k.Open):
		if v.sel >= len(v.entries) {
			m.noEntryKey(msg)
			return nil
		}
		e := v.entries[v.sel]
		if e.Problem != "" {
			m.status = status{text: "cannot open " + oneLine(e.ID) + ": " + oneLine(e.Problem), warn: true}
			return nil
		}
		lib, id := m.lib, e.ID
		return func() tea.Msg {
			b, open, err := lib.Open(id)
			return openedBriefingMsg{b: b, open: open, err: err, id: id}
		}
	case key.Matches(msg, k.Search):
		m.status = status{text: "/ does not filter this list (it shows every briefing of the library at once): esc closes it, then / and tab search all briefings"}
	default:
		m.overlayNoKey(msg, "j/k move · enter opens · esc closes")
	}
	return nil
}

// openInPlace replaces the reader with one on msg's briefing, at the same
// size and theme, after saving the place in this one.
func (m Model) openInPlace(msg openedBriefingMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.status = status{text: "cannot open it: " + oneLine(msg.err.Error()), warn: true}
		m.sync()
		return m, nil
	}
	m.saveNow()
	next := New(msg.b, m.optionsFor(msg))
	next.open = m.open
	if next.dark != m.dark || next.mono != m.mono {
		next.setTheme(m.dark, m.mono)
	}
	// Sized first: a hit's matches are found on its page as rendered at
	// this width.
	sized, cmd := next.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	next = sized.(Model)
	next.arrive(msg)
	return next, cmd
}

// optionsFor are the options of the reader that replaces this one on
// msg's briefing: the same theme, library and place (a served reader stays
// remote), and the shared renders and index when they are msg's
// briefing's.
func (m *Model) optionsFor(msg openedBriefingMsg) Options {
	opts := Options{Style: m.style, Remote: m.remote, OpenMemory: msg.open, Library: m.lib, BriefingID: msg.id}
	if sh := m.cache.shared; sh != nil && sh.Briefing() == msg.b {
		opts.Shared = sh
	}
	return opts
}

// briefingsPage is the Briefings layer's list: two lines an entry.
func (m *Model) briefingsPage() overlayPage {
	v := &m.briefings
	p := overlayPage{heading: " Briefings · enter opens · esc closes", per: 2, n: len(v.entries)}
	switch {
	case v.loading:
		p.note = " reading the library…"
	case v.err != "":
		p.note = " " + v.err
	case len(v.entries) == 0:
		p.note = " the library is empty: brief library add DIR"
	}
	st := m.st
	p.row = func(i int, selected bool, w int) []string {
		e := v.entries[i]
		marker, title := "  ", st.List.Item
		if selected {
			marker, title = "▸ ", st.List.Selected
		}
		meta := oneLine(e.Place) + " · " + words.DateRange(e.Start, e.End) + " · " + strconv.Itoa(e.Items) + " items · " +
			strconv.Itoa(e.Unseen) + " unseen · " + strconv.Itoa(e.Changed) + " changed"
		if e.Problem != "" {
			meta = "cannot be opened: " + oneLine(e.Problem)
		}
		return []string{st.List.Marker.Render(marker) + title.Render(truncate(oneLine(e.Title), w-2)),
			"  " + st.List.Meta.Render(truncate(meta, w-2))}
	}
	return p
}

// loaded takes the library's entries, or the error that kept them.
func (v *briefingsView) loaded(entries []services.BriefingEntry, err error) {
	v.entries = entries
	v.listOverlay.loaded(err)
}
