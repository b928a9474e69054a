package data

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a place in a bundle file. Line and Col are 1-based; 0 means the
// whole file (or, for briefings built in code, that no file exists).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Problem is one thing wrong with a bundle: where, what, and how to fix it.
type Problem struct {
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// String is "file:line:col: message", then the hint on its own line.
func (p Problem) String() string {
	s := p.Pos.String() + ": " + p.Message
	if p.Hint != "" {
		s += "\n\thint: " + p.Hint
	}
	return s
}

// Problems is every problem found in a bundle, in file and line order. It
// is the error Load returns, so one run reports them all.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
}
