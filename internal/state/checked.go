package state

import (
	"fmt"
	"io"
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
//
// A stamp is trusted only when the stamp file is strictly newer than the
// database (git's rule for "racy" entries): a write in the same tick of
// the file system's clock as the stamp would leave the modification time
// unchanged, but any write after a later tick changes it.

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

// keptStamp is the stamp kept for path if it can be trusted: it is the
// database's stamp now, and was written in a later tick than the
// database's last write.
func keptStamp(path string) (stamp string, ok bool) {
	f, err := os.Open(checkedPath(path))
	if err != nil {
		return "", false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", false
	}
	raw, err := io.ReadAll(io.LimitReader(f, 256))
	if err != nil {
		return "", false
	}
	stamp, newest, err := fileStamp(path)
	return stamp, err == nil && string(raw) == stamp && info.ModTime().After(newest)
}

// checkedBefore reports whether the database at path is, by its stamp, as
// it was when it last passed the check or was closed by brief.
func checkedBefore(path string) bool {
	_, ok := keptStamp(path)
	return ok
}

// recordChecked keeps the stamp of the database at path as checked. A
// stamp that cannot be written, or is written in the tick of the last
// write, only costs a check next time.
func recordChecked(path string) {
	if _, ok := keptStamp(path); ok {
		return
	}
	stamp, _, err := fileStamp(path)
	if err != nil {
		return
	}
	kept := checkedPath(path)
	tmp := fmt.Sprintf("%s.%d.tmp", kept, os.Getpid())
	if err := os.WriteFile(tmp, []byte(stamp), 0o600); err != nil {
		return
	}
	if os.Rename(tmp, kept) != nil {
		os.Remove(tmp)
	}
}
