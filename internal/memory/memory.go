// Package memory is the reader's memory (ui.Memory) over the state
// database: where the reader was in a briefing, what they have seen, what
// they bookmarked. The local reader and `brief serve` (one database per
// public key) both use it.
package memory

import (
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/state"
	"github.com/brief-reader/brief/ui"
)

// Load compares the briefing's items (item → content hash, from
// library.ItemHashes) with what s has seen under key, and returns the
// reader's memory with its marks and, unless fresh, its saved place.
// warning is the store's opening warning, passed on to the status bar.
func Load(s *state.Store, key string, hashes map[string]string, fresh bool, warning string) ui.MemoryLoaded {
	marks := s.Sync(key, hashes)
	loaded := ui.MemoryLoaded{
		Memory:  &Memory{store: s, key: key, hashes: hashes, unseen: marks.Unseen, changed: marks.Changed},
		Marks:   ui.Marks{Unseen: RefSet(marks.Unseen), Changed: RefSet(marks.Changed), New: RefSet(marks.New)},
		Warning: warning,
	}
	if raw := s.Position(key); raw != nil && !fresh {
		var p ui.Position
		if json.Unmarshal(raw, &p) == nil {
			loaded.Position = &p
		}
	}
	return loaded
}

// RefSet turns a set of "kind:id" items into references.
func RefSet(items map[string]bool) map[data.Ref]bool {
	out := make(map[data.Ref]bool, len(items))
	for item := range items {
		kind, id, _ := strings.Cut(item, ":")
		out[data.Ref{Kind: data.Kind(kind), ID: id}] = true
	}
	return out
}

// Memory is ui.Memory over the state database, for one briefing.
type Memory struct {
	store  *state.Store
	key    string
	hashes map[string]string

	// unseen and changed are the briefing's items still to read, kept
	// here so each write records the tallies the library lists show.
	mu              sync.Mutex
	unseen, changed map[string]bool
}

// SavePosition keeps the reader's place.
func (r *Memory) SavePosition(p ui.Position) error {
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return r.store.SavePosition(r.key, raw)
}

// ToggleBookmark bookmarks ref, or removes its bookmark.
func (r *Memory) ToggleBookmark(ref data.Ref) (bool, error) {
	return r.store.ToggleBookmark(r.key, ref.String(), time.Now())
}

// MarkSeen records that these items' details were shown.
func (r *Memory) MarkSeen(refs []data.Ref) error {
	items := make(map[string]string, len(refs))
	r.mu.Lock()
	for _, ref := range refs {
		if h, ok := r.hashes[ref.String()]; ok {
			items[ref.String()] = h
			delete(r.unseen, ref.String())
			delete(r.changed, ref.String())
		}
	}
	unseen, changed := len(r.unseen), len(r.changed)
	r.mu.Unlock()
	return r.store.MarkSeenAll(r.key, items, unseen, changed)
}
