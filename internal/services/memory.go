package services

// The reader's memory (Memory) over the state database: where the reader
// was in a briefing, what they have seen, what they bookmarked.

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/state"
)

// load compares the briefing b's items (item → content hash, from
// library.ItemHashes) with what s has seen under key, and returns the
// reader's memory with its marks, the text each changed item had when
// it was seen and, unless fresh, its saved place. warning is the store's
// opening warning, passed on to the status bar.
func load(s *state.Store, key string, b *data.Briefing, hashes map[string]string, fresh bool, warning string) Loaded {
	marks := s.Sync(key, hashes)
	loaded := Loaded{
		Memory:  &memory{store: s, key: key, b: b, hashes: hashes, unseen: marks.Unseen, changed: marks.Changed},
		Marks:   Marks{Unseen: refSet(marks.Unseen), Changed: refSet(marks.Changed), New: refSet(marks.New), Before: map[data.Ref]string{}},
		Warning: warning,
	}
	for item, text := range s.SeenTexts(key, marks.Changed) {
		if r, err := data.ParseRef(item); err == nil {
			loaded.Marks.Before[r] = text
		}
	}
	if raw := s.Position(key); raw != nil && !fresh {
		var p Position
		if json.Unmarshal(raw, &p) == nil {
			loaded.Position = &p
		}
	}
	return loaded
}

// ItemText is what the memory keeps of an item when it is shown, and
// what a changed item's words are compared with: its title, then its
// text, as a bookmark quotes them, set apart by a dash.
func ItemText(b *data.Briefing, ref data.Ref) string {
	title, text := bookmarks.Describe(b, ref)
	return title + " — " + text
}

// refSet turns a set of "kind:id" items into references; an item that is
// none (of a kind this brief does not know) is left out.
func refSet(items map[string]bool) map[data.Ref]bool {
	out := make(map[data.Ref]bool, len(items))
	for item := range items {
		if r, err := data.ParseRef(item); err == nil {
			out[r] = true
		}
	}
	return out
}

// memory is Memory over the state database, for one briefing.
type memory struct {
	store  *state.Store
	key    string
	b      *data.Briefing
	hashes map[string]string

	// unseen and changed are the briefing's items still to read, kept
	// here so each write records the tallies the library lists show.
	mu              sync.Mutex
	unseen, changed map[string]bool
}

// ToggleBookmark bookmarks ref, or removes its bookmark.
func (r *memory) ToggleBookmark(ref data.Ref) (bool, error) {
	return r.store.ToggleBookmark(r.key, ref.String(), time.Now())
}

// Save records the reader's place (nil: unchanged) and the items whose
// details were shown since the last save, in one transaction.
func (r *memory) Save(p *Position, seen []data.Ref) error {
	var raw []byte
	if p != nil {
		var err error
		if raw, err = json.Marshal(p); err != nil {
			return err
		}
	}
	items := make(map[string]state.SeenItem, len(seen))
	r.mu.Lock()
	for _, ref := range seen {
		if h, ok := r.hashes[ref.String()]; ok {
			items[ref.String()] = state.SeenItem{Hash: h, Text: ItemText(r.b, ref)}
			delete(r.unseen, ref.String())
			delete(r.changed, ref.String())
		}
	}
	unseen, changed := len(r.unseen), len(r.changed)
	r.mu.Unlock()
	return r.store.SaveReading(r.key, raw, items, unseen, changed)
}
