package data

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// SnapshotFormat and SnapshotVersion mark a snapshot file: one of another
// program, or of another version of this format, is never decoded as a
// briefing.
const (
	SnapshotFormat  = "brief-snapshot"
	SnapshotVersion = 1
)

// snapshotFile is what a snapshot holds: a briefing exactly as Load
// returned it, with the hash of the files it was loaded from (BundleHash).
type snapshotFile struct {
	Format     string `json:"format"`
	Version    int    `json:"version"`
	BundleHash string `json:"bundleHash"`
	// Words are the briefing's word counts when they were counted before
	// the snapshot was made (Briefing.Words); absent, they are counted
	// when shown.
	Words    *WordCounts `json:"words,omitempty"`
	Briefing *Briefing   `json:"briefing"`
}

// EncodeSnapshot is the snapshot of b, loaded from files whose content
// hash (BundleHash) is hash.
func EncodeSnapshot(b *Briefing, hash string) ([]byte, error) {
	raw, err := json.MarshalIndent(snapshotFile{Format: SnapshotFormat, Version: SnapshotVersion, BundleHash: hash, Words: b.countedWords(), Briefing: b}, "", " ")
	return append(raw, '\n'), err
}

// DecodeSnapshot decodes a snapshot made from files whose content hash is
// hash. A snapshot of other files, of another format or version, or one
// that does not decode is refused (ok false): the caller loads the files.
// The snapshot was written by Load after validating the briefing, so it is
// not validated again; it is a cache, never a source.
func DecodeSnapshot(raw []byte, hash string) (b *Briefing, ok bool) {
	var f snapshotFile
	if err := json.Unmarshal(raw, &f); err != nil || f.Format != SnapshotFormat || f.Version != SnapshotVersion ||
		f.BundleHash != hash || hash == "" || f.Briefing == nil {
		return nil, false
	}
	f.Briefing.Finish()
	if f.Words != nil {
		f.Briefing.setWords(*f.Words)
	}
	return f.Briefing, true
}

// BundleFileSet is the files of one bundle that the format names, by
// name, as read from its directory.
type BundleFileSet map[string][]byte

// ReadBundle reads the format's files present in dir. Symbolic links that
// leave dir are not followed.
func ReadBundle(dir string) (BundleFileSet, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return readBundleFS(root.FS())
}

func readBundleFS(fsys fs.FS) (BundleFileSet, error) {
	files := BundleFileSet{}
	for _, f := range bundleFiles {
		info, err := fs.Stat(fsys, f.name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			err = readable(f.name, info)
		}
		if err != nil {
			return nil, err
		}
		file, err := fsys.Open(f.name)
		if err != nil {
			return nil, err
		}
		src, err := readAtMost(file, int(info.Size()), MaxFileSize)
		file.Close()
		if err == nil && len(src) > MaxFileSize {
			err = fmt.Errorf("%s grew over the limit of %d bytes while it was read", f.name, MaxFileSize)
		}
		if err != nil {
			return nil, err
		}
		files[f.name] = src
	}
	return files, nil
}

// readable refuses, as the loader does, a bundle file that is not a
// regular file (a named pipe would keep its reader waiting for a writer
// for ever, a device might never end) or is over MaxFileSize, before it
// is opened: HashBundle and ReadBundle run before the loader.
func readable(name string, info fs.FileInfo) error {
	switch {
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", name)
	case info.Size() > MaxFileSize:
		return fmt.Errorf("%s is %d bytes, over the limit of %d", name, info.Size(), MaxFileSize)
	}
	return nil
}

// HashBundle is the content hash of the format's files present in dir,
// ReadBundle(dir).Hash(), read through one small buffer: opening a bundle
// from its snapshot needs only the hash, and 5 MB of files read into new
// memory cost more in page faults than hashing them does. A file that
// changes size while it is read is an error.
func HashBundle(dir string) (string, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", err
	}
	defer root.Close()
	h := sha256.New()
	buf := make([]byte, 64<<10)
	for _, f := range bundleFiles {
		info, err := root.Stat(f.name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			err = readable(f.name, info)
		}
		if err != nil {
			return "", err
		}
		file, err := root.Open(f.name)
		if err != nil {
			return "", err
		}
		err = hashFile(h, f.name, file, buf)
		file.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile writes to h what Hash writes for the file named name.
func hashFile(h io.Writer, name string, file *os.File, buf []byte) error {
	info, err := file.Stat()
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%s\x00%d\x00", name, info.Size())
	n, err := io.CopyBuffer(h, io.LimitReader(file, MaxFileSize+1), buf) // a LimitedReader has no WriteTo: through buf
	if err == nil && n != info.Size() {
		err = fmt.Errorf("%s changed while it was read", name)
	}
	return err
}

// Hash is the content hash of the files: their names, lengths and bytes in
// the format's order. Two bundles hash alike only when Load reads the same
// bytes from both.
func (files BundleFileSet) Hash() string {
	h := sha256.New()
	for _, f := range bundleFiles {
		if src, ok := files[f.name]; ok {
			fmt.Fprintf(h, "%s\x00%d\x00", f.name, len(src))
			h.Write(src)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
