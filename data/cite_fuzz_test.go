package data

import (
	"reflect"
	"strings"
	"testing"

	"github.com/brief-reader/brief/internal/citetest"
)

// FuzzScanCitations: ScanCitations finds, on any text, the citations the
// map-based version it replaced found (kept below as the reference).
func FuzzScanCitations(f *testing.F) {
	for _, c := range citetest.Cases {
		f.Add(c.Text)
	}
	for _, s := range []string{"[a](b) [c]", "[[a]](u) [a]", `\[a\] [b]`, "[a](b [c]) [d]", "((([x]", "[a][b](c)[d]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ScanCitations(s), oldScanCitations(s); !reflect.DeepEqual(got, want) {
			t.Errorf("ScanCitations(%q) = %v, want %v", s, got, want)
		}
	})
}

func oldScanCitations(text string) []Citation {
	if strings.IndexByte(text, '[') < 0 {
		return nil // most texts
	}
	// Matching brackets and parentheses are found in one pass each, so a
	// hostile text of unclosed brackets costs linear time, not quadratic.
	brackets := oldMatchPairs(text, '[', ']')
	parens := oldMatchPairs(text, '(', ')')
	var cites []Citation
	for i := 0; i < len(text); i++ {
		close, ok := brackets[i]
		if !ok {
			continue
		}
		if close+1 < len(text) && text[close+1] == '(' {
			// A link: its text and target are not citations.
			if end, ok := parens[close+1]; ok {
				i = end
			} else {
				i = close + 1
			}
			continue
		}
		if id := text[i+1 : close]; isSourceID(id) {
			cites = append(cites, Citation{ID: id, Start: i, End: close + 1})
			i = close
		}
	}
	return cites
}
func oldMatchPairs(text string, open, close byte) map[int]int {
	pairs := map[int]int{}
	var stack []int
	backslashes := 0
	for j := 0; j < len(text); j++ {
		c := text[j]
		isEscaped := open == '[' && backslashes%2 == 1
		if c == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		switch {
		case isEscaped:
		case c == open:
			stack = append(stack, j)
		case c == close && len(stack) > 0:
			pairs[stack[len(stack)-1]] = j
			stack = stack[:len(stack)-1]
		}
	}
	return pairs
}
