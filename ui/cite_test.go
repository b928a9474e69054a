package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/citetest"
	"github.com/brief-reader/brief/internal/services"
	"github.com/brief-reader/brief/internal/words"
)

// TestCitationsAgreeInReader feeds the table the data package is tested on
// (internal/citetest) through the reader's page building: the
// citations of known sources, and only they, become references.
func TestCitationsAgreeInReader(t *testing.T) {
	t.Parallel()
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

// TestOneCitationPerSource: y in the reader, the Bookmarks view and
// `export --bookmarks` cite a source in the same words, republisher
// included.
func TestOneCitationPerSource(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	republished := 0
	for i := range b.Sources {
		s := &b.Sources[i]
		if s.Republisher != "" {
			republished++
		}
		it := bookmarks.Item{Briefing: "builtin", Kind: data.KindSource, ID: s.ID}
		bookmarks.Resolve(b, &it)
		if len(it.Sources) != 1 {
			t.Fatalf("a bookmark of source %s cites %d sources", s.ID, len(it.Sources))
		}
		want := words.Citation(s)
		if got := citation(s); got != want {
			t.Errorf("y cites %s as %q, want %q", s.ID, got, want)
		}
		if got := services.NewBookmarkEntry(it).Citations[0]; got != want {
			t.Errorf("the Bookmarks view cites %s as %q, want %q", s.ID, got, want)
		}
		if s.Republisher != "" && !strings.Contains(want, s.Republisher) {
			t.Errorf("the citation of %s drops its republisher %q: %q", s.ID, s.Republisher, want)
		}
	}
	if republished == 0 {
		t.Fatal("no source of the built-in briefing has a republisher: the test checks nothing of it")
	}
}
