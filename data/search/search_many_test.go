package search

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/gen"
)

// TestSearchManyMatchesSearch: searching one index with SearchMany gives
// the hits Search gives, and searching an index twice interleaves both
// copies' hits by score, the first index first on equal scores.
func TestSearchManyMatchesSearch(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(b)
	for _, query := range []string{"hanoi", "c", `"electronic evidence"`, "dang hoang giang", "1000"} {
		q := ParseQuery(query)
		want := ix.Search(q, SearchOptions{})
		if len(want) == 0 {
			t.Fatalf("%q finds nothing in the embedded briefing", query)
		}
		one := SearchMany([]*Index{ix}, q, SearchOptions{})
		if len(one) != len(want) {
			t.Fatalf("%q: %d hits, Search gives %d", query, len(one), len(want))
		}
		for i := range want {
			if one[i].Ref != want[i].Ref || one[i].Snippet != want[i].Snippet || one[i].Index != 0 {
				t.Fatalf("%q hit %d: %+v, want %+v", query, i, one[i], want[i])
			}
		}
		two := SearchMany([]*Index{ix, ix}, q, SearchOptions{Limit: 7})
		if len(two) != min(7, 2*len(want)) {
			t.Fatalf("%q over two: %d hits", query, len(two))
		}
		for i := 1; i < len(two); i++ {
			if two[i].Score > two[i-1].Score {
				t.Fatalf("%q: not best first", query)
			}
			if two[i].Score == two[i-1].Score && two[i].Index < two[i-1].Index {
				t.Errorf("%q: equal scores should keep the order of the indexes", query)
			}
		}
		if two[0].Ref != want[0].Ref || two[0].Index != 0 {
			t.Errorf("%q: the best hit should be the first index's best: %+v", query, two[0])
		}
	}
}

// TestSearchManyCounted: for every query of the test tables, with a limit
// or not, over decoded indexes, the hits are the first of all the hits
// and the total is how many there are in all.
func TestSearchManyCounted(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var ixs []*Index
	for i, br := range []*data.Briefing{ruleBriefing(), b, gen.Briefing(120, 3)} {
		ixs = append(ixs, roundTrip(t, NewIndex(br), strconv.Itoa(i)))
	}
	for _, s := range append(tableQueries(), `"hoang giang" -cuba`, `cyber -"electronic evidence"`) {
		q := ParseQuery(s)
		all := SearchMany(ixs, q, SearchOptions{})
		for _, limit := range []int{0, 1, 3, 20} {
			hits, total := SearchManyCounted(ixs, q, SearchOptions{Limit: limit})
			if total != len(all) {
				t.Fatalf("%q, limit %d: total %d, want %d", s, limit, total, len(all))
			}
			n := len(all)
			if limit > 0 {
				n = min(n, limit)
			}
			if !reflect.DeepEqual(hits, all[:n]) {
				t.Fatalf("%q, limit %d: %d hits, not the first of all %d", s, limit, len(hits), len(all))
			}
		}
	}
}
