package library

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/cache"
	"github.com/brief-reader/brief/internal/state"
)

// dictFile is the library-wide dictionary (search.Dictionary) in the
// cache folder: every key of the kept indexes, with the editions holding
// it. It is a cache like the indexes: brought up to date by the search
// that finds it behind the library (it decodes only the editions added
// since), rewritten whole by rename, rebuilt when unsound.
const dictFile = "library.dict"

// SearcherFor is a Searcher for one query: it decodes only the indexes of
// the briefings the library's dictionary says q may match (every required
// word in their vocabulary), so a rare word reads a few indexes instead
// of all. Its hits are those of Searcher.
func (l *Library) SearcherFor(q search.Query) (*Searcher, error) {
	builtin := builtinSearchable()
	entries, err := l.Store.EntriesToSearch()
	if err != nil {
		return nil, fmt.Errorf("cannot read the library's index: %w", err)
	}
	fresh := l.freshness(entries)
	var hashes []string
	for i, e := range entries {
		if fresh[i] {
			hashes = append(hashes, e.Hash)
		}
	}
	d := l.dictionary(hashes)
	may, ok := d.MayMatchChecked(q)
	if !ok {
		d = l.newDictionary(nil, hashes)
		may = d.MayMatch(q)
	}
	number := make(map[string]int, len(d.Hashes))
	for n, h := range d.Hashes {
		number[h] = n
	}
	// An entry edited by hand, or whose index is not kept, is searched
	// whatever the dictionary says.
	var wanted []state.Entry
	var wantedFresh []bool
	for i, e := range entries {
		if n, ok := number[e.Hash]; !ok || !fresh[i] || may[n] {
			wanted, wantedFresh = append(wanted, e), append(wantedFresh, fresh[i])
		}
	}
	return l.searcherOf(builtin, wanted, wantedFresh), nil
}

// dictionary is the library's dictionary over hashes, updated and kept
// when the one on disk covers other editions.
func (l *Library) dictionary(hashes []string) *search.Dictionary {
	path := filepath.Join(l.cache().Dir, dictFile)
	var old *search.Dictionary
	if raw, ok := cache.ReadFile(path); ok {
		old, _ = search.DecodeDictionary(raw)
	}
	if old != nil && slices.Equal(old.Hashes, hashes) {
		return old
	}
	return l.newDictionary(old, hashes)
}

// newDictionary is old updated to cover hashes, and kept.
func (l *Library) newDictionary(old *search.Dictionary, hashes []string) *search.Dictionary {
	d := search.UpdateDictionary(old, hashes, func(hash string) ([]string, bool) {
		ix, ok := l.cachedIndex(hash)
		if !ok {
			return nil, false
		}
		return ix.Vocabulary(), true
	})
	l.keepDictionary(filepath.Join(l.cache().Dir, dictFile), d.Encode())
	return d
}

// keepDictionary replaces the dictionary file whole: a temporary file of
// its own, renamed over it. Not synced: one a crash cuts short fails its
// checksum and is built again.
func (l *Library) keepDictionary(path string, raw []byte) {
	if state.MkdirPrivate(filepath.Dir(path)) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-dict-*")
	if err != nil {
		return
	}
	_, err = f.Write(raw)
	if cerr := f.Close(); err == nil && cerr == nil && os.Rename(f.Name(), path) == nil {
		return
	}
	os.Remove(f.Name())
}
