//go:build !windows

package library

import (
	"os"
	"syscall"
)

// lockFile takes f's exclusive lock, waiting for it; the kernel lets go of
// it when the process ends, however it ends.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
