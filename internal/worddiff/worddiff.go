// Package worddiff compares two texts word by word: what a changed item
// of a briefing lost and gained since the reader last saw it.
package worddiff

import "strings"

// Op says what happened to a run of words.
type Op int

const (
	Same    Op = iota // in both texts
	Removed           // only in the old text
	Added             // only in the new text
)

// Span is a run of words with what happened to it, the words joined by
// single spaces.
type Span struct {
	Op   Op
	Text string
}

// maxCells bounds the comparison table: texts longer than that (a
// thousand words each) are compared as a whole, all removed then all
// added, rather than held up.
const maxCells = 1_000_000

// Words compares old and new word by word (a longest common subsequence
// of their words) and returns the spans of the new text with the old
// words put back where they were removed, each removal before the
// addition that replaced it.
func Words(old, new string) []Span {
	a, b := strings.Fields(old), strings.Fields(new)
	if len(a)*len(b) > maxCells {
		return joinRuns([]Op{Removed, Added}, [][]string{a, b})
	}
	lcs := table(a, b)
	var ops []Op
	var words [][]string
	add := func(op Op, w string) {
		if n := len(ops); n > 0 && ops[n-1] == op {
			words[n-1] = append(words[n-1], w)
			return
		}
		ops, words = append(ops, op), append(words, []string{w})
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			add(Same, a[i])
			i, j = i+1, j+1
		case j == len(b) || (i < len(a) && lcs[i+1][j] >= lcs[i][j+1]):
			add(Removed, a[i])
			i++
		default:
			add(Added, b[j])
			j++
		}
	}
	return joinRuns(ops, words)
}

// table is the comparison table of a and b: table[i][j] is the length of
// the longest common subsequence of a[i:] and b[j:].
func table(a, b []string) [][]int {
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	return lcs
}

func joinRuns(ops []Op, words [][]string) []Span {
	var out []Span
	for k, op := range ops {
		if len(words[k]) > 0 {
			out = append(out, Span{op, strings.Join(words[k], " ")})
		}
	}
	return out
}

// Count is how many words the spans add and remove.
func Count(spans []Span) (added, removed int) {
	for _, s := range spans {
		switch s.Op {
		case Added:
			added += len(strings.Fields(s.Text))
		case Removed:
			removed += len(strings.Fields(s.Text))
		}
	}
	return added, removed
}

// Plain writes the spans as text a reader can follow without colour, as
// git's word diff does: [-removed-] and {+added+}.
func Plain(spans []Span) string {
	parts := make([]string, len(spans))
	for k, s := range spans {
		switch s.Op {
		case Removed:
			parts[k] = "[-" + s.Text + "-]"
		case Added:
			parts[k] = "{+" + s.Text + "+}"
		default:
			parts[k] = s.Text
		}
	}
	return strings.Join(parts, " ")
}
