package perf

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/gen"
)

// Program is a binary to measure and how to drive it.
type Program struct {
	// Name labels the program in results.
	Name string
	// Path is the binary; Args open its interactive screen.
	Path string
	Args []string
	// FreshHome, when set, is a BRIEF_HOME that Measure empties before
	// each run, so that every run is a first launch. brief remembers the
	// briefing read last, the place in it and what was seen: without it a
	// run would start where the one before left (and the embedded
	// briefing's runs on the generated briefing, if that ran last).
	FreshHome string
	// Ready is text the first complete frame shows.
	Ready string
	// Quit is the key that quits.
	Quit string
	// Script is the keys of an interactive session, some measured.
	Script []Step
}

// Step is one key of a script. Keys with a Metric are timed and their
// latency filed under it; the others only set the scene, and may leave
// the screen unchanged.
type Step struct {
	Key    string
	Metric string
}

// The metrics a script files keystrokes under.
const (
	MetricMove   = "move"   // j in a list: the selection and the detail change
	MetricTab    = "tab"    // a number key: another tab
	MetricDetail = "detail" // enter: the detail pane takes the focus
	MetricSearch = "search" // a letter typed in the search bar
	MetricKey    = "key"    // the baseline's keystroke: scroll one line
)

// ModuleRoot is the directory of the go.mod around the working directory.
func ModuleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("finding the module: go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside the brief module; run from the repository")
	}
	return filepath.Dir(gomod), nil
}

// The packages of the programs measured.
const (
	BaselinePkg = "./internal/perf/baseline"
	HelloPkg    = "./internal/perf/baseline/hello"
	BriefPkg    = "."
)

// keysPerMetric is how many keys of each kind a script times by default.
const keysPerMetric = 8

// Baseline is the baseline program: its page's title, and j (scroll one
// line) timed n times.
func Baseline(path string, n int) Program {
	p := Program{Name: "baseline", Path: path, Ready: "Baseline: one page of Markdown", Quit: "q"}
	for range n {
		p.Script = append(p.Script, Step{Key: "j", Metric: MetricKey})
	}
	return p
}

// Hello is the hello world; it has no keys but q.
func Hello(path string) Program {
	return Program{Name: "hello", Path: path, Ready: "Hello, world!", Quit: "q"}
}

// Brief is brief's reader on a briefing (the embedded one when bundle is
// empty) whose overview title is title. Its script times n keys of each
// kind: switching tabs, moving down the Sessions list (new items, so the
// detail is rendered for the first time), opening the detail, and typing
// query in the search bar.
func Brief(name, path, bundle, title, query string, n int) Program {
	p := Program{Name: name, Path: path, Ready: titlePrefix(title), Quit: "q"}
	if bundle != "" {
		p.Args = []string{"--bundle", bundle}
	}
	var s []Step
	for i := range n {
		s = append(s, Step{Key: strconv.Itoa(2 + i%5), Metric: MetricTab}) // 2…6
	}
	s = append(s, Step{Key: "3"}) // Sessions, focus on the list
	for range n {
		s = append(s, Step{Key: "j", Metric: MetricMove})
	}
	for range n {
		s = append(s, Step{Key: "enter", Metric: MetricDetail}, Step{Key: "esc"})
	}
	for typed := 0; typed < n; {
		s = append(s, Step{Key: "/"})
		for _, r := range query {
			if typed == n {
				break
			}
			s = append(s, Step{Key: string(r), Metric: MetricSearch})
			typed++
		}
		s = append(s, Step{Key: "esc"})
	}
	p.Script = s
	return p
}

// titlePrefix is the start of a title, short enough to fit on the header
// line at any width the harness uses.
func titlePrefix(title string) string {
	title, _, _ = strings.Cut(strings.TrimSpace(title), "\n")
	for i := range title {
		if utf8.RuneCountInString(title[:i]) == 24 {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// EmbeddedTitle is the embedded briefing's title.
func EmbeddedTitle() (string, error) {
	b, err := data.Embedded()
	if err != nil {
		return "", fmt.Errorf("loading the embedded briefing: %w", err)
	}
	return b.Overview.Title, nil
}

// GeneratedSeed makes the generated briefing the same in every run.
const GeneratedSeed = 1

// WriteGenerated writes a generated briefing of items items into dir and
// returns its title.
func WriteGenerated(dir string, items int) (string, error) {
	b := gen.Briefing(items, GeneratedSeed)
	if err := gen.WriteBundle(dir, b); err != nil {
		return "", fmt.Errorf("writing the generated briefing: %w", err)
	}
	return b.Overview.Title, nil
}
