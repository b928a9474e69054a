package perf

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Config is a comparison run: which programs, how many times each.
type Config struct {
	// Root is the module root, where the programs are built.
	Root string
	// Starts is how many times each program is started for its first
	// frame; Sessions how many interactive sessions each plays; Exports
	// how many times each export and --version run.
	Starts, Sessions, Exports int
	// Keys is how many keys of each kind a session times.
	Keys int
	// Items is the size of the generated briefing; 0 leaves it out.
	Items int
	// Query is typed in the search bar, one timed key per letter.
	Query string
	// Opts is the terminal the programs run in.
	Opts Options
	// Log, when set, gets a line per measurement as it goes.
	Log io.Writer
}

// The names of the programs in a comparison.
const (
	NameHello     = "hello"
	NameBaseline  = "baseline"
	NameBrief     = "brief"
	NameGenerated = "brief-10k"
)

// Samples are the measurements of one program.
type Samples struct {
	FirstFrame, FirstPaint []time.Duration
	// Quit is from the quit key to the exit, in start-up runs; StartCPU
	// the processor time of those runs.
	Quit, StartCPU []time.Duration
	// StartRSS is the peak RSS of start-up runs (start, first frame,
	// quit); SessionRSS that of interactive sessions.
	StartRSS, SessionRSS []int64
	Keys                 map[string][]time.Duration
	// Export and Version are whole-process times of `export --format
	// markdown` and `--version`; ExportRSS the export's peak RSS.
	Export, Version []time.Duration
	ExportRSS       []int64
	// ExportCPU and VersionCPU are their processor times.
	ExportCPU, VersionCPU []time.Duration
}

// Comparison is the result of a run.
type Comparison struct {
	Config  Config
	Started time.Time
	Took    time.Duration
	// LoadBefore and LoadAfter are the machine's load averages.
	LoadBefore, LoadAfter string
	// Items is the generated briefing's size, 0 when left out.
	Items int
	// Programs are the samples by program name.
	Programs map[string]*Samples
}

// Compare builds the programs, then measures them in turns (hello,
// baseline, brief, brief on the generated briefing, then again), so that
// a change in the machine's load touches all of them alike.
func Compare(cfg Config) (*Comparison, error) {
	c := &Comparison{Config: cfg, Started: time.Now(), LoadBefore: loadAvg(), Programs: map[string]*Samples{}}
	dir, err := os.MkdirTemp("", "brief-perf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	logf := func(format string, args ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format+"\n", args...)
		}
	}

	logf("building hello, baseline and brief")
	bins := map[string]string{}
	for name, pkg := range map[string]string{NameHello: HelloPkg, NameBaseline: BaselinePkg, NameBrief: BriefPkg} {
		if bins[name], err = Build(cfg.Root, dir, name, pkg); err != nil {
			return nil, err
		}
	}
	title, err := EmbeddedTitle()
	if err != nil {
		return nil, err
	}
	// Every run of brief is a first launch (see FreshHome).
	embedded := Brief(NameBrief, bins[NameBrief], "", title, cfg.Query, cfg.Keys)
	embedded.FreshHome = filepath.Join(dir, "home-"+NameBrief)
	programs := []Program{
		Hello(bins[NameHello]),
		Baseline(bins[NameBaseline], cfg.Keys),
		embedded,
	}
	var bundle string
	if cfg.Items > 0 {
		logf("generating a briefing of %d items", cfg.Items)
		bundle = filepath.Join(dir, "generated")
		genTitle, err := WriteGenerated(bundle, cfg.Items)
		if err != nil {
			return nil, err
		}
		c.Items = cfg.Items
		p := Brief(NameGenerated, bins[NameBrief], bundle, genTitle, cfg.Query, cfg.Keys)
		p.FreshHome = filepath.Join(dir, "home-"+NameGenerated)
		programs = append(programs, p)
	}
	for _, p := range programs {
		c.Programs[p.Name] = &Samples{Keys: map[string][]time.Duration{}}
	}

	// The three kinds of run take turns over the programs, each kind in
	// its own pass.
	if err := c.measureStarts(programs, logf); err != nil {
		return nil, err
	}
	if err := c.measureSessions(programs, logf); err != nil {
		return nil, err
	}
	if err := c.measureExports(bins[NameBrief], bundle, logf); err != nil {
		return nil, err
	}
	c.Took = time.Since(c.Started)
	c.LoadAfter = loadAvg()
	return c, nil
}

