package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// openOrFollow is enter: it follows the reference selected with ] and [
// whenever the detail is on screen, even while the list has the keys;
// otherwise, from the list, it opens the detail.
func (m *Model) openOrFollow() {
	t := &m.tabs[m.active]
	detailShown := !t.hasList() || m.sideBySide(t) || m.focus == focusDetail
	if x, ok := t.detail.SelectedRef(); ok && detailShown {
		m.jump(x.to)
		return
	}
	if t.hasList() && m.focus == focusList {
		if _, ok := t.list.Selected(); ok {
			m.focus = focusDetail
		} else {
			m.status = status{text: "the list is empty"}
		}
		return
	}
	if t.detail.HasRefs() {
		m.status = status{text: "press ] to pick a reference, then enter to follow it"}
	} else {
		m.status = status{text: "nothing to open: this page has no references"}
	}
}

// escape is esc: it closes a narrow detail, then clears the search's hit
// marker and highlights, then gives the list the keys.
func (m *Model) escape() {
	t := &m.tabs[m.active]
	switch {
	case m.narrowDetail():
		m.focus = focusList
	case m.search.highlighting():
		m.search.clearHighlight()
	case t.hasList() && m.focus == focusDetail:
		m.focus = focusList
	default:
		m.status = status{text: "nothing to close: q quits"}
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
	return location{tab: m.active, item: ref, offset: t.detail.Offset(), focus: m.focus, refSel: t.detail.RefSel()}
}

// jump follows a cross-reference, remembering where the reader was.
func (m *Model) jump(ref data.Ref) bool {
	pl, ok := placeOf(m.b, ref)
	if !ok {
		m.status = status{text: "nothing in this briefing for " + oneLine(ref.String()), warn: true}
		return false
	}
	m.remember()
	m.goTo(pl)
	return true
}

// remember puts the current location on the history before a jump; a new
// jump forgets the places history back had left.
func (m *Model) remember() {
	m.history = append(m.history, m.here())
	m.future = nil
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

// back returns to the previous location of the history, in another
// briefing when the reader crossed to this one from there.
func (m *Model) back() tea.Cmd {
	if len(m.history) == 0 {
		m.status = status{text: "no earlier place: follow a reference with ] and enter first"}
		return nil
	}
	loc := m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	m.future = append(m.future, m.here())
	return m.goBackTo(loc)
}

// forward returns to the place history back left.
func (m *Model) forward() tea.Cmd {
	if len(m.future) == 0 {
		m.status = status{text: "no later place: L goes forward after bksp or H went back"}
		return nil
	}
	loc := m.future[len(m.future)-1]
	m.future = m.future[:len(m.future)-1]
	m.history = append(m.history, m.here())
	return m.goBackTo(loc)
}

// goBackTo puts the reader at a location of its history or future.
func (m *Model) goBackTo(loc location) tea.Cmd {
	if loc.in != nil {
		return m.crossTo(loc.in.id, loc.item, &loc, false)
	}
	m.restore(loc)
	return nil
}

// restore puts the reader back at loc.
func (m *Model) restore(loc location) {
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
	t.detail.SelectRef(loc.refSel)
}

// nextLanguage is t on the Glossary: show the terms of the next source
// language, then all of them again.
func (m *Model) nextLanguage() {
	if m.active != tabGlossary {
		m.status = status{text: "t narrows the Glossary (tab " + itoa(int(tabGlossary)+1) + ") to one language"}
		return
	}
	t := &m.tabs[tabGlossary]
	langs := append([]string{""}, glossaryLanguages(m.b)...)
	i := (slices.Index(langs, t.lang) + 1) % len(langs)
	t.lang, t.built = langs[i], false
	m.buildTab(t)
	if t.lang == "" {
		m.status = status{text: "glossary: every language"}
	} else {
		m.status = status{text: "glossary: " + words.Language(t.lang) + " only · t for the next"}
	}
}
