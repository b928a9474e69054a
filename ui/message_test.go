package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
)

// messageText is what the status bar's lines say, joined: the screen's
// lines from the first that holds the place to the end, each trimmed.
func messageText(tt *tester, w int) string {
	lines := strings.Split(tt.screen(), "\n")
	tail := lines[len(lines)-1-strings.Count(tt.m.frame.bottom, "\n"):]
	var sb strings.Builder
	for i, l := range tail {
		if i == 0 {
			// The place comes first: skip it and the gap after it.
			if at := strings.Index(l, "  "); at >= 0 {
				l = l[at:]
			}
		}
		sb.WriteString(strings.TrimSpace(l))
		if !strings.HasSuffix(l, "/") && !strings.HasSuffix(strings.TrimRight(l, " "), "-") && i < len(tail)-1 {
			sb.WriteString(" ")
		}
	}
	return sb.String()
}

// A message longer than the status bar is never cut: it wraps onto more
// lines over the bottom of the panes, the screen keeps its height, and
// the next key gives the panes back.
func TestLongMessagesWrapWhole(t *testing.T) {
	t.Parallel()
	src := testBriefing(t).Sources[0]
	for _, size := range [][2]int{{120, 40}, {100, 30}, {80, 24}, {40, 12}} {
		w, h := size[0], size[1]
		tt := newTestModel(t, w, h)
		tt.m.open = nil // a served reader: no browser, the address is shown
		tt.showSource(src.ID)
		tt.press("o")
		screen := tt.screen()
		if n := strings.Count(screen, "\n") + 1; n != h {
			t.Errorf("%dx%d: the screen has %d lines with a long message", w, h, n)
		}
		got := strings.ReplaceAll(messageText(tt, w), " ", "")
		if !strings.Contains(got, src.URL) {
			t.Errorf("%dx%d: the no-browser message cut the URL %s:\n%s", w, h, src.URL, screen)
		}
		if w < 120 && !strings.Contains(tt.m.frame.bottom, "\n") {
			t.Errorf("%dx%d: a message longer than the bar should take a second line", w, h)
		}
		tt.press("j")
		if strings.Contains(tt.m.frame.bottom, "\n") {
			t.Errorf("%dx%d: the next key should give the panes their lines back", w, h)
		}
	}
}

// y and Y say what they sent and that the terminal must allow OSC 52.
func TestClipboardSaysWhatItSent(t *testing.T) {
	t.Parallel()
	src := testBriefing(t).Sources[0]
	tt := newTestModel(t, 80, 24)
	tt.showSource(src.ID)
	tt.press("Y")
	if s := tt.m.status.text; !strings.Contains(s, "OSC 52 (your terminal must allow it") || !strings.HasSuffix(s, src.URL) {
		t.Errorf("Y should say it sent the URL with OSC 52: %q", s)
	}
	tt.press("y")
	if s := tt.m.status.text; !strings.Contains(s, "OSC 52") || !strings.Contains(s, src.Outlet) {
		t.Errorf("y should say it sent the citation with OSC 52: %q", s)
	}
}

// Bookmark messages name the item by its title, never its internal id.
func TestBookmarkMessagesSpeakInTitles(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	sp := b.Speakers[0]
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded { return services.Loaded{Memory: mem} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.send(memoryMsg(open()))
	tt.press("4")
	tt.m.tabs[tabSpeakers].list.Select(data.Ref{Kind: data.KindSpeaker, ID: sp.ID})
	tt.send(nil)
	tt.press("*")
	runAll(tt)
	if s := tt.m.status.text; !strings.Contains(s, "bookmarked "+sp.Name) || strings.Contains(s, "speaker:") {
		t.Errorf("the bookmark message should name %s: %q", sp.Name, s)
	}
	removed := tt.m.bookmarkedStatus(bookmarkedMsg{ref: data.Ref{Kind: data.KindSpeaker, ID: sp.ID}})
	if s := removed.text; s != "bookmark removed: "+sp.Name {
		t.Errorf("the removal should name %s: %q", sp.Name, s)
	}
}

// / in the Briefings view does not filter: it says so and what to do
// instead; any other idle key in a list overlay says what works there.
func TestKeysThatDoNothingInOverlaysSayWhy(t *testing.T) {
	t.Parallel()
	lib := &fakeLibrary{entries: []services.BriefingEntry{{ID: "day-2", Title: "Day two", Place: "Hanoi", Start: "2025-10-26", End: "2025-10-26", Items: 80}}}
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark, Library: lib}, 120, 40)
	tt.press("B")
	runAll(tt)
	tt.press("/")
	if s := tt.m.status.text; !strings.Contains(s, "/ does not filter this list") || tt.m.top() != layerBriefings {
		t.Errorf("/ in Briefings should say why it does nothing and stay: %v %q", tt.m.top(), s)
	}
	tt.press("x")
	if s := tt.m.status.text; !strings.Contains(s, "x does nothing in Briefings: j/k move") {
		t.Errorf("an idle key in Briefings should say what works there: %q", s)
	}
}
