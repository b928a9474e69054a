package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/cache"
	"github.com/brief-reader/brief/internal/export"
	"github.com/brief-reader/brief/internal/state"
	"github.com/brief-reader/brief/internal/words"
	"github.com/brief-reader/brief/ui"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

func addBundleFlag(cmd *cobra.Command, dir *string) {
	cmd.Flags().StringVar(dir, "bundle", "", "read the bundle in this directory instead of the built-in briefing")
}

// loadBriefing loads the bundle in dir, or the built-in briefing when dir
// is empty. A bundle comes from the snapshot of its files' content in the
// state folder's cache, when there is one (its first load writes it, in
// the background: run waits for it before the process exits).
func loadBriefing(dir string) (*data.Briefing, error) {
	return loadWith(dir, bundleCache().LoadDirThenKeep)
}

// validateBriefing is loadBriefing from the bundle's files, never from a
// snapshot: `brief validate` says what the files hold.
func validateBriefing(dir string) (*data.Briefing, error) {
	return loadWith(dir, data.LoadDir)
}

// bundleCache is the cache of bundles opened by path; one with no folder
// (no home to keep state in) keeps nothing.
func bundleCache() cache.Cache {
	paths, err := state.DefaultPaths()
	if err != nil {
		return cache.Cache{}
	}
	return cache.Cache{Dir: paths.Cache(), Keep: keepBundles}
}

// keepBundles is how many bundles opened by path keep their snapshot: the
// ones opened last. A 10,000-item bundle's is 6 MB.
const keepBundles = 32

func loadWith(dir string, load func(string) (*data.Briefing, error)) (*data.Briefing, error) {
	var b *data.Briefing
	var err error
	if dir == "" {
		b, err = data.Embedded()
	} else {
		b, err = load(dir)
	}
	if err != nil {
		return nil, &bundleError{dir: dir, err: err}
	}
	return b, nil
}

// bundleError is a bundle that did not load: its problems one per line as
// the loader formats them ("file:line:col: message" and a hint), then what
// to do about them.
type bundleError struct {
	dir string // "" for the built-in briefing
	err error
}

func (e *bundleError) Error() string {
	var ps data.Problems
	if !errors.As(e.err, &ps) {
		return e.err.Error() // the loader's own message says what to do
	}
	where, check := "bundle "+e.dir, "brief validate "+e.dir
	if e.dir == "" {
		where, check = "the built-in briefing ("+data.EmbeddedLabel+")", "go run . validate"
	}
	them := "them"
	if len(ps) == 1 {
		them = "it"
	}
	return fmt.Sprintf("%s\n%s has %s: fix %s, then check again with `%s`", ps.Error(), where, words.Count(len(ps), "problem"), them, check)
}

func (e *bundleError) Unwrap() error { return e.err }

// styleFlag is --style: a ui.Style named on the command line.
type styleFlag ui.Style

// styleNames are the names --style accepts, in the order help lists them.
var styleNames = []struct {
	name  string
	style ui.Style
}{{"auto", ui.StyleAuto}, {"dark", ui.StyleDark}, {"light", ui.StyleLight}, {"notty", ui.StyleNoTTY}}

const styleList = "auto, dark, light or notty"

func (s *styleFlag) String() string {
	for _, n := range styleNames {
		if n.style == ui.Style(*s) {
			return n.name
		}
	}
	return ""
}

func (s *styleFlag) Set(v string) error {
	for _, n := range styleNames {
		if v == n.name {
			*s = styleFlag(n.style)
			return nil
		}
	}
	return fmt.Errorf("use %s", styleList)
}

func (s *styleFlag) Type() string { return "style" }

// formatFlag is --format: an export format.
type formatFlag export.Format

func (f *formatFlag) String() string { return string(*f) }

func (f *formatFlag) Set(v string) error {
	format, err := export.ParseFormat(v)
	if err != nil {
		return errors.New("use one of " + names(export.Formats))
	}
	*f = formatFlag(format)
	return nil
}

func (f *formatFlag) Type() string { return "format" }

// names lists enum values for help and error messages: "a, b, c".
func names[T ~string](values []T) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}

func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }

// canDraw reports whether f is a terminal that can show the full-screen
// reader: a dumb terminal, or one that does not say what it is, cannot.
func canDraw(f *os.File) bool {
	if !isTerminal(f) {
		return false
	}
	t := os.Getenv("TERM")
	if runtime.GOOS == "windows" {
		return t != "dumb" // Windows consoles set no TERM
	}
	return t != "" && t != "dumb"
}

// plainOutput reports whether text written to f must carry no escape
// codes at all: f is not a terminal that can draw, or NO_COLOR is set.
func plainOutput(f *os.File) bool {
	return !canDraw(f) || os.Getenv("NO_COLOR") != ""
}

// colourable is f for cobra and fang to write help and errors to. Where
// output must be plain it hides that f is a terminal, so fang's colour
// detection strips bold and underline too, not just colour as NO_COLOR
// alone would.
func colourable(f *os.File) io.Writer {
	if plainOutput(f) {
		return &checkedWriter{w: f}
	}
	return f
}

// oneArg accepts exactly one argument; otherwise it fails with a usage
// error whose text, usage, shows the command's form.
func oneArg(usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usageError("%s", usage)
		}
		return nil
	}
}
