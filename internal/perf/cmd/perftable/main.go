// Command perftable measures brief against the baseline programs in one
// run and prints the performance budget as a Markdown table: medians of
// the first frame, keystroke latencies, peak memory and the export, on the
// embedded briefing and on a generated one. Run it from the repository:
//
//	go run ./internal/perf/cmd/perftable
//
// Progress goes to stderr, the table to stdout.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/brief-reader/brief/internal/perf"
)

func main() {
	var cfg perf.Config
	flag.IntVar(&cfg.Starts, "starts", 21, "start-ups of each program, for the first frame")
	flag.IntVar(&cfg.Sessions, "sessions", 5, "interactive sessions of each program, for keys and peak memory")
	flag.IntVar(&cfg.Keys, "keys", 8, "timed keys of each kind per session")
	flag.IntVar(&cfg.Exports, "exports", 21, "runs of each export and of --version")
	flag.IntVar(&cfg.Items, "items", 10000, "items of the generated briefing (0 leaves it out)")
	flag.StringVar(&cfg.Query, "query", "convention", "what is typed in the search bar, a timed key per letter")
	flag.IntVar(&cfg.Opts.Cols, "cols", 120, "terminal width")
	flag.IntVar(&cfg.Opts.Rows, "rows", 40, "terminal height")
	flag.BoolVar(&cfg.Opts.Light, "light", false, "answer colour queries as a light terminal")
	flag.DurationVar(&cfg.Opts.Quiet, "quiet", perf.DefaultQuiet, "silence that ends a burst of output")
	verbose := flag.Bool("v", true, "print each measurement on stderr as it is made")
	flag.Parse()
	if cfg.Starts < 1 || cfg.Sessions < 1 || cfg.Exports < 1 || cfg.Keys < 1 {
		fmt.Fprintln(os.Stderr, "perftable: -starts, -sessions, -exports and -keys must be at least 1")
		os.Exit(2)
	}
	if *verbose {
		cfg.Log = os.Stderr
	}
	root, err := perf.ModuleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "perftable:", err)
		os.Exit(1)
	}
	cfg.Root = root
	start := time.Now()
	c, err := perf.Compare(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "perftable: after %v: %v\n", time.Since(start).Round(time.Second), err)
		os.Exit(1)
	}
	c.WriteMarkdown(os.Stdout, strings.Join(append([]string{"go run ./internal/perf/cmd/perftable"}, os.Args[1:]...), " "))
}
