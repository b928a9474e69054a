package data

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxProblems is how many problems one load reports. A broken bundle
// rarely has more; a hostile one could have millions, each costing time to
// find and describe.
const MaxProblems = 200

// Pos is a place in a bundle file. Line and Col are 1-based; 0 means the
// whole file (or, for briefings built in code, that no file exists).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// String is "file:line:col", "file:line" or "file". The file name comes
// from the bundle's directory, so it is cleaned like any bundle text.
func (p Pos) String() string {
	file := CleanText(p.File)
	switch {
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Problem is one thing wrong with a bundle: where, what, and how to fix it.
type Problem struct {
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// String is "file:line:col: message", then the hint on its own line. It is
// what `brief validate` prints, so any text it holds is cleaned again.
func (p Problem) String() string {
	s := p.Pos.String() + ": " + CleanText(p.Message)
	if p.Hint != "" {
		s += "\n\thint: " + CleanText(p.Hint)
	}
	return s
}

// Problems is every problem found in a bundle, in file and line order. It
// is the error Load returns, so one run reports them all.
type Problems []Problem

// Error is every problem's String, one after the other.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// limit sorts ps and, past MaxProblems, keeps the first ones and says it
// stopped.
func (ps Problems) limit(label string) Problems {
	ps.sort()
	if len(ps) <= MaxProblems {
		return ps
	}
	ps = ps[:MaxProblems:MaxProblems]
	return append(ps, Problem{Pos: Pos{File: label}, Message: fmt.Sprintf("stopped after %d problems", MaxProblems), Hint: "fix these and validate again to see the rest"})
}

func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
}

// quote shows a value from the bundle in a message: Go-quoted, so control
// characters show as escapes, and cut short so a huge value stays readable.
func quote(s string) string {
	const limit = 60
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit-1]) + "…"
	}
	return strconv.Quote(s)
}

// closest suggests the known name nearest to a misspelt one. Long names
// and long lists get no suggestion: typos are in short names, and the cost
// grows with both.
func closest(name string, known []string) string {
	const maxName, maxKnown = 32, 1000
	best, bestDist := "", 4
	if len(name) > maxName || len(known) > maxKnown {
		return ""
	}
	for _, k := range known {
		if len(k) > maxName+bestDist {
			continue
		}
		if dist := EditDistance(strings.ToLower(name), strings.ToLower(k)); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + quote(best) + "?"
}

// EditDistance is the Levenshtein distance between a and b, in runes: what
// the validator's and the command line's "did you mean" measure.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
