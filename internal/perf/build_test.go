package perf

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The kept links of a checkout that is gone are removed, and a folder that
// names no checkout after an hour; those of a checkout that is there, or of
// a build that has only just begun, are kept.
func TestPruneKeptBuildsRemovesOnlyGoneCheckouts(t *testing.T) {
	builds := t.TempDir()
	here := t.TempDir()
	folders := map[string]string{
		"gone":     filepath.Join(t.TempDir(), "clone-since-removed"),
		"here":     here,
		"starting": "",
		"old":      "",
	}
	for name, root := range folders {
		dir := filepath.Join(builds, name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "brief"), []byte("a link"), 0o700)
		if root != "" {
			os.WriteFile(filepath.Join(dir, keptRootFile), []byte(root), 0o600)
		}
	}
	hourAgo := time.Now().Add(-61 * time.Minute)
	os.Chtimes(filepath.Join(builds, "old"), hourAgo, hourAgo)
	pruneKeptBuilds(builds)
	for name, kept := range map[string]bool{"gone": false, "here": true, "starting": true, "old": false} {
		_, err := os.Stat(filepath.Join(builds, name, "brief"))
		if (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}
