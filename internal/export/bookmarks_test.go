package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/words"
)

// WriteBookmarks prints every format; JSON keeps the schema and each citation's
// republisher.
func TestWriteBookmarksFormats(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var src *data.Source
	for i := range b.Sources {
		if b.Sources[i].Republisher != "" {
			src = &b.Sources[i]
		}
	}
	if src == nil {
		t.Fatal("no republished source in the built-in briefing")
	}
	it := bookmarks.Item{Briefing: "builtin", Kind: data.KindSource, ID: src.ID, Note: "for the intro"}
	bookmarks.Resolve(b, &it)
	items := []bookmarks.Item{it, {Briefing: "library:gone", Kind: data.KindTerm, ID: "t", Missing: "its briefing is gone"}}
	for _, f := range []Format{Markdown, Text} {
		var buf bytes.Buffer
		if err := WriteBookmarks(&buf, items, f); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{data.CleanText(words.Citation(src)), "for the intro", "term:t: its briefing is gone"} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%v lacks %q:\n%s", f, want, buf.String())
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteBookmarks(&buf, items, JSON); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema    string           `json:"schema"`
		Bookmarks []bookmarks.Item `json:"bookmarks"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "brief-bookmarks/1" || len(doc.Bookmarks) != 2 || doc.Bookmarks[0].Sources[0].Republisher != src.Republisher {
		t.Errorf("JSON: %+v", doc)
	}
}
