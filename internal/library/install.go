package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/brief-reader/brief/internal/state"
)

// AfterStep, when set (by tests), is called after each step of an add,
// with the step's name: a test makes it exit the process to leave the
// library as a crash there would.
var AfterStep func(step string)

func after(step string) {
	if AfterStep != nil {
		AfterStep(step)
	}
}

// The steps of an add, in order, as AfterStep names them.
var AddSteps = []string{"copied", "journaled", "old-moved", "new-moved", "indexed", "old-removed"}

// locked runs fn holding the library's lock: one writer at a time across
// every process, from reading the index to writing it. It finishes any add
// a crash left half done first.
func (l *Library) locked(fn func() error) error {
	if err := state.MkdirPrivate(l.Dir); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(l.Dir, ".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		return fmt.Errorf("cannot lock the library: %w", err)
	}
	defer unlockFile(f)
	if err := l.recover(); err != nil {
		return fmt.Errorf("cannot finish an add that was interrupted: %w", err)
	}
	l.adoptOrphans()
	return fn()
}

// journal is what an add is about to do, written before it touches the
// entry's folder, so that the next writer can finish it.
type journal struct {
	Entry state.Entry // the new row, hashes included
	Tmp   string      // the folder holding the new edition's files
	Old   string      // where the old edition is moved while swapping
}

func journalPath(dir, id string) string { return filepath.Join(dir, ".journal-"+id) }

// install writes files as entry e.ID and records e in the index: the files
// into a new folder first, then swapped in. A journal written before the
// swap lets the next writer finish an add a crash interrupted, so a crash
// at any step leaves the old edition or the new one, with its row. The
// library's lock is held.
func (l *Library) install(e state.Entry, files map[string][]byte) error {
	tmp, err := os.MkdirTemp(l.Dir, ".add-"+e.ID+"-")
	if err != nil {
		return err
	}
	all := map[string][]byte{originFile: originOf(e)}
	for name, src := range files {
		all[name] = src
	}
	if err := writeAllSynced(tmp, all); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	// No stamp: the files were written just now, so an edit in the same
	// tick of the clock could keep their times (racyWindow). The first
	// check after the window hashes them and records one.
	e.Stamp = ""
	after("copied")
	j := journal{Entry: e, Tmp: tmp, Old: tmp + ".old"}
	raw, err := json.Marshal(j)
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := writeAtomic(journalPath(l.Dir, e.ID), raw); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	after("journaled")
	return l.finish(j)
}

// finish completes a journaled add from wherever it stopped: the new
// edition's folder in place, the row written, the old edition and the
// journal removed. Each step can be done again.
func (l *Library) finish(j journal) error {
	final := filepath.Join(l.Dir, j.Entry.ID)
	if exists(j.Tmp) {
		if err := os.Rename(final, j.Old); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		after("old-moved")
		if err := os.Rename(j.Tmp, final); err != nil {
			return err
		}
		after("new-moved")
	}
	if err := l.Store.PutEntry(j.Entry); err != nil {
		return fmt.Errorf("cannot record the bundle in the library's index: %w", err)
	}
	after("indexed")
	if err := os.RemoveAll(j.Old); err != nil {
		return err
	}
	after("old-removed")
	return os.Remove(journalPath(l.Dir, j.Entry.ID))
}

// recover finishes every journaled add, and removes the folders of adds
// that stopped before their journal was written. The lock is held, so no
// add is running.
func (l *Library) recover() error {
	names, err := os.ReadDir(l.Dir)
	if err != nil {
		return err
	}
	for _, d := range names {
		if !strings.HasPrefix(d.Name(), ".journal-") || strings.HasSuffix(d.Name(), ".tmp") {
			continue
		}
		j, ok := l.readJournal(filepath.Join(l.Dir, d.Name()))
		if !ok {
			continue
		}
		if err := l.finish(j); err != nil {
			return err
		}
	}
	l.removeLeftovers()
	return nil
}

// readJournal reads a journal; one that is not ours or was written in part
// (its add never began) is removed.
func (l *Library) readJournal(path string) (journal, bool) {
	raw, err := os.ReadFile(path)
	var j journal
	if err == nil {
		err = json.Unmarshal(raw, &j)
	}
	if err != nil || j.Entry.ID == "" || filepath.Dir(j.Tmp) != l.Dir || filepath.Dir(j.Old) != l.Dir {
		os.Remove(path)
		return j, false
	}
	return j, true
}

// removeLeftovers removes what is left of adds that stopped before their
// journal.
func (l *Library) removeLeftovers() {
	names, _ := os.ReadDir(l.Dir)
	for _, d := range names {
		if strings.HasPrefix(d.Name(), ".add-") || strings.HasPrefix(d.Name(), ".remove-") || (strings.HasPrefix(d.Name(), ".journal-") && strings.HasSuffix(d.Name(), ".tmp")) {
			os.RemoveAll(filepath.Join(l.Dir, d.Name()))
		}
	}
}

// current is the library's index for a reader that only reads the
// library, after finishing, under the lock, an add a crash left
// journaled, and giving a row to each copy that has none: one listing of
// the folder, read against the index, tells whether there is any.
func (l *Library) current() ([]state.Entry, error) {
	entries, err := l.Store.Entries()
	if err != nil || !l.needsRecovery(entries) {
		return entries, err
	}
	_ = l.locked(func() error { return nil })
	return l.Store.Entries()
}

// needsRecovery reports whether the library folder holds a journal, or a
// copy that entries do not name.
func (l *Library) needsRecovery(entries []state.Entry) bool {
	f, err := os.Open(l.Dir)
	if err != nil {
		return false
	}
	names, _ := f.Readdirnames(-1)
	f.Close()
	indexed := make(map[string]bool, len(entries))
	for _, e := range entries {
		indexed[e.ID] = true
	}
	for _, name := range names {
		if strings.HasPrefix(name, ".journal-") {
			return true
		}
		if !indexed[name] && slug(name) == name {
			if fi, err := os.Lstat(filepath.Join(l.Dir, name)); err == nil && fi.IsDir() { // as orphans sees it
				return true
			}
		}
	}
	return false
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// writeSynced writes a private file and flushes it to the disk.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeAllSynced writes the files into dir, each private, and flushes
// them to the disk before it returns. The flushes run at once: a file
// system with a journal commits them together, where one after the other
// each waited for its own commit (ten of them an add, on a disk shared
// with builds).
func writeAllSynced(dir string, files map[string][]byte) error {
	opened := make([]*os.File, 0, len(files))
	defer func() {
		for _, f := range opened {
			f.Close()
		}
	}()
	for name, src := range files {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		opened = append(opened, f)
		if _, err := f.Write(src); err != nil {
			return err
		}
	}
	errs := make([]error, len(opened))
	var wg sync.WaitGroup
	for i, f := range opened {
		wg.Go(func() { errs[i] = f.Sync() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeAtomic writes path whole or not at all: a temporary file, synced,
// renamed over it.
func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	os.Remove(tmp)
	if err := writeSynced(tmp, data); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
