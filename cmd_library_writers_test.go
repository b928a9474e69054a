package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/state"
)

// titledCopy is examples/minimal in DIR/NAME/bundle, its title ending in
// NAME, so an entry can be matched to its files.
func titledCopy(t *testing.T, root, name string) string {
	t.Helper()
	dir := filepath.Join(root, name, "bundle")
	if err := os.CopyFS(dir, os.DirFS("examples/minimal")); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "briefing.yaml", "title: Example Summit on Open Data", "title: Example Summit on Open Data "+name)
	return dir
}

// 20 processes adding 20 folders that share a name, at once: 20 entries,
// each with its own id and each row describing its own files.
func TestTwentyConcurrentAddsLoseNothing(t *testing.T) {
	t.Parallel()
	env, _ := libraryEnv(t)
	root := t.TempDir()
	const n = 20
	dirs := make([]string, n)
	for i := range dirs {
		dirs[i] = titledCopy(t, root, fmt.Sprintf("p%02d", i+1))
	}
	var wg sync.WaitGroup
	results := make([]result, n)
	for i, dir := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Twenty processes, each its own brief: in this process the
			// runs would take turns.
			results[i] = briefProcess(t, env, "library", "add", dir)
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Errorf("add %s: exit %d\n%s", dirs[i], r.code, r.stderr)
		}
	}
	list := libraryList(t, env)
	if len(list) != n+1 {
		t.Fatalf("%d entries after %d adds, want %d: %s", len(list)-1, n, n, ids(list))
	}
	seen := map[string]bool{}
	for _, e := range list[1:] {
		name := filepath.Base(filepath.Dir(e.Origin))
		if seen[e.ID] || e.Status != "ok" || !strings.HasSuffix(e.Title, " "+name) {
			t.Errorf("entry %s (%s, %s): title %q does not match its origin %s", e.ID, e.Status, e.Problem, e.Title, e.Origin)
		}
		seen[e.ID] = true
		// The files under the id are the origin's files.
		copied, err := os.ReadFile(filepath.Join(libraryDir(t, env), e.ID, "briefing.yaml"))
		if err != nil || !strings.Contains(string(copied), "Open Data "+name+"\n") {
			t.Errorf("entry %s: its files are not %s's (%v)", e.ID, name, err)
		}
	}
}

func libraryDir(t *testing.T, env []string) string {
	t.Helper()
	for _, kv := range env {
		if home, ok := strings.CutPrefix(kv, "BRIEF_HOME="); ok {
			return filepath.Join(home, "data", "library")
		}
	}
	t.Fatal("no BRIEF_HOME")
	return ""
}

// A re-add killed at each of its steps leaves the old edition or the new
// one, never a missing entry or hidden editions: the next run finishes a
// journaled add and throws away one that stopped before its journal.
func TestAddKilledAtEachStepRecovers(t *testing.T) {
	t.Parallel()
	for i, step := range library.AddSteps {
		t.Run(step, func(t *testing.T) {
			t.Parallel()
			env, _ := libraryEnv(t)
			dir := titledCopy(t, t.TempDir(), "first")
			brief(t, env, "library", "add", dir).expect(t, 0)
			edit(t, dir, "briefing.yaml", "Open Data first", "Open Data second")

			cmd := briefCmd(t, append(env, crashAt+"="+step), "library", "add", dir)
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != crashStatus {
				t.Fatalf("the add was not stopped at %s: %v", step, err)
			}

			list := libraryList(t, env) // the next run
			if len(list) != 2 || list[1].Status != "ok" {
				t.Fatalf("after a crash at %s: %s %+v", step, ids(list), list)
			}
			want := "second"
			if i < 1 { // before the journal, the add never happened
				want = "first"
			}
			if !strings.HasSuffix(list[1].Title, " "+want) {
				t.Errorf("after a crash at %s the entry is %q, want the %s edition", step, list[1].Title, want)
			}
			copied, _ := os.ReadFile(filepath.Join(libraryDir(t, env), list[1].ID, "briefing.yaml"))
			if !strings.Contains(string(copied), "Open Data "+want+"\n") {
				t.Errorf("after a crash at %s the files are not the %s edition", step, want)
			}
			// One more add runs the recovery too and leaves nothing hidden.
			brief(t, env, "library", "add", titledCopy(t, t.TempDir(), "other")).expect(t, 0)
			left, _ := filepath.Glob(filepath.Join(libraryDir(t, env), ".[aj]*"))
			if len(left) > 0 {
				t.Errorf("after a crash at %s, left behind: %v", step, left)
			}
		})
	}
}

