package perf

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// budget is a line of the performance budget: how a measure of brief is
// read from the samples and the limit it is held to, at each size.
type budget struct {
	measure string
	unit    string
	// value reads a median from a program's samples.
	value func(*Samples) float64
	// reference is what brief on the embedded briefing is compared with:
	// the baseline's value, or, for the export, the same binary's
	// --version.
	reference func(c *Comparison) float64
	// relative says how the reference is compared: "×" for a ratio, "+"
	// for a difference.
	relative string
	// limit is the embedded briefing's limit from the reference, and the
	// generated briefing's from the reference too (some are absolute).
	limit    func(ref float64) float64
	limitTxt string
	genLimit func(ref float64) float64
	genTxt   string
}

// budgets are the lines of issue 6's budget.
func budgets() []budget {
	baselineKey := func(c *Comparison) float64 {
		return ms(Median(c.Programs[NameBaseline].Keys[MetricKey]))
	}
	keyLine := func(measure, metric string) budget {
		return budget{
			measure: measure, unit: "ms",
			value:     func(s *Samples) float64 { return ms(Median(s.Keys[metric])) },
			reference: baselineKey, relative: "+",
			limit: func(ref float64) float64 { return ref + 6 }, limitTxt: "≤ baseline + 6 ms",
			genLimit: func(ref float64) float64 { return ref + 16 }, genTxt: "≤ baseline + 16 ms",
		}
	}
	search := keyLine("search, per keystroke in the search bar", MetricSearch)
	search.genLimit, search.genTxt = func(float64) float64 { return 30 }, "≤ 30 ms"
	return []budget{
		{
			measure: "start to first complete frame", unit: "ms",
			value:     func(s *Samples) float64 { return ms(Median(s.FirstFrame)) },
			reference: func(c *Comparison) float64 { return ms(Median(c.Programs[NameBaseline].FirstFrame)) },
			relative:  "×",
			limit:     func(ref float64) float64 { return 1.15 * ref }, limitTxt: "≤ 1.15 × baseline",
			genLimit: func(float64) float64 { return 250 }, genTxt: "≤ 250 ms",
		},
		keyLine("keystroke to settled frame: move (j)", MetricMove),
		keyLine("keystroke to settled frame: switch tab (2…6)", MetricTab),
		keyLine("keystroke to settled frame: open detail (enter)", MetricDetail),
		search,
		{
			measure: "peak RSS (session: every tab, moves, search)", unit: "MiB",
			value:     func(s *Samples) float64 { return mib(Median(s.SessionRSS)) },
			reference: func(c *Comparison) float64 { return mib(Median(c.Programs[NameBaseline].SessionRSS)) },
			relative:  "+",
			limit:     func(ref float64) float64 { return ref + 15 }, limitTxt: "≤ baseline + 15 MiB",
			genLimit: func(float64) float64 { return 300 }, genTxt: "≤ 300 MiB",
		},
		{
			measure: "`export --format markdown`, whole process (reference: `--version`)", unit: "ms",
			value:     func(s *Samples) float64 { return ms(Median(s.Export)) },
			reference: func(c *Comparison) float64 { return ms(Median(c.Programs[NameBrief].Version)) },
			relative:  "×",
			limit:     func(ref float64) float64 { return 1.2 * ref }, limitTxt: "≤ 1.2 × `--version`",
			genLimit: func(float64) float64 { return 1000 }, genTxt: "≤ 1 s",
		},
	}
}

