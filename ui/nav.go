package ui

import "github.com/brief-reader/brief/data"

// openOrFollow is enter: from the list it opens the detail; in the detail it
// follows the selected reference.
func (m *Model) openOrFollow() {
	t := &m.tabs[m.active]
	if t.hasList() && m.focus == focusList {
		if _, ok := t.list.Selected(); ok {
			m.focus = focusDetail
		}
		return
	}
	x, ok := t.detail.SelectedRef()
	if !ok {
		if len(t.detail.refLines) > 0 {
			m.status = status{text: "press ] to pick a reference, then enter to follow it"}
		}
		return
	}
	m.jump(x.to)
}

// escape is esc: it leaves the detail for the list, then clears search
// highlights.
func (m *Model) escape() {
	t := &m.tabs[m.active]
	switch {
	case t.hasList() && m.focus == focusDetail:
		m.focus = focusList
	case m.search.highlighting():
		m.search.clearHighlight()
	}
}

func (m *Model) switchTab(id tabID) {
	if id < 0 || id >= tabCount {
		return
	}
	m.active = id
	m.buildTab(&m.tabs[id])
	if m.tabs[id].hasList() {
		m.focus = focusList
	} else {
		m.focus = focusDetail
	}
}

// here is the current location, for the history.
func (m *Model) here() location {
	t := &m.tabs[m.active]
	ref, _ := t.current()
	return location{tab: m.active, item: ref, offset: t.detail.offset, focus: m.focus, refSel: t.detail.refSel}
}

// jump follows a cross-reference, remembering where the reader was.
func (m *Model) jump(ref data.Ref) bool {
	pl, ok := placeOf(m.b, ref)
	if !ok {
		m.status = status{text: "nothing in this briefing for " + oneLine(ref.String()), warn: true}
		return false
	}
	m.history = append(m.history, m.here())
	m.goTo(pl)
	return true
}

// goTo shows a place: selects its item, opens its detail and scrolls to
// the block that shows it.
func (m *Model) goTo(pl place) {
	m.active = pl.tab
	t := &m.tabs[pl.tab]
	m.buildTab(t)
	before, _ := t.current()
	if t.hasList() {
		t.list.Select(pl.item)
	}
	m.focus = focusDetail
	m.sync()
	switch {
	case pl.anchor != (data.Ref{}):
		t.detail.ScrollToAnchor(pl.anchor)
	case before == pl.item:
		t.detail.Top()
	}
}

// back returns to the previous location of the history.
func (m *Model) back() {
	if len(m.history) == 0 {
		m.status = status{text: "no earlier place: follow a reference with ] and enter first"}
		return
	}
	loc := m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	m.active = loc.tab
	t := &m.tabs[loc.tab]
	m.buildTab(t)
	if t.hasList() {
		t.list.Select(loc.item)
	}
	m.focus = loc.focus
	if !t.hasList() {
		m.focus = focusDetail
	}
	m.sync()
	t.detail.ScrollToLine(loc.offset)
	if loc.refSel < len(t.detail.refLines) {
		t.detail.refSel = loc.refSel
	}
}
