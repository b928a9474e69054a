package export

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
)

// TestEmbeddedExportHasNoNestedParentheses keeps remarks in fields of their
// own: a note inside a note "(… (…) …)" is hard to read, and the exports
// add parentheses of their own around date and published notes.
func TestEmbeddedExportHasNoNestedParentheses(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{Markdown, Text} {
		for i, line := range strings.Split(render(t, b, f), "\n") {
			depth := 0
			for _, r := range line {
				switch r {
				case '(':
					depth++
					if depth > 1 {
						t.Errorf("%s line %d nests parentheses: %s", f, i+1, line)
					}
				case ')':
					depth = max(depth-1, 0)
				}
			}
		}
	}
}
