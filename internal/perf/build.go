package perf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// Build compiles the package pkg (a path relative to the module root, such
// as "." or "./internal/perf/baseline") into dir/name, the way `go build`
// does for a user, and returns the binary's path.
//
// The link is kept between runs, in a folder of the user's cache named
// after the module's root: when nothing the program is made of changed, go
// build finds it up to date there instead of linking again (about 2 s of
// CPU for brief, in every run of ui's and this package's tests). Builds of
// one program of one module take turns on a lock file (different programs
// build side by side), and each caller gets a copy of its own in dir,
// which no later build can change while it runs. Without a cache folder,
// the build goes straight to dir.
func Build(root, dir, name, pkg string) (string, error) {
	out := filepath.Join(dir, name)
	kept, unlock, err := keptBuild(root, name)
	if err != nil {
		return out, goBuild(root, out, pkg)
	}
	defer unlock()
	link := filepath.Join(kept, name)
	if err := goBuild(root, link, pkg); err != nil {
		return "", err
	}
	return out, copyExecutable(out, link)
}

// keptBuild is the folder the links of the module at root are kept in,
// with the one named name locked until unlock is called.
func keptBuild(root, name string) (dir string, unlock func(), err error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", nil, err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", nil, err
	}
	sum := sha256.Sum256([]byte(abs))
	builds := filepath.Join(cache, "brief-test-builds")
	dir = filepath.Join(builds, hex.EncodeToString(sum[:8]))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, keptRootFile), []byte(abs), 0o600); err != nil {
		return "", nil, err
	}
	pruneKeptBuilds(builds)
	f, err := os.OpenFile(filepath.Join(dir, name+".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return "", nil, err
	}
	// The kernel lets go of the lock when f is closed or the process
	// ends, however it ends.
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return "", nil, err
	}
	return dir, func() { f.Close() }, nil
}

// keptRootFile names, in a folder of kept links, the module root they were
// built from.
const keptRootFile = "root"

// pruneKeptBuilds removes the kept links of checkouts that are gone (a
// clone in a temporary folder, say): some 50 MB each, which nothing else
// would ever remove. A folder without its root file is left alone for an
// hour (its build may have only just begun), then removed: folders made
// before root files were written have none.
func pruneKeptBuilds(builds string) {
	folders, _ := os.ReadDir(builds)
	for _, f := range folders {
		dir := filepath.Join(builds, f.Name())
		root, err := os.ReadFile(filepath.Join(dir, keptRootFile))
		if err != nil {
			if info, err := f.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.RemoveAll(dir)
			}
			continue
		}
		if _, err := os.Stat(string(root)); errors.Is(err, fs.ErrNotExist) {
			os.RemoveAll(dir)
		}
	}
}

func goBuild(root, out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, stderr.String())
	}
	return nil
}

// copyExecutable copies the program at from to a new file to.
func copyExecutable(to, from string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o700)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
