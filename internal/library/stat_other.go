//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package library

import (
	"os"
	"path/filepath"
)

// statDir stats paths under a folder by their full path; where the
// system has no inode and change time (Windows), a stamp holds sizes and
// modification times only.
type statDir struct{ path string }

func openStatDir(path string) statDir { return statDir{path} }

func (statDir) close() {}

func (d statDir) stat(rel string) (fileStat, error) {
	info, err := os.Stat(filepath.Join(d.path, filepath.FromSlash(rel)))
	if err != nil {
		return fileStat{}, err
	}
	t := info.ModTime().UnixNano()
	return fileStat{size: info.Size(), mtime: t, ctime: t}, nil
}
