package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
)

// TestEveryTabNamedFrom80Columns: on a first launch (every item unseen, so
// every tab has a count) the tab bar names every tab from 80 columns, and
// from 100 names each in full with its count (the inactive tabs' numbers
// give way first, below 106); narrower, the active tab keeps its name.
// Counts count the rows a tab lists: the Speakers tab its speakers.
func TestEveryTabNamedFrom80Columns(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	for _, w := range []int{130, 120, 113, 106, 100, 90, 80, 79, 60, 40} {
		open := func() services.Loaded {
			return services.Loaded{Memory: &fakeMemory{seen: map[data.Ref]bool{}}, Marks: freshMarks(b)}
		}
		tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, w, 30)
		bar := strings.Split(tt.screen(), "\n")[1]
		t.Logf("%3d |%s|", w, bar)
		checkBarNames(t, w, bar)
		speakers := itoa(len(b.Speakers)) + " "
		switch {
		case w >= 120 && !strings.Contains(bar, "4 Speakers ·"+speakers):
			t.Errorf("%d columns: want the Speakers tab to count its %d speakers: %q", w, len(b.Speakers), bar)
		case w >= 106 && w < 120 && !strings.Contains(bar, "4 Speakers·"+speakers):
			t.Errorf("%d columns: want numbered full names with their counts: %q", w, bar)
		case w >= 100 && w < 106 && (!strings.Contains(bar, " Speakers·"+speakers) || !strings.Contains(bar, "1 Overview")):
			t.Errorf("%d columns: want full names with their counts, the active tab numbered: %q", w, bar)
		case w >= 80 && w < 100 && !strings.Contains(bar, "Spkrs·"+speakers) && !strings.Contains(bar, "Speakers·"+speakers):
			t.Errorf("%d columns: want every name with its count: %q", w, bar)
		}
	}
}

// checkBarNames checks that every tab is named in the bar at width w: in
// full from 100 columns, at least shortly from 80, the active one always.
func checkBarNames(t *testing.T, w int, bar string) {
	t.Helper()
	for i := range tabNames {
		if w < 80 && tabID(i) != tabOverview {
			continue
		}
		ok := strings.Contains(bar, tabNames[i])
		if w < 100 {
			ok = ok || strings.Contains(bar, shortTabNames[i])
		}
		if !ok {
			t.Errorf("%d columns: %q missing from the tab bar %q", w, tabNames[i], bar)
		}
	}
}
