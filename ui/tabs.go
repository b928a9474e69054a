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
	tabCount
)

var tabNames = [tabCount]string{"Overview", "Timeline", "Sessions", "Speakers", "Measures", "Sources"}

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
	// marked says the list's rows carry the current unseen marks.
	marked bool
}

// build makes the tab's list; it runs the first time the tab is shown, so
// start-up does no work for tabs nobody opens.
func (t *tab) build(b *data.Briefing) {
	if t.built {
		return
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
	}
	w, h := t.list.width, t.list.height
	t.list = newListPane(rows)
	t.list.SetSize(w, h)
}

// hasList reports whether the tab is master–detail.
func (t *tab) hasList() bool { return t.id != tabOverview }

// current is the item the detail pane should show.
func (t *tab) current() (data.Ref, bool) {
	if !t.hasList() {
		return data.Ref{Kind: data.KindOverview}, true
	}
	return t.list.Selected()
}

// update applies a movement key to the pane that has focus. It reports
// whether the key was one of its own.
func (t tab) update(msg tea.KeyPressMsg, k keyMap, f focus) (tab, bool) {
	if !t.hasList() {
		f = focusDetail
	}
	d := &t.detail
	switch {
	case key.Matches(msg, k.Up):
		if f == focusList {
			t.list.Move(-1)
		} else {
			d.Scroll(-1)
		}
	case key.Matches(msg, k.Down):
		if f == focusList {
			t.list.Move(1)
		} else {
			d.Scroll(1)
		}
	case key.Matches(msg, k.Top):
		if f == focusList {
			t.list.First()
		} else {
			d.Top()
		}
	case key.Matches(msg, k.Bottom):
		if f == focusList {
			t.list.Last()
		} else {
			d.Bottom()
		}
	case key.Matches(msg, k.PageDown):
		d.Scroll(max(1, d.height-1))
	case key.Matches(msg, k.PageUp):
		d.Scroll(-max(1, d.height-1))
	case key.Matches(msg, k.HalfDown):
		d.Scroll(max(1, d.height/2))
	case key.Matches(msg, k.HalfUp):
		d.Scroll(-max(1, d.height/2))
	case key.Matches(msg, k.NextRef):
		d.MoveRef(1)
	case key.Matches(msg, k.PrevRef):
		d.MoveRef(-1)
	default:
		return t, false
	}
	return t, true
}

// place is where the reader shows an item: a tab, the list item to select
// and, for items shown inside another's detail, the block to scroll to.
type place struct {
	tab    tabID
	item   data.Ref
	anchor data.Ref
}

// placeOf finds where ref is shown. Statements are shown on their speaker,
// figures in the Overview's key figures (next to the figures they conflict
// with) or, past the Overview's first ones, on their first source, and
// glossary terms on the first source that gives them.
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
	case data.KindStatement:
		id, _, _ := ref.SplitStatement()
		return place{tab: tabSpeakers, item: data.Ref{Kind: data.KindSpeaker, ID: id}, anchor: ref}, true
	case data.KindFigure:
		if overviewShows(b, ref.ID) {
			return place{tab: tabOverview, item: data.Ref{Kind: data.KindOverview}, anchor: ref}, true
		}
		f, _ := b.Figure(ref.ID)
		if len(f.Sources) == 0 || !b.Has(data.Ref{Kind: data.KindSource, ID: f.Sources[0]}) {
			return place{}, false
		}
		return place{tab: tabSources, item: data.Ref{Kind: data.KindSource, ID: f.Sources[0]}, anchor: ref}, true
	case data.KindTerm:
		t, _ := b.Term(ref.ID)
		if len(t.Sources) == 0 {
			return place{}, false
		}
		src := data.Ref{Kind: data.KindSource, ID: t.Sources[0]}
		if !b.Has(src) {
			return place{}, false
		}
		return place{tab: tabSources, item: src, anchor: ref}, true
	}
	return place{}, false
}
