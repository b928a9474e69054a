package words_test

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/citetest"
	"github.com/brief-reader/brief/internal/gen"
	"github.com/brief-reader/brief/internal/words"
)

// BenchmarkReadingLine is the overview's reading line of the 10,000-item
// briefing, which its first frame shows.
//
//	go test -run '^$' -bench ReadingLine -benchmem ./internal/words/
func BenchmarkReadingLine(b *testing.B) {
	br := gen.Briefing(10000, 1)
	b.ReportAllocs()
	for b.Loop() {
		words.ReadingLine(br)
	}
}

// oldCountWords is how CountWords was written before it had to be fast:
// its meaning, which the fast one must keep.
func oldCountWords(text string) int {
	for _, id := range data.Citations(text) {
		text = strings.ReplaceAll(text, "["+id+"]", " ")
	}
	return len(strings.Fields(text))
}

// FuzzCountWords: CountWords counts as it always did, on any text.
func FuzzCountWords(f *testing.F) {
	for _, c := range citetest.Cases {
		f.Add(c.Text)
	}
	for _, s := range []string{"", " a ", "\\[x] [x] y", "[[a]](u) [a]", "a[b]c [b]", "é\u00a0ü\u0085z", "a\xffb [c", "[a][a]", "x [a] [b](y) [c]"} {
		f.Add(s)
	}
	f.Add(gen.Briefing(20, 3).Speakers[0].Statements[0].Text)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := words.CountWords(s), oldCountWords(s); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", s, got, want)
		}
	})
}
