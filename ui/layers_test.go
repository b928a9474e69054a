package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
)

// overlayCases open each list overlay over the Speakers tab, its detail
// scrolled, with a few entries to list.
func overlayCases(t *testing.T) []struct {
	name  string
	layer layer
	open  func(tt *tester)
} {
	return []struct {
		name  string
		layer layer
		open  func(tt *tester)
	}{
		{"briefings", layerBriefings, func(tt *tester) { tt.press("B"); runAll(tt) }},
		{"bookmarks", layerBookmarks, func(tt *tester) { tt.press("M"); runAll(tt) }},
		{"changed", layerChanged, func(tt *tester) { tt.press("C") }},
	}
}

// overlayTester is a reader on the Speakers tab with a library, bookmarks
// and changed items to list.
func overlayTester(t *testing.T, style Style, w, h int) *tester {
	b := testBriefing(t)
	lib := &fakeLibrary{notes: map[string]string{}, entries: []services.BriefingEntry{
		{ID: "day-2", Title: "Day two", Place: "Hanoi", Start: "2025-10-26", End: "2025-10-26", Items: 80, Unseen: 12, Changed: 3},
		{ID: "builtin", Title: b.Overview.Title, Place: b.Overview.Place, Start: b.Overview.Start, End: b.Overview.End, Items: 90, Unseen: 90},
		{ID: "gone", Title: "Gone", Problem: "its copy in the library is gone"},
	}, bookmarks: []services.BookmarkEntry{
		{Briefing: "builtin", BriefingTitle: "Hanoi Convention", Ref: data.Ref{Kind: data.KindMeasure, ID: "m1"},
			Title: "Measure 1: Accede", Text: "States should accede.", Citations: []string{"Sài Gòn Giải phóng, “Headline”, 26 October 2025"}},
		{Briefing: "library:day-2", BriefingTitle: "Day two", Ref: data.Ref{Kind: data.KindStatement, ID: "x#0"},
			Title: "A speaker, at Opening", Text: "Said a thing.", Note: "for the intro"},
		{Briefing: "library:gone", Ref: data.Ref{Kind: data.KindTerm, ID: "t"}, Missing: "its briefing is no longer in the library"},
	}}
	mk := services.Marks{Unseen: map[data.Ref]bool{}, Changed: map[data.Ref]bool{}, New: map[data.Ref]bool{}, Before: map[data.Ref]string{}}
	for i := range 3 {
		r := data.StatementRef(b.Speakers[i].ID, 0)
		mk.Unseen[r], mk.Changed[r] = true, true
	}
	// The first changed statement kept its earlier words (one word
	// other); the others were seen before brief kept them.
	first := data.StatementRef(b.Speakers[0].ID, 0)
	now := services.ItemText(b, first)
	mk.Before[first] = strings.Replace(now, " the ", " a ", 1)
	added := data.Ref{Kind: data.KindMeasure, ID: b.Measures[1].ID}
	mk.Unseen[added], mk.New[added] = true, true
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: mk} }
	tt := newTestModelWith(t, b, Options{Style: style, Library: lib, OpenMemory: open}, w, h)
	tt.send(memoryMsg(open()))
	tt.press("4", "j", "j", "l", "d")
	return tt
}

