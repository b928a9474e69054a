// Package words is the display vocabulary of a briefing: how kinds, dates,
// parts of day, languages, counts and lists read. The reader, the exports
// and the CLI all use it, so one thing reads the same wherever it shows.
package words

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/data"
)

// Label is how one value of an enum reads: Long in headings, fields and
// prose (sentence case), Short in a list column or a tag (lower case).
type Label struct{ Long, Short string }

// labels words every value of the briefing's enums, keyed by the typed
// value: kinds of session, of item and of speaker, and parts of the day.
var labels = map[any]Label{
	data.PressConference: {"Press conference", "press conference"},
	data.Ceremony:        {"Ceremony", "ceremony"},
	data.Plenary:         {"Plenary", "plenary"},
	data.HighLevel:       {"High-level discussion", "high-level"},
	data.Policy:          {"Policy discussion", "policy"},
	data.SideEvent:       {"Side event", "side event"},
	data.Campaign:        {"Campaign event", "campaign"},

	data.KindOverview:  {"Overview", "overview"},
	data.KindSource:    {"Source", "source"},
	data.KindEvent:     {"Timeline event", "event"},
	data.KindSession:   {"Session", "session"},
	data.KindSpeaker:   {"Speaker", "speaker"},
	data.KindStatement: {"Statement", "statement"},
	data.KindMeasure:   {"Measure", "measure"},
	data.KindFigure:    {"Figure", "figure"},
	data.KindTerm:      {"Glossary term", "term"},

	data.Person:       {"Person", "person"},
	data.Country:      {"Country", "country"},
	data.Organisation: {"Organisation", "organisation"},

	data.Morning:   {"Morning", "morning"},
	data.Afternoon: {"Afternoon", "afternoon"},
	data.Evening:   {"Evening", "evening"},
	data.AllDay:    {"All day", "all day"},
}

// label looks v up in labels; a value the table lacks (a bundle the
// validator has not seen) reads as written.
func label[K ~string](v K) Label {
	if l, ok := labels[v]; ok {
		return l
	}
	s := strings.ReplaceAll(string(v), "-", " ")
	return Label{Capitalise(s), s}
}

// SessionKind is how a kind of session reads.
func SessionKind(k data.SessionKind) Label { return label(k) }

// ItemKind is how a kind of item reads.
func ItemKind(k data.Kind) Label { return label(k) }

// SpeakerKind is how a kind of speaker reads.
func SpeakerKind(k data.SpeakerKind) Label { return label(k) }

// PartOfDay is how a part of day reads; "" stays "".
func PartOfDay(p data.PartOfDay) Label {
	if p == "" {
		return Label{}
	}
	return label(p)
}

// When is "Saturday 25 October 2025, morning": a date and, when a source
// gives it, the part of the day.
func When(date string, part data.PartOfDay) string {
	return Join(", ", LongDate(date), PartOfDay(part).Short)
}

const dateLayout = "2006-01-02"

// LongDate is "Saturday 25 October 2025"; text that is not a date is
// kept as it is.
func LongDate(s string) string {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return s
	}
	return t.Format("Monday 2 January 2006")
}

// ShortDate is "25 Oct 2025", for list columns; text that is not a date
// is kept as it is.
func ShortDate(s string) string {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}

// DateRange is "25–26 October 2025", naming the month and year once when
// the two days share them.
func DateRange(start, end string) string {
	a, err1 := time.Parse(dateLayout, start)
	z, err2 := time.Parse(dateLayout, end)
	switch {
	case err1 != nil || err2 != nil:
		return Join(" – ", start, end)
	case a.Equal(z):
		return a.Format("2 January 2006")
	case a.Year() != z.Year():
		return a.Format("2 January 2006") + " – " + z.Format("2 January 2006")
	case a.Month() != z.Month():
		return a.Format("2 January") + " – " + z.Format("2 January 2006")
	}
	return a.Format("2") + "–" + z.Format("2 January 2006")
}

// Language is the English name of a language code, "French" for "fr"; a
// code it does not know stays a code. A list column shows the code itself.
func Language(code string) string {
	if name, ok := languageNames[code]; ok {
		return name
	}
	return code
}

// Count is "1 statement", "3 statements".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// CountsSep is what stands between a figure's value and what it counts:
// "nearly 100 countries", but "hundreds of delegations" when the value is
// a round quantity in words.
func CountsSep(value string) string {
	last := value[strings.LastIndexByte(value, ' ')+1:]
	switch strings.ToLower(last) {
	case "dozens", "hundreds", "thousands", "millions", "billions", "tens":
		return " of "
	}
	return " "
}

// WithStop ends a lead-in with a full stop unless it ends in punctuation.
func WithStop(s string) string {
	s = strings.TrimSpace(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if s == "" || strings.ContainsRune(".!?:;…", last) {
		return s
	}
	return s + "."
}

// AsOf is when a figure holds, as a phrase: "as of morning of 25 October
// 2025"; a time that says itself how it was given ("recalled on 8 October
// 2025", a participle) does not follow "as of".
func AsOf(asOf string) string {
	first, _, _ := strings.Cut(asOf, " ")
	if len(first) > 3 && strings.HasSuffix(first, "ed") {
		return asOf
	}
	return "as of " + asOf
}

// Figure is a figure as a phrase: its value and what it counts.
func Figure(value, counts string) string { return value + CountsSep(value) + counts }

// List joins names as a list reads: "A, B, C".
func List(names []string) string { return strings.Join(names, ", ") }

// Join joins the parts that are not empty with sep.
func Join(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// Capitalise upper-cases the first letter of s.
func Capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// InSentence is a title as it reads after "at" in running text: "the
// international press conference …" for "International press conference
// …". A first word in capitals or with a capital inside ("UN", "ASEAN-led")
// keeps its case.
func InSentence(title string) string {
	first, _, _ := strings.Cut(title, " ")
	if first == "" || strings.ToUpper(first) == first || !hasLowerAfterFirst(first) {
		return "the " + title
	}
	r, size := utf8.DecodeRuneInString(title)
	return "the " + string(unicode.ToLower(r)) + title[size:]
}

// hasLowerAfterFirst reports whether every letter after the first of word
// is lower case: a capitalised word, not an acronym.
func hasLowerAfterFirst(word string) bool {
	_, size := utf8.DecodeRuneInString(word)
	for _, r := range word[size:] {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// shortRanks are the abbreviations of military and police ranks.
var shortRanks = map[string]string{
	"General":                   "Gen",
	"Lieutenant General":        "Lt Gen",
	"Major General":             "Maj Gen",
	"Senior Lieutenant General": "Sr Lt Gen",
	"Colonel":                   "Col",
	"Lieutenant Colonel":        "Lt Col",
	"Senior Colonel":            "Sr Col",
	"Major":                     "Maj",
	"Captain":                   "Capt",
}

// ShortRank is a rank as a list column writes it, "Lt Gen" for
// "Lieutenant General", so a list row keeps room for the whole name; a
// rank it does not know stays as it is.
func ShortRank(rank string) string {
	if r, ok := shortRanks[rank]; ok {
		return r
	}
	return rank
}

// Citation names a source in one line, as the reader copies it, bookmarks
// list it and the exports reference it: outlet (and the site it was
// republished by), headline, date of publication and URL, each when the
// source has it.
func Citation(s *data.Source) string {
	outlet := s.Outlet
	if s.Republisher != "" {
		outlet += " (via " + s.Republisher + ")"
	}
	headline := ""
	if s.Headline != "" {
		headline = `"` + s.Headline + `"`
	}
	return Join(", ", outlet, headline, s.Published, s.URL)
}
