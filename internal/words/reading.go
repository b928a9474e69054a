package words

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/data"
)

// WordsPerMinute is the reading speed a reading time assumes: 230 words a
// minute, a common adult speed for non-fiction read for understanding.
const WordsPerMinute = 230

// CountWords counts the words a reader reads in a bundle text: runs of
// non-space, with inline [source-id] citations left out.
func CountWords(text string) int {
	cites := data.ScanCitations(text)
	n, inField := 0, false
	for i := 0; i < len(text); {
		// Every "[id]" of an id the text cites is a space, a citation
		// or not.
		if end := citedAt(text, i, cites); end > i {
			inField, i = false, end
			continue
		}
		space, size := isSpaceAt(text, i)
		if !space && !inField {
			n++
		}
		inField, i = !space, i+size
	}
	return n
}

// isSpaceAt reports whether the character at text[i] is white space, as
// strings.Fields sees it, and its length.
func isSpaceAt(text string, i int) (bool, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r', 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r), size
}

// citedAt is the end of "[id]" at text[i:] when id is cited in text, else
// i.
func citedAt(text string, i int, cites []data.Citation) int {
	if len(cites) == 0 || text[i] != '[' {
		return i
	}
	j := strings.IndexByte(text[i+1:], ']')
	if j < 0 {
		return i
	}
	id := text[i+1 : i+1+j]
	for _, c := range cites {
		if c.ID == id {
			return i + j + 2
		}
	}
	return i
}

// Minutes is a reading time in whole minutes, rounded up, at least one.
func Minutes(words int) int {
	return max(1, (words+WordsPerMinute-1)/WordsPerMinute)
}

// ReadingTime is how long n words take to read: "2 minutes (420 words)",
// "22 minutes (5,000 words)".
func ReadingTime(n int) string {
	m := Minutes(n)
	unit := " minutes"
	if m == 1 {
		unit = " minute"
	}
	noun := " words"
	if n == 1 {
		noun = " word"
	}
	return strconv.Itoa(m) + unit + " (" + thousands(n) + noun + ")"
}

// thousands writes n with a comma between groups of three digits, as the
// briefing writes its figures: 5,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ReadingLine is the briefing's reading times, for the overview and for
// everything: "overview 2 minutes (420 words); whole briefing 22 minutes
// (5,000 words)".
func ReadingLine(b *data.Briefing) string {
	c := Counts(b)
	return "overview " + ReadingTime(c.Overview) + "; whole briefing " + ReadingTime(c.Whole)
}

// Counts are b's word counts (OverviewWords, BriefingWords), counted once
// per briefing and kept in its snapshot.
func Counts(b *data.Briefing) data.WordCounts {
	return b.Words(func(b *data.Briefing) data.WordCounts {
		return data.WordCounts{Overview: OverviewWords(b), Whole: BriefingWords(b)}
	})
}

// OverviewWords counts the overview's prose: the synthesis and its
// sections (background, parties, outlook, notes about the sources).
func OverviewWords(b *data.Briefing) int {
	o := &b.Overview
	n := CountWords(o.Synthesis) + CountWords(o.PartiesNote) + countAll(o.Background) + countAll(o.Outlook) + countAll(o.AboutSources)
	for i := range o.Parties {
		n += CountWords(o.Parties[i].Label()) + CountWords(o.Parties[i].Note)
	}
	return n
}

// BriefingWords counts every text of the briefing a reader reads: the
// overview and each item's words, without ids, citations or field labels.
func BriefingWords(b *data.Briefing) int {
	n := OverviewWords(b)
	for i := range b.Sources {
		s := &b.Sources[i]
		n += CountWords(s.Outlet+" "+s.Headline+" "+s.Summary+" "+s.Note) + countAll(s.KeyPoints)
	}
	for i := range b.Timeline {
		e := &b.Timeline[i]
		n += CountWords(e.Title + " " + e.Text + " " + e.DateNote)
	}
	for i := range b.Sessions {
		s := &b.Sessions[i]
		n += CountWords(s.Title + " " + s.Summary + " " + s.ChairNote + " " + s.DateNote)
		for _, t := range s.OriginalTitles {
			n += CountWords(t.Text)
		}
	}
	for i := range b.Speakers {
		sp := &b.Speakers[i]
		n += CountWords(sp.Label() + " " + sp.Role + " " + sp.Organisation + " " + sp.Note)
		for _, st := range sp.Statements {
			n += CountWords(st.Text) + CountWords(st.Quote.Text)
		}
	}
	for i := range b.Measures {
		n += CountWords(b.Measures[i].Title + " " + b.Measures[i].Text)
	}
	for i := range b.Figures {
		f := &b.Figures[i]
		n += CountWords(f.Value + " " + f.Counts + " " + f.AsOf + " " + f.Note)
	}
	for i := range b.Glossary {
		g := &b.Glossary[i]
		n += CountWords(g.Term + " " + g.English + " " + g.Note)
	}
	return n
}

func countAll(texts []string) int {
	n := 0
	for _, t := range texts {
		n += CountWords(t)
	}
	return n
}

// Quoted marks a statement's quotation as a quote and as our translation:
// “We need…” (quoted, translated from Indonesian).
func Quoted(q data.Quote) string {
	return "“" + strings.TrimSpace(q.Text) + "” " + QuoteNote(q)
}

// QuoteNote is the mark after a quotation: "(quoted, translated from
// Indonesian)"; "(quoted)" when the quote is in English.
func QuoteNote(q data.Quote) string {
	if q.Lang == "en" {
		return "(quoted)"
	}
	return "(quoted, translated from " + Language(q.Lang) + ")"
}
