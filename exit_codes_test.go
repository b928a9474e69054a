package main

import (
	"os"
	"strings"
	"testing"
)

// The exit statuses of every command, as the README promises: 0 success,
// 1 a failure while running (a write that fails, no search hits), 2 a
// usage error or a bundle problem.
func TestExitStatusOfEveryCommand(t *testing.T) {
	t.Parallel()
	usage := [][]string{
		{"--no-such-flag"}, {"extra-argument"}, {"--bundle", "examples/minimal", "--briefing", "x"},
		{"validate", "a", "b"}, {"validate", "no-such-dir"},
		{"export", "--format", "nope"}, {"export", "extra"},
		{"new"}, {"search"}, {"search", "--no-such-flag", "x"},
		{"library", "add"}, {"library", "remove"}, {"library", "list", "extra"},
		{"serve", "--listen", "nonsense"}, {"serve", "--listen", "127.0.0.1:99999"}, {"serve", "--max-sessions", "0"},
		{"serve", "--idle-timeout", "-1s"}, {"serve", "extra"},
	}
	for _, args := range usage {
		r := brief(t, nil, args...)
		if r.code != exitUsage {
			t.Errorf("brief %s: exit %d, want %d (usage); stderr:\n%s", strings.Join(args, " "), r.code, exitUsage, r.stderr)
		}
	}
	// Output that cannot be written is a failure while running, and says
	// so without a usage hint.
	full := [][]string{
		{}, {"export"}, {"export", "--format", "json"}, {"validate", "examples/minimal"},
		{"search", "convention"}, {"search", "--json", "convention"}, {"library", "list"}, {"library", "list", "--json"},
		{"--help"}, {"--version"},
	}
	for _, args := range full {
		devFull, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Skip("no /dev/full here")
		}
		r := briefWritingTo(t, devFull, nil, args...)
		devFull.Close()
		if r.code != exitFailure || strings.Contains(r.stderr, "--help") || !strings.Contains(r.stderr, "no space left") {
			t.Errorf("brief %s > /dev/full: exit %d, want %d saying why without a usage hint; stderr:\n%s",
				strings.Join(args, " "), r.code, exitFailure, r.stderr)
		}
	}
	if r := brief(t, nil, "search", "zzzznothingmatches"); r.code != exitFailure {
		t.Errorf("a search without hits: exit %d, want %d", r.code, exitFailure)
	}
	if r := brief(t, nil, "validate", "examples/minimal"); r.code != exitOK {
		t.Errorf("validate: exit %d, want 0", r.code)
	}
}
