package perf

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// built holds the programs compiled for this test binary, each once, in a
// directory removed when the tests end.
var built struct {
	mu   sync.Mutex
	dir  string
	root string
	bins map[string]string
	errs map[string]error
	// generated is the title of the generated briefing of each size.
	generated map[int]string
}

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
	code := m.Run()
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
func buildOnce(pkg string) (string, error) {
	built.mu.Lock()
	defer built.mu.Unlock()
	if built.bins == nil {
		built.bins, built.errs = map[string]string{}, map[string]error{}
	}
	if p, ok := built.bins[pkg]; ok {
		return p, built.errs[pkg]
	}
	var err error
	if built.root == "" {
		if built.root, err = ModuleRoot(); err != nil {
			return "", err
		}
	}
	if built.dir == "" {
		if built.dir, err = os.MkdirTemp("", "brief-perf-"); err != nil {
			return "", err
		}
	}
	p, err := Build(built.root, built.dir, binaryNames[pkg], pkg)
	built.bins[pkg], built.errs[pkg] = p, err
	return p, err
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
