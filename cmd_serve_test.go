package main

import (
	"strings"
	"testing"
)

// Serving beyond loopback with nothing to check who connects is refused
// before anything listens, as a usage error.
func TestServeRefusesAnUnguardedNonLoopbackListen(t *testing.T) {
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
