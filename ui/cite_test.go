package ui

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestCitationsAgreeInReader feeds the table the data package is tested on
// (data/testdata/citations.json) through the reader's page building: the
// citations of known sources, and only they, become references.
func TestCitationsAgreeInReader(t *testing.T) {
	raw, err := os.ReadFile("../data/testdata/citations.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name  string   `json:"name"`
		Text  string   `json:"text"`
		Cites []string `json:"cites"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	b := testBriefing(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var want []string
			for _, id := range c.Cites {
				if _, ok := b.Source(id); ok && !slices.Contains(want, id) {
					want = append(want, id)
				}
			}
			var p page
			p.prose(b, c.Text)
			if !slices.Equal(p.sources, want) {
				t.Errorf("the page cites %q, want %q", p.sources, want)
			}
			var refs []string
			for _, r := range p.refs {
				refs = append(refs, r.to.ID)
			}
			if !slices.Equal(refs, want) {
				t.Errorf("the page's references are %q, want %q", refs, want)
			}
		})
	}
}
