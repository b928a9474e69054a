package words

import (
	"testing"

	"github.com/brief-reader/brief/data"
)

// TestEveryValueHasBothForms: a kind added to data without words here
// would read as its raw id.
func TestEveryValueHasBothForms(t *testing.T) {
	checkTable(t, "session kind", data.SessionKinds)
	checkTable(t, "item kind", data.Kinds)
	checkTable(t, "speaker kind", data.SpeakerKinds)
	checkTable(t, "part of day", data.PartsOfDay)
}

// checkTable fails for a value of enum the table lacks or words only half.
func checkTable[K ~string](t *testing.T, what string, enum []K) {
	t.Helper()
	for _, v := range enum {
		l, ok := labels[v]
		if !ok || l.Long == "" || l.Short == "" {
			t.Errorf("%s %s has no long and short label: %+v", what, v, l)
		}
		if l.Long != Capitalise(l.Long) {
			t.Errorf("%s %s: long label %q is not in sentence case", what, v, l.Long)
		}
	}
}

func TestWords(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{LongDate("2025-10-25"), "Saturday 25 October 2025"},
		{LongDate("late October"), "late October"},
		{ShortDate("2025-10-25"), "25 Oct 2025"},
		{DateRange("2025-10-25", "2025-10-26"), "25–26 October 2025"},
		{DateRange("2025-10-31", "2025-11-01"), "31 October – 1 November 2025"},
		{DateRange("2025-12-31", "2026-01-01"), "31 December 2025 – 1 January 2026"},
		{DateRange("2025-10-25", "2025-10-25"), "25 October 2025"},
		{When("2025-10-25", data.AllDay), "Saturday 25 October 2025, all day"},
		{When("2025-10-25", ""), "Saturday 25 October 2025"},
		{Language("fr"), "French"},
		{Language("vi"), "Vietnamese"},
		{Language("qq-not-a-code!"), "qq-not-a-code!"},
		{Count(1, "hit"), "1 hit"},
		{Count(0, "hit"), "0 hits"},
		{List([]string{"A", "B"}), "A, B"},
		{InSentence("International press conference"), "the international press conference"},
		{InSentence(`"Not Alone" campaign exhibition space`), `the "Not Alone" campaign exhibition space`},
		{InSentence("UN plenary"), "the UN plenary"},
		{InSentence("ASEAN-led round table"), "the ASEAN-led round table"},
		{SessionKind("new-kind").Long, "New kind"},
		{ShortRank("Lieutenant General"), "Lt Gen"},
		{ShortRank("Deputy Minister"), "Deputy Minister"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// A figure reads as a phrase: a round quantity in words takes "of".
func TestFigurePhrase(t *testing.T) {
	for _, c := range [][3]string{
		{"hundreds", "international delegations", "hundreds of international delegations"},
		{"thousands", "visitors", "thousands of visitors"},
		{"nearly 100", "countries", "nearly 100 countries"},
		{"about 100,000", "cyberattacks", "about 100,000 cyberattacks"},
		{"2000", "year the UNTOC was signed", "2000 year the UNTOC was signed"},
		{"Hundreds", "cases", "Hundreds of cases"},
	} {
		if got := Figure(c[0], c[1]); got != c[2] {
			t.Errorf("Figure(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func TestReadingTime(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "1 minute (0 words)"},
		{230, "1 minute (230 words)"},
		{231, "2 minutes (231 words)"},
		{5000, "22 minutes (5,000 words)"},
		{1234567, "5368 minutes (1,234,567 words)"},
	} {
		if got := ReadingTime(tt.n); got != tt.want {
			t.Errorf("ReadingTime(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := CountWords("Nearly 70 signed [vtv] then [x](https://e.org) [dantri]"); got != 5 {
		t.Errorf("CountWords leaves citations out: got %d, want 5", got)
	}
	q := data.Quote{Text: "We need everyone.", Lang: "id"}
	if got, want := Quoted(q), "“We need everyone.” (quoted, translated from Indonesian)"; got != want {
		t.Errorf("Quoted = %q, want %q", got, want)
	}
}

func TestAsOf(t *testing.T) {
	for in, want := range map[string]string{
		"morning of 25 October 2025":     "as of morning of 25 October 2025",
		"recalled on 8 October 2025":     "recalled on 8 October 2025",
		"8 October 2025":                 "as of 8 October 2025",
		"the year before 8 October 2025": "as of the year before 8 October 2025",
		"reported on 26 October 2025":    "reported on 26 October 2025",
	} {
		if got := AsOf(in); got != want {
			t.Errorf("AsOf(%q) = %q, want %q", in, got, want)
		}
	}
}
