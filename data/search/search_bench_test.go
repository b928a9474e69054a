package search_test

import (
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/gen"
)

// benchQueries are what a reader types, one keystroke at a time for the
// first ones: the index answers every keystroke.
var benchQueries = []string{
	"d", "da", "dang", "dang hoang", "dang hoang giang",
	"Đặng Hoàng Giang", "cybercriminalite", "tội phạm mạng", "kejahatan dunia maya",
	"foreign ministry", "cuban", "1325", "1,325", "100 000",
	`"round table"`, "ministry -security", "2025-10-25", "interpol ai",
}

func benchmarkSearch(b *testing.B, br *data.Briefing, opt search.SearchOptions) {
	ix := search.NewIndex(br)
	queries := make([]search.Query, len(benchQueries))
	for i, s := range benchQueries {
		queries[i] = search.ParseQuery(s)
	}
	b.ReportAllocs()
	b.ResetTimer()
	hits := 0
	for i := 0; b.Loop(); i++ {
		hits += len(ix.Search(queries[i%len(queries)], opt))
	}
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}

func embeddedForBench(b *testing.B) *data.Briefing {
	br, err := data.Embedded()
	if err != nil {
		b.Fatalf("the embedded briefing does not load: %v", err)
	}
	return br
}

// BenchmarkSearchEmbedded is one query on the embedded briefing, all hits.
func BenchmarkSearchEmbedded(b *testing.B) {
	benchmarkSearch(b, embeddedForBench(b), search.SearchOptions{})
}

// BenchmarkSearchGenerated10k is one query on a generated briefing of
// 10,000 items, all hits.
func BenchmarkSearchGenerated10k(b *testing.B) {
	benchmarkSearch(b, gen.Briefing(10_000, 1), search.SearchOptions{})
}

// BenchmarkSearchGenerated10kLimit50 is the same with the first 50 hits,
// as a list on screen shows.
func BenchmarkSearchGenerated10kLimit50(b *testing.B) {
	benchmarkSearch(b, gen.Briefing(10_000, 1), search.SearchOptions{Limit: 50})
}

// BenchmarkNewIndexGenerated10k builds the index of 10,000 items, as the
// reader does once at start-up.
func BenchmarkNewIndexGenerated10k(b *testing.B) {
	br := gen.Briefing(10_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		search.NewIndex(br)
	}
}

// BenchmarkParseQuery parses every benchmark query once per op.
func BenchmarkParseQuery(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchQueries {
			search.ParseQuery(s)
		}
	}
}
