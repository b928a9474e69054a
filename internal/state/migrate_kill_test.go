package state

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// sqlComment is a comment of the migrations' SQL, to its line's end.
var sqlComment = regexp.MustCompile(`--[^\n]*`)

// statements are the statements of migration to (1-based), one by one.
func statements(to int) []string {
	var out []string
	for _, st := range strings.Split(sqlComment.ReplaceAllString(migrations[to-1], ""), ";") {
		if st = strings.TrimSpace(st); st != "" {
			out = append(out, st)
		}
	}
	return out
}

// migrateKilled runs the last migration as migrate does, in one
// transaction, and kills its own process with SIGKILL after statement
// step (numbered from 0; one past them kills before the commit, two past
// after it).
func migrateKilled(path string, step int) int {
	s, err := openAt(path, Version-1)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	tx, err := s.db.Begin()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	steps := append(statements(Version), fmt.Sprintf(`PRAGMA user_version = %d`, Version))
	for i, st := range steps {
		if _, err := tx.Exec(st); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if i == step {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	if err := tx.Commit(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	return 1
}

// openAt opens the database as Open does, migrated no further than
// version.
func openAt(path string, version int) (*Store, error) {
	saved := Version
	Version = version
	defer func() { Version = saved }()
	return open(path)
}

// oldLibrary is a database of the version before this build's, in WAL
// mode, whose library holds n entries with their item hashes: made once
// per n, then copied to path.
func oldLibrary(t *testing.T, path string, n int) {
	t.Helper()
	raw, err := oldLibraries.get(n)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// oldLibraryFiles are the files of oldLibrary, by number of entries.
type oldLibraryFiles struct {
	sync.Mutex
	m map[int][]byte
}

var oldLibraries = &oldLibraryFiles{m: map[int][]byte{}}

func (o *oldLibraryFiles) get(n int) ([]byte, error) {
	o.Lock()
	defer o.Unlock()
	if raw, ok := o.m[n]; ok {
		return raw, nil
	}
	dir, err := os.MkdirTemp("", "old-library-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "brief.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	for _, m := range migrations[:Version-1] {
		if _, err := tx.Exec(m); err != nil {
			return nil, err
		}
	}
	for i := range n {
		id := fmt.Sprintf("e%04d", i)
		if _, err := tx.Exec(`INSERT INTO library (id, origin, added, hash, title, place, start, "end", items, stamp)
			VALUES (?, ?, ?, ?, 'T', 'P', '2025-01-01', '2025-01-02', 1, 'briefing.yaml 1 2')`, id, "/src/"+id, i+1, "h"+id); err != nil {
			return nil, err
		}
		if _, err := tx.Exec(`INSERT INTO library_hashes (id, hashes) VALUES (?, ?)`, id, `{"event:a":"`+id+`"}`); err != nil {
			return nil, err
		}
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, Version-1)); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if _, err := db.Exec(`PRAGMA journal_mode = WAL`); err != nil {
		return nil, err
	}
	if err := db.Close(); err != nil { // checkpoints the log into the file
		return nil, err
	}
	raw, err := os.ReadFile(path)
	if err == nil {
		o.m[n] = raw
	}
	return raw, err
}

// intactAfterKill opens the database a killed migration left: it opens
// without a warning, at this build's version, whole, with every entry
// and its item hashes.
func intactAfterKill(t *testing.T, path string, n int, when string) {
	t.Helper()
	s, warn := Open(path, now)
	if warn != "" {
		t.Fatalf("%s: Open warned: %s", when, warn)
	}
	defer s.Close()
	var check string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("%s: integrity_check: %s %v", when, check, err)
	}
	if v := userVersion(t, path); v != Version {
		t.Fatalf("%s: user_version %d, want %d", when, v, Version)
	}
	entries, err := s.Entries()
	if err != nil || len(entries) != n {
		t.Fatalf("%s: %d entries (%v), want %d", when, len(entries), err, n)
	}
	for _, e := range entries {
		if e.Hash != "h"+e.ID || e.Origin != "/src/"+e.ID || e.Stamp != "" {
			t.Fatalf("%s: entry %+v", when, e)
		}
	}
	if got, err := s.EntryHashes("e0007"); err != nil || got["event:a"] != "e0007" {
		t.Fatalf("%s: item hashes %v, %v", when, got, err)
	}
}

// TestMigrationKilledAtEachStep: the latest migration killed (SIGKILL)
// after each of its statements, before its commit and after it leaves a
// database that opens without a warning, migrated, with every entry.
func TestMigrationKilledAtEachStep(t *testing.T) {
	t.Parallel()
	const n = 300
	steps := len(statements(Version)) + 1 // and the version
	for step := range steps + 1 {
		path := filepath.Join(t.TempDir(), "brief.db")
		oldLibrary(t, path, n)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), child+"=migrate-killed", "DB="+path, "STEP="+fmt.Sprint(step))
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("step %d: the migration was not killed: %v\n%s", step, err, out)
		}
		want := Version - 1
		if step == steps {
			want = Version
		}
		if v := userVersion(t, path); v != want {
			t.Errorf("step %d: killed at user_version %d, want %d", step, v, want)
		}
		when := fmt.Sprintf("killed after statement %d of %d", step+1, steps)
		if step == steps {
			when = "killed after the commit"
		}
		t.Log(when)
		intactAfterKill(t, path, n, when)
	}
}

// TestOpenKilledWhileMigrating: a real Open of an old database killed at
// moments spread over its migration leaves one that opens, whole.
func TestOpenKilledWhileMigrating(t *testing.T) {
	t.Parallel()
	const n = 3000
	for _, after := range []time.Duration{0, 10, 25, 50, 100} {
		path := filepath.Join(t.TempDir(), "brief.db")
		oldLibrary(t, path, n)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), child+"=open", "DB="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		when := fmt.Sprintf("killed after %d ms (user_version %d)", after, userVersion(t, path))
		t.Log(when)
		intactAfterKill(t, path, n, when)
	}
}

// TestTwentyProcessesOpenAnOldDatabase: 20 processes opening one database
// of the version before at once each open it without a warning (one
// migrates it, the others wait and find it migrated), and it is whole.
func TestTwentyProcessesOpenAnOldDatabase(t *testing.T) {
	t.Parallel()
	const n = 3000
	path := filepath.Join(t.TempDir(), "brief.db")
	oldLibrary(t, path, n)
	cmds := make([]*exec.Cmd, 20)
	outs := make([]strings.Builder, len(cmds))
	for i := range cmds {
		cmds[i] = exec.Command(os.Args[0], "-test.run=^$")
		cmds[i].Env = append(os.Environ(), child+"=open", "DB="+path)
		cmds[i].Stderr = &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("process %d: %v: %s", i, err, outs[i].String())
		}
	}
	intactAfterKill(t, path, n, "after 20 opened it at once")
}
