package bookmarks

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

func embedded(t *testing.T) *data.Briefing {
	t.Helper()
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every kind of item resolves to a title in the reader's words, with its
// sources' citations; an item the briefing no longer has says so.
func TestResolveEveryKind(t *testing.T) {
	b := embedded(t)
	seen := map[data.Kind]bool{}
	for _, ref := range b.Items() {
		if seen[ref.Kind] {
			continue
		}
		seen[ref.Kind] = true
		it := Item{Briefing: "builtin", Kind: ref.Kind, ID: ref.ID}
		Resolve(b, &it)
		if it.Missing != "" || it.Title == "" || it.Title == ref.String() {
			t.Errorf("%v resolved to title %q, missing %q: want its own title", ref, it.Title, it.Missing)
		}
		for _, c := range it.Sources {
			s, _ := b.Source(c.ID)
			if c.String() != words.Citation(s) {
				t.Errorf("%v cites %q, want the source's one citation %q", ref, c.String(), words.Citation(s))
			}
		}
	}
	for _, k := range data.Kinds {
		if !seen[k] {
			t.Errorf("the built-in briefing has no %s to resolve", k)
		}
	}
	it := Item{Briefing: "builtin", Kind: data.KindMeasure, ID: "no-such-measure"}
	Resolve(b, &it)
	if !strings.Contains(it.Missing, "no longer has measure:no-such-measure") {
		t.Errorf("a missing item says %q", it.Missing)
	}
}

// Dates in titles are the reader's: an event is "Saturday 25 October
// 2025, morning: …", the overview's dates a range.
func TestTitlesUseTheReadersWords(t *testing.T) {
	b := embedded(t)
	e := &b.Timeline[0]
	title, _ := Describe(b, data.Ref{Kind: data.KindEvent, ID: e.ID})
	if want := words.When(e.Date, e.PartOfDay) + ": " + e.Title; title != want {
		t.Errorf("event title %q, want %q", title, want)
	}
	_, text := Describe(b, data.Ref{Kind: data.KindOverview, ID: "overview"})
	if !strings.Contains(text, words.DateRange(b.Overview.Start, b.Overview.End)) {
		t.Errorf("overview text %q lacks its date range", text)
	}
}
