package search

import (
	"github.com/brief-reader/brief/data"

	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Search compares words by their key: case-folded, decomposed to
// compatibility form, stripped of combining marks, with the few letters
// that carry their mark inside the letter (đ, ł, ø…) mapped to their base.
// "Đặng", "DANG" and "dang" share the key "dang"; "ﬁ" reads as "fi".

// folders are the transformer chains that compute keys; a chain keeps state,
// so each goroutine takes its own from the pool.
var folders = sync.Pool{New: func() any {
	return transform.Chain(cases.Fold(), norm.NFKD, runes.Remove(runes.In(unicode.Mn)), runes.Map(baseLetter))
}}

// baseLetter maps the letters that Unicode does not decompose into a base
// letter and a mark.
func baseLetter(r rune) rune {
	switch r {
	case 'đ', 'Đ', 'ð', 'Ð':
		return 'd'
	case 'ł', 'Ł':
		return 'l'
	case 'ø', 'Ø':
		return 'o'
	case 'ħ', 'Ħ':
		return 'h'
	case 'ŧ', 'Ŧ':
		return 't'
	case 'ı':
		return 'i'
	}
	return r
}

// foldWord returns the key of one word. ASCII words already in lower case
// are returned without copying.
func foldWord(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	t := folders.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	t.Reset()
	folders.Put(t)
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isWordRune reports whether r belongs to a word: letters, digits and
// other numbers, and the combining marks that decomposed text puts after
// its letters. Everything else (spaces, punctuation, hyphens, apostrophes)
// separates words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isGroupSeparator reports whether r can separate the thousands of a
// number: "1,000", "1.000", "1 000", and the no-break and thin spaces
// typography puts there.
func isGroupSeparator(r rune) bool {
	switch r {
	case ',', '.', ' ', '\u00a0', '\u202f', '\u2009':
		return true
	}
	return false
}

// word is one word of a text: its byte span and its key.
type word struct {
	start, end int
	key        string
}

// scanWords calls emit for each word of text, in order. Inline citations
// ("[dantri]") are skipped when skipCites is set: they name sources, not
// words of the text. A number is one word however its thousands are
// grouped, keyed by its digits ("1,325%" and "1 325 %" give "1325"); a
// decimal part is kept after a point ("3,5" and "3.5" give "3.5"). fold
// computes the key of a word's letters: foldWord, or a cache of it.
func scanWords(text string, skipCites bool, fold func(string) string, emit func(w word)) {
	var cites []data.Citation
	if skipCites {
		cites = data.ScanCitations(text)
	}
	for i := 0; i < len(text); {
		if len(cites) > 0 && i >= cites[0].Start {
			if i < cites[0].End {
				i = cites[0].End
			}
			cites = cites[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		var w word
		if r >= '0' && r <= '9' {
			w = scanNumber(text, i, fold)
		} else {
			w = scanLetters(text, i, fold)
		}
		if w.key != "" {
			emit(w)
		}
		i = w.end
	}
}

func scanLetters(text string, start int, fold func(string) string) word {
	end := start
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(r) {
			break
		}
		end += size
	}
	return word{start: start, end: end, key: fold(text[start:end])}
}

// scanNumber reads a number starting at start: ASCII digits, then groups
// of exactly three digits after one repeated separator, then a decimal
// part after ',' or '.', then any letters glued to it ("25th", "1,000km").
func scanNumber(text string, start int, fold func(string) string) word {
	end := skipDigits(text, start)
	var key []byte // built only when the number is written with separators
	var sep rune
	if end-start <= 3 {
		end, sep, key = scanGroups(text, start, end)
	}
	if end < len(text) && (text[end] == ',' || text[end] == '.') && rune(text[end]) != sep {
		if frac := skipDigits(text, end+1); frac > end+1 {
			if key == nil {
				key = append(make([]byte, 0, 16), text[start:end]...)
			}
			key = append(append(key, '.'), text[end+1:frac]...)
			end = frac
		}
	}
	numEnd := end
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(r) {
			break
		}
		end += size
	}
	if key == nil {
		return word{start: start, end: end, key: fold(text[start:end])}
	}
	return word{start: start, end: end, key: string(key) + fold(text[numEnd:end])}
}

// scanGroups reads the groups of exactly three digits that follow a
// number's leading digits text[start:end], each after the same separator
// ("1,000,000", "1 000"). It returns the new end, the separator (0 when
// there is no group) and the digits without separators (nil when none).
func scanGroups(text string, start, end int) (int, rune, []byte) {
	var key []byte
	var sep rune
	for {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !isGroupSeparator(r) || (sep != 0 && r != sep) {
			break
		}
		group := end + size
		after := skipDigits(text, group)
		if after-group != 3 {
			break
		}
		if key == nil {
			key = append(make([]byte, 0, 16), text[start:end]...)
		}
		key = append(key, text[group:after]...)
		sep, end = r, after
	}
	return end, sep, key
}

// skipDigits returns the end of the run of ASCII digits at i.
func skipDigits(text string, i int) int {
	for i < len(text) && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	return i
}
