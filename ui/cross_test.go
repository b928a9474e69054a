package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/gen"
)

// crossSetup opens the built-in briefing at its third speaker, searches
// every briefing for "cybercrime" and opens the last hit found in the
// other briefing ("generated"); it returns the tester, the place it left
// and the index of that hit.
func crossSetup(t *testing.T) (tt *tester, lib *fakeLibrary, start data.Ref, k int) {
	t.Helper()
	b := testBriefing(t)
	lib = &fakeLibrary{other: gen.Briefing(60, 7), builtin: b}
	tt = newTestModelWith(t, b, Options{Style: StyleDark, Library: lib, BriefingID: "builtin"}, 120, 40)
	tt.press("4", "j", "j")
	start = tt.selected()
	tt.press("/")
	tt.typeText("cybercrime")
	tt.press("tab")
	tt.runCmd()
	hits := tt.m.search.all.hits
	k = -1
	for i, h := range hits {
		if h.Briefing == "generated" {
			k = i
		}
	}
	if k < 0 || k+1 >= len(hits) || hits[k+1].Briefing != "builtin" {
		t.Fatalf("want hits in the other briefing, then in this one: %d hits, last other at %d", len(hits), k)
	}
	for range k {
		tt.press("down")
	}
	tt.press("enter")
	tt.runCmd()
	if tt.m.b != lib.other || tt.selected() != placeRef(t, lib.other, hits[k].Ref) {
		t.Fatalf("enter should open hit %d in its briefing, at %v", k, tt.selected())
	}
	return tt, lib, start, k
}

// placeRef is the item the reader selects to show ref.
func placeRef(t *testing.T, b *data.Briefing, ref data.Ref) data.Ref {
	pl, ok := placeOf(b, ref)
	if !ok {
		t.Fatalf("no place for %v", ref)
	}
	return pl.item
}

// pressUntilCross presses key until it crosses to another briefing (its
// command opens one), at most 60 times.
func pressUntilCross(t *testing.T, tt *tester, key string) {
	t.Helper()
	b := tt.m.b
	for range 60 {
		tt.press(key)
		if tt.cmd != nil {
			tt.runCmd()
		}
		if tt.m.b != b {
			return
		}
	}
	t.Fatalf("%s never left the briefing; status %q", key, tt.m.status.text)
}

// TestSearchKeepsItsPlaceAcrossBriefings: after a hit of an
// all-briefings search opens another briefing, n goes on to the next hit,
// back in the first briefing, N returns, and H walks back across each
// jump to the place the search started from; L goes forward again.
func TestSearchKeepsItsPlaceAcrossBriefings(t *testing.T) {
	t.Parallel()
	tt, lib, start, k := crossSetup(t)
	hits := tt.m.search.doneAll
	if got := tt.m.status.text + tt.m.search.hitStatus(); !strings.Contains(got, "search hit "+itoa(k+1)+"/"+itoa(len(hits))) {
		t.Errorf("the other briefing's reader should know the search: %q", got)
	}

	pressUntilCross(t, tt, "n")
	if tt.m.b != lib.builtin || tt.m.search.cur != k+1 || tt.selected() != placeRef(t, tt.m.b, hits[k+1].Ref) {
		t.Fatalf("n past the other briefing's last hit should open hit %d here, at %v (cur %d)", k+1, tt.selected(), tt.m.search.cur)
	}
	if !tt.m.search.highlighting() {
		t.Error("the hit's words should be highlighted after crossing")
	}

	pressUntilCross(t, tt, "N")
	if tt.m.b != lib.other || tt.m.search.cur != k {
		t.Fatalf("N should go back to hit %d in the other briefing (cur %d)", k, tt.m.search.cur)
	}
	// Walking back, N lands on the hit's last match, as within a briefing.
	first := tt.m
	first.showHit(hits[k].Hit)
	last := first
	last.lastMatchOfHit()
	if tt.m.search.matchIdx != last.search.matchIdx {
		t.Errorf("N across briefings landed on match %d, want the hit's last, %d (its first is %d)", tt.m.search.matchIdx, last.search.matchIdx, first.search.matchIdx)
	}

	// H: the built-in briefing at hit k+1, the other at hit k, then where
	// the search started.
	for i, want := range []struct {
		b   *data.Briefing
		ref data.Ref
	}{{lib.builtin, placeRef(t, lib.builtin, hits[k+1].Ref)}, {lib.other, placeRef(t, lib.other, hits[k].Ref)}, {lib.builtin, start}} {
		tt.press("H")
		tt.runCmd()
		if tt.m.b != want.b || tt.selected() != want.ref {
			t.Fatalf("H #%d: want %v in %q, at %v in %q", i+1, want.ref, want.b.Overview.Title, tt.selected(), tt.m.b.Overview.Title)
		}
	}
	if tt.m.active != tabSpeakers {
		t.Errorf("H should come back to the Speakers tab, not %v", tt.m.active)
	}
	tt.press("L")
	tt.runCmd()
	if tt.m.b != lib.other || tt.selected() != placeRef(t, lib.other, hits[k].Ref) {
		t.Errorf("L should go forward to hit %d in the other briefing, at %v", k, tt.selected())
	}
}

// A search of this briefing alone never crosses: n wraps round its hits.
func TestLocalSearchStaysInItsBriefing(t *testing.T) {
	t.Parallel()
	lib := &fakeLibrary{other: gen.Briefing(60, 7)}
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark, Library: lib, BriefingID: "builtin"}, 120, 40)
	tt.press("/")
	tt.typeText("cybercrime")
	tt.press("enter")
	for range 40 {
		tt.press("n")
		if tt.cmd != nil && tt.runCmd() != nil && tt.m.b != testBriefing(t) {
			t.Fatal("n of a search of this briefing opened another")
		}
	}
	if len(lib.opened) != 0 {
		t.Errorf("opened %v", lib.opened)
	}
}
