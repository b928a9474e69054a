package library

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStampSeesFilesSwappedUnderIt: after a stamp was kept, a file of the
// copy replaced by another of the same size and time (its inode freed and
// taken again where the file system reuses it), a link swapped in for a
// file, a file or the copy's folder made unreadable, each make the stamp
// fail, so the files are read again: the copy is never listed as it was.
func TestStampSeesFilesSwappedUnderIt(t *testing.T) {
	const name = "sources.yaml"
	// edited is the copy's sources.yaml with one id made invalid, its
	// size kept.
	edited := func(t *testing.T, lib *Library) []byte {
		t.Helper()
		raw, err := os.ReadFile(filepath.Join(lib.Dir, "minimal", name))
		if err != nil {
			t.Fatal(err)
		}
		return []byte(strings.Replace(string(raw), "id: ", "id:!", 1))
	}
	stamped := func(t *testing.T) (*Library, string, os.FileInfo) {
		t.Helper()
		later(t)
		lib := oneEntry(t)
		if status(t, lib) != StatusOK || stampOf(t, lib) == "" {
			t.Fatalf("no stamp kept: %q", stampOf(t, lib))
		}
		p := filepath.Join(lib.Dir, "minimal", name)
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
		return lib, p, info
	}
	matches := func(lib *Library) bool {
		s := newStamper(lib.Dir)
		defer s.close()
		return s.matches("minimal", stampOf(t, lib))
	}
	t.Run("replaced, same inode, size and time", func(t *testing.T) {
		lib, p, before := stamped(t)
		raw := edited(t, lib)
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, before.ModTime(), before.ModTime()); err != nil {
			t.Fatal(err)
		}
		after, _ := os.Stat(p)
		t.Logf("inode reused: %v", after.Sys().(*syscall.Stat_t).Ino == before.Sys().(*syscall.Stat_t).Ino)
		if status(t, lib) != StatusInvalid {
			t.Error("a file replaced by one of its inode, size and time is listed stale")
		}
	})
	t.Run("a link swapped in for a file", func(t *testing.T) {
		lib, p, before := stamped(t)
		for _, target := range []string{filepath.Join(t.TempDir(), name), filepath.Join(lib.Dir, "minimal", ".other.yaml")} {
			if err := os.WriteFile(target, edited(t, lib), 0o600); err != nil {
				t.Fatal(err)
			}
			os.Chtimes(target, before.ModTime(), before.ModTime())
			os.Remove(p)
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			if status(t, lib) == StatusOK {
				t.Errorf("a link to %s swapped in for %s: listed ok", target, name)
			}
			// The folder is there: the entry is not said to be gone.
			forget()
			list, err := lib.List()
			if err != nil {
				t.Fatal(err)
			}
			if e := list[1]; e.Status == StatusMissing || strings.Contains(e.Problem, "gone") {
				t.Errorf("a link to %s swapped in for %s: %s, %q", target, name, e.Status, e.Problem)
			}
		}
	})
	t.Run("a file made unreadable", func(t *testing.T) {
		lib, p, _ := stamped(t)
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		if matches(lib) {
			t.Error("the stamp still matches a file made unreadable")
		}
		if os.Geteuid() != 0 && status(t, lib) == StatusOK {
			t.Error("a copy with an unreadable file is listed ok")
		}
	})
	t.Run("the folder made unreadable", func(t *testing.T) {
		lib, _, _ := stamped(t)
		dir := filepath.Join(lib.Dir, "minimal")
		if err := os.Chmod(dir, 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o700)
		if os.Geteuid() != 0 && matches(lib) {
			t.Error("the stamp still matches files whose folder cannot be searched")
		}
		if os.Geteuid() != 0 && status(t, lib) == StatusOK {
			t.Error("a copy whose folder cannot be read is listed ok")
		}
	})
}
