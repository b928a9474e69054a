package data_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
)

func TestSourcesOfEveryKind(t *testing.T) {
	b := embedded(t)
	cases := []struct {
		ref  data.Ref
		want []string
	}{
		{data.Ref{Kind: data.KindOverview}, []string{"sggp", "tienphong", "baotintuc", "dantri", "vtv"}},
		{data.Ref{Kind: data.KindSource, ID: "vtv"}, []string{"vtv"}},
		{data.Ref{Kind: data.KindSession, ID: "signing-ceremony"}, []string{"dantri", "vtv"}},
		{data.Ref{Kind: data.KindSpeaker, ID: "le-xuan-minh"}, []string{"tienphong", "baotintuc"}},
		{data.StatementRef("le-xuan-minh", 3), []string{"baotintuc"}},
		{data.Ref{Kind: data.KindMeasure, ID: "public-private"}, []string{"sggp"}},
		{data.Ref{Kind: data.KindFigure, ID: "signatories-afternoon"}, []string{"vtv"}},
		{data.Ref{Kind: data.KindTerm, ID: "id-upacara"}, []string{"vtv", "dantri"}},
		{data.Ref{Kind: data.KindEvent, ID: "press-conference"}, []string{"tienphong"}},
		// What does not exist cites nothing.
		{data.Ref{Kind: data.KindSession, ID: "no-such-session"}, nil},
		{data.StatementRef("le-xuan-minh", 99), nil},
	}
	for _, c := range cases {
		if got := b.SourcesOf(c.ref); !slices.Equal(got, c.want) {
			t.Errorf("SourcesOf(%s) = %v, want %v", c.ref, got, c.want)
		}
	}
}

// TestLookupsOnlyRead: a loaded briefing is read by the reader and the
// search goroutine at once; under -race this fails if a lookup writes.
func TestLookupsOnlyRead(t *testing.T) {
	b := embedded(t)
	done := make(chan bool)
	go func() {
		search.NewIndex(b)
		done <- true
	}()
	for _, s := range b.Sources {
		if _, ok := b.Source(s.ID); !ok {
			t.Errorf("source %s not found", s.ID)
		}
	}
	<-done
}

// TestUnfinishedBriefingSaysSo: a briefing built in code and read before
// Finish fails loudly, naming the fix, instead of building its lookup
// behind a reader's back.
func TestUnfinishedBriefingSaysSo(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "Finish") {
			t.Errorf("recovered %v, want a panic naming Finish", r)
		}
	}()
	b := &data.Briefing{Sources: []data.Source{{ID: "a"}}}
	b.Source("a")
}

// Items lists each item once, in the order of Kinds, and every one of them
// is an item of the briefing.
func TestItemsListsEveryItemOnceInKindOrder(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	items := b.Items()
	want := 1 + len(b.Sources) + len(b.Timeline) + len(b.Sessions) + len(b.Speakers) + len(b.Measures) + len(b.Figures) + len(b.Glossary)
	for _, sp := range b.Speakers {
		want += len(sp.Statements)
	}
	if len(items) != want {
		t.Fatalf("%d items, want %d", len(items), want)
	}
	seen := map[data.Ref]bool{}
	kind := 0
	for _, r := range items {
		if seen[r] || !b.Has(r) {
			t.Fatalf("%v listed twice or not in the briefing", r)
		}
		seen[r] = true
		for data.Kinds[kind] != r.Kind {
			kind++
			if kind == len(data.Kinds) {
				t.Fatalf("%v is out of the order of Kinds", r)
			}
		}
	}
}

// ParseRef reads what Ref.String writes for every item, and refuses what
// is not an item.
func TestParseRef(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range b.Items() {
		got, err := data.ParseRef(r.String())
		if err != nil || got != r {
			t.Errorf("data.ParseRef(%q) = %v, %v", r.String(), got, err)
		}
	}
	for _, bad := range []string{"", "speaker", "speaker:", ":x", "document:x", "statement:x", "statement:x#y"} {
		if r, err := data.ParseRef(bad); err == nil {
			t.Errorf("data.ParseRef(%q) = %v, want an error", bad, r)
		}
	}
}
