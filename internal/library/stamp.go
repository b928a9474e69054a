package library

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/brief-reader/brief/data"
)

// A stamp tells, from a few stats and without reading them, that an
// entry's files are as they were when they last hashed as recorded: each
// format file the copy has, its inode, size, modification and change
// times (a file written in place changes its times; one replaced changes
// its inode; times set back by hand still change the change time), and,
// when the copy lacks some of the format's files, the folder itself,
// whose times change when one is created. Only the files the copy has
// are stat'd, one stat each, relative to the library folder opened once.
//
// It is kept as "s2 MASK DIGEST": MASK the bits, in data.BundleFiles'
// order, of the files the copy had; DIGEST the first 16 bytes of the
// SHA-256 of what their stats said. Any other text (the name, size and
// time lines of earlier versions, "") matches nothing, so the files are
// hashed once and stamped again.
const stampFormat = "s2"

// racyWindow: a stamp is kept only when every time in it is this much
// older than the moment it was taken. An edit in the same tick of the
// file system's clock as the files' last write (4 ms on Linux, 2 s on
// FAT) would leave sizes and times as they were; the files are then
// hashed again at each check until the window has passed (git's racy
// entries).
const racyWindow = 2 * time.Second

// now is the clock a stamp is taken by; tests move it on to take stamps
// that files they have just written would make racy.
var now = time.Now

// formatFiles are the format's file names, in data.BundleFiles' order.
var formatFiles = data.BundleFiles()

// allFiles is the mask of a copy that has every format file.
var allFiles = uint64(1)<<len(formatFiles) - 1

// fileStat is what a stamp keeps of one stat.
type fileStat struct {
	ino          uint64
	size         int64
	mtime, ctime int64 // unix nanoseconds
}

// stamper takes and checks the stamps of a library folder's entries. It
// is safe for use by several goroutines at once.
type stamper struct{ dir statDir }

func newStamper(libraryDir string) stamper { return stamper{openStatDir(libraryDir)} }

func (s stamper) close() { s.dir.close() }

// take is the stamp of entry id's files now, and whether it may be kept
// (no time in it inside racyWindow). A missing folder has none.
func (s stamper) take(id string) (stamp string, keep bool) {
	taken := now().Add(-racyWindow).UnixNano() // before the stats: a write after them is newer
	var mask uint64
	stats := make([]fileStat, 0, len(formatFiles)+1)
	for i, name := range formatFiles {
		if st, err := s.dir.stat(id + "/" + name); err == nil {
			mask |= 1 << i
			stats = append(stats, st)
		}
	}
	if mask != allFiles {
		st, err := s.dir.stat(id)
		if err != nil {
			return "", false
		}
		stats = append(stats, st)
	}
	newest := int64(0)
	for _, st := range stats {
		newest = max(newest, st.mtime, st.ctime)
	}
	return digest(mask, stats), newest < taken
}

// matches reports whether entry id's files are as stamp, a kept stamp,
// says: the files it names stat as they did, and the others, when any is
// missing, are still missing by the folder's times.
func (s stamper) matches(id, stamp string) bool {
	format, rest, _ := strings.Cut(stamp, " ")
	maskText, _, _ := strings.Cut(rest, " ")
	mask, err := strconv.ParseUint(maskText, 16, 64)
	if format != stampFormat || err != nil || mask&^allFiles != 0 || mask == 0 {
		return false
	}
	stats := make([]fileStat, 0, len(formatFiles)+1)
	for i, name := range formatFiles {
		if mask&(1<<i) == 0 {
			continue
		}
		st, err := s.dir.stat(id + "/" + name)
		if err != nil {
			return false
		}
		stats = append(stats, st)
	}
	if mask != allFiles {
		st, err := s.dir.stat(id)
		if err != nil {
			return false
		}
		stats = append(stats, st)
	}
	return digest(mask, stats) == stamp
}

// digest is the stamp of the stats of the files mask names (and of the
// folder, after them, when it does not name them all).
func digest(mask uint64, stats []fileStat) string {
	buf := make([]byte, 0, 32*len(stats))
	for _, st := range stats {
		buf = binary.LittleEndian.AppendUint64(buf, st.ino)
		buf = binary.LittleEndian.AppendUint64(buf, uint64(st.size))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(st.mtime))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(st.ctime))
	}
	sum := sha256.Sum256(buf)
	return stampFormat + " " + strconv.FormatUint(mask, 16) + " " + hex.EncodeToString(sum[:16])
}
