package perf

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/gen"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/state"
)

// The scale lines of issue 21, each a ratio to a floor measured in the
// same iteration:
//
//	go test -run '^$' -bench 'Scale' -benchtime 11x ./internal/perf/
//
// The 1,000-briefing library is built once (about a minute on two cores)
// in $TMPDIR/brief-scale-library-v1 and kept for later runs; remove that
// folder to build it again.

// BenchmarkScaleGenerated opens the 10,000-item bundle with --bundle in
// turns with the floor program (the baseline): with a fresh state folder
// (first open: parse, validate, write the snapshot) and with a kept one
// (second open: the snapshot).
func BenchmarkScaleGenerated(b *testing.B) {
	floor := program(b, NameBaseline)
	cold := program(b, NameGenerated) // FreshHome: emptied before each run
	progs := []run{{p: cold}, warmOf(b, cold)}
	// BRIEF_PERF_BEFORE names another build of brief (an earlier commit),
	// measured in the same turns, so a change's before and after come
	// from one run.
	if before := os.Getenv("BRIEF_PERF_BEFORE"); before != "" {
		c := cold
		c.Path, c.FreshHome = before, filepath.Join(b.TempDir(), "before-fresh-home")
		progs = append(progs, run{p: c}, warmOf(b, c))
	}
	var floors []time.Duration
	frames, rss := make([][]time.Duration, len(progs)), make([][]int64, len(progs))
	for b.Loop() {
		f, err := Measure(floor, Options{}, false)
		if err != nil {
			b.Fatal(err)
		}
		floors = append(floors, f.FirstFrame)
		for i, p := range progs {
			r, err := Measure(p.p, Options{Env: p.env}, false)
			if err != nil {
				b.Fatal(err)
			}
			frames[i], rss[i] = append(frames[i], r.FirstFrame), append(rss[i], r.PeakRSS)
		}
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(Median(floors)), "ms/floor-frame")
	for i, name := range []string{"first-open", "second-open", "first-open-before", "second-open-before"}[:len(progs)] {
		b.ReportMetric(ms(Median(frames[i])), "ms/"+name+"-frame")
		b.ReportMetric(ratio(frames[i], floors), "x-floor-"+name)
		b.ReportMetric(mib(Median(rss[i])), "MiB-peak-rss-"+name)
	}
}

// run is a program and the environment it runs in.
type run struct {
	p   Program
	env []string
}

// warmOf is p with a state folder kept between its runs, opened once
// (writing the snapshot) to be opened again from it.
func warmOf(b *testing.B, p Program) run {
	b.Helper()
	p.FreshHome = ""
	env := []string{"BRIEF_HOME=" + b.TempDir()}
	if _, err := Measure(p, Options{Env: env}, false); err != nil {
		b.Fatal(err)
	}
	return run{p, env}
}

func ratio(a, floor []time.Duration) float64 {
	return float64(Median(a)) / float64(Median(floor))
}

// scaleLibrarySize is the number of briefings of the scale library.
const scaleLibrarySize = 1000

// scaleLibrary is BRIEF_HOME holding a library of 1,000 generated
// briefings of 50–100 items, added through library.Add, built once and
// kept between runs (a file "complete" marks it done).
func scaleLibrary(b *testing.B) string {
	b.Helper()
	home := filepath.Join(os.TempDir(), "brief-scale-library-v1")
	if _, err := os.Stat(filepath.Join(home, "complete")); err == nil {
		return home
	}
	os.RemoveAll(home)
	s, warn := state.Open(filepath.Join(home, "state", "brief.db"), time.Now())
	if warn != "" {
		b.Fatal(warn)
	}
	defer s.Close()
	lib := &library.Library{Dir: filepath.Join(home, "data", "library"), Store: s}
	for i := range scaleLibrarySize {
		src := filepath.Join(home, "src", fmt.Sprintf("briefing-%04d", i))
		if err := gen.WriteBundle(src, gen.Briefing(50+i%51, int64(i))); err != nil {
			b.Fatal(err)
		}
		if _, _, err := lib.Add(src, time.Unix(int64(i), 0)); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(home, "complete"), nil, 0o600); err != nil {
		b.Fatal(err)
	}
	return home
}

