package search

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// Seeds for both fuzz targets: the rules' corner cases. The corpora under
// testdata/fuzz keep the inputs that once failed.
var fuzzQueries = []string{
	"", " ", "-", `"`, `""`, `-""`, "dang hoang giang", "Đặng Hoàng Giang", "gi", "gi ",
	`"hoang giang"`, `"unclosed`, `foo -bar -"a b"`, "1 000", "1,325%", "1\u00a0000", "12 345 678",
	`1 "000"`, "2025-10-25", "l'ONU", "“curly”", "a\xffb", "e\u0301", "ﬁ", "[dantri]",
}

// FuzzQuery parses any input and searches the rule briefing with it: no
// panic, a canonical form that parses back to itself, hits in order with
// marks inside their snippets.
func FuzzQuery(f *testing.F) {
	for _, q := range fuzzQueries {
		f.Add(q)
	}
	ix := NewIndex(ruleBriefing())
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		if again := ParseQuery(q.String()); again.String() != q.String() || again.Empty() != q.Empty() {
			t.Errorf("ParseQuery(%q).String() = %q parses back as %q", s, q.String(), again.String())
		}
		hits := ix.Search(q, SearchOptions{})
		if q.Empty() && len(hits) > 0 {
			t.Errorf("empty query %q found %d hits", s, len(hits))
		}
		checkHits(t, s, hits)
	})
}

// FuzzMatch puts any text into every kind of field and searches it with
// any query: marks stay inside snippets and Highlight's spans inside the
// text, on rune boundaries, sorted and apart.
func FuzzMatch(f *testing.F) {
	texts := []string{"Đặng Hoàng Giang said 1,325% [dantri].", "1 000 1.000 1\u202f000", "a\xffb \x1b[31mred", "**bold** [x](https://e.org)", "e\u0301te\u0301"}
	for i, q := range fuzzQueries {
		f.Add(q, texts[i%len(texts)])
	}
	f.Fuzz(func(t *testing.T, query, text string) {
		q := ParseQuery(query)
		checkSpans(t, query, text, q.Highlight(text))
		b := ruleBriefing()
		b.Overview.Synthesis = text
		b.Sources[0].KeyPoints = append(b.Sources[0].KeyPoints, text)
		b.Timeline[0].Title = text
		b.Speakers[0].Aliases = []string{text}
		b.Speakers[0].Statements[0].Text = text
		b.Figures[0].Value = text
		checkHits(t, query, NewIndex(b).Search(q, SearchOptions{}))
	})
}

func checkHits(t *testing.T, query string, hits []Hit) {
	t.Helper()
	for i, h := range hits {
		if i > 0 && hits[i-1].Score < h.Score {
			t.Errorf("%q: hit %d scores %d after %d", query, i, h.Score, hits[i-1].Score)
		}
		if n := utf8.RuneCountInString(h.Snippet); n > snippetRunes {
			t.Errorf("%q: snippet of %d runes: %q", query, n, h.Snippet)
		}
		checkSpans(t, query, h.Snippet, h.Marks)
	}
}

// checkSpans checks that spans lie inside text, on rune boundaries,
// sorted and not overlapping. In invalid UTF-8, each bad byte counts as a
// rune, as when ranging over the string.
func checkSpans(t *testing.T, query, text string, spans []Span) {
	t.Helper()
	boundary := map[int]bool{len(text): true}
	for i := range text {
		boundary[i] = true
	}
	for i, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Fatalf("%q: span %v out of %q", query, s, text)
		}
		if !boundary[s.Start] || !boundary[s.End] {
			t.Errorf("%q: span %v cuts a rune of %q", query, s, text)
		}
		if i > 0 && spans[i-1].End > s.Start {
			t.Errorf("%q: spans %v overlap or are out of order", query, spans)
		}
	}
	if !slices.IsSortedFunc(spans, func(a, b Span) int { return a.Start - b.Start }) {
		t.Errorf("%q: spans %v not sorted", query, spans)
	}
}
