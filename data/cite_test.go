package data

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// citationCase is one row of testdata/citations.json, the table every
// consumer of citations (validator, search, reader, exports) is tested on.
type citationCase struct {
	Name  string   `json:"name"`
	Text  string   `json:"text"`
	Cites []string `json:"cites"`
}

func citationCases(t *testing.T) []citationCase {
	t.Helper()
	raw, err := os.ReadFile("testdata/citations.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []citationCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestCitationsAgreeInData(t *testing.T) {
	for _, c := range citationCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			if got := Citations(c.Text); !slices.Equal(got, c.Cites) {
				t.Errorf("Citations = %q, want %q", got, c.Cites)
			}

			// The validator: unknown ids, and only they, are problems.
			b, err := Embedded()
			if err != nil {
				t.Fatal(err)
			}
			b.Overview.Synthesis = c.Text
			var unknown []string
			for _, id := range c.Cites {
				if _, ok := b.Source(id); !ok {
					unknown = append(unknown, id)
				}
			}
			var reported []string
			for _, p := range Validate(b) {
				if strings.Contains(p.Message, "unknown source") {
					reported = append(reported, p.Message)
				}
			}
			if len(reported) != len(unknown) {
				t.Errorf("validator reports %q, want one problem for each of %q", reported, unknown)
			}

			// Search: a citation is not a word of the text; everything
			// else is, link text and escaped brackets included.
			words := map[string]int{}
			scanWords(c.Text, true, foldWord, func(w word) { words[w.key]++ })
			for _, id := range []string{"sggp", "dantri", "vtv", "tienphong", "nowhere"} {
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

			// Uncited: what still has to be cited after the text.
			all := []string{"sggp", "dantri", "vtv", "tienphong"}
			want := slices.DeleteFunc(slices.Clone(all), func(id string) bool { return slices.Contains(c.Cites, id) })
			if got := Uncited(all, c.Text); !slices.Equal(got, want) {
				t.Errorf("Uncited = %q, want %q", got, want)
			}
		})
	}
}
