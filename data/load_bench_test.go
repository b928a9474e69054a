package data_test

import (
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/gen"
)

// The start-up cost of the data layer: everything brief does with a bundle
// before the reader can draw. Run with
//
//	go test -run '^$' -bench 'Load|Validate' -benchmem ./data/

// BenchmarkLoadEmbedded parses, validates and cleans the embedded
// briefing, as every start of brief does.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := data.Embedded(); err != nil {
			b.Fatalf("the embedded briefing does not load: %v", err)
		}
	}
}

// BenchmarkLoadDirGenerated loads a generated bundle of 10,000 items from
// disk, as `brief --bundle DIR` does.
func BenchmarkLoadDirGenerated(b *testing.B) {
	dir := b.TempDir()
	if err := gen.WriteBundle(dir, gen.Briefing(10000, 1)); err != nil {
		b.Fatalf("writing the generated bundle: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := data.LoadDir(dir); err != nil {
			b.Fatalf("the generated bundle does not load: %v", err)
		}
	}
}

// BenchmarkValidate checks the briefing alone, without parsing, to tell
// validation's share of a load from YAML's.
func BenchmarkValidate(b *testing.B) {
	embedded, err := data.Embedded()
	if err != nil {
		b.Fatalf("the embedded briefing does not load: %v", err)
	}
	for _, c := range []struct {
		name string
		b    *data.Briefing
	}{{"embedded", embedded}, {"generated-10k", gen.Briefing(10000, 1)}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if ps := data.Validate(c.b); len(ps) > 0 {
					b.Fatalf("the briefing has problems: %v", ps)
				}
			}
		})
	}
}