// WriteMarkdown writes the comparison as a Markdown table with the
// conditions it was measured in; command is how it was run.
func (c *Comparison) WriteMarkdown(w io.Writer, command string) {
	cfg := c.Config
	cols, rows := cfg.Opts.Cols, cfg.Opts.Rows
	if cols == 0 {
		cols, rows = 120, 40
	}
	quiet := cfg.Opts.Quiet
	if quiet == 0 {
		quiet = DefaultQuiet
	}
	fmt.Fprintf(w, "Measured %s with `%s`\n", c.Started.UTC().Format("2006-01-02 15:04 MST"), command)
	fmt.Fprintf(w, "on %s, nproc %d, %s %s/%s; load average %s before, %s after; %v in all.\n",
		cpuModel(), runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, c.LoadBefore, c.LoadAfter, c.Took.Round(time.Second))
	shade := "dark"
	if cfg.Opts.Light {
		shade = "light"
	}
	fmt.Fprintf(w, "Medians of %d starts, %d sessions of %d timed keys per kind, %d exports; %d×%d pseudo-terminal with a %s background, bursts end after %v of quiet.\n\n",
		cfg.Starts, cfg.Sessions, cfg.Keys, cfg.Exports, cols, rows, shade, quiet)

	gen := c.Programs[NameGenerated]
	fmt.Fprint(w, "| measure | baseline | brief | brief vs baseline | budget | |")
	if gen != nil {
		fmt.Fprintf(w, " brief, %d items | budget | |", c.Items)
	}
	fmt.Fprint(w, "\n|---|--:|--:|--:|---|---|")
	if gen != nil {
		fmt.Fprint(w, "--:|---|---|")
	}
	fmt.Fprintln(w)
	brief := c.Programs[NameBrief]
	for _, b := range budgets() {
		ref := b.reference(c)
		v := b.value(brief)
		diff := fmt.Sprintf("%+.1f %s", v-ref, b.unit)
		if b.relative == "×" {
			diff = fmt.Sprintf("%.2f ×", v/ref)
		}
		limit := b.limit(ref)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s (%s) | %s |", b.measure, num(ref, b.unit), num(v, b.unit), diff,
			b.limitTxt, num(limit, b.unit), verdict(v, limit))
		if gen != nil {
			g, gl := b.value(gen), b.genLimit(ref)
			fmt.Fprintf(w, " %s | %s (%s) | %s |", num(g, b.unit), b.genTxt, num(gl, b.unit), verdict(g, gl))
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintln(w)
	hello, base := c.Programs[NameHello], c.Programs[NameBaseline]
	fmt.Fprintf(w, "Title first on screen (first paint, before the output settles): baseline %s, brief %s",
		num(ms(Median(base.FirstPaint)), "ms"), num(ms(Median(brief.FirstPaint)), "ms"))
	if gen != nil {
		fmt.Fprintf(w, ", on %d items %s", c.Items, num(ms(Median(gen.FirstPaint)), "ms"))
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Processor time (user + system), which the machine's load hardly changes: a start-up run (start, first frame, q) hello %s, baseline %s, brief %s",
		num(ms(Median(hello.StartCPU)), "ms"), num(ms(Median(base.StartCPU)), "ms"), num(ms(Median(brief.StartCPU)), "ms"))
	if gen != nil {
		fmt.Fprintf(w, ", on %d items %s", c.Items, num(ms(Median(gen.StartCPU)), "ms"))
	}
	fmt.Fprintf(w, "; `export --format markdown` %s against `--version` %s", num(ms(Median(brief.ExportCPU)), "ms"), num(ms(Median(brief.VersionCPU)), "ms"))
	if gen != nil {
		fmt.Fprintf(w, ", on %d items %s", c.Items, num(ms(Median(gen.ExportCPU)), "ms"))
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "From q to the process's exit (median, slowest): hello %s, baseline %s, brief %s",
		quitSummary(hello), quitSummary(base), quitSummary(brief))
	if gen != nil {
		fmt.Fprintf(w, ", on %d items %s", c.Items, quitSummary(gen))
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "For reference: the Bubble Tea hello world's first frame %s, peak RSS %s; the baseline's start-only peak RSS %s, brief's %s",
		num(ms(Median(hello.FirstFrame)), "ms"), num(mib(Median(hello.StartRSS)), "MiB"),
		num(mib(Median(base.StartRSS)), "MiB"), num(mib(Median(brief.StartRSS)), "MiB"))
	if gen != nil {
		fmt.Fprintf(w, ", on %d items %s", c.Items, num(mib(Median(gen.StartRSS)), "MiB"))
	}
	fmt.Fprintf(w, "; the export's peak RSS %s", num(mib(Median(brief.ExportRSS)), "MiB"))
	if gen != nil {
		fmt.Fprintf(w, ", on %d items %s (`--version` there: %s)", c.Items, num(mib(Median(gen.ExportRSS)), "MiB"), num(ms(Median(gen.Version)), "ms"))
	}
	fmt.Fprintln(w, ".")
}

func quitSummary(s *Samples) string {
	return fmt.Sprintf("%s, %s", num(ms(Median(s.Quit)), "ms"), num(ms(slices.Max(s.Quit)), "ms"))
}

func num(v float64, unit string) string { return fmt.Sprintf("%.1f %s", v, unit) }

func verdict(v, limit float64) string {
	if v <= limit {
		return "met"
	}
	return "**missed**"
}

// cpuModel is the processor's name from /proc/cpuinfo.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "an unknown processor"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "an unknown processor"
}