// A damaged state database is moved aside and started afresh; the
// library's index was in it, so every copy dropped out of the library and
// the next add of a folder of the same name replaced one of them. The
// copies now come back, with where they were added from, and a new add
// chooses an id of its own.
func TestDamagedDatabaseKeepsTheLibrary(t *testing.T) {
	t.Parallel()
	env, home := libraryEnv(t)
	root := t.TempDir()
	a, b := titledCopy(t, root, "a"), titledCopy(t, root, "b")
	brief(t, env, "library", "add", a).expect(t, 0)
	brief(t, env, "library", "add", b).expect(t, 0)
	db := filepath.Join(home, "state", "brief.db")
	for _, f := range []string{db + "-wal", db + "-shm"} {
		os.Remove(f)
	}
	if err := os.WriteFile(db, []byte(strings.Repeat("not a database ", 512)), 0o600); err != nil {
		t.Fatal(err)
	}
	r := brief(t, env, "library", "list", "--json")
	r.expect(t, 0)
	if !strings.Contains(r.stderr, "damaged") {
		t.Errorf("the damaged database was not reported:\n%s", r.stderr)
	}
	list := libraryList(t, env)
	want := map[string]string{"bundle": a, "bundle-2": b}
	if len(list) != 3 {
		t.Fatalf("after a damaged database the library lists %s, want builtin and both copies", ids(list))
	}
	for _, l := range list[1:] {
		dir, ok := want[l.ID]
		if !ok || l.Status != "ok" || l.Origin != dir || !strings.HasSuffix(l.Title, filepath.Base(filepath.Dir(dir))) {
			t.Errorf("entry %+v does not match its copy (want origin %s)", l, dir)
		}
	}
	c := titledCopy(t, root, "c")
	r = brief(t, env, "library", "add", c)
	r.expect(t, 0)
	if !strings.Contains(r.stdout, "bundle-3") {
		t.Errorf("a new add took an id in use:\n%s", r.stdout)
	}
	brief(t, env, "library", "add", a).expect(t, 2) // the same edition: already there
	if got := ids(libraryList(t, env)); got != "builtin:ok bundle-3:ok bundle-2:ok bundle:ok" && got != "builtin:ok bundle-3:ok bundle:ok bundle-2:ok" {
		t.Errorf("library = %s", got)
	}
}

// A remove moves the copy out of sight before it drops the row, so a
// remove killed in between leaves the entry "missing" (remove it again),
// never a copy without a row, which would come back into the library.
func TestRemoveKilledMidwayDoesNotBringTheCopyBack(t *testing.T) {
	t.Parallel()
	env, home := libraryEnv(t)
	a := titledCopy(t, t.TempDir(), "a")
	brief(t, env, "library", "add", a).expect(t, 0)
	lib := filepath.Join(home, "data", "library")
	// Where a remove killed after its first step leaves the library.
	if err := os.Rename(filepath.Join(lib, "bundle"), filepath.Join(lib, ".remove-bundle")); err != nil {
		t.Fatal(err)
	}
	if got := ids(libraryList(t, env)); got != "builtin:ok bundle:missing" {
		t.Errorf("after a remove killed midway: %s", got)
	}
	brief(t, env, "library", "remove", "bundle").expect(t, 0)
	if got := ids(libraryList(t, env)); got != "builtin:ok" {
		t.Errorf("after removing it again: %s", got)
	}
	names, _ := os.ReadDir(lib)
	for _, n := range names {
		if n.Name() == ".cache" {
			if kept, _ := os.ReadDir(filepath.Join(lib, ".cache")); len(kept) > 0 {
				t.Errorf("the removed briefing's snapshot and index are still kept: %v", kept)
			}
		} else if n.Name() != ".lock" {
			t.Errorf("left in the library folder: %s", n.Name())
		}
	}
}

