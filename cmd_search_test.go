package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
)

func TestSearchPrintsRankedHits(t *testing.T) {
	t.Parallel()
	r := brief(t, nil, "search", "--bundle", "examples/minimal", "exemple")
	r.expect(t, 0)
	// Piped: no colour, matched words in *asterisks*.
	want := "1. speaker  Jeanne *Exemple*\n   Mayor\n   sources: example-news\n"
	if !strings.HasPrefix(r.stdout, want) {
		t.Errorf("first hit should be the speaker, as\n%s\ngot:\n%s", want, r.stdout)
	}
	if n := strings.Count(r.stdout, "\n\n") + 1; n != 4 {
		t.Errorf("got %d hits, want 4 (speaker, measure, source, statement):\n%s", n, r.stdout)
	}
}

func TestSearchIgnoresAccentsAndFiltersKinds(t *testing.T) {
	t.Parallel()
	r := brief(t, nil, "search", "--bundle", "examples/minimal", "--kind", "term", "donnees")
	r.expect(t, 0)
	want := "1. term  *données* ouvertes — open data\n"
	if !strings.HasPrefix(r.stdout, want) || strings.Count(r.stdout, ". ") != 1 {
		t.Errorf("want only the glossary term, got:\n%s", r.stdout)
	}
}

func TestSearchLimit(t *testing.T) {
	t.Parallel()
	r := brief(t, nil, "search", "--bundle", "examples/minimal", "--limit", "1", "exemple")
	r.expect(t, 0)
	if strings.Contains(r.stdout, "2. ") || !strings.Contains(r.stderr, "Showing the best 1 of 4 hits") {
		t.Errorf("--limit 1: stdout\n%s\nstderr %q", r.stdout, r.stderr)
	}
}

func TestSearchWithoutHits(t *testing.T) {
	t.Parallel()
	r := brief(t, nil, "search", "--bundle", "examples/minimal", "zanzibar")
	r.expect(t, 1)
	if r.stdout != "" || !strings.Contains(r.stderr, `No hits for "zanzibar". Try fewer words`) {
		t.Errorf("no hits: stdout %q stderr %q", r.stdout, r.stderr)
	}
	js := brief(t, nil, "search", "--json", "--bundle", "examples/minimal", "zanzibar")
	js.expect(t, 1)
	if js.stdout != "[]\n" || js.stderr != "" {
		t.Errorf("no hits as JSON: stdout %q stderr %q, want [] and nothing", js.stdout, js.stderr)
	}
}

// TestSearchJSONMatchesTheEngine checks --json gives every field of every
// hit, in the order the search engine (and so the reader) ranks them.
func TestSearchJSONMatchesTheEngine(t *testing.T) {
	t.Parallel()
	const query = "open data"
	r := brief(t, nil, "search", "--json", "--limit", "0", "--bundle", "examples/minimal", query)
	r.expect(t, 0)
	var got []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, r.stdout)
	}
	var hits []search.Hit
	if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil {
		t.Fatal(err)
	}
	b, err := data.LoadDir("examples/minimal")
	if err != nil {
		t.Fatal(err)
	}
	want := search.NewIndex(b).Search(search.ParseQuery(query), search.SearchOptions{})
	if len(hits) != len(want) || len(hits) < 2 {
		t.Fatalf("got %d hits, the engine finds %d", len(hits), len(want))
	}
	for i, h := range hits {
		if h.Ref != want[i].Ref || h.Title != want[i].Title || h.Snippet != want[i].Snippet {
			t.Errorf("hit %d is %v %q, the engine ranks %v %q there", i+1, h.Ref, h.Title, want[i].Ref, want[i].Title)
		}
		for _, field := range []string{"kind", "ref", "title", "snippet", "marks", "sources", "score"} {
			if _, ok := got[i][field]; !ok {
				t.Errorf("hit %d has no %q field", i+1, field)
			}
		}
		for _, m := range h.Marks {
			if m.Start < 0 || m.End > len(h.Snippet) || m.Start >= m.End {
				t.Errorf("hit %d: mark %v outside snippet %q", i+1, m, h.Snippet)
			}
		}
	}
}

// TestSearchJSONPositionsAreCharacters: --json marks count characters,
// not bytes, in the snippet and in the title (titleMarks), so a reader in
// any language slices the matched words out of either.
func TestSearchJSONPositionsAreCharacters(t *testing.T) {
	t.Parallel()
	for _, query := range []string{"cybercriminalite", "dang hoang giang"} {
		r := brief(t, nil, "search", "--json", "--limit", "0", query)
		r.expect(t, 0)
		var hits []struct {
			Title, Snippet    string
			TitleMarks, Marks []search.Span
		}
		if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil {
			t.Fatal(err)
		}
		q := search.ParseQuery(query)
		titled, nonASCII := 0, 0
		for _, h := range hits {
			nonASCII += checkCharMarks(t, q, h.Title, h.TitleMarks) + checkCharMarks(t, q, h.Snippet, h.Marks)
			if len(h.TitleMarks) > 0 {
				titled++
			}
		}
		if titled == 0 {
			t.Errorf("%q: no hit has titleMarks", query)
		}
		if nonASCII == 0 {
			t.Errorf("%q: no mark covers or follows an accented letter, so the test proves nothing", query)
		}
	}
}

// checkCharMarks checks that marks, in characters, cover words of text the
// query matches, and returns how many of them a byte offset would have got
// wrong (an accented letter in or before the mark).
func checkCharMarks(t *testing.T, q search.Query, text string, marks []search.Span) int {
	t.Helper()
	runes := []rune(text)
	wrong := 0
	for _, m := range marks {
		if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
			t.Fatalf("mark %v outside %q (%d characters)", m, text, len(runes))
		}
		marked := string(runes[m.Start:m.End])
		if len(q.Highlight(marked)) == 0 {
			t.Errorf("mark %v of %q covers %q, which the query does not match", m, text, marked)
		}
		if len(marked) != len([]rune(marked)) || len(string(runes[:m.Start])) != m.Start {
			wrong++
		}
	}
	return wrong
}
