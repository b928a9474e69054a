package library

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/data/search"
)

// later moves the stamps' clock past racyWindow for the rest of the test,
// as if the files had been written long before: stamps are then kept at
// once. Tests using it do not run in parallel.
func later(t *testing.T) {
	t.Cleanup(func() { now = time.Now })
	now = func() time.Time { return time.Now().Add(2 * racyWindow) }
}

// oneEntry is a library holding examples/minimal as "minimal", without
// the files named in leave.
func oneEntry(t *testing.T, leave ...string) *Library {
	t.Helper()
	root := t.TempDir()
	lib := emptyLibrary(t, root)
	src := filepath.Join(root, "src", "minimal")
	if err := os.CopyFS(src, os.DirFS("../../examples/minimal")); err != nil {
		t.Fatal(err)
	}
	for _, name := range leave {
		os.Remove(filepath.Join(src, name))
	}
	if _, _, err := lib.Add(src, time.Now()); err != nil {
		t.Fatal(err)
	}
	return lib
}

// status is how the library lists entry "minimal".
func status(t *testing.T, lib *Library) Status {
	t.Helper()
	forget()
	list, err := lib.List()
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %+v, %v", list, err)
	}
	return list[1].Status
}

func stampOf(t *testing.T, lib *Library) string {
	t.Helper()
	e, err := lib.Entry("minimal")
	if err != nil {
		t.Fatal(err)
	}
	return e.Stamp
}

