package state

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIntegrityCheckOnlyWhenTheFileChanged: a database as brief left it
// is not checked again on the next open (library list, search --all),
// but one damaged since, even keeping its size, is still found damaged
// and moved aside.
func TestIntegrityCheckOnlyWhenTheFileChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "brief.db")
	s, warn := Open(path, now)
	if warn != "" {
		t.Fatal(warn)
	}
	for i := range 300 {
		s.MarkSeen("b", fmt.Sprintf("item-%d-%s", i, strings.Repeat("x", 100)), "h", "")
	}
	s.Close()
	// Age the file past the racy margin, as if written a while ago.
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	opens := func() (checks int64) {
		before := quickChecks.Load()
		s, warn := Open(path, now)
		if warn != "" {
			t.Fatalf("Open warned: %s", warn)
		}
		s.LastRead()
		s.Close()
		return quickChecks.Load() - before
	}
	if n := opens(); n != 1 {
		t.Fatalf("the first open of a file changed since its last check ran %d checks, want 1", n)
	}
	if n := opens(); n != 0 {
		t.Errorf("an open of the file as brief left it ran %d checks, want none", n)
	}
	// A stamp written in the same tick as the database's last write is
	// not trusted: a write right after it could keep the time.
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(checkedPath(path), info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if n := opens(); n != 1 {
		t.Errorf("an open with a stamp as old as the file ran %d checks, want 1", n)
	}
	if n := opens(); n != 0 {
		t.Errorf("the stamp should be trusted again after a check: %d checks", n)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096 * 2; i < len(raw); i += 7 {
		raw[i] ^= 0x5a
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, warn = Open(path, now)
	defer s.Close()
	if !strings.Contains(warn, "damaged") || !strings.Contains(warn, ".corrupt-") {
		t.Errorf("a file damaged after its last check should still be reported damaged: %q", warn)
	}
}
