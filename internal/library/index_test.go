package library

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/gen"
	"github.com/brief-reader/brief/internal/state"
)

// tableQueries are the queries of data/search's test tables, which that
// package's TestTableQueriesFile keeps in step with its tables.
func tableQueries(t *testing.T) []string {
	f, err := os.Open("../../data/search/testdata/table-queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		q, err := strconv.Unquote(sc.Text())
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	if len(qs) < 50 {
		t.Fatalf("only %d table queries", len(qs))
	}
	return qs
}

// forget empties this process's caches, as a new process starts.
func forget() {
	parsed.mu.Lock()
	parsed.m = map[string]*data.Briefing{}
	parsed.mu.Unlock()
	indexes.Lock()
	indexes.m = map[string]*search.Index{}
	indexes.Unlock()
}

// emptyLibrary is a library with its state under root, closed when the
// test ends.
func emptyLibrary(t *testing.T, root string) *Library {
	t.Helper()
	s, warn := state.Open(filepath.Join(root, "state", "brief.db"), time.Now())
	if warn != "" {
		t.Fatal(warn)
	}
	t.Cleanup(func() { s.Close() })
	return &Library{Dir: filepath.Join(root, "data", "library"), Store: s}
}

// testLibrary is a library of the embedded bundle's files, examples/minimal
// and a few generated briefings.
func testLibrary(t *testing.T) *Library {
	t.Helper()
	root := t.TempDir()
	lib := emptyLibrary(t, root)
	dirs := []string{filepath.Join(root, "src", "hanoi"), filepath.Join(root, "src", "minimal")}
	if err := os.CopyFS(dirs[0], os.DirFS("../../data/bundle")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dirs[1], os.DirFS("../../examples/minimal")); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		dir := filepath.Join(root, "src", fmt.Sprintf("gen-%d", i))
		if err := gen.WriteBundle(dir, gen.Briefing(30+i*10, int64(i))); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	for i, dir := range dirs {
		if _, _, err := lib.Add(dir, time.Unix(int64(i+1), 0)); err != nil {
			t.Fatal(err)
		}
	}
	return lib
}

// inMemory is library search as it was before the persistent index: every
// entry's files parsed and indexed, in the library's order.
func inMemory(t *testing.T, lib *Library) (ids []string, ixs []*search.Index) {
	b, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ids, ixs = []string{BuiltinID}, []*search.Index{search.NewIndex(b)}
	entries, err := lib.Store.Entries()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := data.LoadDir(filepath.Join(lib.Dir, e.ID))
		if err != nil {
			t.Fatal(err)
		}
		ids, ixs = append(ids, e.ID), append(ixs, search.NewIndex(b))
	}
	return ids, ixs
}

