package state

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// The integrity check (PRAGMA quick_check) reads the whole database: 20–40
// ms at a 1,000-briefing library, on every command. It runs only when the
// database file changed since the last check that passed: a stamp of the
// file and its journal (size and modification time) is kept beside it
// after a check passes and after brief itself closed the database. Damage
// from outside — a disk, a copy, another program — changes the stamp and
// is caught at the next open.

// racyMargin: a stamp taken less than this after the file was last
// modified is not kept, since a write within the same tick of the file
// system's clock would leave the modification time unchanged (git's
// "racy" entries).
const racyMargin = 2 * time.Second

// quickChecks counts the integrity checks run, for the tests.
var quickChecks atomic.Int64

func checkedPath(path string) string { return path + "-checked" }

// fileStamp is the stamp of path and of its write-ahead log, and the
// newest of their modification times. Opening the database makes an empty
// log, so an empty log stamps as a missing one.
func fileStamp(path string) (stamp string, newest time.Time, err error) {
	var b strings.Builder
	for i, p := range []string{path, path + "-wal"} {
		info, err := os.Stat(p)
		if err != nil && (i == 0 || !os.IsNotExist(err)) {
			return "", newest, err
		}
		if err != nil || info.Size() == 0 { // an empty log holds nothing
			b.WriteString("-\n")
			continue
		}
		fmt.Fprintf(&b, "%d %d\n", info.Size(), info.ModTime().UnixNano())
		if info.ModTime().After(newest) {
			newest = info.ModTime()
		}
	}
	return b.String(), newest, nil
}

// checkedBefore reports whether the database at path is, by its stamp, as
// it was when it last passed the check or was closed by brief.
func checkedBefore(path string) bool {
	kept, err := os.ReadFile(checkedPath(path))
	if err != nil {
		return false
	}
	stamp, _, err := fileStamp(path)
	return err == nil && string(kept) == stamp
}

// recordChecked keeps the stamp of the database at path as checked,
// unless it was modified too recently to be told apart from a later
// write. A stamp that cannot be written only costs a check next time.
func recordChecked(path string) {
	stamp, newest, err := fileStamp(path)
	if err != nil || time.Since(newest) < racyMargin {
		return
	}
	kept := checkedPath(path)
	if old, err := os.ReadFile(kept); err == nil && string(old) == stamp {
		return
	}
	tmp := fmt.Sprintf("%s.%d.tmp", kept, os.Getpid())
	if err := os.WriteFile(tmp, []byte(stamp), 0o600); err != nil {
		return
	}
	if os.Rename(tmp, kept) != nil {
		os.Remove(tmp)
	}
}