// measureStarts launches each program cfg.Starts times in turn, adding
// its first frame, first paint, quit, CPU and peak RSS to its samples.
func (c *Comparison) measureStarts(programs []Program, logf func(string, ...any)) error {
	cfg := c.Config
	for i := range cfg.Starts {
		for _, p := range programs {
			r, err := Measure(p, cfg.Opts, false)
			if err != nil {
				return err
			}
			s := c.Programs[p.Name]
			s.FirstFrame = append(s.FirstFrame, r.FirstFrame)
			s.FirstPaint = append(s.FirstPaint, r.FirstPaint)
			s.Quit = append(s.Quit, r.Quit)
			s.StartCPU = append(s.StartCPU, r.CPU)
			s.StartRSS = append(s.StartRSS, r.PeakRSS)
			logf("start %d/%d %-10s first frame %6.1f ms (painted %6.1f ms)  peak RSS %5.1f MiB", i+1, cfg.Starts, p.Name, ms(r.FirstFrame), ms(r.FirstPaint), mib(r.PeakRSS))
		}
	}
	return nil
}

// measureSessions plays each program's key script cfg.Sessions times in
// turn (programs without one are left out), adding its peak RSS and key
// latencies to its samples.
func (c *Comparison) measureSessions(programs []Program, logf func(string, ...any)) error {
	cfg := c.Config
	for i := range cfg.Sessions {
		for _, p := range programs {
			if len(p.Script) == 0 {
				continue
			}
			r, err := Measure(p, cfg.Opts, true)
			if err != nil {
				return err
			}
			s := c.Programs[p.Name]
			s.SessionRSS = append(s.SessionRSS, r.PeakRSS)
			for k, ds := range r.Keys {
				s.Keys[k] = append(s.Keys[k], ds...)
			}
			logf("session %d/%d %-10s peak RSS %5.1f MiB  keys %s", i+1, cfg.Sessions, p.Name, mib(r.PeakRSS), keySummary(r.Keys))
		}
	}
	return nil
}

// measureExports runs brief's markdown export (of the embedded briefing,
// and of the generated one when bundle is set) and brief --version
// cfg.Exports times in turn, adding their times and resources to the
// samples.
func (c *Comparison) measureExports(brief, bundle string, logf func(string, ...any)) error {
	cfg := c.Config
	exports := []struct {
		name string
		args []string
	}{{NameBrief, []string{"export", "--format", "markdown"}}}
	if bundle != "" {
		exports = append(exports, struct {
			name string
			args []string
		}{NameGenerated, []string{"export", "--format", "markdown", "--bundle", bundle}})
	}
	for i := range cfg.Exports {
		for _, e := range exports {
			s := c.Programs[e.name]
			v, err := RunProcess(brief, "--version")
			if err != nil {
				return err
			}
			x, err := RunProcess(brief, e.args...)
			if err != nil {
				return err
			}
			s.Version = append(s.Version, v.Wall)
			s.Export = append(s.Export, x.Wall)
			s.ExportRSS = append(s.ExportRSS, x.PeakRSS)
			s.ExportCPU = append(s.ExportCPU, x.CPU)
			s.VersionCPU = append(s.VersionCPU, v.CPU)
			logf("export %d/%d %-10s %6.1f ms  (--version %5.1f ms)", i+1, cfg.Exports, e.name, ms(x.Wall), ms(v.Wall))
		}
	}
	return nil
}

func keySummary(keys map[string][]time.Duration) string {
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	slices.Sort(names)
	out := ""
	for _, k := range names {
		out += fmt.Sprintf(" %s %.1f ms", k, ms(Median(keys[k])))
	}
	return out
}

// loadAvg is the first three fields of /proc/loadavg.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	var a, b5, c string
	if _, err := fmt.Sscan(string(b), &a, &b5, &c); err != nil {
		return "unknown"
	}
	return a + " " + b5 + " " + c
}

// Median is the middle value (the mean of the two middle ones for an even
// count); 0 for none.
func Median[T time.Duration | int64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mib(b int64) float64 { return float64(b) / (1 << 20) }
