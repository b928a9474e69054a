package search

import (
	"github.com/brief-reader/brief/data"

	"slices"
	"strings"
	"testing"
)

// Search over the embedded Hanoi Convention briefing, as a reader would use
// it: each case names what must come first, and what must (or must not) be
// among the hits.

func embeddedIndex(t *testing.T) (*data.Briefing, *Index) {
	t.Helper()
	b, err := data.Embedded()
	if err != nil {
		t.Fatalf("the embedded briefing does not load: %v", err)
	}
	return b, NewIndex(b)
}

// embeddedCases are what a reader searches the embedded briefing for.
var embeddedCases = []struct {
	name, query string
	first       string   // the Ref of the first hit
	among       []string // Refs that must be hits too
	notAmong    []string // Refs that must not be hits
}{
	{"name with diacritics", "Đặng Hoàng Giang", "speaker:dang-hoang-giang", []string{"statement:dang-hoang-giang#0", "statement:dang-hoang-giang#1"}, nil},
	{"name without diacritics", "dang hoang giang", "speaker:dang-hoang-giang", nil, nil},
	{"name in capitals", "DANG HOANG GIANG", "speaker:dang-hoang-giang", nil, nil},
	{"stacked marks", "Lê Xuân Minh", "speaker:le-xuan-minh", nil, nil},
	{"stacked marks, plain", "le xuan minh", "speaker:le-xuan-minh", nil, nil},
	{"name the sources write plain", "pham the tung", "speaker:pham-the-tung", []string{"event:six-measures"}, nil},
	{"alias in Vietnamese", "Thứ trưởng", "term:vi-thu-truong", []string{"speaker:dang-hoang-giang"}, nil},
	{"alias in Indonesian", "kuba", "speaker:cuba", []string{"statement:cuba#0"}, nil},
	{"the man from the foreign ministry", "foreign ministry", "speaker:dang-hoang-giang", nil, nil},
	{"the Cuban", "cuban", "speaker:cuba", []string{"statement:cuba#0", "statement:cuba#1", "statement:cuba#2"}, nil},
	{"the Cuban statement", "cuban statement", "statement:cuba#0", []string{"statement:cuba#1", "statement:cuba#2"}, []string{"speaker:cuba"}},
	{"French term", "cybercriminalité", "term:fr-cybercriminalite", []string{"source:sggp"}, nil},
	{"French term, plain", "cybercriminalite", "term:fr-cybercriminalite", []string{"source:sggp"}, nil},
	{"French term, prefix", "cybercrimina", "term:fr-cybercriminalite", nil, nil},
	{"Vietnamese term", "tội phạm mạng", "term:vi-toi-pham-mang", []string{"overview:"}, nil},
	{"Vietnamese term, plain", "toi pham mang", "term:vi-toi-pham-mang", []string{"overview:"}, nil},
	{"Indonesian term", "kejahatan dunia maya", "term:id-kejahatan-dunia-maya", []string{"source:dantri"}, nil},
	{"Indonesian term, prefix", "kejahatan dunia ma", "term:id-kejahatan-dunia-maya", nil, nil},
	{"percentage", "1325", "figure:ai-abuse-material", []string{"session:child-protection"}, nil},
	{"percentage with comma", "1,325", "figure:ai-abuse-material", nil, nil},
	{"percentage with space", "1 325", "figure:ai-abuse-material", nil, nil},
	{"percentage as typed", "1,325%", "figure:ai-abuse-material", nil, nil},
	{"thousands", "1000", "figure:delegates-present", []string{"statement:pham-the-tung#0"}, nil},
	{"thousands with comma", "1,000", "figure:delegates-present", nil, nil},
	{"thousands with point", "1.000", "figure:delegates-present", nil, nil},
	{"thousands with space", "1 000", "figure:delegates-present", nil, nil},
	{"thousands with no-break space", "1\u00a0000", "figure:delegates-present", nil, nil},
	{"thousands with narrow no-break space", "1\u202f000", "figure:delegates-present", nil, nil},
	{"hundred thousand", "100 000", "figure:cyberattacks", []string{"statement:le-xuan-minh#0"}, nil},
	{"exact figure", "69", "figure:signatories-morning", []string{"event:opening-and-signing"}, nil},
	{"phrase", `"round table"`, "term:fr-table-ronde", []string{"event:child-protection", "session:child-protection"}, nil},
	{"phrase in French", `"table ronde"`, "term:fr-table-ronde", nil, []string{"event:child-protection"}},
	{"exclusion", "cuba -sanctions", "speaker:cuba", []string{"statement:cuba#0"}, []string{"statement:cuba#2"}},
	{"source id", "dantri", "source:dantri", nil, []string{"overview:"}},
	{"measure by number", "measure 3", "measure:public-private", nil, nil},
	{"date", "2025-10-26", "overview:", []string{"event:six-measures"}, []string{"event:opening-and-signing"}},
	{"words of a quote", "blockchain", "statement:chandra-bahadur-dhami#0", nil, nil},
	{"notes about the sources", "one event under two names", "overview:", nil, nil},
}

func TestSearchEmbedded(t *testing.T) {
	_, ix := embeddedIndex(t)
	for _, c := range embeddedCases {
		t.Run(c.name, func(t *testing.T) {
			got := refs(ix.Search(ParseQuery(c.query), SearchOptions{}))
			if len(got) == 0 || got[0] != c.first {
				t.Fatalf("%q: first hit %q, want %q", c.query, head(got), c.first)
			}
			for _, r := range c.among {
				if !slices.Contains(got, r) {
					t.Errorf("%q: %s is not among the hits %q", c.query, r, got)
				}
			}
			for _, r := range c.notAmong {
				if slices.Contains(got, r) {
					t.Errorf("%q: %s should not be among the hits", c.query, r)
				}
			}
		})
	}
}

