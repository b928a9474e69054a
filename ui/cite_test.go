package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/internal/citetest"
)

// TestCitationsAgreeInReader feeds the table the data package is tested on
// (internal/citetest) through the reader's page building: the
// citations of known sources, and only they, become references.
func TestCitationsAgreeInReader(t *testing.T) {
	b := testBriefing(t)
	for _, c := range citetest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var want []string
			markers := 0 // one for each citation of a known source
			for _, id := range c.Cites {
				if _, ok := b.Source(id); ok {
					markers++
					if !slices.Contains(want, id) {
						want = append(want, id)
					}
				}
			}
			var p page
			md := p.prose(b, c.Text)
			got := 0
			for n := range p.refs {
				got += strings.Count(md, `\[`+itoa(n+1)+`\]`)
			}
			if got != markers {
				t.Errorf("the page has %d reference markers in %q, want %d", got, md, markers)
			}
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
