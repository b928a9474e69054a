package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/state"
)

// TestExportBookmarks bookmarks items of the built-in briefing and of a
// library bundle (as the reader's b key does) and exports them in every
// format: each item with its note and its sources' full citations.
func TestExportBookmarks(t *testing.T) {
	t.Parallel()
	env, home := libraryEnv(t)
	dir := minimalCopy(t)
	brief(t, env, "library", "add", dir).expect(t, 0)

	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := b.Measures[0]
	src, _ := b.Source(b.SourcesOf(data.Ref{Kind: data.KindMeasure, ID: m.ID})[0])

	s, warn := state.Open(filepath.Join(home, "state", "brief.db"), time.Now())
	if warn != "" {
		t.Fatal(warn)
	}
	s.ToggleBookmark("builtin", "measure:"+m.ID, time.Now())
	s.SetNote("builtin", "measure:"+m.ID, "for the intro")
	s.ToggleBookmark("library:bundle", "statement:mayor#0", time.Now().Add(time.Second))
	s.ToggleBookmark("library:gone", "speaker:x", time.Now().Add(2*time.Second))
	s.Close()

	r := brief(t, env, "export", "--bookmarks")
	r.expect(t, 0)
	for _, want := range []string{
		"# Bookmarks", "## " + b.Overview.Title, "### Measure 1: " + m.Title, "> Note: for the intro",
		"- " + src.Outlet, src.Published, src.URL,
		"## Example Summit on Open Data", "### Jeanne Exemple, at Opening ceremony",
		"Welcomed the delegates and called open data a public good.",
		"speaker:x: its briefing cannot be opened",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("markdown export lacks %q:\n%s", want, r.stdout)
		}
	}

	r = brief(t, env, "export", "--bookmarks", "--format", "json")
	r.expect(t, 0)
	var doc struct {
		Schema    string `json:"schema"`
		Bookmarks []struct {
			Briefing, Kind, ID, Title, Note, Missing string
			Sources                                  []struct{ Outlet, Headline, Published, URL string }
		} `json:"bookmarks"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "brief-bookmarks/1" || len(doc.Bookmarks) != 3 {
		t.Fatalf("json = %+v", doc)
	}
	var measure = doc.Bookmarks[0]
	for _, bm := range doc.Bookmarks {
		if bm.Kind == "measure" {
			measure = bm
		}
	}
	if measure.Note != "for the intro" || len(measure.Sources) == 0 || measure.Sources[0].URL != src.URL || measure.Sources[0].Headline != src.Headline {
		t.Errorf("measure bookmark = %+v", measure)
	}

	r = brief(t, env, "export", "--bookmarks", "--format", "text")
	r.expect(t, 0)
	if !strings.Contains(r.stdout, "BOOKMARKS") || !strings.Contains(r.stdout, "Note: for the intro") || strings.Contains(r.stdout, "###") {
		t.Errorf("text export:\n%s", r.stdout)
	}

	brief(t, env, "export", "--bookmarks", "--bundle", dir).expectUsage(t, "leave out --bundle")
}
