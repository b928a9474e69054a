package data

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// Load parses the files of a bundle at once, biggest first, and takes them
// in the format's order: its report must be the same whatever the number
// of processors and however the parses interleave.
func TestLoadReportDoesNotDependOnParallelism(t *testing.T) {
	bundles := map[string]func(fsys fstest.MapFS){
		"problems in several files": func(fsys fstest.MapFS) {
			fsys["timeline.yaml"].Data = append(fsys["timeline.yaml"].Data, "- id: x\n  title: [unclosed\n"...)
			fsys["speakers.yaml"].Data = append(fsys["speakers.yaml"].Data, "- id: y\n  name: Y\n  colour: blue\n"...)
			fsys["glossary.yaml"].Data = append(fsys["glossary.yaml"].Data, "- id: z\n  term: \x01\n"...)
			delete(fsys, "sources.yaml")
		},
		"more than MaxProblems, in several files": func(fsys fstest.MapFS) {
			for _, name := range []string{"figures.yaml", "measures.yaml", "speakers.yaml"} {
				var sb strings.Builder
				sb.Write(fsys[name].Data)
				for i := range MaxProblems {
					fmt.Fprintf(&sb, "- id: %s-%d\n  unknown: %d\n", strings.TrimSuffix(name, ".yaml"), i, i)
				}
				fsys[name].Data = []byte(sb.String())
			}
		},
	}
	for name, change := range bundles {
		t.Run(name, func(t *testing.T) {
			fsys := minimalFS(t)
			change(fsys)
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			want := loadFSReport(t, fsys)
			runtime.GOMAXPROCS(4)
			for range 20 {
				if got := loadFSReport(t, fsys); got != want {
					t.Fatalf("with 4 processors the report is:\n%s\nwith one:\n%s", got, want)
				}
			}
		})
	}
}

// A file parsed early because it is the biggest may cross MaxValues; the
// files before it in the format's order are still read and reported, as
// when read one by one.
// TestLimits crosses the real limit; here a lower one shows the order at
// a thirtieth of the parsing.
func TestValuesLimitKeepsEarlierFiles(t *testing.T) {
	defer func(limit int) { maxValues = limit }(maxValues)
	maxValues = MaxValues / 30
	fsys := minimalFS(t)
	replace(t, fsys, "briefing.yaml", "title:", "colour: blue\ntitle:")
	fsys["speakers.yaml"].Data = []byte("- [" + strings.Repeat("a,", maxValues) + "a]\n")
	want := fmt.Sprintf("b/briefing.yaml:3:1: unknown field \"colour\" in the overview\n"+
		"\thint: known fields: title, place, start, end, theme, synthesis, background, outlook, partiesLabel, partiesNote, parties, aboutSources\n"+
		"b/speakers.yaml: the bundle holds more than %d values (keys, texts and list entries) with speakers.yaml\n"+
		"\thint: shorten it, or split the event into several briefings\n", maxValues)
	for _, procs := range []int{1, 2, 4} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			if got := loadFSReport(t, fsys); got != want {
				t.Errorf("with %d processors the report is:\n%s\nwant:\n%s", procs, got, want)
			}
		}()
	}
}
