package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTerms bounds the work one query can ask for; words past it are
// ignored.
const maxTerms = 32

// Query is what a reader typed, parsed: words that must all appear,
// phrases whose words must appear side by side, and excluded words. The
// zero Query is empty.
type Query struct {
	terms []queryTerm
	// prefix is set when the last word is still being typed: it then
	// matches every word it begins.
	prefix bool
}

// queryTerm is one word or phrase of a query.
type queryTerm struct {
	keys     []string // keys of the words, in order; several make a phrase
	text     string   // as typed, for String
	quoted   bool
	negative bool
}

// Span is a matched part of a text, in byte offsets; End is exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// ParseQuery parses what the reader typed. It never fails: every word must
// appear in an item, in any order and any field; "quoted words" must appear
// side by side; -word and -"quoted words" exclude the items holding them;
// words joined by punctuation ("2025-10-25", "l'ONU", "vnexpress-fr") are a
// phrase. The last word is a prefix unless the query ends in a space or a
// closing quote. An unclosed quote runs to the end.
func ParseQuery(s string) Query {
	var q Query
	for i := 0; i < len(s) && len(q.terms) < maxTerms; {
		open := strings.IndexFunc(s[i:], isQuote)
		if open < 0 {
			q.parseFree(s[i:])
			break
		}
		negative := q.parseFree(s[i : i+open])
		_, size := utf8.DecodeRuneInString(s[i+open:])
		start := i + open + size
		closing := strings.IndexFunc(s[start:], isQuote)
		if closing < 0 {
			q.addPhrase(s[start:], negative)
			break
		}
		q.addPhrase(s[start:start+closing], negative)
		_, size = utf8.DecodeRuneInString(s[start+closing:])
		i = start + closing + size
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	q.prefix = len(q.terms) > 0 && !unicode.IsSpace(last) && !endsWithClosedQuote(s)
	return q
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

// endsWithClosedQuote reports whether s ends by closing a quote (an even
// number of quote marks).
func endsWithClosedQuote(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	if !isQuote(last) {
		return false
	}
	n := 0
	for _, r := range s {
		if isQuote(r) {
			n++
		}
	}
	return n%2 == 0
}

// parseFree adds the words of unquoted text: words separated by spaces are
// separate terms, words joined by anything else one phrase. It reports
// whether the text ends in a "-" that excludes the quoted phrase after it.
func (q *Query) parseFree(s string) (excludeNext bool) {
	var group []word
	groupNegative := false
	prevEnd := 0
	flush := func() {
		if len(group) > 0 {
			q.add(s[group[0].start:group[len(group)-1].end], group, false, groupNegative)
		}
		group = group[:0]
	}
	scanWords(s, false, foldWord, func(w word) {
		gap := s[prevEnd:w.start]
		if len(group) == 0 || strings.IndexFunc(gap, unicode.IsSpace) >= 0 {
			flush()
			groupNegative = strings.HasPrefix(lead(gap), "-")
		}
		group = append(group, w)
		prevEnd = w.end
	})
	flush()
	trailing := s[prevEnd:]
	if prevEnd > 0 && strings.IndexFunc(trailing, unicode.IsSpace) < 0 {
		return false // the "-" is glued to the word before
	}
	return strings.HasPrefix(lead(trailing), "-")
}

// lead is what comes after the last space of a gap between words: the
// punctuation glued to the front of the next word.
func lead(gap string) string {
	if i := strings.LastIndexFunc(gap, unicode.IsSpace); i >= 0 {
		_, size := utf8.DecodeRuneInString(gap[i:])
		return gap[i+size:]
	}
	return gap
}

// addPhrase adds the words between quotes as one term.
func (q *Query) addPhrase(s string, negative bool) {
	var words []word
	scanWords(s, false, foldWord, func(w word) { words = append(words, w) })
	if len(words) > 0 {
		q.add(s[words[0].start:words[len(words)-1].end], words, true, negative)
	}
}

func (q *Query) add(text string, words []word, quoted, negative bool) {
	if len(q.terms) >= maxTerms {
		return
	}
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = w.key
	}
	q.terms = append(q.terms, queryTerm{keys: keys, text: text, quoted: quoted, negative: negative})
}

// Empty reports whether the query has nothing to search for: no words, or
// only excluded ones.
func (q Query) Empty() bool {
	for _, t := range q.terms {
		if !t.negative {
			return false
		}
	}
	return true
}

// String is the query in canonical form, for display: terms as typed,
// separated by single spaces, quotes closed. Parsing it again gives the
// same query, but for the prefix of the last word when the query ended in
// a space.
func (q Query) String() string {
	var sb strings.Builder
	for i, t := range q.terms {
		if i > 0 {
			sb.WriteByte(' ')
		}
		if t.negative {
			sb.WriteByte('-')
		}
		// Two numbers a space apart read as one ("1 000"): quotes keep
		// apart those that were typed apart.
		glued := i > 0 && !t.negative && startsWithDigit(t.text) && endsWithDigit(q.terms[i-1].text)
		if t.quoted || glued {
			sb.WriteString(`"` + t.text + `"`)
		} else {
			sb.WriteString(t.text)
		}
	}
	return sb.String()
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func endsWithDigit(s string) bool { return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9' }

// isPrefix reports whether the k-th key of term i is a prefix. A number
// never is: "1000" means a thousand, not every number it begins (100,000).
func (q Query) isPrefix(i, k int) bool {
	return q.prefix && i == len(q.terms)-1 && k == len(q.terms[i].keys)-1 && !startsWithDigit(q.terms[i].keys[k])
}

// matchQuality says how well a word of a text matches a word of a query.
type matchQuality uint8

const (
	noMatch     matchQuality = iota
	prefixMatch              // the text's word begins with the query's
	wholeMatch               // the words are the same
)

// quality compares the key of a text's word with key k of term i.
func (q Query) quality(key string, i, k int) matchQuality {
	want := q.terms[i].keys[k]
	switch {
	case key == want:
		return wholeMatch
	case q.isPrefix(i, k) && strings.HasPrefix(key, want):
		return prefixMatch
	}
	return noMatch
}

// Highlight returns the spans of text that the query's words and phrases
// match, by the rules of Search, sorted and not overlapping. Excluded words
// are not marked.
func (q Query) Highlight(text string) []Span {
	if q.Empty() {
		return nil
	}
	var words []word
	scanWords(text, true, foldWord, func(w word) { words = append(words, w) })
	var spans []Span
	for at := range words {
		end := -1
		for i, t := range q.terms {
			if !t.negative && at+len(t.keys) <= len(words) && q.phraseAt(words[at:], i) {
				end = max(end, words[at+len(t.keys)-1].end)
			}
		}
		if end >= 0 {
			spans = addSpan(spans, Span{words[at].start, end})
		}
	}
	return spans
}

// phraseAt reports whether the words of term i start the given words.
func (q Query) phraseAt(words []word, i int) bool {
	for k := range q.terms[i].keys {
		if q.quality(words[k].key, i, k) == noMatch {
			return false
		}
	}
	return true
}

// addSpan appends a span that starts at or after the last one, joining
// the two when they overlap.
func addSpan(spans []Span, s Span) []Span {
	if n := len(spans); n > 0 && s.Start < spans[n-1].End {
		spans[n-1].End = max(spans[n-1].End, s.End)
		return spans
	}
	return append(spans, s)
}
