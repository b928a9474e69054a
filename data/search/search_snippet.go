package search

import (
	"strings"
	"unicode/utf8"
)

// Snippets are at most snippetRunes runes, ellipses included, and show up
// to contextRunes runes before the first match.
const (
	snippetRunes = 160
	contextRunes = 40
	ellipsis     = "…"
)

// markBuffer holds the marks of a search's hits: one array for all of
// them, and scratch space for the matches of one field.
type markBuffer struct {
	all, field []Span
}

// hit turns a scored document into a Hit, with its snippet.
func (ix *Index) hit(s scoredDoc, terms []compiledTerm, buf *markBuffer) Hit {
	dc := ix.named(s.doc)
	h := Hit{Kind: dc.kind, Ref: dc.ref, Title: dc.title, Sources: dc.sources, Score: s.score, Marks: []Span{}}
	if h.Sources == nil {
		h.Sources = []string{}
	}
	fields, words := ix.body(s.doc)
	f := s.field
	// A match in the title is on screen already, and one in a label or in
	// borrowed words says little about the item: show what it is instead,
	// or nothing when the title says it all.
	if f < 0 || !shownInSnippet(fields[f].class) || strings.Contains(dc.title, fields[f].text) {
		f = dc.description
	}
	if f >= 0 && int(f) < len(fields) { // a decoded description is checked here
		h.Snippet, h.Marks = snippet(&fields[f], words, terms, buf)
	}
	return h
}

func shownInSnippet(c fieldClass) bool {
	return c != titleField && c != labelField && c != derivedField
}

// snippet cuts the part of a field around its first match and marks the
// matches in it.
func snippet(f *field, all []indexedWord, terms []compiledTerm, buf *markBuffer) (string, []Span) {
	words := all[f.firstWord:f.endWord]
	marks := buf.field[:0]
	for at := range words {
		end := -1
		for _, t := range terms {
			if !t.negative && at+len(t.words) <= len(words) && phraseAt(words[at:], t.words) {
				end = max(end, int(words[at+len(t.words)-1].end))
			}
		}
		if end >= 0 {
			marks = addSpan(marks, Span{int(words[at].start), end})
		}
	}
	buf.field = marks
	var first Span
	if len(marks) > 0 {
		first = marks[0]
	}
	start, end := window(f.text, first)
	if start == 0 && end == len(f.text) {
		return f.text, buf.keep(marks, 0, len(f.text), 0)
	}
	var sb strings.Builder
	sb.Grow(end - start + 2*len(ellipsis))
	shift := -start
	if start > 0 {
		sb.WriteString(ellipsis)
		shift += len(ellipsis)
	}
	sb.WriteString(f.text[start:end])
	if end < len(f.text) {
		sb.WriteString(ellipsis)
	}
	return sb.String(), buf.keep(marks, start, end, shift)
}

// keep adds to the shared array the marks within [start, end), shifted,
// and returns them. Slices returned earlier stay valid when the array
// grows: they keep the old one.
func (buf *markBuffer) keep(marks []Span, start, end, shift int) []Span {
	from := len(buf.all)
	for _, m := range marks {
		if m.Start >= start && m.End <= end {
			buf.all = append(buf.all, Span{m.Start + shift, m.End + shift})
		}
	}
	return buf.all[from:len(buf.all):len(buf.all)]
}

// phraseAt reports whether the words of a phrase start the given words.
func phraseAt(words []indexedWord, phrase []wordRange) bool {
	for k, w := range phrase {
		if w.quality(words[k].term) == noMatch {
			return false
		}
	}
	return true
}

// window chooses the bytes [start, end) of a one-line text to show around
// its first match: whole words, at most snippetRunes runes with the
// ellipses, beginning up to contextRunes runes before the match.
func window(text string, first Span) (start, end int) {
	anchor := first.Start
	if utf8.RuneCountInString(text) <= snippetRunes {
		return 0, len(text)
	}
	room := snippetRunes - 2 // for the ellipses
	start = wordStart(text, back(text, anchor, contextRunes), anchor)
	end = forward(text, start, room)
	if end == len(text) {
		// Near the end: fill the window with what comes before.
		start = wordStart(text, back(text, end, room), anchor)
	} else if cut := strings.LastIndexByte(text[start:end], ' '); cut > 0 && start+cut >= first.End {
		end = start + cut
	}
	return start, end
}

// back returns the offset n runes before i, or 0.
func back(text string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
	}
	return i
}

// forward returns the offset n runes after i, or len(text).
func forward(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}

// wordStart moves a cut at i forward to the start of the next word, if one
// starts before limit.
func wordStart(text string, i, limit int) int {
	if i == 0 || text[i-1] == ' ' {
		return i
	}
	if sp := strings.IndexByte(text[i:], ' '); sp >= 0 && i+sp+1 <= limit {
		return i + sp + 1
	}
	return i
}