// editInPlace rewrites a file of the copy in place (same inode), with
// old replaced by new, after a pause longer than a tick of the file
// system's clock.
func editInPlace(t *testing.T, lib *Library, name, old, new string) {
	t.Helper()
	time.Sleep(20 * time.Millisecond)
	p := filepath.Join(lib.Dir, "minimal", name)
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), old, new, 1)
	if edited == string(src) {
		t.Fatalf("%s has no %q", name, old)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(edited); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestStampIsKeptOnlyOutsideTheRacyWindow: files written just now could
// be edited again within the same tick of the clock without a change of
// size or time, so their stamp is not kept (an add keeps none); once the
// window has passed, the first check hashes them and keeps one, and from
// then on they are checked by their stats alone.
func TestStampIsKeptOnlyOutsideTheRacyWindow(t *testing.T) {
	lib := oneEntry(t)
	if s := stampOf(t, lib); s != "" {
		t.Fatalf("an add keeps no stamp, got %q", s)
	}
	if status(t, lib) != StatusOK || stampOf(t, lib) != "" {
		t.Fatalf("a stamp of files written just now was kept: %q", stampOf(t, lib))
	}
	later(t)
	if status(t, lib) != StatusOK {
		t.Fatal("the entry should be ok")
	}
	kept := stampOf(t, lib)
	if !strings.HasPrefix(kept, stampFormat+" ff ") {
		t.Fatalf("stamp after the window: %q", kept)
	}
	s := newStamper(lib.Dir)
	defer s.close()
	if !s.matches("minimal", kept) {
		t.Error("the kept stamp does not match the unchanged files")
	}
}

// TestHandEditedCopyIsNeverListedOrSearchedStale: a copy edited by hand
// in place, keeping every file's size, is seen at once by list and by
// both library searches, whenever the edit is made: right after the add
// (inside the racy window), after its stamp was kept, with the file's
// time set back to what it was, and by creating a file the copy did not
// have.
func TestHandEditedCopyIsNeverListedOrSearchedStale(t *testing.T) {
	// Words of the same length, so the file keeps its size.
	const word, other = "Example Summit", "Zanzibr Summit"
	found := func(lib *Library, query string) bool {
		t.Helper()
		q := search.ParseQuery(query)
		forget()
		for _, s := range []func() (*Searcher, error){lib.Searcher, func() (*Searcher, error) { return lib.SearcherFor(q) }} {
			sr, err := s()
			if err != nil {
				t.Fatal(err)
			}
			in := false
			for _, h := range sr.Search(q, search.SearchOptions{}) {
				in = in || h.Briefing == "minimal"
			}
			if !in {
				return false
			}
		}
		return true
	}
	for _, when := range []string{"right after the add", "after the stamp was kept"} {
		t.Run(when, func(t *testing.T) {
			if when != "right after the add" {
				later(t)
			}
			lib := oneEntry(t)
			if status(t, lib) != StatusOK {
				t.Fatal("the entry should be ok")
			}
			if kept := stampOf(t, lib) != ""; kept != (when != "right after the add") {
				t.Fatalf("stamp kept: %v", kept)
			}
			editInPlace(t, lib, "briefing.yaml", word, other)
			if !found(lib, "zanzibr") {
				t.Errorf("an edit %s is searched stale", when)
			}
			editInPlace(t, lib, "sources.yaml", "id: ", "id:!")
			if status(t, lib) != StatusInvalid {
				t.Errorf("an edit %s is listed stale", when)
			}
			// Undone byte for byte: ok again.
			editInPlace(t, lib, "sources.yaml", "id:!", "id: ")
			if status(t, lib) != StatusOK {
				t.Error("the copy as added is not ok again")
			}
		})
	}
	t.Run("stamped again", func(t *testing.T) {
		later(t)
		lib := oneEntry(t)
		status(t, lib)
		editInPlace(t, lib, "sources.yaml", "id: ", "id:!")
		status(t, lib)
		// Undone byte for byte: ok, and stamped again.
		editInPlace(t, lib, "sources.yaml", "id:!", "id: ")
		first := stampOf(t, lib)
		if status(t, lib) != StatusOK || stampOf(t, lib) == first {
			t.Error("the copy as added is not ok again, or not stamped again")
		}
	})
	t.Run("time set back", func(t *testing.T) {
		later(t)
		lib := oneEntry(t)
		status(t, lib)
		p := filepath.Join(lib.Dir, "minimal", "sources.yaml")
		before, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		editInPlace(t, lib, "sources.yaml", "id: ", "id:!")
		if err := os.Chtimes(p, before.ModTime(), before.ModTime()); err != nil {
			t.Fatal(err)
		}
		if status(t, lib) != StatusInvalid {
			t.Error("an edit whose size and time were set back is listed stale")
		}
	})
	t.Run("a file created", func(t *testing.T) {
		later(t)
		lib := oneEntry(t, "glossary.yaml")
		if status(t, lib) != StatusOK || !strings.HasPrefix(stampOf(t, lib), stampFormat+" 7f ") {
			t.Fatalf("stamp of a copy without its glossary: %q", stampOf(t, lib))
		}
		time.Sleep(20 * time.Millisecond)
		if err := os.WriteFile(filepath.Join(lib.Dir, "minimal", "glossary.yaml"), []byte("not: [a glossary\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if status(t, lib) != StatusInvalid {
			t.Error("a format file created in the copy is not seen")
		}
	})
}

// TestOldStampIsHashedOnce: a stamp of the format before version 6 of the
// database (each file's name, size and time) is never trusted; the files
// are hashed, and when they are as recorded a stamp of this format is
// kept in its place.
func TestOldStampIsHashedOnce(t *testing.T) {
	later(t)
	lib := oneEntry(t)
	e, err := lib.Entry("minimal")
	if err != nil {
		t.Fatal(err)
	}
	var old strings.Builder
	for _, name := range formatFiles {
		info, err := os.Lstat(filepath.Join(lib.Dir, "minimal", name))
		if err != nil {
			t.Fatal(err)
		}
		old.WriteString(name + " " + strconv.FormatInt(info.Size(), 10) + " " + strconv.FormatInt(info.ModTime().UnixNano(), 10) + "\n")
	}
	e.Stamp = old.String()
	if err := lib.Store.PutEntry(e); err != nil {
		t.Fatal(err)
	}
	if status(t, lib) != StatusOK || !strings.HasPrefix(stampOf(t, lib), stampFormat+" ") {
		t.Fatalf("an old stamp was not replaced: %q", stampOf(t, lib))
	}
	// An old stamp that still describes the files is not trusted either.
	e.Stamp = old.String()
	lib.Store.PutEntry(e)
	editInPlace(t, lib, "sources.yaml", "id: ", "id:!")
	if status(t, lib) != StatusInvalid {
		t.Error("a copy with an old stamp is listed stale")
	}
}
