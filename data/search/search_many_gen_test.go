package search_test

import (
	"slices"
	"testing"

	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/gen"
)

// TestSearchManyKeepsTheBest: over many briefings, searched by several
// workers that each keep only their best, SearchMany returns exactly the
// hits of searching each briefing alone and merging all their hits, best
// first and in library order on equal scores, cut to the limit.
func TestSearchManyKeepsTheBest(t *testing.T) {
	ixs := make([]*search.Index, 80)
	for i := range ixs {
		ixs[i] = search.NewIndex(gen.Briefing(20+i%7, int64(i)))
	}
	ixs[13] = nil // a briefing that could not be read
	for _, query := range []string{"c", "con", "convention", "minister", "convention -minister", `"the convention"`, "1000"} {
		q := search.ParseQuery(query)
		var all []search.ManyHit
		for i, ix := range ixs {
			if ix == nil {
				continue
			}
			for _, h := range ix.Search(q, search.SearchOptions{}) {
				all = append(all, search.ManyHit{Index: i, Hit: h})
			}
		}
		// Search gives each briefing's hits in document order on equal
		// scores; a stable sort keeps that, and the briefings' order.
		slices.SortStableFunc(all, func(a, b search.ManyHit) int { return b.Score - a.Score })
		if len(all) == 0 {
			t.Fatalf("%q finds nothing in %d generated briefings", query, len(ixs))
		}
		for _, limit := range []int{0, 1, 50, len(all) + 3} {
			got := search.SearchMany(ixs, q, search.SearchOptions{Limit: limit})
			want := all
			if limit > 0 && len(want) > limit {
				want = want[:limit]
			}
			if len(got) != len(want) {
				t.Fatalf("%q, limit %d: %d hits, want %d", query, limit, len(got), len(want))
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.Index != w.Index || g.Ref != w.Ref || g.Score != w.Score || g.Snippet != w.Snippet {
					t.Fatalf("%q, limit %d, hit %d: briefing %d %s (%d), want briefing %d %s (%d)",
						query, limit, i, g.Index, g.Ref, g.Score, w.Index, w.Ref, w.Score)
				}
			}
		}
	}
}
