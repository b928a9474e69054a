package ui

import "charm.land/lipgloss/v2"

// Sizes the layout is built around.
const (
	// wideWidth is the narrowest terminal that shows list and detail side
	// by side; below it one pane shows at a time.
	wideWidth = 100
	// minWidth and minHeight: below either, the reader only says the
	// terminal is too small.
	minWidth  = 30
	minHeight = 8
)

// layout is where everything goes for one terminal size. It is computed in
// one place, resize, and read by View and by mouse hit-testing.
type layout struct {
	width, height int
	tooSmall      bool
	wide          bool
	// bodyY is the first line of the panes, bodyH their height.
	bodyY, bodyH int
}

// panes is how a master–detail tab splits the body: the list pane's width
// and, when wide, the divider after it and the detail pane from detailX.
type panes struct {
	listW, detailX, detailW int
}

// Bounds of the list pane's width in side-by-side mode: it takes what its
// rows need, at least listMinW and at most listMaxShare percent of the
// screen, so the detail keeps the larger half.
const (
	listMinW     = 30
	listMaxShare = 50
)

// The search results show the selected hit's context beside them, as fzf
// does, from searchPreviewWidth columns; the list of hits then takes
// searchListShare percent of the width.
const (
	searchPreviewWidth = 120
	searchListShare    = 60
)

// searchSplit is the width of the search results' list and of the
// preview beside it (after a one-column divider); ok is false when the
// terminal is too narrow for a preview.
func (l layout) searchSplit() (listW, previewW int, ok bool) {
	if l.width < searchPreviewWidth {
		return l.width, 0, false
	}
	listW = l.width * searchListShare / 100
	return listW, l.width - listW - 1, true
}

// split gives a tab whose list rows need want columns its panes; a tab
// read as one pane (the Timeline) gets the whole width whatever the size.
func (l layout) split(want int, onePane bool) panes {
	if !l.wide || onePane {
		return panes{listW: l.width, detailW: l.width}
	}
	listW := clamp(want, listMinW, l.width*listMaxShare/100)
	return panes{listW: listW, detailX: listW + 1, detailW: l.width - listW - 1}
}

// computeLayout measures the chrome (header and status bar) from their
// rendered height and gives the panes what is left.
func computeLayout(w, h, headerH, statusH int) layout {
	l := layout{width: w, height: h}
	if w < minWidth || h < minHeight {
		l.tooSmall = true
		return l
	}
	l.bodyY = headerH
	l.bodyH = max(1, h-headerH-statusH)
	l.wide = w >= wideWidth
	return l
}

// resize lays the reader out for a new terminal size and hands every pane
// its size. A change of width drops the rendered pages: they are rendered
// again, lazily, at the new width.
func (m *Model) resize(w, h int) {
	if w != m.width {
		m.cache.reset()
	}
	m.width, m.height, m.sized = w, h, true
	m.lay = computeLayout(w, h, lipgloss.Height(m.headerView()), 1)
	for i := range m.tabs {
		m.sizeTab(&m.tabs[i])
	}
	m.search.setSize(w, m.lay.bodyH)
}

// sizeTab gives a tab's panes their sizes under the current layout; the
// list's share depends on its rows, so a tab not built yet is sized again
// once it is.
func (m *Model) sizeTab(t *tab) {
	l := m.lay
	if !t.hasList() {
		t.detail.SetSize(l.width, l.bodyH)
		return
	}
	t.panes = l.split(t.list.Natural(), t.onePane())
	t.list.SetSize(t.panes.listW, l.bodyH)
	t.detail.SetSize(t.panes.detailW, l.bodyH)
}

// buildTab builds a tab's list the first time it is shown and sizes it.
func (m *Model) buildTab(t *tab) {
	if t.build(m.b) && m.sized {
		m.sizeTab(t)
	}
}

// pane says which pane is drawn at a screen position.
type paneHit int

const (
	hitNone paneHit = iota
	hitTabs
	hitList
	hitDetail
)

// hit finds the pane under (x, y) and the position inside it.
func (m *Model) hit(x, y int) (paneHit, int, int) {
	l := m.lay
	if l.tooSmall || !m.sized {
		return hitNone, 0, 0
	}
	if y == l.bodyY-1 {
		return hitTabs, x, 0
	}
	if y < l.bodyY || y >= l.bodyY+l.bodyH {
		return hitNone, 0, 0
	}
	t := &m.tabs[m.active]
	py := y - l.bodyY
	switch {
	case !t.hasList():
		return hitDetail, x, py
	case m.sideBySide(t) && x < t.panes.listW:
		return hitList, x, py
	case m.sideBySide(t) && x > t.panes.listW:
		return hitDetail, x - t.panes.detailX, py
	case !m.sideBySide(t) && m.focus == focusList:
		return hitList, x, py
	case !m.sideBySide(t):
		return hitDetail, x, py
	}
	return hitNone, 0, 0
}

// sideBySide reports whether t shows its list and detail side by side:
// on a wide terminal, for a tab not read as one pane.
func (m *Model) sideBySide(t *tab) bool { return m.lay.wide && !t.onePane() }
