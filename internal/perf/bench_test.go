package perf

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The benchmarks run whole programs in a pseudo-terminal; each iteration
// is a start-up, a session or a process. Run them with a fixed count, e.g.
//
//	go test -run '^$' -bench . -benchtime 21x ./internal/perf/
//
// and read the custom metrics (medians over the iterations); ns/op is
// suppressed because an iteration's wall time includes the harness's
// waits. go run ./internal/perf/cmd/perftable measures the same, all
// programs in turn, and prints the budget table.

// generatedItems is the size of the generated briefing benchmarked.
const generatedItems = 10000

// benchQuery is typed in the search bar.
const benchQuery = "convention"

// program is one of the programs benchmarked, built on first use; brief's
// are skipped with the reason when brief does not build.
func program(b *testing.B, name string) Program {
	b.Helper()
	switch name {
	case NameHello:
		return Hello(binary(b, HelloPkg))
	case NameBaseline:
		return Baseline(binary(b, BaselinePkg), keysPerMetric)
	case NameBrief:
		bin := briefBinary(b)
		title, err := EmbeddedTitle()
		if err != nil {
			b.Fatal(err)
		}
		p := Brief(NameBrief, bin, "", title, benchQuery, keysPerMetric)
		if os.Getenv("BRIEF_PERF_HOME") == "" { // else measure in that one as it is
			p.FreshHome = filepath.Join(os.Getenv("BRIEF_HOME"), NameBrief)
		}
		return p
	}
	bin := briefBinary(b)
	dir, title := generated(b, generatedItems)
	p := Brief(NameGenerated, bin, dir, title, benchQuery, keysPerMetric)
	// Not in BRIEF_HOME, where it would become the briefing read last.
	p.FreshHome = dir + "-home"
	return p
}

// BenchmarkFirstFrame times start to the first complete frame (and to
// the first paint of the title) and the peak RSS of a start-up.
func BenchmarkFirstFrame(b *testing.B) {
	for _, name := range []string{NameHello, NameBaseline, NameBrief, NameGenerated} {
		b.Run(name, func(b *testing.B) {
			p := program(b, name)
			var frames, paints, cpu []time.Duration
			var rss []int64
			for b.Loop() {
				r, err := Measure(p, Options{}, false)
				if err != nil {
					b.Fatal(err)
				}
				frames = append(frames, r.FirstFrame)
				paints = append(paints, r.FirstPaint)
				cpu = append(cpu, r.CPU)
				rss = append(rss, r.PeakRSS)
			}
			b.ReportMetric(ms(Median(cpu)), "ms-cpu/start")
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(ms(Median(frames)), "ms/first-frame")
			b.ReportMetric(ms(Median(paints)), "ms/first-paint")
			b.ReportMetric(mib(Median(rss)), "MiB-peak-rss")
		})
	}
}

// BenchmarkKeys plays a session per iteration and times each kind of
// key to its settled frame: the baseline's scroll, brief's moves, tab
// switches, opening the detail and typing in the search bar. The peak RSS
// is the session's.
func BenchmarkKeys(b *testing.B) {
	for _, name := range []string{NameBaseline, NameBrief, NameGenerated} {
		b.Run(name, func(b *testing.B) {
			p := program(b, name)
			keys := map[string][]time.Duration{}
			var rss []int64
			for b.Loop() {
				r, err := Measure(p, Options{}, true)
				if err != nil {
					b.Fatal(err)
				}
				for k, ds := range r.Keys {
					keys[k] = append(keys[k], ds...)
				}
				rss = append(rss, r.PeakRSS)
			}
			b.ReportMetric(0, "ns/op")
			for k, ds := range keys {
				b.ReportMetric(ms(Median(ds)), "ms/"+k)
			}
			b.ReportMetric(mib(Median(rss)), "MiB-peak-rss")
		})
	}
}

// BenchmarkExport times `brief export --format markdown` as a whole
// process beside the same binary's --version, the cost of starting it.
func BenchmarkExport(b *testing.B) {
	for _, name := range []string{NameBrief, NameGenerated} {
		b.Run(name, func(b *testing.B) {
			bin := briefBinary(b)
			args := []string{"export", "--format", "markdown"}
			if name == NameGenerated {
				dir, _ := generated(b, generatedItems)
				args = append(args, "--bundle", dir)
			}
			var export, version, cpu []time.Duration
			var rss []int64
			for b.Loop() {
				v, err := RunProcess(bin, "--version")
				if err != nil {
					b.Fatal(err)
				}
				x, err := RunProcess(bin, args...)
				if err != nil {
					b.Fatal(err)
				}
				version = append(version, v.Wall)
				export = append(export, x.Wall)
				cpu = append(cpu, x.CPU)
				rss = append(rss, x.PeakRSS)
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(ms(Median(export)), "ms/export")
			b.ReportMetric(ms(Median(version)), "ms/version")
			b.ReportMetric(float64(Median(export))/float64(Median(version)), "x-version")
			b.ReportMetric(ms(Median(cpu)), "ms-cpu/export")
			b.ReportMetric(mib(Median(rss)), "MiB-peak-rss")
		})
	}
}
