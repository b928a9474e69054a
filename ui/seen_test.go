package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
)

// seenReader is the reader at w×h whose memory has arrived saying
// nothing was read; mem records what it marks seen.
func seenReader(t *testing.T, w, h int) (*tester, *fakeMemory) {
	t.Helper()
	b := testBriefing(t)
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: freshMarks(b)} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, w, h)
	tt.send(memoryMsg(open()))
	runAll(tt)
	return tt, mem
}

// read presses each key and runs what it started, as Bubble Tea would.
func read(tt *tester, keys ...string) {
	for _, k := range keys {
		tt.press(k)
		runAll(tt)
	}
}

// seenKinds counts what mem recorded seen, by kind.
func seenKinds(mem *fakeMemory) map[data.Kind]int {
	n := map[data.Kind]int{}
	for r := range mem.seen {
		n[r.Kind]++
	}
	return n
}

// An item is seen when its own page is shown: reading two sources side
// by side marks those two sources, not the glossary terms and figures
// they cite; the Overview does not mark its key figures.
func TestSeenOnlyWhenItsOwnPageIsShown(t *testing.T) {
	t.Parallel()
	tt, mem := seenReader(t, 120, 40)
	read(tt, "6", "j")
	got := seenKinds(mem)
	if got[data.KindTerm] != 0 || got[data.KindFigure] != 0 {
		t.Errorf("showing two sources marked terms or figures seen: %v", got)
	}
	if got[data.KindSource] != 2 || got[data.KindOverview] != 1 {
		t.Errorf("the Overview and the two sources shown should be seen: %v", got)
	}
	b := testBriefing(t)
	if want := "8 Glossary ·" + itoa(len(b.Glossary)); !strings.Contains(tt.screen(), want) {
		t.Errorf("the Glossary should still count every term unseen (%q):\n%s", want, tt.screen())
	}
}

// A row passing under the cursor of a list shown alone (the Timeline at
// every width, any list below 100 columns) is not seen: its page is not
// on screen. Opening it is.
func TestRowsUnderTheCursorOfAListAloneAreNotSeen(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		tt, mem := seenReader(t, size[0], size[1])
		read(tt, "2", "j", "j", "4", "j", "j")
		got := seenKinds(mem)
		if size[0] < 100 && (got[data.KindEvent] != 0 || got[data.KindSpeaker] != 0) {
			t.Errorf("%dx%d: rows passed under the cursor were marked seen: %v", size[0], size[1], got)
		}
		if size[0] >= 100 && (got[data.KindEvent] != 0 || got[data.KindSpeaker] != 3) {
			t.Errorf("%dx%d: want no Timeline entry and the 3 speakers shown side by side seen: %v", size[0], size[1], got)
		}
		read(tt, "2", "enter")
		if got := seenKinds(mem); got[data.KindEvent] != 1 {
			t.Errorf("%dx%d: the Timeline entry opened should be seen: %v", size[0], size[1], got)
		}
	}
}

// U goes to the next row with something unread, in reading order, tab
// by tab, and says what it is and how many are left.
func TestNextUnreadWalksTheUnreadInReadingOrder(t *testing.T) {
	t.Parallel()
	tt, mem := seenReader(t, 120, 40)
	b := testBriefing(t)
	read(tt, "U")
	first := data.Ref{Kind: data.KindEvent, ID: b.Timeline[0].ID}
	if tt.m.active != tabTimeline || !mem.seen[first] {
		t.Fatalf("U from the Overview (read) should open the Timeline's first entry: tab %v, seen %v", tt.m.active, mem.seen)
	}
	if s := tt.m.status.text; !strings.Contains(s, "unread: ") || !strings.Contains(s, "more unread after it") {
		t.Errorf("U should say what it opened and how many are left: %q", s)
	}
	read(tt, "U")
	if sel := tt.selected(); sel == first || sel.Kind != data.KindEvent {
		t.Errorf("a second U should go to the next entry, got %v", sel)
	}
	tt.press("H")
	if tt.selected() != first {
		t.Errorf("H should come back from where U went: %v", tt.selected())
	}
}

// With everything read, U says so.
func TestNextUnreadWithNothingLeft(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	empty := services.Marks{Unseen: map[data.Ref]bool{}, Changed: map[data.Ref]bool{}, New: map[data.Ref]bool{}}
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: empty} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.send(memoryMsg(open()))
	tt.press("U")
	if !strings.Contains(tt.m.status.text, "nothing unread is left") || tt.m.active != tabOverview {
		t.Errorf("U with nothing unread should stay and say so: %v %q", tt.m.active, tt.m.status.text)
	}
}

// On a first read nothing is new or changed, however much is unread: c
// says what new and changed mean and points at U, as C's view does.
func TestFirstReadCSaysWhatItMeans(t *testing.T) {
	t.Parallel()
	tt, _ := seenReader(t, 120, 40)
	tt.press("c")
	s := tt.m.status.text
	if strings.Contains(s, "nothing new or changed since you last read") || !strings.Contains(s, "rows are unread") || !strings.Contains(s, "U goes to the next") {
		t.Errorf("c on a first read should say what it counts and point at U: %q", s)
	}
	tt.press("C")
	if !strings.Contains(tt.screen(), "U goes to the next") {
		t.Errorf("the What-changed view on a first read should point at U:\n%s", tt.screen())
	}
}

// A changed item whose earlier words the memory kept opens with them
// compared: removed words in [- -], added in {+ +}, readable without
// colour; the What-changed view gives the gist.
func TestChangedItemShowsItsWordDiff(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	ms := b.Measures[0]
	ref := data.Ref{Kind: data.KindMeasure, ID: ms.ID}
	now := services.ItemText(b, ref)
	old := strings.Replace(now, "quickly", "slowly", 1)
	if old == now {
		t.Fatalf("the first measure's text lacks the word to change: %q", now)
	}
	for _, style := range []Style{StyleDark, StyleNoTTY} {
		mk := services.Marks{Unseen: map[data.Ref]bool{ref: true}, Changed: map[data.Ref]bool{ref: true}, New: map[data.Ref]bool{}, Before: map[data.Ref]string{ref: old}}
		mem := &fakeMemory{seen: map[data.Ref]bool{}}
		open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: mk} }
		tt := newTestModelWith(t, b, Options{Style: style, OpenMemory: open}, 120, 40)
		tt.send(memoryMsg(open()))
		tt.press("c")
		screen := tt.screen()
		if !strings.Contains(screen, "Changed since you last read it") || !strings.Contains(screen, "[-slowly-] {+quickly+}") {
			t.Errorf("%v: the changed measure should open with its word diff:\n%s", style, screen)
		}
		if s := tt.m.status.text; !strings.Contains(s, "“slowly” → “quickly”") || strings.Contains(s, "measure:") {
			t.Errorf("%v: c should name the item and give the gist: %q", style, s)
		}
	}
}
