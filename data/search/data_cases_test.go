package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/citetest"
)

// Search: a citation is not a word of the text; everything else is, link
// text and escaped brackets included.
func TestCitationsAgreeInSearch(t *testing.T) {
	for _, c := range citetest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			words := map[string]int{}
			scanWords(c.Text, true, foldWord, func(w word) { words[w.key]++ })
			for _, id := range append(slices.Clone(citetest.Known), "nowhere") {
				want := strings.Count(c.Text, id)
				for _, cited := range c.Cites {
					if cited == id {
						want--
					}
				}
				if words[id] != want {
					t.Errorf("search finds %q %d times, want %d", id, words[id], want)
				}
			}
		})
	}
}

// A party's signer is found, on the overview.
func TestSearchFindsASigner(t *testing.T) {
	dir := t.TempDir()
	ents, err := os.ReadDir("../../examples/minimal")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		src, err := os.ReadFile(filepath.Join("../../examples/minimal", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "briefing.yaml" {
			src = append(src, `parties:
  - id: lyon
    kind: organisation
    name: City of Lyon
    action: signed
    signer: Jeanne Martin
    post: Deputy Mayor
    sources: [example-news]
`...)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	b, err := data.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	hits := NewIndex(b).Search(ParseQuery("Jeanne Martin"), SearchOptions{})
	if len(hits) == 0 || hits[0].Ref.Kind != data.KindOverview {
		t.Errorf("searching a signer should find the overview, got %+v", hits)
	}
}
