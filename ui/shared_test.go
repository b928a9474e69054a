package ui

import (
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/internal/services"
)

// Readers sharing a briefing render each page once and read the same
// render, while each keeps its own position.
func TestSharedReadersShareRendersNotState(t *testing.T) {
	t.Parallel()
	sh := NewShared(testBriefing(t))
	opts := Options{Style: StyleDark, Remote: true, Shared: sh}
	a := &tester{t: t, m: New(sh.Briefing(), opts)}
	b := &tester{t: t, m: New(sh.Briefing(), opts)}
	for _, tt := range []*tester{a, b} {
		tt.send(tea.WindowSizeMsg{Width: 120, Height: 40})
		tt.send(firstFrameMsg{})
		tt.runCmd() // the shared index
	}
	a.press("6", "j")
	b.press("6")
	if a.selected() == b.selected() {
		t.Fatalf("both readers are on %v: they share a position", a.selected())
	}
	pages := sh.Pages()
	b.press("j")
	if sh.Pages() != pages {
		t.Errorf("a page a first reader rendered was rendered again for the second: %d pages, then %d", pages, sh.Pages())
	}
	if a.detail().page != b.detail().page {
		t.Error("the two readers hold different renders of the same page")
	}
	if a.m.search.ix != b.m.search.ix || a.m.search.ix == nil {
		t.Error("the readers do not share one search index")
	}
}

// Over SSH, o must not start a browser on the server: it shows the address.
func TestRemoteOpenShowsTheAddress(t *testing.T) {
	t.Parallel()
	sh := NewShared(testBriefing(t))
	tt := &tester{t: t, m: New(sh.Briefing(), Options{Style: StyleDark, Remote: true, Shared: sh})}
	tt.send(tea.WindowSizeMsg{Width: 160, Height: 40})
	tt.press("6", "j", "o") // the second source by date: the first, Tiền Phong, has no URL
	src, ok := tt.m.shownSource()
	if !ok || src.URL == "" {
		t.Fatal("the selected source has no URL to show")
	}
	if tt.cmd != nil {
		t.Fatal("o returned a command: it would start an opener on the server")
	}
	// The bar cuts a long address; its start must be there.
	if !strings.Contains(tt.screen(), src.URL[:30]) {
		t.Fatalf("the status bar does not show %s:\n%s", src.URL, tt.screen())
	}
}

// Many readers on many goroutines read the shared pages and index; run
// with -race.
func TestSharedConcurrentReaders(t *testing.T) {
	t.Parallel()
	sh := NewShared(testBriefing(t))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			tt := &tester{t: t, m: New(sh.Briefing(), Options{Style: StyleDark, Shared: sh})}
			tt.send(tea.WindowSizeMsg{Width: 80 + i%3*20, Height: 30})
			tt.runCmd()
			tt.press("/")
			tt.typeText("hanoi")
			tt.press("enter", "2", "j", "j", "3", "j", "n")
		})
	}
	wg.Wait()
	if sh.Pages() == 0 {
		t.Fatal("no page was rendered into the shared cache")
	}
}

// A served reader that reopens its briefing from the Briefings view (B,
// enter) stays a served reader: the shared renders and index, o showing the
// address, and the no-state messages of a server.
func TestReopenedServedBriefingKeepsSharing(t *testing.T) {
	t.Parallel()
	sh := NewShared(testBriefing(t))
	lib := &fakeLibrary{other: sh.Briefing(), entries: []services.BriefingEntry{{ID: "builtin", Title: sh.Briefing().Overview.Title}}}
	tt := &tester{t: t, m: New(sh.Briefing(), Options{Style: StyleDark, Remote: true, Shared: sh, Library: lib, BriefingID: "builtin"})}
	tt.send(tea.WindowSizeMsg{Width: 160, Height: 40})
	tt.press("B")
	tt.runCmd()
	tt.press("enter")
	tt.runCmd()
	if len(lib.opened) != 1 {
		t.Fatalf("enter did not open the briefing: %v", lib.opened)
	}
	if tt.m.cache.shared != sh {
		t.Error("the reopened reader renders into a private cache, not the shared one")
	}
	if !tt.m.remote || tt.m.open != nil {
		t.Error("the reopened reader is no longer remote: o would start a browser on the server")
	}
	tt.press("*")
	if !strings.Contains(tt.m.status.text, "--authorized-keys") {
		t.Errorf("* in the reopened served reader gives a local reader's message: %q", tt.m.status.text)
	}
	tt.press("6", "j", "o")
	if tt.cmd != nil {
		t.Error("o in the reopened served reader returned a command: it would start an opener on the server")
	}
}
