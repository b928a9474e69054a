package library

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

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

// stampOf is the name, size and modification time of each of the
// format's files in dir ("-" for one that is missing): cheap to take, and
// different whenever an editor has written one of them.
func stampOf(dir string) string {
	var b strings.Builder
	for _, name := range data.BundleFiles() {
		info, err := os.Lstat(filepath.Join(dir, name))
		if err != nil {
			fmt.Fprintf(&b, "%s -\n", name)
			continue
		}
		fmt.Fprintf(&b, "%s %d %d\n", name, info.Size(), info.ModTime().UnixNano())
	}
	return b.String()
}

// fresh reports whether entry e's files are, by their stamp, as they were
// when they last hashed to e.Hash.
func (l *Library) fresh(e state.Entry) bool {
	return e.Stamp != "" && stampOf(filepath.Join(l.Dir, e.ID)) == e.Stamp
}
