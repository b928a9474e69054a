package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
)

// TestEveryTabNamedFrom80Columns: on a first launch (every item unseen, so
// every tab has a count) the tab bar names every tab from 80 columns, with
// the full names from 100 (their counts from 120); narrower, the active
// tab keeps its name. Counts count the rows a tab lists: the Speakers tab
// its speakers.
func TestEveryTabNamedFrom80Columns(t *testing.T) {
	b := testBriefing(t)
	for _, w := range []int{130, 120, 100, 90, 80, 79, 60, 40} {
		open := func() services.Loaded {
			return services.Loaded{Memory: &fakeMemory{seen: map[data.Ref]bool{}}, Marks: freshMarks(b)}
		}
		tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, w, 30)
		bar := strings.Split(tt.screen(), "\n")[1]
		t.Logf("%3d |%s|", w, bar)
		names := &tabNames
		if w < 100 {
			names = &shortTabNames
		}
		for i, name := range names {
			want := itoa(i+1) + " " + name
			if w < 80 && tabID(i) != tabOverview {
				continue
			}
			if w < 80 {
				want = itoa(i+1) + " " + shortTabNames[i] // or the full name
			}
			if !strings.Contains(bar, want) {
				t.Errorf("%d columns: %q missing from the tab bar %q", w, want, bar)
			}
		}
		if w >= 120 && !strings.Contains(bar, "4 Speakers ·"+itoa(len(b.Speakers))+" ") {
			t.Errorf("%d columns: want the Speakers tab to count its %d speakers: %q", w, len(b.Speakers), bar)
		}
		if w >= 80 && w < 100 && !strings.Contains(bar, "4 Spkrs·"+itoa(len(b.Speakers))+" ") {
			t.Errorf("%d columns: want short names with their counts: %q", w, bar)
		}
	}
}
