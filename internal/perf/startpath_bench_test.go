package perf_test

import (
	_ "embed"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/gen"
	"github.com/brief-reader/brief/ui"
)

// The in-process part of the first frame, to tell what brief does before
// it can draw from what the stack costs (process start, package
// initialisation, Bubble Tea's frame tick), which the harness measures
// whole. Run with
//
//	go test -run '^$' -bench StartPath -benchmem ./internal/perf/

//go:embed baseline/page/page.md
var baselinePage string

// BenchmarkStartPath times the work before the first frame: the
// baseline's (a Glamour renderer and its page at 120 columns) and brief's
// (load the briefing, build the reader, take the first size, draw),
// loading and drawing apart.
func BenchmarkStartPath(b *testing.B) {
	b.Run("baseline-page", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(styles.DarkStyle), glamour.WithWordWrap(120))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := r.Render(baselinePage); err != nil {
				b.Fatal(err)
			}
		}
	})
	embedded, err := data.Embedded()
	if err != nil {
		b.Fatalf("the embedded briefing does not load: %v", err)
	}
	for _, c := range []struct {
		name string
		b    *data.Briefing
	}{{"embedded", embedded}, {"generated-10k", gen.Briefing(10000, 1)}} {
		b.Run("brief-draw-"+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				firstFrame(b, c.b)
			}
		})
	}
	b.Run("brief-load-embedded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := data.Embedded(); err != nil {
				b.Fatal(err)
			}
		}
	})
	dir := b.TempDir()
	if err := gen.WriteBundle(dir, gen.Briefing(10000, 1)); err != nil {
		b.Fatalf("writing the generated bundle: %v", err)
	}
	b.Run("brief-load-generated-10k", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := data.LoadDir(dir); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// firstFrame does what the reader does up to its first frame at 120×40:
// the first screen of the Overview. The command the first size returns
// (one frame tick, then the rest of the page, the search index and the
// memory) is not run: it comes after the frame.
func firstFrame(b *testing.B, br *data.Briefing) {
	m, _ := ui.New(br, ui.Options{}).Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if v := m.View(); v.Content == "" {
		b.Fatal("the reader drew nothing at 120×40")
	}
}
