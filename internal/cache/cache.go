// Package cache keeps what brief derives from a bundle's files (the
// briefing as the loader returns it, its search index) in files named by
// the content hash of those files, so a bundle is parsed and validated once
// per edition, not once per run. A file is only ever a cache: one that is
// missing, damaged, foreign or of another version is ignored and written
// again, and a bundle edited by hand hashes differently, so it is never
// read from a file made of its old content.
package cache

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/state"
	"github.com/brief-reader/brief/internal/words"
)

// Cache is one folder of cached files.
type Cache struct {
	Dir string
	// Keep, when above 0, bounds the snapshots LoadDir keeps: the ones
	// opened longest ago are removed. The library's cache leaves it 0 (its
	// files go with their entries); the cache of bundles opened by path,
	// which nothing else removes, sets it.
	Keep int
}

// The kinds of file kept for a hash. A snapshot is the binary form of
// data.EncodeCachedSnapshot; legacySnapshotExt is the JSON snapshot
// earlier versions kept, never read now and removed with its hash (and
// by prune).
const (
	snapshotExt       = ".snapshot"
	indexExt          = ".index"
	legacySnapshotExt = ".snapshot.json"
)

// MaxFileSize bounds a file of the cache: sixteen times the largest bundle
// the loader accepts, where a snapshot is about its bundle's size and an
// index twice it. A larger file (a sparse one left by a damaged file
// system, one made to exhaust memory) was never written by brief and is
// ignored unread.
const MaxFileSize = 16 * data.MaxBundleSize

// ReadFile is the file at path, read whole when it is a regular file of
// at most MaxFileSize bytes (ok false otherwise): what a cache file is
// read with.
func ReadFile(path string) (raw []byte, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() > MaxFileSize {
		return nil, false
	}
	// Its size as the read began; one past the limit tells a file that
	// grew since from one that did not.
	raw = make([]byte, 0, info.Size()+1)
	raw, err = readAll(io.LimitReader(f, MaxFileSize+1), raw)
	return raw, err == nil && len(raw) <= MaxFileSize
}

