package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
)

// TestEveryKindThroughEverySwitch sends one item of every data.Kind
// through each per-kind function of the reader and of what it shows: a
// kind one of them forgets fails here instead of falling through to a
// silent default.
func TestEveryKindThroughEverySwitch(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	byKind := map[data.Kind]data.Ref{}
	for _, r := range b.Items() {
		if _, ok := byKind[r.Kind]; !ok {
			byKind[r.Kind] = r
		}
	}
	for _, k := range data.Kinds {
		ref, ok := byKind[k]
		if !ok {
			t.Errorf("the built-in briefing has no %s", k)
			continue
		}
		pl, ok := placeOf(b, ref)
		if !ok {
			t.Errorf("placeOf has no tab for %v", ref)
			continue
		}
		// The page it opens on shows it (a statement: its speaker's).
		if p := buildPage(b, pl.item); len(p.blocks) == 0 || strings.Contains(p.blocks[0].md, "Nothing to show") {
			t.Errorf("buildPage has no page for %v (opened as %v)", ref, pl.item)
		}
		if len(b.SourcesOf(ref)) == 0 {
			t.Errorf("SourcesOf(%v) names no source", ref)
		}
		if title, _ := bookmarks.Describe(b, ref); title == "" || title == ref.String() {
			t.Errorf("bookmarks.Describe(%v) has no title: %q", ref, title)
		}
	}
}