// BenchmarkScaleLibrary runs, in turns, `brief --version` (the floor of a
// command), `brief search --all WORD` for a common word and a rare one,
// `brief library list --json`, the
// floor program's first frame and the first frame of a library briefing
// (`brief --briefing ID`), and `brief library add` of a 150-item bundle
// (a new edition each time), then the first search after that add, over
// the 1,000-briefing library.
func BenchmarkScaleLibrary(b *testing.B) {
	home := scaleLibrary(b)
	b.Setenv("BRIEF_HOME", home)
	bin := briefBinary(b)
	floor := program(b, NameBaseline)
	const id = "briefing-0500"
	title := gen.Briefing(50+500%51, 500).Overview.Title
	entry := Program{Name: "library briefing", Path: bin, Args: []string{"--briefing", id, "--fresh"}, Ready: titlePrefix(title), Quit: "q"}
	// Each round adds a new edition from the same folder, replacing the
	// entry the round before added.
	added := filepath.Join(b.TempDir(), "added")
	seed := time.Now().UnixNano()
	var version, search, rare, list, floors, frames, adds, afterAdd []time.Duration
	i := 0
	for b.Loop() {
		// "convention" is in every briefing; "140,612" in two of the 1,000.
		times := []*[]time.Duration{&version, &search, &rare, &list}
		for k, args := range [][]string{{"--version"}, {"search", "--all", "convention"}, {"search", "--all", "140,612"}, {"library", "list", "--json"}} {
			p, err := RunProcess(bin, args...)
			if err != nil {
				b.Fatal(err)
			}
			*times[k] = append(*times[k], p.Wall)
		}
		f, err := Measure(floor, Options{}, false)
		if err != nil {
			b.Fatal(err)
		}
		e, err := Measure(entry, Options{}, false)
		if err != nil {
			b.Fatal(err)
		}
		floors, frames = append(floors, f.FirstFrame), append(frames, e.FirstFrame)
		os.RemoveAll(added)
		if err := gen.WriteBundle(added, gen.Briefing(150, seed+int64(i))); err != nil {
			b.Fatal(err)
		}
		a, err := RunProcess(bin, "library", "add", added)
		if err != nil {
			b.Fatal(err)
		}
		adds = append(adds, a.Wall)
		// The first search after an add brings the library's dictionary
		// up to date (and checks the changed database): timed on its own,
		// so that the next round's commands are the steady state.
		first, err := RunProcess(bin, "search", "--all", "convention")
		if err != nil {
			b.Fatal(err)
		}
		afterAdd = append(afterAdd, first.Wall)
		i++
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(Median(version)), "ms/version")
	b.ReportMetric(ratio(search, version), "x-version-search-all")
	b.ReportMetric(ratio(rare, version), "x-version-search-all-rare")
	b.ReportMetric(ratio(list, version), "x-version-list-json")
	b.ReportMetric(ms(Median(floors)), "ms/floor-frame")
	b.ReportMetric(ratio(frames, floors), "x-floor-library-frame")
	b.ReportMetric(ms(Median(adds)), "ms/add-150")
	b.ReportMetric(ratio(afterAdd, version), "x-version-search-all-after-add")
}

// BenchmarkScaleLibrarySearch is the reader's all-briefings search over
// the 1,000-briefing library, in this process: "open" builds the
// searcher from the kept indexes (once, when search opens), then one
// sub-benchmark per keystroke of typing "convention" and a few other
// words, the best 50 hits each.
func BenchmarkScaleLibrarySearch(b *testing.B) {
	home := scaleLibrary(b)
	s, warn := state.Open(filepath.Join(home, "state", "brief.db"), time.Now())
	if warn != "" {
		b.Fatal(warn)
	}
	defer s.Close()
	lib := &library.Library{Dir: filepath.Join(home, "data", "library"), Store: s}
	var searcher *library.Searcher
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			var err error
			if searcher, err = lib.Searcher(); err != nil || searcher.Len() < scaleLibrarySize {
				b.Fatalf("searcher over %d briefings: %v", searcher.Len(), err)
			}
		}
	})
	for _, q := range []string{"c", "co", "con", "conv", "conve", "convention", "sum", "summit", "1000", "minister"} {
		query := search.ParseQuery(q)
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				searcher.Search(query, search.SearchOptions{Limit: 50})
			}
		})
	}
}
