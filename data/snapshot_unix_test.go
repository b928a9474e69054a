//go:build unix

package data

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
)

// HashBundle and ReadBundle, which `brief --bundle DIR` and the library
// run before the loader, open only regular files within the loader's
// size limit, as the loader does: a named pipe in a bundle made `brief
// --bundle DIR` wait for a writer for ever (the loader refuses it), and
// a file of any size was read whole.
func TestHashAndReadBundleOpenOnlyFilesTheLoaderWould(t *testing.T) {
	for name, read := range map[string]func(string) error{
		"HashBundle": func(dir string) error { _, err := HashBundle(dir); return err },
		"ReadBundle": func(dir string) error { _, err := ReadBundle(dir); return err },
	} {
		t.Run(name+"/named pipe", func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("bundle")); err != nil {
				t.Fatal(err)
			}
			pipe := filepath.Join(dir, "sources.yaml")
			os.Remove(pipe)
			if err := syscall.Mkfifo(pipe, 0o600); err != nil {
				t.Skip("cannot make a named pipe here:", err)
			}
			// A writer that gets through only if the pipe is opened to
			// be read (and is let go when the test ends).
			var opened atomic.Bool
			done := make(chan struct{})
			go func() {
				defer close(done)
				if f, err := os.OpenFile(pipe, os.O_WRONLY, 0); err == nil {
					opened.Store(true)
					f.Write([]byte("sources: []\n"))
					f.Close()
				}
			}()
			err := read(dir)
			wasOpened := opened.Load()
			if r, rerr := os.OpenFile(pipe, os.O_RDONLY|syscall.O_NONBLOCK, 0); rerr == nil {
				<-done // the writer, let go
				r.Close()
			}
			if err == nil || wasOpened {
				t.Errorf("a named pipe was opened (%v), error %v", wasOpened, err)
			}
		})
		t.Run(name+"/over the size limit", func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("bundle")); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(filepath.Join(dir, "sources.yaml"), MaxFileSize+1); err != nil {
				t.Fatal(err)
			}
			if err := read(dir); err == nil {
				t.Error("a file over the size limit was read")
			}
		})
	}
}
