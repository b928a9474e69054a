//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A bundle whose sources.yaml is a named pipe is refused by every command
// that opens a bundle, as the validator refuses it: `brief --bundle DIR`,
// `search` and `export` hashed the files for the cache before loading
// them, and the hash opened the pipe and waited for a writer for ever.
func TestNamedPipeInABundleIsRefusedNotWaitedOn(t *testing.T) {
	t.Parallel()
	env, _ := libraryEnv(t)
	dir := minimalCopy(t)
	pipe := filepath.Join(dir, "sources.yaml")
	os.Remove(pipe)
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	for _, args := range [][]string{{"--bundle", dir}, {"search", "--bundle", dir, "summit"}, {"export", "--bundle", dir}, {"library", "add", dir}} {
		r := briefProcess(t, env, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "sources.yaml is not a regular file") {
			t.Errorf("brief %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}
