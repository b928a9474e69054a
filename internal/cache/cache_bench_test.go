package cache

import (
	"path/filepath"
	"testing"

	"github.com/brief-reader/brief/internal/gen"
)

// BenchmarkLoadDirWarm is a second open of the 10,000-item bundle: its
// files read and hashed, the briefing decoded from its snapshot.
//
//	go test -run '^$' -bench LoadDirWarm -benchmem ./internal/cache/
func BenchmarkLoadDirWarm(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "bundle")
	if err := gen.WriteBundle(dir, gen.Briefing(10000, 1)); err != nil {
		b.Fatal(err)
	}
	c := Cache{Dir: b.TempDir()}
	if _, _, err := c.LoadDir(dir); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := c.LoadDir(dir); err != nil {
			b.Fatal(err)
		}
	}
}
