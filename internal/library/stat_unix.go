//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package library

import "golang.org/x/sys/unix"

// statDir stats paths relative to a folder opened once: a stat then
// looks up two names, not the whole path from the root (a thousand
// entries take eight thousand stats a list).
type statDir struct {
	fd   int
	path string // when the folder could not be opened: stat by full path
}

func openStatDir(path string) statDir {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return statDir{fd: -1, path: path}
	}
	return statDir{fd: fd}
}

func (d statDir) close() {
	if d.fd >= 0 {
		unix.Close(d.fd)
	}
}

// stat follows symbolic links, as reading the files does: an edit of a
// link's target changes the stamp too.
func (d statDir) stat(rel string) (fileStat, error) {
	var st unix.Stat_t
	var err error
	if d.fd >= 0 {
		err = unix.Fstatat(d.fd, rel, &st, 0)
	} else {
		err = unix.Stat(d.path+"/"+rel, &st)
	}
	if err != nil {
		return fileStat{}, err
	}
	return fileStat{ino: uint64(st.Ino), size: st.Size, mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano()}, nil
}
