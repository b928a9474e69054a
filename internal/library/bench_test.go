package library

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/gen"
	"github.com/brief-reader/brief/internal/state"
)

// bigLibrary is a library of 1,000 generated briefings of 50–100 items,
// built once per test binary (about half a minute on two cores).
var bigLibrary struct {
	once sync.Once
	dir  string
	lib  *Library
	err  error
}

const librarySize = 1000

func openBigLibrary(b *testing.B) *Library {
	b.Helper()
	bigLibrary.once.Do(func() {
		dir, err := os.MkdirTemp("", "brief-bench-library-")
		if err != nil {
			bigLibrary.err = err
			return
		}
		bigLibrary.dir = dir
		s, warn := state.Open(filepath.Join(dir, "state", "brief.db"), time.Now())
		if warn != "" {
			bigLibrary.err = fmt.Errorf("%s", warn)
			return
		}
		lib := &Library{Dir: filepath.Join(dir, "data", "library"), Store: s}
		for i := range librarySize {
			src := filepath.Join(dir, "src", fmt.Sprintf("briefing-%04d", i))
			if err := gen.WriteBundle(src, gen.Briefing(50+i%51, int64(i))); err != nil {
				bigLibrary.err = err
				return
			}
			if _, _, err := lib.Add(src, time.Unix(int64(i), 0)); err != nil {
				bigLibrary.err = err
				return
			}
		}
		bigLibrary.lib = lib
	})
	if bigLibrary.err != nil {
		b.Fatal(bigLibrary.err)
	}
	return bigLibrary.lib
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigLibrary.dir != "" {
		os.RemoveAll(bigLibrary.dir)
	}
	os.Exit(code)
}

// BenchmarkLibraryEntries is what a Briefings view needs to open: the
// 1,000 entries newest first, with their unseen and changed counts, from
// the index alone (no bundle is read).
func BenchmarkLibraryEntries(b *testing.B) {
	lib := openBigLibrary(b)
	b.ResetTimer()
	for b.Loop() {
		entries, err := lib.Store.Entries()
		if err != nil || len(entries) != librarySize {
			b.Fatalf("%d entries, %v", len(entries), err)
		}
		if e := entries[0]; e.Unseen != e.Items || e.Title == "" {
			b.Fatalf("newest entry %+v: every item should be unseen", e)
		}
	}
}

// BenchmarkLibraryList is `brief library list`: the index, and each
// entry's files stat'd against the stamp taken at add to find missing or
// changed copies (read and hashed only when the stamp differs).
func BenchmarkLibraryList(b *testing.B) {
	lib := openBigLibrary(b)
	b.ResetTimer()
	for b.Loop() {
		if list, err := lib.List(); err != nil || len(list) != librarySize+1 {
			b.Fatalf("%d listed, %v", len(list), err)
		}
	}
}

// BenchmarkLibrarySearchKeystroke is one keystroke of library search, the
// best 50 hits over 1,000 briefings whose indexes are built (the searcher
// is built once, when search opens): one sub-benchmark per keystroke of
// typing "convention" and a few other words; the budget is on their
// median.
func BenchmarkLibrarySearchKeystroke(b *testing.B) {
	lib := openBigLibrary(b)
	s, err := lib.Searcher()
	if err != nil || s.Len() != librarySize+1 {
		b.Fatalf("searcher over %d briefings: %v", s.Len(), err)
	}
	for _, q := range []string{"c", "co", "con", "conv", "conve", "convention", "sum", "summit", "1000", "minister"} {
		query := search.ParseQuery(q)
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				s.Search(query, search.SearchOptions{Limit: 50})
			}
		})
	}
}

// BenchmarkLibraryAdd100 is `brief library add` of a 100-item bundle
// into the 1,000-briefing library: validate, copy, record. Each round
// adds a new edition of the same bundle.
func BenchmarkLibraryAdd100(b *testing.B) {
	lib := openBigLibrary(b)
	dir := b.TempDir()
	editions := make([]string, 8)
	for i := range editions {
		editions[i] = filepath.Join(dir, fmt.Sprint(i), "added")
		if err := gen.WriteBundle(editions[i], gen.Briefing(100, int64(10_000+i))); err != nil {
			b.Fatal(err)
		}
	}
	// Every round adds from the same folder, so it replaces the entry.
	added := filepath.Join(dir, "added")
	b.ResetTimer()
	i := 0
	for b.Loop() {
		b.StopTimer()
		os.RemoveAll(added)
		os.Rename(editions[i%len(editions)], added)
		b.StartTimer()
		if _, _, err := lib.Add(added, time.Now()); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.Rename(added, editions[i%len(editions)])
		b.StartTimer()
		i++
	}
}
