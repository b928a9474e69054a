package services

import (
	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/state"
)

// Change is one item of a briefing that changed since the reader last
// saw it: what it said then (Before, ItemText; "" when a brief older than
// schema version 3 kept no words) and what it says now.
type Change struct {
	Ref         data.Ref
	Title       string
	Before, Now string
}

// Changes lists the items of b, kept under key in s, whose content
// differs from what the reader last saw, in the briefing's reading order
// (data.Briefing.Items). It only reads: unlike opening the reader, it
// records nothing. read is false when nothing of b was ever seen.
func Changes(s *state.Store, key string, b *data.Briefing) (changes []Change, read bool) {
	seen := s.Seen(key)
	hashes := library.ItemHashes(b)
	changed := map[string]bool{}
	for item, hash := range hashes {
		if h, ok := seen[item]; ok && h != hash {
			changed[item] = true
		}
	}
	before := s.SeenTexts(key, changed)
	for _, ref := range b.Items() {
		if !changed[ref.String()] {
			continue
		}
		title, _ := bookmarks.Describe(b, ref)
		changes = append(changes, Change{Ref: ref, Title: title, Before: before[ref.String()], Now: ItemText(b, ref)})
	}
	return changes, len(seen) > 0
}
