package library

import (
	"path/filepath"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/cache"
	"github.com/brief-reader/brief/internal/state"
)

// cache is where the library keeps each edition's snapshot and search
// index, by the content hash of its files: written at add, removed with
// the edition, rebuilt whenever one is missing or unsound.
func (l *Library) cache() cache.Cache { return cacheIn(l.Dir) }

func cacheIn(libraryDir string) cache.Cache {
	return cache.Cache{Dir: filepath.Join(libraryDir, ".cache")}
}

// LoadCopy loads the copy of entry id in the library folder libraryDir,
// from the snapshot its add kept when its files are as they were, without
// opening the index (the reader's first frame waits for it). A copy edited
// by hand is parsed and validated, and its snapshot written in the
// background (cache.Wait).
func LoadCopy(libraryDir, id string) (*data.Briefing, error) {
	return cacheIn(libraryDir).LoadDirThenKeep(filepath.Join(libraryDir, id))
}

// keep holds b, parsed from files whose content hash is hash, in memory
// and on disk with its search index. A cache that cannot be written costs
// the next run time, nothing else.
func (l *Library) keep(hash string, b *data.Briefing) {
	parsed.put(hash, b)
	l.cache().PutBriefing(hash, b)
	l.cache().PutIndex(hash, indexFor(hash, b))
}

// cachedIndex is the search index of the edition whose files hash to
// hash, from memory or the cache.
func (l *Library) cachedIndex(hash string) (*search.Index, bool) {
	indexes.Lock()
	ix, ok := indexes.m[hash]
	indexes.Unlock()
	if ok {
		return ix, true
	}
	ix, ok = l.cache().Index(hash)
	if ok {
		indexes.Lock()
		indexes.m[hash] = ix
		indexes.Unlock()
	}
	return ix, ok
}

// freshness reports, for each entry, whether its files are as they were
// when they last hashed to its recorded hash: by its stamp, most of the
// time, else by hashing them, after which their new stamp is recorded
// (every entry's in one write).
func (l *Library) freshness(entries []state.Entry) []bool {
	s := newStamper(l.Dir)
	defer s.close()
	fresh := make([]bool, len(entries))
	restamped := make([]string, len(entries))
	onEveryCore(len(entries), func(i int) {
		e := entries[i]
		if s.matches(e.ID, e.Stamp) {
			fresh[i] = true
			return
		}
		stamp, keep := s.take(e.ID) // before reading: a later edit changes it
		files, err := data.ReadBundle(filepath.Join(l.Dir, e.ID))
		if err != nil || files["briefing.yaml"] == nil || files.Hash() != e.Hash {
			return
		}
		fresh[i] = true
		if keep {
			restamped[i] = stamp
		}
	})
	var stamps []state.Stamp
	for i, stamp := range restamped {
		if stamp != "" {
			stamps = append(stamps, state.Stamp{ID: entries[i].ID, Hash: entries[i].Hash, Stamp: stamp})
		}
	}
	if len(stamps) > 0 {
		l.Store.SetStamps(stamps)
	}
	return fresh
}
