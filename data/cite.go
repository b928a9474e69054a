package data

import (
	"slices"
	"strings"
)

// Citation is one inline citation of a text, "[source-id]": the id it
// names and the byte span of the whole marker, brackets included.
type Citation struct {
	ID         string
	Start, End int
}

// ScanCitations returns the inline citations of text in order. It is the
// one definition of the syntax, which the validator, search, the reader
// and the exports all use:
//   - "[id]" is a citation when id is a source id (lower-case letters,
//     digits and hyphens, not starting with a hyphen);
//   - a Markdown link "[text](url)" is never one, nor is an "[id]" inside
//     its text;
//   - an escaped bracket, "\[id\]", is text.
//
// Whether the id names a source is the caller's question.
func ScanCitations(text string) []Citation {
	if strings.IndexByte(text, '[') < 0 {
		return nil // most texts
	}
	// Matching brackets and parentheses are found in one pass each, so a
	// hostile text of unclosed brackets costs linear time, not quadratic.
	brackets := matchPairs(text, '[', ']')
	var parens []pair // found when the first link needs them
	var cites []Citation
	next := 0 // brackets[next] is the first pair opening at or after i
	for i := 0; i < len(text); i++ {
		for next < len(brackets) && brackets[next].open < i {
			next++
		}
		if next == len(brackets) {
			break
		}
		i = brackets[next].open
		close := brackets[next].close
		if close+1 < len(text) && text[close+1] == '(' {
			// A link: its text and target are not citations.
			if parens == nil {
				parens = matchPairs(text, '(', ')')
			}
			if end, ok := closeOf(parens, close+1); ok {
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

// Citations returns the source ids cited inline in text, in order of
// appearance (see ScanCitations).
func Citations(text string) []string {
	var ids []string
	for _, c := range ScanCitations(text) {
		ids = append(ids, c.ID)
	}
	return ids
}

// Uncited returns the ids of sources that text does not already cite
// inline, in their order: what a reader or an export still has to cite
// after the text.
func Uncited(sources []string, text string) []string {
	inText := ScanCitations(text)
	var out []string
	for _, id := range sources {
		cited := false
		for _, c := range inText {
			if c.ID == id {
				cited = true
				break
			}
		}
		if !cited {
			out = append(out, id)
		}
	}
	return out
}

// pair is an open byte and the close that matches it.
type pair struct{ open, close int }

// matchPairs gives every open byte that is closed with its close, nesting
// counted, in the order of the opens. Brackets after an odd run of
// backslashes are text; parentheses are matched as written, as in a link
// target.
func matchPairs(text string, open, close byte) []pair {
	var pairs []pair
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
			pairs = append(pairs, pair{stack[len(stack)-1], j})
			stack = stack[:len(stack)-1]
		}
	}
	// Pairs were found in the order of their closes.
	slices.SortFunc(pairs, func(a, b pair) int { return a.open - b.open })
	return pairs
}

// closeOf is the close of the pair that opens at open, if one does.
func closeOf(pairs []pair, open int) (int, bool) {
	i, ok := slices.BinarySearchFunc(pairs, open, func(p pair, open int) int { return p.open - open })
	if !ok {
		return 0, false
	}
	return pairs[i].close, true
}

// isSourceID reports whether s is written as a source id.
func isSourceID(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
