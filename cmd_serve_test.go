package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Serving beyond loopback with nothing to check who connects is refused
// before anything listens, as a usage error.
func TestServeRefusesAnUnguardedNonLoopbackListen(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	r := brief(t, []string{"BRIEF_HOME=" + home}, "serve", "--listen", "0.0.0.0:0")
	if r.code != exitUsage {
		t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, exitUsage, r.stderr)
	}
	for _, want := range []string{"--authorized-keys", "--open"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("the error does not mention %s:\n%s", want, r.stderr)
		}
	}
	r = brief(t, []string{"BRIEF_HOME=" + home}, "serve", "--authorized-keys", home+"/missing")
	if r.code != exitUsage || !strings.Contains(r.stderr, "authorized_keys file") {
		t.Fatalf("a missing --authorized-keys file: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// An authorized_keys file with no usable key, and a host key others can
// read, stop serve before it listens, as usage errors naming the fix.
func TestServeRefusesUnusableKeys(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	write := func(name, content string, mode os.FileMode) string {
		path := filepath.Join(home, name)
		if err := os.WriteFile(path, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		return path
	}
	private := write("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", 0o600)
	empty := write("empty_keys", "", 0o600)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--authorized-keys", private}, "is a private key"},
		{[]string{"--authorized-keys", empty}, "no usable public key"},
		{[]string{"--host-key", write("host_key", "x", 0o644)}, "chmod 600"},
	} {
		r := brief(t, []string{"BRIEF_HOME=" + home}, append([]string{"serve", "--listen", "127.0.0.1:0"}, c.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("serve %v: exit %d, want %d saying %q; stderr:\n%s", c.args, r.code, exitUsage, c.want, r.stderr)
		}
	}
}
