package perf

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// built holds the programs compiled for this test binary, each once, in a
// directory removed when the tests end.
var built struct {
	mu   sync.Mutex // guards the fields below; each program has its own once
	dir  string
	root string
	bins map[string]*builtProgram
	// generated is the title of the generated briefing of each size.
	generated map[int]string
	// early counts the builds TestMain started before the tests.
	early sync.WaitGroup
}

// builtProgram is one program, built at most once.
type builtProgram struct {
	once sync.Once
	path string
	err  error
}

// earlyParallel is how many tests run at once unless -test.parallel is
// given.
const earlyParallel = 4

func TestMain(m *testing.M) {
	// brief keeps its state in a temporary folder, never in the real
	// home; BRIEF_PERF_HOME names one to measure with instead (a big
	// library, see docs/PERFORMANCE.md).
	if home := os.Getenv("BRIEF_PERF_HOME"); home != "" {
		os.Setenv("BRIEF_HOME", home)
	} else {
		home, err := os.MkdirTemp("", "brief-perf-home-")
		if err != nil {
			panic(err)
		}
		os.Setenv("BRIEF_HOME", home)
		defer os.RemoveAll(home)
	}
	flag.Parse()
	// The early-key checks spend most of their time waiting on a terminal:
	// unless -test.parallel says otherwise, the two keys' starts and the
	// dropper's run at once, not two at a time on two cores.
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet && runtime.GOMAXPROCS(0) < earlyParallel {
		_ = flag.Set("test.parallel", fmt.Sprint(earlyParallel))
	}
	if flag.Lookup("test.run").Value.String() == "" {
		// A whole run needs every test program: build them side by side
		// while the first tests run, rather than one after the other as
		// tests ask for them.
		pkgs := []string{BaselinePkg, dropKeysPkg}
		if !testing.Short() {
			pkgs = append(pkgs, BriefPkg) // -short skips brief's start-ups
		}
		for _, pkg := range pkgs {
			built.early.Go(func() { _, _ = buildOnce(pkg) })
		}
	}
	code := m.Run()
	built.early.Wait()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// dropKeysPkg is a program that loses the keys typed while it starts.
const dropKeysPkg = "./internal/perf/testdata/dropkeys"

// binaryNames name the built programs after their packages.
var binaryNames = map[string]string{BaselinePkg: "baseline", HelloPkg: "hello", BriefPkg: "brief", dropKeysPkg: "dropkeys"}

// buildOnce compiles pkg once for the test binary and returns its path.
// Different programs build at the same time.
func buildOnce(pkg string) (string, error) {
	root, dir, err := buildDir()
	if err != nil {
		return "", err
	}
	built.mu.Lock()
	if built.bins == nil {
		built.bins = map[string]*builtProgram{}
	}
	p := built.bins[pkg]
	if p == nil {
		p = &builtProgram{}
		built.bins[pkg] = p
	}
	built.mu.Unlock()
	p.once.Do(func() { p.path, p.err = Build(root, dir, binaryNames[pkg], pkg) })
	return p.path, p.err
}

// buildDir is the module's root and the directory the programs are built
// in, made on first use.
func buildDir() (root, dir string, err error) {
	built.mu.Lock()
	defer built.mu.Unlock()
	if built.root == "" {
		if built.root, err = ModuleRoot(); err != nil {
			return "", "", err
		}
	}
	if built.dir == "" {
		if built.dir, err = os.MkdirTemp("", "brief-perf-"); err != nil {
			return "", "", err
		}
	}
	return built.root, built.dir, nil
}

// binary is buildOnce for programs that must build: the baselines.
func binary(tb testing.TB, pkg string) string {
	tb.Helper()
	p, err := buildOnce(pkg)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// briefBinary is brief's binary, or a skip saying why it cannot be built:
// the reader is developed beside the harness and may not build yet.
func briefBinary(tb testing.TB) string {
	tb.Helper()
	p, err := buildOnce(BriefPkg)
	if err != nil {
		tb.Skipf("brief does not build, so it cannot be measured (the baseline still is): %v", err)
	}
	return p
}

// generated is the directory of the generated briefing of n items,
// written once per test binary, and its title.
func generated(tb testing.TB, n int) (dir, title string) {
	tb.Helper()
	built.mu.Lock()
	defer built.mu.Unlock()
	if built.generated[n] != "" {
		return filepath.Join(built.dir, fmt.Sprintf("generated-%d", n)), built.generated[n]
	}
	if built.dir == "" {
		var err error
		if built.dir, err = os.MkdirTemp("", "brief-perf-"); err != nil {
			tb.Fatal(err)
		}
	}
	dir = filepath.Join(built.dir, fmt.Sprintf("generated-%d", n))
	title, err := WriteGenerated(dir, n)
	if err != nil {
		tb.Fatal(err)
	}
	if built.generated == nil {
		built.generated = map[int]string{}
	}
	built.generated[n] = title
	return dir, title
}
