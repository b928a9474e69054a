package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
)

// tabID names a tab; the order is the tab bar's and the number keys'.
type tabID int

const (
	tabOverview tabID = iota
	tabTimeline
	tabSessions
	tabSpeakers
	tabMeasures
	tabSources
	tabFigures
	tabGlossary
	tabCount
)

var tabNames = [tabCount]string{"Overview", "Timeline", "Sessions", "Speakers", "Measures", "Sources", "Figures", "Glossary"}

// shortTabNames name the tabs where the full names do not fit (80 columns
// with unseen counts).
var shortTabNames = [tabCount]string{"Overv", "Time", "Sess", "Spkrs", "Meas", "Srcs", "Figs", "Gloss"}

func (t tabID) String() string {
	if t < 0 || t >= tabCount {
		return "tab?"
	}
	return tabNames[t]
}

// focus is the pane that takes the movement keys. In narrow terminals it is
// also the pane on screen.
type focus int

const (
	focusList focus = iota
	focusDetail
)

func (f focus) String() string {
	if f == focusDetail {
		return "detail"
	}
	return "list"
}

// tab is one tab of the reader: a list of items and the detail of the
// selected one. The Overview tab has no list; its detail is the overview.
type tab struct {
	id     tabID
	built  bool
	list   listPane
	detail detailPane
	panes  panes
	// lang narrows the Glossary to one source language, "" for all.
	lang string
	// marked says the list's rows carry the current unseen marks.
	marked bool
}

// build makes the tab's list; it runs the first time the tab is shown, so
// start-up does no work for tabs nobody opens. It reports whether it built
// the list just now.
func (t *tab) build(b *data.Briefing) bool {
	if t.built {
		return false
	}
	t.built = true
	var rows []listRow
	switch t.id {
	case tabTimeline:
		rows = timelineRows(b)
	case tabSessions:
		rows = sessionRows(b)
	case tabSpeakers:
		rows = speakerRows(b)
	case tabMeasures:
		rows = measureRows(b)
	case tabSources:
		rows = sourceRows(b)
	case tabFigures:
		rows = figureRows(b)
	case tabGlossary:
		rows = glossaryRows(b, t.lang)
	}
	t.list = newListPane(rows)
	return true
}

// onePane reports whether the tab reads as one pane at every width, its
// detail opened over it: the Timeline, an agenda read down the page.
func (t *tab) onePane() bool { return t.id == tabTimeline }

// hasList reports whether the tab is master–detail.
func (t *tab) hasList() bool { return t.id != tabOverview }

// current is the item the detail pane should show.
func (t *tab) current() (data.Ref, bool) {
	if !t.hasList() {
		return data.Ref{Kind: data.KindOverview}, true
	}
	return t.list.Selected()
}

// update applies a movement key to the pane that has focus. The paging
// keys page the detail, or the list when it is alone on screen. It returns
// why, when the key did nothing here.
func (t tab) update(msg tea.KeyPressMsg, k keyMap, f focus, wide bool) (tab, string) {
	if !t.hasList() {
		f = focusDetail
	}
	d := &t.detail
	listAlone := f == focusList && !wide
	if key.Matches(msg, k.NextRef, k.PrevRef) {
		return t, t.moveRef(msg, k, listAlone)
	}
	before, beforeSel := d.offset, t.list.sel
	if !t.move(msg, k, f, listAlone) {
		return t, "“" + msg.String() + "” does nothing here: ? lists every key"
	}
	if d.offset != before || t.list.sel != beforeSel {
		return t, ""
	}
	paging := key.Matches(msg, k.PageDown, k.HalfDown, k.PageUp, k.HalfUp)
	if f == focusList && (listAlone || !paging) {
		if t.list.Len() == 0 {
			return t, "the list is empty"
		}
		if key.Matches(msg, k.Up, k.PageUp, k.HalfUp, k.Top) {
			return t, "already at the top of the list"
		}
		return t, "already at the end of the list"
	}
	return t, endOfPage(d, msg, k)
}

// move moves the list (when it has the keys) or scrolls the detail for a
// movement key; paging keys move the list only when it is shown alone. It
// reports whether msg was a movement key.
func (t *tab) move(msg tea.KeyPressMsg, k keyMap, f focus, listAlone bool) bool {
	d := &t.detail
	inList := f == focusList
	page := max(1, d.height-1)
	if listAlone {
		page = max(1, t.list.height-1)
	}
	if key.Matches(msg, k.HalfDown, k.HalfUp) {
		page = max(1, page/2)
	}
	step := 0
	switch {
	case key.Matches(msg, k.Up):
		step = -1
	case key.Matches(msg, k.Down):
		step = 1
	case key.Matches(msg, k.Top):
		if inList {
			t.list.First()
		} else {
			d.Top()
		}
		return true
	case key.Matches(msg, k.Bottom):
		if inList {
			t.list.Last()
		} else {
			d.Bottom()
		}
		return true
	case key.Matches(msg, k.PageDown, k.HalfDown):
		step, inList = page, listAlone
	case key.Matches(msg, k.PageUp, k.HalfUp):
		step, inList = -page, listAlone
	default:
		return false
	}
	if inList {
		t.list.Move(step)
	} else {
		d.Scroll(step)
	}
	return true
}

// moveRef is ] and [: the next or previous reference of the detail, or
// why there is none to select.
func (t *tab) moveRef(msg tea.KeyPressMsg, k keyMap, listAlone bool) string {
	d := &t.detail
	switch {
	case listAlone:
		return "references are in the detail: enter opens it"
	case len(d.refLines) == 0:
		return "this page has no references"
	case key.Matches(msg, k.NextRef):
		d.MoveRef(1)
	default:
		d.MoveRef(-1)
	}
	return ""
}

// endOfPage says why a scroll key did not move the page.
func endOfPage(d *detailPane, msg tea.KeyPressMsg, k keyMap) string {
	if d.total() <= d.height {
		return "the whole page is on screen"
	}
	if key.Matches(msg, k.Up, k.PageUp, k.HalfUp, k.Top) {
		return "top of the page"
	}
	return "end of the page"
}

// place is where the reader shows an item: a tab, the list item to select
// and, for items shown inside another's detail, the block to scroll to.
type place struct {
	tab    tabID
	item   data.Ref
	anchor data.Ref
}

// placeOf finds where ref is shown: every kind on its own tab, but
// statements, which are shown on their speaker's page.
func placeOf(b *data.Briefing, ref data.Ref) (place, bool) {
	if !b.Has(ref) {
		return place{}, false
	}
	switch ref.Kind {
	case data.KindOverview:
		return place{tab: tabOverview, item: ref}, true
	case data.KindEvent:
		return place{tab: tabTimeline, item: ref}, true
	case data.KindSession:
		return place{tab: tabSessions, item: ref}, true
	case data.KindSpeaker:
		return place{tab: tabSpeakers, item: ref}, true
	case data.KindMeasure:
		return place{tab: tabMeasures, item: ref}, true
	case data.KindSource:
		return place{tab: tabSources, item: ref}, true
	case data.KindFigure:
		return place{tab: tabFigures, item: ref}, true
	case data.KindTerm:
		return place{tab: tabGlossary, item: ref}, true
	case data.KindStatement:
		id, _, _ := ref.SplitStatement()
		return place{tab: tabSpeakers, item: data.Ref{Kind: data.KindSpeaker, ID: id}, anchor: ref}, true
	}
	return place{}, false
}
