// Command brief is a keyboard-driven terminal reader for briefings: one
// event, built from its news sources, where every fact says which source
// it comes from. It ships the Hanoi Convention briefing; --bundle opens
// another. Run `brief --help` for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"charm.land/fang/v2"
	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/cache"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module's build information.
var version = ""

// Exit statuses: 0 success, 1 a failure while running (or no search hits),
// 2 something the user can fix (a usage error or a bundle problem).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	// With SIGPIPE ignored, writing to a closed pipe returns EPIPE instead
	// of killing the process, so `brief export | head -1` ends quietly.
	signal.Ignore(syscall.SIGPIPE)
	os.Exit(run(context.Background()))
}

func run(ctx context.Context) int {
	root := newRootCmd()
	addSuggestions(root)
	stdout := colourable(os.Stdout)
	out, flush := stdout, func() error { return nil }
	if wantsHelp(os.Args[1:]) {
		out, flush = trimmedOutput(os.Stdout, stdout)
	}
	root.SetOut(out)
	root.SetErr(colourable(os.Stderr))
	var err error
	if isTerminal(os.Stdout) && plainOutput(os.Stdout) {
		err = executePlain(ctx, root)
	} else {
		err = fang.Execute(ctx, root,
			fang.WithVersion(versionString()),
			fang.WithErrorHandler(handleError),
		)
	}
	_ = flush()  // a failed write is recorded by the checkedWriter below it
	cache.Wait() // a snapshot being written for the next run
	if w, ok := stdout.(*checkedWriter); ok && err == nil && w.err != nil && !errors.Is(w.err, syscall.EPIPE) {
		// Help and version ignore their write errors; the output is lost
		// all the same.
		err = failure(fmt.Errorf("cannot write the output: %w", w.err))
		handleError(os.Stderr, fang.Styles{}, err)
	}
	return exitCode(err)
}

// checkedWriter remembers the first error writing to it returned.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// isWriteError reports whether err is a failed write to a file (the
// output: a full disk, a closed pipe), not a mistake in calling brief.
func isWriteError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Op == "write"
}

// executePlain runs root with cobra's plain help. Before styling help or an
// error, fang asks a terminal on stdout for its background colour; a dumb
// terminal prints the question as garbage and never answers, and NO_COLOR
// wants no escape codes at all.
func executePlain(ctx context.Context, root *cobra.Command) error {
	root.Version = versionString()
	root.SilenceErrors, root.SilenceUsage = true, true
	err := root.ExecuteContext(ctx)
	if err != nil {
		handleError(root.ErrOrStderr(), fang.Styles{}, err)
	}
	return err
}

// exitError gives an error its exit status. A nil err exits silently (the
// command has already said why, as search does when nothing matches).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// failure marks an error that happened while running, not one the user
// made in calling brief (exit status 1).
func failure(err error) error { return &exitError{code: exitFailure, err: err} }

// usageError is a mistake in how brief was called (exit status 2).
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// exitCode maps the error a command returned to the process's exit status.
// Errors without an explicit status are cobra's usage errors (unknown flag,
// bad flag value, wrong number of arguments) or bundle errors: both 2.
func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, syscall.EPIPE):
		return exitOK // the reader of our output has all it wanted
	case errors.As(err, &ee):
		return ee.code
	case isWriteError(err):
		return exitFailure
	}
	return exitUsage
}

// handleError prints a command's error on stderr. Bundle problems come out
// as plain "file:line:col: message" lines so editors and scripts can jump
// to them; other errors get fang's styled block on a colour terminal and
// one plain "brief: …" line anywhere else.
func handleError(w io.Writer, styles fang.Styles, err error) {
	var ee *exitError
	var be *bundleError
	var ps data.Problems
	switch {
	case errors.Is(err, syscall.EPIPE):
	case errors.As(err, &ee) && ee.err == nil:
	case errors.As(err, &ps):
		fmt.Fprintln(w, data.CleanText(err.Error()))
	case plainOutput(os.Stderr):
		msg := "brief: " + data.CleanText(err.Error())
		if !errors.As(err, &ee) && !errors.As(err, &be) && !isWriteError(err) {
			// cobra's own errors (unknown flag, missing argument) do not
			// say where to look; ours do.
			msg += "\nRun `brief --help` or `brief COMMAND --help` for usage."
		}
		fmt.Fprintln(w, msg)
	default:
		fang.DefaultErrorHandler(w, styles, err)
	}
}

// versionString is the -X version, else the module version `go install`
// records, else "dev" with the commit a checkout build records.
func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	v := "dev"
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 7 {
			v += " (" + s.Value[:7] + ")"
		}
	}
	return v
}