// head is the first few refs, for messages.
func head(refs []string) []string { return refs[:min(len(refs), 5)] }

// TestSearchEmbeddedSpellings checks that the ways of writing one thing
// give the very same hits.
func TestSearchEmbeddedSpellings(t *testing.T) {
	_, ix := embeddedIndex(t)
	for _, group := range [][]string{
		{"Đặng Hoàng Giang", "dang hoang giang", "DANG HOANG GIANG", "đặng hoàng giang"},
		{"cybercriminalité", "cybercriminalite", "CYBERCRIMINALITÉ"},
		{"tội phạm mạng", "toi pham mang"},
		{"1000", "1,000", "1.000", "1 000", "1\u00a0000"},
		{"1325", "1,325", "1 325", "1.325"},
	} {
		want := refs(ix.Search(ParseQuery(group[0]), SearchOptions{}))
		for _, q := range group[1:] {
			if got := refs(ix.Search(ParseQuery(q), SearchOptions{})); !slices.Equal(got, want) {
				t.Errorf("%q finds %q,\nbut %q finds %q", q, head(got), group[0], head(want))
			}
		}
	}
}

// TestSearchEmbeddedRanking checks the order of every hit of a spread of
// queries against the rules: scores never rise, equal scores keep document
// order, an exact title comes before whole words, whole words before
// prefixes.
func TestSearchEmbeddedRanking(t *testing.T) {
	b, ix := embeddedIndex(t)
	order := documentOrder(b)
	for _, q := range []string{"cuba", "giang", "convention", "cyber", "hanoi", "1,000", "interpol", "child", "minister", "round table", "c", "2025"} {
		hits := ix.Search(ParseQuery(q), SearchOptions{})
		if len(hits) == 0 {
			t.Errorf("%q finds nothing", q)
			continue
		}
		for i := 1; i < len(hits); i++ {
			a, z := hits[i-1], hits[i]
			if a.Score < z.Score || (a.Score == z.Score && order[a.Ref] > order[z.Ref]) {
				t.Errorf("%q: %s (%d) ranks before %s (%d)", q, a.Ref, a.Score, z.Ref, z.Score)
			}
		}
	}
	// "cuba" is exactly a speaker's name, a whole word of many texts, and
	// the beginning of "Cuban".
	hits := ix.Search(ParseQuery("cuba"), SearchOptions{})
	if hits[0].Ref != (data.Ref{Kind: data.KindSpeaker, ID: "cuba"}) {
		t.Errorf("cuba: first hit %s, want the speaker", hits[0].Ref)
	}
	lastWhole := -1
	firstPrefix := len(hits)
	for i, h := range hits {
		words := strings.Fields(strings.ToLower(h.Snippet + " " + h.Title))
		if slices.ContainsFunc(words, func(w string) bool { return strings.Trim(w, ".,;:'’()\"") == "cuba" }) {
			lastWhole = i
		} else if strings.Contains(strings.ToLower(h.Snippet), "cuban") && i < firstPrefix {
			firstPrefix = i
		}
	}
	if lastWhole > firstPrefix {
		t.Errorf("cuba: a hit with only \"Cuban\" (%d) ranks before one with \"Cuba\" (%d)", firstPrefix, lastWhole)
	}
}

// documentOrder numbers every item in the order of Kinds, then of the
// briefing's slices.
func documentOrder(b *data.Briefing) map[data.Ref]int {
	all := b.Items()
	order := make(map[data.Ref]int, len(all))
	for i, r := range all {
		order[r] = i
	}
	return order
}

// TestSearchEmbeddedHits checks what every hit carries, for a spread of
// queries: a target the reader can open, the item's sources, marks that
// are matched words of the snippet.
func TestSearchEmbeddedHits(t *testing.T) {
	b, ix := embeddedIndex(t)
	for _, s := range []string{"giang", "cuba", "1,325", "convention", "kejahatan", `"round table"`, "e", "2025-10-25"} {
		q := ParseQuery(s)
		for _, h := range ix.Search(q, SearchOptions{}) {
			if !b.Has(h.Ref) {
				t.Errorf("%q: hit %s is not in the briefing", s, h.Ref)
			}
			if h.Kind != h.Ref.Kind {
				t.Errorf("%q: hit of kind %s has Ref %s", s, h.Kind, h.Ref)
			}
			if h.Title == "" || (len(h.Sources) == 0 && h.Kind != data.KindOverview) {
				t.Errorf("%q: hit %s has title %q and sources %v", s, h.Ref, h.Title, h.Sources)
			}
			if n := len([]rune(h.Snippet)); n > snippetRunes || strings.ContainsAny(h.Snippet, "\n\t") {
				t.Errorf("%q: snippet of %s is not one short line: %q", s, h.Ref, h.Snippet)
			}
			if got, want := h.Marks, q.Highlight(h.Snippet); !slices.Equal(got, want) && !isSubset(got, want) {
				t.Errorf("%q: marks %v of %q are not what Highlight finds (%v)", s, got, h.Snippet, want)
			}
		}
	}
}

// isSubset reports whether every span of a is in b: a snippet's marks may
// leave out a word cut in half by the ellipsis, which Highlight still sees.
func isSubset(a, b []Span) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}