// 20 processes at once on one library whose copies are past the racy
// window, so that every list and search re-stamps the entries it finds
// unstamped (a write) and every search --all brings the dictionary up to
// date (a rename) while adds come in: each exits 0, every list and search
// sees every entry that was there before it began, each ok, and after
// them the library holds every entry, each stamped, and the dictionary
// lets a search find every one.
func TestTwentyProcessesListSearchAndAddAtOnce(t *testing.T) {
	t.Parallel()
	env, _ := libraryEnv(t)
	root := t.TempDir()
	const before, adds, listers, searchers = 8, 6, 7, 7
	for i := range before {
		brief(t, env, "library", "add", titledCopy(t, root, fmt.Sprintf("old%02d", i))).expect(t, 0)
	}
	var oldIDs []string
	for _, e := range libraryList(t, env) {
		oldIDs = append(oldIDs, e.ID)
	}
	// Stamps are kept only for files older than the racy window.
	time.Sleep(2100 * time.Millisecond)
	var wg sync.WaitGroup
	results := make([]result, adds+listers+searchers)
	args := make([][]string, len(results))
	for i := range results {
		switch {
		case i < adds:
			args[i] = []string{"library", "add", titledCopy(t, root, fmt.Sprintf("new%02d", i))}
		case i < adds+listers:
			args[i] = []string{"library", "list", "--json"}
		default:
			args[i] = []string{"search", "--all", "--json", "--limit", "0", "ceremony"}
		}
	}
	for i := range results {
		wg.Go(func() { results[i] = briefProcess(t, env, args[i]...) })
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Fatalf("brief %s: exit %d\n%s", strings.Join(args[i], " "), r.code, r.stderr)
		}
		if i < adds {
			continue
		}
		var rows []struct{ ID, Briefing, Status string }
		if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
			t.Fatalf("brief %s: %v", strings.Join(args[i], " "), err)
		}
		seen := map[string]bool{}
		for _, row := range rows {
			if row.Status != "" && row.Status != "ok" {
				t.Errorf("brief %s: %s is %s", strings.Join(args[i], " "), row.ID, row.Status)
			}
			seen[row.ID+row.Briefing] = true // one of the two is ""
		}
		for _, id := range oldIDs {
			if !seen[id] {
				t.Errorf("brief %s does not see %s, there before it began", strings.Join(args[i], " "), id)
			}
		}
	}
	// The lists and searches stamped the entries they found.
	s, warn := state.Open(filepath.Join(filepath.Dir(filepath.Dir(libraryDir(t, env))), "state", "brief.db"), time.Now())
	if warn != "" {
		t.Fatal(warn)
	}
	entries, err := s.Entries()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(filepath.Base(filepath.Dir(e.Origin)), "old") && !strings.HasPrefix(e.Stamp, "s2 ") {
			t.Errorf("%s (there before) was not stamped: %q", e.ID, e.Stamp)
		}
	}
	s.Close()
	list := libraryList(t, env)
	if len(list) != 1+before+adds {
		t.Fatalf("%d entries, want %d: %s", len(list)-1, before+adds, ids(list))
	}
	for _, e := range list {
		if e.Status != "ok" {
			t.Errorf("%s is %s: %s", e.ID, e.Status, e.Problem)
		}
	}
	r := brief(t, env, "search", "--all", "--json", "--limit", "0", "ceremony")
	r.expect(t, 0)
	var hits []struct{ Briefing string }
	if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil {
		t.Fatal(err)
	}
	from := map[string]bool{}
	for _, h := range hits {
		from[h.Briefing] = true
	}
	if len(from) != 1+before+adds {
		t.Errorf("search --all after them finds %d briefings, want %d: %v", len(from), 1+before+adds, from)
	}
}
