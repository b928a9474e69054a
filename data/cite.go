package data

import "strings"

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
	var cites []Citation
	for i := 0; i < len(text); i++ {
		if text[i] != '[' || escaped(text, i) {
			continue
		}
		close := closingBracket(text, i)
		if close < 0 {
			continue
		}
		if close+1 < len(text) && text[close+1] == '(' {
			i = linkEnd(text, close+1) - 1 // a link: its text and target are not citations
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

// escaped reports whether the byte at i follows an odd run of backslashes.
func escaped(text string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && text[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// closingBracket returns the "]" that closes the "[" at open, counting
// nested unescaped brackets, or -1.
func closingBracket(text string, open int) int {
	depth := 0
	for j := open; j < len(text); j++ {
		switch {
		case text[j] != '[' && text[j] != ']', escaped(text, j):
		case text[j] == '[':
			depth++
		default:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// linkEnd returns the end of a link target "(url)" starting at open, or
// just after open when it is never closed.
func linkEnd(text string, open int) int {
	depth := 0
	for j := open; j < len(text); j++ {
		switch text[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return open + 1
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