// With a list overlay open, clicks and the wheel anywhere never reach the
// tab beneath: its tab, selection, focus and scroll stay; the wheel moves
// the overlay's selection, a click on an entry selects it.
func TestClicksAndWheelNeverReachTheTabUnderAnOverlay(t *testing.T) {
	t.Parallel()
	for _, c := range overlayCases(t) {
		t.Run(c.name, func(t *testing.T) {
			tt := overlayTester(t, StyleDark, 120, 40)
			c.open(tt)
			if tt.m.top() != c.layer {
				t.Fatalf("top is %v, want %v", tt.m.top(), c.layer)
			}
			tab, sel, focus, offset := tt.m.active, tt.selected(), tt.m.focus, tt.detail().offset
			body := tt.m.lay.bodyY
			wheel := func(b tea.MouseButton, x, y int) { tt.send(tea.MouseWheelMsg{X: x, Y: y, Button: b}) }
			wheel(tea.MouseWheelDown, 10, body+2)
			wheel(tea.MouseWheelDown, 100, body+10)
			o, _, _ := tt.m.overlayOnTop()
			if o.sel != 2 {
				t.Errorf("two notches of the wheel moved the overlay's selection to %d, want 2", o.sel)
			}
			wheel(tea.MouseWheelUp, 100, body+5)
			for _, at := range [][2]int{{2, body - 1}, {20, body - 1}, {60, body - 1}, {5, body + 3}, {100, body + 3}, {60, body + 20}} {
				tt.send(tea.MouseClickMsg{X: at[0], Y: at[1], Button: tea.MouseLeft})
			}
			if tt.m.top() != c.layer {
				t.Fatalf("a click closed the overlay: top is %v", tt.m.top())
			}
			if tt.m.active != tab || tt.selected() != sel || tt.m.focus != focus || tt.detail().offset != offset {
				t.Errorf("the tab beneath changed: tab %v→%v, item %v→%v, focus %v→%v, offset %d→%d",
					tab, tt.m.active, sel, tt.selected(), focus, tt.m.focus, offset, tt.detail().offset)
			}
			// A click on the first entry selects it.
			tt.send(tea.MouseClickMsg{X: 5, Y: body + 1, Button: tea.MouseLeft})
			if o, _, _ := tt.m.overlayOnTop(); o.sel != 0 {
				t.Errorf("a click on the first entry selected %d", o.sel)
			}
			tt.press("esc")
			if tt.m.top() != layerTab || tt.m.active != tab || tt.selected() != sel {
				t.Errorf("esc should close the overlay onto the same tab: top %v tab %v item %v", tt.m.top(), tt.m.active, tt.selected())
			}
		})
	}
}

// TestGoldenOverlays compares the three list overlays with
// testdata/TestGoldenOverlays; regenerate with -update and review.
func TestGoldenOverlays(t *testing.T) {
	t.Parallel()
	for _, set := range []struct {
		name    string
		style   Style
		profile colorprofile.Profile
	}{{"dark", StyleDark, colorprofile.ANSI256}, {"mono", StyleNoTTY, colorprofile.ASCII}} {
		for _, size := range goldenSizes {
			for _, c := range overlayCases(t) {
				t.Run(fmt.Sprintf("%s_%dx%d/%s", set.name, size[0], size[1], c.name), func(t *testing.T) {
					t.Parallel() // each screen is a model of its own
					tt := overlayTester(t, set.style, size[0], size[1])
					c.open(tt)
					tt.press("j")
					view := tt.m.View().Content
					checkFits(t, view, size[0], size[1])
					golden.RequireEqual(t, downsample(t, view, set.profile))
				})
			}
		}
	}
}

// A key that does nothing in a list overlay says so, and which keys do
// something there: ? once did nothing and drew nothing in Briefings.
func TestListOverlaysSayWhyAKeyDoesNothing(t *testing.T) {
	t.Parallel()
	for _, c := range overlayCases(t) {
		tt := overlayTester(t, StyleDark, 100, 30)
		c.open(tt)
		for _, k := range []string{"?", "x", "ctrl+a"} {
			before := tt.screen()
			tt.press(k)
			if tt.m.top() != c.layer || !strings.Contains(tt.m.status.text, k+" does nothing in "+c.layer.String()) || tt.screen() == before {
				t.Errorf("%s: %s should say why it does nothing; status %q", c.name, k, tt.m.status.text)
			}
		}
	}
	// At either end of the list, a move says why it moved nothing.
	for _, c := range overlayCases(t) {
		tt := overlayTester(t, StyleDark, 100, 30)
		c.open(tt)
		for _, k := range []struct{ keys, want string }{
			{"g k", "already at the top of the list"},
			{"G j", "already at the end of the list"},
		} {
			tt.press(strings.Fields(k.keys)...)
			if tt.m.top() != c.layer || tt.m.status.text != k.want {
				t.Errorf("%s: %s should say %q; status %q", c.name, k.keys, k.want, tt.m.status.text)
			}
		}
	}
	// With nothing listed, the keys that act on an entry say so, and the
	// list keys say it is empty.
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark, Library: &fakeLibrary{notes: map[string]string{}}}, 100, 30)
	tt.press("M")
	runAll(tt)
	if tt.press("j"); tt.m.status.text != "the list is empty" {
		t.Errorf("j in an empty Bookmarks should say the list is empty; status %q", tt.m.status.text)
	}
	for _, k := range []string{"y", "e"} {
		tt.press(k)
		if !strings.Contains(tt.m.status.text, "Bookmarks lists nothing") {
			t.Errorf("%s with no bookmarks should say there are none; status %q", k, tt.m.status.text)
		}
	}
}
