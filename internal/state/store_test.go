package state

import (
	"bufio"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 30, 3, 15, 0, 0, time.UTC)

// child is set when the test binary runs as a helper process of a test.
const child = "BRIEF_STATE_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(child) {
	case "writer":
		os.Exit(writer(os.Getenv("DB"), os.Getenv("PREFIX"), os.Getenv("N")))
	case "migrate-killed":
		step, _ := strconv.Atoi(os.Getenv("STEP"))
		os.Exit(migrateKilled(os.Getenv("DB"), step))
	case "open":
		s, warn := Open(os.Getenv("DB"), time.Now())
		s.Close()
		if warn != "" {
			fmt.Fprintln(os.Stderr, warn)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writer saves N settled moves as the reader does (SaveReading: the place
// and an item seen, one transaction each), printing each item once it is
// committed. N "forever" loops until killed.
func writer(path, prefix, n string) int {
	s, warn := Open(path, time.Now())
	if warn != "" {
		fmt.Fprintln(os.Stderr, warn)
		return 1
	}
	limit, err := strconv.Atoi(n)
	if err != nil {
		limit = 1 << 30
	}
	for i := 0; i < limit; i++ {
		item := fmt.Sprintf("%s%d", prefix, i)
		if err := s.SaveReading("b", []byte(item), map[string]SeenItem{item: {Hash: "h", Text: item}}, limit-i, 0); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println(item)
	}
	return 0
}

func openTest(t *testing.T, path string) *Store {
	t.Helper()
	s, warn := Open(path, now)
	if warn != "" {
		t.Fatalf("Open warned: %s", warn)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFreshDatabaseIsPrivateWALAndCurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "brief", "brief.db")
	s := openTest(t, path)
	if err := s.SavePosition("builtin", []byte(`{"tab":3}`)); err != nil {
		t.Fatal(err)
	}
	if got := string(s.Position("builtin")); got != `{"tab":3}` {
		t.Errorf("position = %q", got)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	for _, d := range []string{filepath.Dir(path), filepath.Dir(filepath.Dir(path))} {
		fi, _ := os.Stat(d)
		if fi.Mode().Perm() != 0o700 {
			t.Errorf("%s has mode %v, want 0700", d, fi.Mode().Perm())
		}
	}
	var mode string
	s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	if v := userVersion(t, path); v != Version {
		t.Errorf("user_version = %d, want %d", v, Version)
	}
}

// TestMigrationsKeepData builds a database at each older version, fills
// what that version has, and opens it with this build: the data is still
// there and the new tables work.
func TestMigrationsKeepData(t *testing.T) {
	for from := 1; from < Version; from++ {
		t.Run(fmt.Sprintf("from%d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "brief.db")
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			for v := 0; v < from; v++ {
				if _, err := db.Exec(migrations[v]); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d;
				INSERT INTO briefings (key, opened, position) VALUES ('builtin', 5, '{"tab":2}');
				INSERT INTO seen (briefing, item, hash) VALUES ('builtin', 'speaker:a', 'h1');`, from)); err != nil {
				t.Fatal(err)
			}
			switch {
			case from >= 5: // the item hashes in a table of their own
				if _, err := db.Exec(`INSERT INTO library (id, origin, added, hash, title, place, start, "end", items)
					VALUES ('old', '/src/old', 1, 'abc', 'Old', 'Here', '2025-01-01', '2025-01-02', 1);
					INSERT INTO library_hashes (id, hashes) VALUES ('old', '{"event:a":"h9"}')`); err != nil {
					t.Fatal(err)
				}
			case from >= 2:
				if _, err := db.Exec(`INSERT INTO library (id, origin, added, hash, title, place, start, "end", items, hashes)
					VALUES ('old', '/src/old', 1, 'abc', 'Old', 'Here', '2025-01-01', '2025-01-02', 1, '{"event:a":"h9"}')`); err != nil {
					t.Fatal(err)
				}
			}
			if from >= 4 {
				// A stamp of version 4's format: each file's name, size
				// and modification time.
				if _, err := db.Exec(`UPDATE library SET stamp = 'briefing.yaml 2671 1796443068629769802' || char(10)`); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()

			s := openTest(t, path)
			if v := userVersion(t, path); v != Version {
				t.Fatalf("user_version = %d after migrating, want %d", v, Version)
			}
			if got := string(s.Position("builtin")); got != `{"tab":2}` {
				t.Errorf("position lost in migration: %q", got)
			}
			if got := s.Seen("builtin"); got["speaker:a"] != "h1" {
				t.Errorf("seen lost in migration: %v", got)
			}
			if got := s.SeenTexts("builtin", map[string]bool{"speaker:a": true}); len(got) != 0 {
				t.Errorf("an item seen before version 3 kept no text, got %v", got)
			}
			if err := s.MarkSeen("builtin", "speaker:a", "h2", "Dang Hoang Giang spoke"); err != nil {
				t.Fatal(err)
			}
			if got := s.SeenTexts("builtin", map[string]bool{"speaker:a": true}); got["speaker:a"] != "Dang Hoang Giang spoke" {
				t.Errorf("the text seen after migrating was not kept: %v", got)
			}
			if on, err := s.ToggleBookmark("builtin", "speaker:a", now); !on || err != nil {
				t.Errorf("bookmark after migration: %v %v", on, err)
			}
			if from >= 2 {
				// An entry from before stamps, or with a stamp of the
				// format before version 6, has none: its files are hashed
				// once, then stamped.
				if es, err := s.Entries(); err != nil || len(es) != 1 || es[0].Hash != "abc" || es[0].Stamp != "" {
					t.Errorf("library entry after migrating: %+v, %v", es, err)
				}
				if got, err := s.EntryHashes("old"); err != nil || got["event:a"] != "h9" {
					t.Errorf("item hashes after migrating: %v, %v", got, err)
				}
				if found, err := s.RemoveEntry("old"); !found || err != nil {
					t.Fatal(found, err)
				}
				if _, err := s.EntryHashes("old"); err == nil {
					t.Error("removing an entry should remove its item hashes")
				}
			}
		})
	}
}

func TestNewerDatabaseIsMovedAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "brief.db")
	s := openTest(t, path)
	s.SavePosition("builtin", []byte("x"))
	if _, err := s.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, Version+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s2, warn := Open(path, now)
	defer s2.Close()
	if !strings.Contains(warn, "newer brief") || strings.Contains(warn, "\n") {
		t.Errorf("warning should be one line about a newer brief: %q", warn)
	}
	aside := fmt.Sprintf("%s.v%d-20261130T031500", path, Version+1)
	if !strings.Contains(warn, aside) {
		t.Errorf("warning does not name %s: %q", aside, warn)
	}
	if _, err := os.Stat(aside); err != nil {
		t.Errorf("the newer database was not kept: %v", err)
	}
	if s2.Problem() != nil || s2.Position("builtin") != nil {
		t.Errorf("the fresh database should work and be empty: %v", s2.Problem())
	}
	if err := s2.SavePosition("builtin", []byte("y")); err != nil {
		t.Error(err)
	}
}

func TestCorruptDatabaseIsMovedAside(t *testing.T) {
	for name, content := range map[string][]byte{
		"garbage":       []byte(strings.Repeat("not a database at all ", 400)),
		"damaged pages": nil, // filled below
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "brief.db")
			if content == nil {
				s := openTest(t, path)
				for i := range 500 {
					s.MarkSeen("b", fmt.Sprintf("item-%d-%s", i, strings.Repeat("x", 100)), "h", "")
				}
				s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
				s.Close()
				raw, _ := os.ReadFile(path)
				for i := 4096 * 2; i < len(raw); i += 7 {
					raw[i] ^= 0x5a
				}
				content = raw
			}
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			s, warn := Open(path, now)
			defer s.Close()
			if !strings.Contains(warn, "damaged") || !strings.Contains(warn, ".corrupt-") || strings.Contains(warn, "\n") {
				t.Errorf("warning should be one line naming where the damaged file went: %q", warn)
			}
			if err := s.Problem(); err != nil {
				t.Fatalf("a fresh database should replace the damaged one: %v", err)
			}
			if err := s.MarkSeen("b", "x", "h", ""); err != nil {
				t.Error(err)
			}
			matches, _ := filepath.Glob(path + ".corrupt-*")
			if len(matches) == 0 {
				t.Error("the damaged file was not kept beside the new one")
			}
		})
	}
}

// TestUnusableFolderGivesADisabledStore: the state folder cannot be
// made (here a file stands where a folder should be, which even root cannot
// get past): one warning line, and a store that answers without keeping.
func TestUnusableFolderGivesADisabledStore(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "state")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, warn := Open(filepath.Join(blocker, "brief", "brief.db"), now)
	if warn == "" || strings.Contains(warn, "\n") || s.Problem() == nil {
		t.Fatalf("want one warning line and a disabled store, got %q, %v", warn, s.Problem())
	}
	if s.Position("b") != nil || len(s.Seen("b")) != 0 || len(s.Bookmarks()) != 0 {
		t.Error("a disabled store should find nothing")
	}
	if err := s.MarkSeen("b", "x", "h", ""); err == nil {
		t.Error("a write to a disabled store should say why it did nothing")
	}
	if _, ok := s.LastOpened(); ok {
		t.Error("a disabled store has no last briefing")
	}
	if m := s.Sync("b", map[string]string{"speaker:a": "1"}); !m.Unseen["speaker:a"] {
		t.Error("a disabled store still marks everything unseen")
	}
}

// TestFullOrReadOnlyDiskTurnsTheStoreOff makes the database refuse writes
// the way a full disk (max_page_count reached: SQLITE_FULL) and a
// read-only one (query_only: SQLITE_READONLY) do: the first failed write
// turns the store off with its reason, later writes fail fast, reads
// still answer.
func TestFullOrReadOnlyDiskTurnsTheStoreOff(t *testing.T) {
	for name, pragma := range map[string]string{
		"full":      `PRAGMA max_page_count = 1`,
		"read-only": `PRAGMA query_only = 1`,
	} {
		t.Run(name, func(t *testing.T) {
			s := openTest(t, filepath.Join(t.TempDir(), "brief.db"))
			s.SavePosition("b", []byte("kept"))
			s.db.SetMaxOpenConns(1)
			if _, err := s.db.Exec(pragma); err != nil {
				t.Fatal(err)
			}
			var err error
			for i := 0; i < 200 && err == nil; i++ {
				err = s.MarkSeen("b", fmt.Sprintf("item-%d-%s", i, strings.Repeat("x", 500)), "h", "")
			}
			if err == nil {
				t.Fatal("the database never refused a write")
			}
			if s.Problem() == nil {
				t.Fatalf("a refused write (%v) should turn the store off", err)
			}
			if err := s.SavePosition("b", []byte("new")); err == nil {
				t.Error("later writes should fail fast")
			}
			if got := string(s.Position("b")); got != "kept" {
				t.Errorf("reads should still answer: %q", got)
			}
		})
	}
}

// TestTwentyProcessesLoseNoWrite runs 20 real processes writing to one
// database at once, one transaction per item: every item of each is there.
func TestTwentyProcessesLoseNoWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "brief.db")
	openTest(t, path).Close()
	const n = 50
	var prefixes []string
	for i := range 20 {
		prefixes = append(prefixes, fmt.Sprintf("w%02d-", i))
	}
	var cmds []*exec.Cmd
	for _, prefix := range prefixes {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), child+"=writer", "DB="+path, "PREFIX="+prefix, "N="+strconv.Itoa(n))
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
		t.Cleanup(func() {
			if stderr.Len() > 0 {
				t.Logf("writer %s: %s", prefix, stderr.String())
			}
		})
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("writer failed: %v", err)
		}
	}
	s := openTest(t, path)
	seen := s.Seen("b")
	if len(seen) != len(prefixes)*n {
		t.Fatalf("%d items recorded, want %d: writes were lost", len(seen), len(prefixes)*n)
	}
	for _, p := range prefixes {
		for i := range n {
			if _, ok := seen[fmt.Sprintf("%s%d", p, i)]; !ok {
				t.Fatalf("%s%d is missing", p, i)
			}
		}
	}
}

// TestKillDuringWritesLosesAtMostOne kills a writing process with SIGKILL
// in the middle of its loop: the database opens clean, and every item the
// writer reported committed is there.
func TestKillDuringWritesLosesAtMostOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "brief.db")
	openTest(t, path).Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), child+"=writer", "DB="+path, "PREFIX=k", "N=forever")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	var committed []string
	for sc.Scan() {
		committed = append(committed, sc.Text())
		if len(committed) == 200 {
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	cmd.Wait()
	for sc.Scan() { // reported before it died
		committed = append(committed, sc.Text())
	}
	if len(committed) < 200 {
		t.Fatalf("the writer reported only %d items before dying", len(committed))
	}

	s := openTest(t, path)
	var check string
	s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check)
	if check != "ok" {
		t.Fatalf("integrity_check after kill -9: %s", check)
	}
	seen := s.Seen("b")
	for _, item := range committed {
		if _, ok := seen[item]; !ok {
			t.Fatalf("%s was committed before the kill and is gone", item)
		}
	}
	if len(seen) > len(committed)+1 {
		t.Errorf("%d items in the database, the writer reported %d: more than the one in flight", len(seen), len(committed))
	}
	// The place went with the item in the same transaction: it is the
	// last item recorded seen.
	last := fmt.Sprintf("k%d", len(seen)-1)
	if got := string(s.Position("b")); got != last {
		t.Errorf("the place saved is %q, want %q, the last item recorded seen", got, last)
	}
}

func TestSyncMarksChangedAndNewItems(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "brief.db"))
	first := map[string]string{"speaker:a": "1", "statement:a#0": "2", "measure:m1": "3"}
	m := s.Sync("lib", first)
	if len(m.Unseen) != 3 || len(m.New) != 0 || len(m.Changed) != 0 {
		t.Fatalf("first edition: everything unseen, nothing new or changed: %+v", m)
	}
	for item, h := range first {
		s.MarkSeen("lib", item, h, "")
	}
	second := map[string]string{"speaker:a": "1", "statement:a#0": "2-edited", "measure:m1": "3", "measure:m2": "4"}
	m = s.Sync("lib", second)
	if !m.Changed["statement:a#0"] || len(m.Changed) != 1 {
		t.Errorf("changed = %v, want the edited statement alone", m.Changed)
	}
	if !m.New["measure:m2"] || len(m.New) != 1 {
		t.Errorf("new = %v, want the added measure alone", m.New)
	}
	if len(m.Unseen) != 2 {
		t.Errorf("unseen = %v, want the edited and the added item", m.Unseen)
	}
	if u, c := s.Counts("lib", second); u != 2 || c != 1 {
		t.Errorf("counts = %d unseen, %d changed; want 2, 1", u, c)
	}
	s.MarkSeen("lib", "statement:a#0", "2-edited", "")
	if m = s.Sync("lib", second); m.Changed["statement:a#0"] {
		t.Error("a changed item read again is no longer changed")
	}
}

func TestLastOpenedAndBookmarks(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "brief.db"))
	if _, ok := s.LastOpened(); ok {
		t.Error("a fresh store has no last briefing")
	}
	s.Opened("builtin", now)
	s.Opened("library:x", now.Add(time.Minute))
	if got, _ := s.LastOpened(); got != "library:x" {
		t.Errorf("last opened = %q", got)
	}
	s.ToggleBookmark("builtin", "speaker:a", now)
	s.ToggleBookmark("library:x", "figure:f", now.Add(time.Second))
	if err := s.SetNote("builtin", "speaker:a", "quote in intro"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNote("builtin", "speaker:zz", "x"); err != ErrNoBookmark {
		t.Errorf("note on no bookmark: %v", err)
	}
	bs := s.Bookmarks()
	if len(bs) != 2 || bs[0].Note != "quote in intro" || bs[1].Item != "figure:f" {
		t.Errorf("bookmarks = %+v", bs)
	}
	if on, _ := s.ToggleBookmark("builtin", "speaker:a", now); on || len(s.Bookmarks()) != 1 {
		t.Error("toggling again removes the bookmark")
	}
}

func TestPaths(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	p, _ := pathsFrom(env(map[string]string{"HOME": "/h"}))
	if p.DB() != "/h/.local/state/brief/brief.db" || p.Library() != "/h/.local/share/brief/library" {
		t.Errorf("defaults: %+v", p)
	}
	p, _ = pathsFrom(env(map[string]string{"HOME": "/h", "XDG_STATE_HOME": "/s", "XDG_DATA_HOME": "rel"}))
	if p.State != "/s/brief" || p.Data != "/h/.local/share/brief" {
		t.Errorf("XDG (a relative one ignored): %+v", p)
	}
	p, _ = pathsFrom(env(map[string]string{"HOME": "/h", "XDG_STATE_HOME": "/s", "BRIEF_HOME": "/b"}))
	if p.State != "/b/state" || p.Data != "/b/data" {
		t.Errorf("BRIEF_HOME: %+v", p)
	}
	if _, err := pathsFrom(env(nil)); err != ErrNoHome {
		t.Errorf("no home: %v", err)
	}
}

// TestEntriesToSearchAreEntries: the entries a search reads are those of
// the library list, in its order (newest first, then by id), with what a
// search needs.
func TestEntriesToSearchAreEntries(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "brief.db"))
	for i, id := range []string{"b", "a", "c", "d"} {
		e := Entry{ID: id, Origin: "/src/" + id, Added: time.Unix(int64(i/2), 0), Hash: "h" + id, Title: "T " + id, Stamp: "s " + id,
			Hashes: map[string]string{"event:x": "1"}}
		if err := s.PutEntry(e); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Entries()
	if err != nil {
		t.Fatal(err)
	}
	some, err := s.EntriesToSearch()
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for i, e := range all {
		order = append(order, e.ID)
		f := some[i]
		if f.ID != e.ID || !f.Added.Equal(e.Added) || f.Hash != e.Hash || f.Title != e.Title || f.Stamp != e.Stamp {
			t.Errorf("entry %d: %+v to search, %+v listed", i, f, e)
		}
	}
	if strings.Join(order, " ") != "c d a b" || len(some) != len(all) {
		t.Errorf("order %v, %d to search", order, len(some))
	}
}