// The library's persistent index answers every query of the search test
// tables with the hits, in the order, that indexing each briefing in
// memory gives, and builds its searcher without parsing a bundle.
func TestLibraryIndexMatchesInMemorySearch(t *testing.T) {
	lib := testLibrary(t)
	ids, ixs := inMemory(t, lib)
	forget()
	s, err := lib.Searcher()
	if err != nil {
		t.Fatal(err)
	}
	parsed.mu.Lock()
	n := len(parsed.m)
	parsed.mu.Unlock()
	if n != 0 || s.Len() != len(ids) {
		t.Fatalf("the searcher parsed %d bundles and searches %d briefings of %d", n, s.Len(), len(ids))
	}
	found := 0
	for _, query := range tableQueries(t) {
		q := search.ParseQuery(query)
		// SearcherFor decodes only the briefings the library's
		// dictionary says q may match: the hits must not change.
		one, err := lib.SearcherFor(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, opt := range []search.SearchOptions{{}, {Limit: 50}, {Kinds: []data.Kind{data.KindSpeaker, data.KindTerm}}} {
			want := search.SearchMany(ixs, q, opt)
			for name, got := range map[string][]Hit{"Searcher": s.Search(q, opt), "SearcherFor": one.Search(q, opt)} {
				if len(got) != len(want) {
					t.Fatalf("%s %q %+v: %d hits from the library's index, %d in memory", name, query, opt, len(got), len(want))
				}
				for i := range want {
					if got[i].Briefing != ids[want[i].Index] || !reflect.DeepEqual(got[i].Hit, want[i].Hit) {
						t.Fatalf("%s %q %+v hit %d: %s %+v, want %s %+v", name, query, opt, i, got[i].Briefing, got[i].Hit, ids[want[i].Index], want[i].Hit)
					}
				}
			}
			found += len(want)
		}
	}
	if found == 0 {
		t.Fatal("the table's queries find nothing")
	}
}

// Removing a briefing removes its hits and its cached files; a bundle
// edited by hand in the library is searched as it is now.
func TestRemovingABriefingRemovesItsHits(t *testing.T) {
	lib := testLibrary(t)
	forget()
	// Both searchers: the one over every briefing and the one over the
	// briefings the library's dictionary lets through.
	hits := func(query string) map[string]int {
		q := search.ParseQuery(query)
		all, err := lib.Searcher()
		if err != nil {
			t.Fatal(err)
		}
		one, err := lib.SearcherFor(q)
		if err != nil {
			t.Fatal(err)
		}
		out, viaDict := map[string]int{}, map[string]int{}
		for _, h := range all.Search(q, search.SearchOptions{}) {
			out[h.Briefing]++
		}
		for _, h := range one.Search(q, search.SearchOptions{}) {
			viaDict[h.Briefing]++
		}
		if !reflect.DeepEqual(out, viaDict) {
			t.Errorf("%q: %v through the dictionary, %v without", query, viaDict, out)
		}
		return out
	}
	if got := hits("Example Summit on Open Data"); got["minimal"] == 0 {
		t.Fatalf("the minimal example is not found: %v", got)
	}
	e, err := lib.Entry("minimal")
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Remove("minimal"); err != nil {
		t.Fatal(err)
	}
	if got := hits("Example Summit on Open Data"); got["minimal"] != 0 {
		t.Errorf("a removed briefing is still found: %v", got)
	}
	if _, ok := lib.cache().Index(e.Hash); ok {
		t.Error("a removed briefing's index is still kept")
	}
	// Hand-edit an entry's copy: search finds its new words at once.
	p := filepath.Join(lib.Dir, "hanoi", "briefing.yaml")
	src, _ := os.ReadFile(p)
	edited := strings.Replace(string(src), "title: Signing of the UN Convention", "title: Zanzibarian signing of the UN Convention", 1)
	if edited == string(src) {
		t.Fatal("the embedded bundle's title changed: update this test")
	}
	os.WriteFile(p, []byte(edited), 0o600)
	if got := hits("zanzibarian"); got["hanoi"] == 0 {
		t.Errorf("an entry edited by hand is searched as it was: %v", got)
	}
	// Removing it removes what was kept for its edited content too.
	if err := lib.Remove("hanoi"); err != nil {
		t.Fatal(err)
	}
	if got := hits("zanzibarian"); got["hanoi"] != 0 {
		t.Errorf("a removed briefing is still found: %v", got)
	}
	for _, e := range mustEntries(t, lib) {
		if _, ok := lib.cache().Briefing(e.Hash); !ok {
			t.Errorf("entry %s lost its snapshot", e.ID)
		}
	}
	// A snapshot and an index per entry, and the library's dictionary.
	kept, _ := filepath.Glob(filepath.Join(lib.Dir, ".cache", "*"))
	if want := 2*len(mustEntries(t, lib)) + 1; len(kept) != want {
		t.Errorf("the library keeps %d files for %d entries, want %d: %v", len(kept), len(mustEntries(t, lib)), want, kept)
	}
}

func mustEntries(t *testing.T, lib *Library) []state.Entry {
	t.Helper()
	es, err := lib.Store.Entries()
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestDictionaryFollowsAdds: editions added after the library's
// dictionary was written, each the newest, are found by search --all's
// searcher as by the one over every briefing, at every search after
// them (the dictionary updated once, then read as it is).
func TestDictionaryFollowsAdds(t *testing.T) {
	lib := testLibrary(t)
	root := t.TempDir()
	queries := []string{"convention", "minister", "summit", "open data", "140,612"}
	for round := range 3 {
		for range 2 {
			forget()
			all, err := lib.Searcher()
			if err != nil {
				t.Fatal(err)
			}
			for _, query := range queries {
				q := search.ParseQuery(query)
				one, err := lib.SearcherFor(q)
				if err != nil {
					t.Fatal(err)
				}
				want, got := all.Search(q, search.SearchOptions{}), one.Search(q, search.SearchOptions{})
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("round %d, %q: %d hits through the dictionary, %d over every briefing", round, query, len(got), len(want))
				}
			}
		}
		dir := filepath.Join(root, fmt.Sprintf("added-%d", round))
		if err := gen.WriteBundle(dir, gen.Briefing(20, int64(100+round))); err != nil {
			t.Fatal(err)
		}
		if _, _, err := lib.Add(dir, time.Unix(int64(100+round), 0)); err != nil {
			t.Fatal(err)
		}
	}
}