// readAll is io.ReadAll into buf.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// path is the file of kind ext for hash, or "" when hash cannot be a
// file name (it always can when it comes from BundleFileSet.Hash).
func (c Cache) path(hash, ext string) string {
	if c.Dir == "" || !isHex(hash) {
		return ""
	}
	return filepath.Join(c.Dir, hash+ext)
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// Briefing is the briefing loaded from files whose content hash is hash,
// if its snapshot is here and sound.
func (c Cache) Briefing(hash string) (*data.Briefing, bool) {
	raw, ok := c.read(hash, snapshotExt)
	if !ok {
		return nil, false
	}
	return data.DecodeCachedSnapshot(raw, hash)
}

// PutBriefing keeps b, loaded and validated from files whose content hash
// is hash.
func (c Cache) PutBriefing(hash string, b *data.Briefing) error {
	words.Counts(b) // kept in the snapshot, for the overview's reading line
	if p := c.path(hash, legacySnapshotExt); p != "" {
		os.Remove(p) // replaced
	}
	return c.writeWith(hash, snapshotExt, func(w io.Writer) error { return data.WriteCachedSnapshot(w, b, hash) })
}

// Index is the search index of the briefing whose files hash to hash, if
// it is here and sound.
func (c Cache) Index(hash string) (*search.Index, bool) {
	raw, ok := c.read(hash, indexExt)
	if !ok {
		return nil, false
	}
	ix, err := search.DecodeIndex(raw, hash)
	return ix, err == nil
}

// PutIndex keeps ix, the index of the briefing whose files hash to hash.
func (c Cache) PutIndex(hash string, ix *search.Index) error {
	return c.write(hash, indexExt, ix.Encode(hash))
}

// Remove removes what is kept for hash.
func (c Cache) Remove(hash string) {
	for _, ext := range []string{snapshotExt, indexExt, legacySnapshotExt} {
		if p := c.path(hash, ext); p != "" {
			os.Remove(p)
		}
	}
}

func (c Cache) read(hash, ext string) ([]byte, bool) {
	p := c.path(hash, ext)
	if p == "" {
		return nil, false
	}
	return ReadFile(p)
}

// write replaces the file whole or not at all: a temporary file of its own
// (any number of processes may write the same hash at once, each the same
// content), renamed over it. It is not synced: a file a crash leaves
// empty or short fails to decode, and is written again.
func (c Cache) write(hash, ext string, raw []byte) error {
	return c.writeWith(hash, ext, func(w io.Writer) error {
		_, err := w.Write(raw)
		return err
	})
}

// writeWith is write with the content written by fill.
func (c Cache) writeWith(hash, ext string, fill func(io.Writer) error) error {
	p := c.path(hash, ext)
	if p == "" {
		return errors.New("no cache folder, or a hash that is not a content hash")
	}
	if err := state.MkdirPrivate(c.Dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return err
	}
	err = fill(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// LoadDir loads the bundle in dir as data.LoadDir does, from the snapshot
// of its files' content when there is one, and keeps a snapshot when there
// was none. hash is the content hash of the files it was loaded from.
func (c Cache) LoadDir(dir string) (b *data.Briefing, hash string, err error) {
	b, hash, keep, err := c.loadDir(dir)
	keep()
	return b, hash, err
}

// background counts the snapshots LoadDirThenKeep is writing.
var background sync.WaitGroup

// LoadDirThenKeep is LoadDir writing the snapshot it lacked in the
// background, so the reader draws its first frame without waiting for
// it; Wait, before the process exits, lets it finish. b must not change.
func (c Cache) LoadDirThenKeep(dir string) (b *data.Briefing, err error) {
	b, _, keep, err := c.loadDir(dir)
	background.Go(keep)
	return b, err
}

// Wait waits for the snapshots LoadDirThenKeep is writing.
func Wait() { background.Wait() }

// loadDir is LoadDir, with keep writing the snapshot when one is needed
// (and doing nothing otherwise).
func (c Cache) loadDir(dir string) (b *data.Briefing, hash string, keep func(), err error) {
	keep = func() {}
	hash, err = data.HashBundle(dir)
	if err != nil {
		b, err = data.LoadDir(dir) // says why dir cannot be read
		return b, "", keep, err
	}
	if b, ok := c.Briefing(hash); ok {
		c.touch(hash)
		return b, hash, keep, nil
	}
	b, err = data.LoadDir(dir)
	if err != nil {
		return nil, hash, keep, err
	}
	return b, hash, func() {
		// Keep it only if the files did not change while they were
		// parsed: the snapshot must hold what the hash names.
		if again, err := data.HashBundle(dir); err == nil && again == hash {
			c.PutBriefing(hash, b) // a cache that cannot be written costs time, nothing else
			c.prune()
		}
	}, nil
}

// touch marks hash's snapshot as opened now, for prune.
func (c Cache) touch(hash string) {
	if c.Keep > 0 {
		now := time.Now()
		os.Chtimes(c.path(hash, snapshotExt), now, now)
	}
}

// prune removes the snapshots beyond the Keep opened last, and what else
// is kept for their hashes.
func (c Cache) prune() {
	if c.Keep <= 0 {
		return
	}
	legacy, _ := filepath.Glob(filepath.Join(c.Dir, "*"+legacySnapshotExt))
	for _, n := range legacy {
		os.Remove(n)
	}
	names, _ := filepath.Glob(filepath.Join(c.Dir, "*"+snapshotExt))
	if len(names) <= c.Keep {
		return
	}
	type kept struct {
		hash string
		at   time.Time
	}
	all := make([]kept, 0, len(names))
	for _, n := range names {
		if info, err := os.Stat(n); err == nil {
			all = append(all, kept{strings.TrimSuffix(filepath.Base(n), snapshotExt), info.ModTime()})
		}
	}
	slices.SortFunc(all, func(a, b kept) int { return b.at.Compare(a.at) })
	for _, k := range all[min(c.Keep, len(all)):] {
		c.Remove(k.hash)
	}
}
