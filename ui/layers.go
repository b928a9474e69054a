package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// layer is what can be on top of the screen. Keys, clicks, the wheel, the
// status bar and drawing all ask one question, Model.top, so none of them
// can act on a layer hidden underneath.
type layer int

const (
	// layerTab is the active tab, with nothing over it.
	layerTab layer = iota
	// layerSearch is the search bar and its results, while typing.
	layerSearch
	// layerHelp is the ? screen.
	layerHelp
	// layerBriefings is the library (B).
	layerBriefings
	// layerBookmarks is every bookmark (M).
	layerBookmarks
	// layerChanged is what changed since the last read (C).
	layerChanged
)

var layerNames = [...]string{"tab", "search", "help", "Briefings", "Bookmarks", "What changed"}

func (l layer) String() string { return layerNames[l] }

// layers is the stack of what is open over the active tab, the top last.
type layers []layer

// top is what is on top of the screen.
func (m *Model) top() layer {
	if len(m.layers) == 0 {
		return layerTab
	}
	return m.layers[len(m.layers)-1]
}

// push opens l over what is on screen; opened again, it moves to the top.
func (m *Model) push(l layer) {
	m.drop(l)
	m.layers = append(m.layers, l)
}

// drop closes l wherever it is in the stack.
func (m *Model) drop(l layer) {
	out := m.layers[:0:0]
	for _, x := range m.layers {
		if x != l {
			out = append(out, x)
		}
	}
	m.layers = out
}

// listOverlay is the list shared by the Briefings, Bookmarks and
// What-changed layers: a selection through entries of a few lines each,
// drawn in the body's place under a heading.
type listOverlay struct {
	sel     int
	loading bool
	err     string
}

// overlayPage is one draw of a list overlay: what its layer lists now.
type overlayPage struct {
	heading string
	// note is the line under the heading when there is nothing to list
	// (loading, an error, an empty list); "" for none.
	note string
	per  int // lines an entry
	n    int // entries
	// row draws entry i's lines, styled, in width w.
	row func(i int, selected bool, w int) []string
}

// move handles the list keys (j/k, g/G); it reports whether msg was one
// and, when it moved nothing, why.
func (o *listOverlay) move(msg tea.KeyPressMsg, k keyMap, n int) (ok bool, why string) {
	before := o.sel
	up := false
	switch {
	case key.Matches(msg, k.Down):
		o.sel++
	case key.Matches(msg, k.Up):
		o.sel, up = o.sel-1, true
	case key.Matches(msg, k.Top):
		o.sel, up = 0, true
	case key.Matches(msg, k.Bottom):
		o.sel = n - 1
	default:
		return false, ""
	}
	o.sel = clamp(o.sel, 0, max(0, n-1))
	switch {
	case o.sel != before:
		return true, ""
	case n == 0:
		return true, "the list is empty"
	case up:
		return true, "already at the top of the list"
	}
	return true, "already at the end of the list"
}

// overlayMove applies a list key to the overlay o of n entries, saying
// why when it moves nothing; it reports whether msg was a list key.
func (m *Model) overlayMove(o *listOverlay, msg tea.KeyPressMsg, n int) bool {
	ok, why := o.move(msg, m.keys, n)
	if why != "" {
		m.status = status{text: why}
	}
	return ok
}

// choose selects entry i.
func (o *listOverlay) choose(i int) { o.sel = i }

// scroll moves the selection one entry per notch of the wheel.
func (o *listOverlay) scroll(step, n int) {
	switch {
	case step > 0:
		o.sel++
	case step < 0:
		o.sel--
	}
	o.sel = clamp(o.sel, 0, max(0, n-1))
}

// head is the heading and note lines of p.
func (p overlayPage) head() int {
	if p.note != "" {
		return 2
	}
	return 1
}

// first is the first entry drawn in h lines, keeping the selection in
// view.
func (o *listOverlay) first(p overlayPage, h int) (first, room int) {
	room = max(1, (h-p.head())/p.per)
	return max(0, min(o.sel-room/2, p.n-room)), room
}

// at is the entry drawn at line y of the body, h lines high.
func (o *listOverlay) at(p overlayPage, y, h int) (int, bool) {
	first, room := o.first(p, h)
	if y < p.head() {
		return 0, false
	}
	i := first + (y-p.head())/p.per
	if i >= p.n || i >= first+room {
		return 0, false
	}
	return i, true
}

// view draws p in w×h, each line exactly w wide.
func (o *listOverlay) view(st *styles, p overlayPage, w, h int) string {
	lines := make([]string, 0, h)
	lines = append(lines, fit(st.List.Group.Render(truncate(p.heading, w)), w))
	if p.note != "" {
		// A note says why the list is empty: it wraps, never cut.
		for _, l := range strings.Split(lipgloss.Wrap(p.note, max(1, w-1), " "), "\n") {
			lines = append(lines, fit(" "+st.List.Empty.Render(strings.TrimLeft(l, " ")), w))
		}
	}
	first, room := o.first(p, h)
	for i := first; i < p.n && i < first+room; i++ {
		for _, l := range p.row(i, i == o.sel, w) {
			lines = append(lines, fit(l, w))
		}
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines[:h], "\n")
}

// overlayOnTop is the list overlay on top and what it lists now; ok is
// false when the top layer is no list overlay.
func (m *Model) overlayOnTop() (o *listOverlay, p overlayPage, ok bool) {
	switch m.top() {
	case layerBriefings:
		return &m.briefings.listOverlay, m.briefingsPage(), true
	case layerBookmarks:
		return &m.marks.listOverlay, m.bookmarksPage(), true
	case layerChanged:
		return &m.changedView.listOverlay, m.changedPage(), true
	}
	return nil, overlayPage{}, false
}

// overlayLines draws the list overlay on top in the body's place.
func (m *Model) overlayLines() string {
	o, p, ok := m.overlayOnTop()
	if !ok {
		return ""
	}
	return o.view(m.st, p, m.lay.width, m.lay.bodyH)
}

// overlayNoKey says in the status bar why msg does nothing in the list
// overlay on top, and which keys do something there.
func (m *Model) overlayNoKey(msg tea.KeyPressMsg, keys string) {
	m.status = status{text: msg.String() + " does nothing in " + m.top().String() + ": " + keys}
}

// noEntryKey says why msg, a key that acts on the selected entry, does
// nothing: the overlay on top lists none.
func (m *Model) noEntryKey(msg tea.KeyPressMsg) {
	m.status = status{text: msg.String() + " does nothing: " + m.top().String() + " lists nothing"}
}

// overlayStatus is the status bar under a list overlay: which entry is
// selected, or the message of the last key.
func (m *Model) overlayStatus(o *listOverlay, p overlayPage) string {
	w := m.lay.width
	where := " " + m.top().String()
	if p.n > 0 {
		where += " " + itoa(o.sel+1) + "/" + itoa(p.n)
	}
	place := m.st.Status.Place.Render(where)
	if m.status.text != "" {
		return m.messageBar(place, m.status.text, m.messageStyle())
	}
	room := max(0, w-textWidth(place)-2)
	return fit(place+"  "+m.st.Status.Desc.Render(truncate("j/k or the wheel move · esc closes", room)), w)
}

// loaded ends the overlay's loading: its entries arrived, or err says why
// not.
func (o *listOverlay) loaded(err error) {
	o.loading = false
	if err != nil {
		o.err = err.Error()
	}
}
