//go:build !windows

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/creack/pty"
)

// runInTerminal runs brief with stdout and stderr on a pseudo-terminal,
// its controlling terminal, as in a terminal window. With keys false,
// stdin is /dev/null, which also keeps fang from asking the terminal for
// its background colour, a question this test terminal never answers.
func runInTerminal(t *testing.T, keys bool, env []string, args ...string) result {
	t.Helper()
	ptmx, tty := openTerminal(t)
	defer ptmx.Close()
	cmd := briefCmd(t, env, args...)
	cmd.Stdout, cmd.Stderr = tty, tty
	if keys {
		cmd.Stdin = tty
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 1}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	out, _ := io.ReadAll(ptmx) // ends with EIO once brief exits
	err := cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	// The terminal turns "\n" into "\r\n"; stdout and stderr share it.
	return result{stdout: strings.ReplaceAll(string(out), "\r\n", "\n"), code: cmd.ProcessState.ExitCode()}
}

// briefInTerminal is runInTerminal's run in this process (runInProcess):
// stdout and stderr on a pseudo-terminal of 120×40, stdin that terminal
// with keys, else /dev/null. For runs that need the terminal only as
// their output and input (help, errors, search, export), not as their
// controlling terminal: a start of brief costs some 57 ms of CPU.
func briefInTerminal(t *testing.T, keys bool, env []string, args ...string) result {
	t.Helper()
	ptmx, tty := openTerminal(t)
	defer ptmx.Close()
	var out bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		io.Copy(&out, ptmx) // ends with EIO once the terminal is closed
	}()
	var stdin *os.File
	if keys {
		stdin = tty
	}
	code := runInProcess(t, env, stdin, tty, tty, args...)
	tty.Close()
	<-read
	// The terminal turns "\n" into "\r\n"; stdout and stderr share it.
	return result{stdout: strings.ReplaceAll(out.String(), "\r\n", "\n"), code: code}
}

func TestSearchColoursOnlyAColourTerminal(t *testing.T) {
	t.Parallel()
	args := []string{"search", "--bundle", "examples/minimal", "exemple"}
	colour := briefInTerminal(t, false, nil, args...)
	colour.expect(t, 0)
	if !strings.Contains(colour.stdout, "\x1b[") || strings.Contains(colour.stdout, "*Exemple*") {
		t.Errorf("on a colour terminal, matches should be styled, not starred:\n%q", colour.stdout)
	}
	for _, env := range []string{"NO_COLOR=1", "TERM=dumb"} {
		plain := briefInTerminal(t, false, []string{env}, args...)
		plain.expect(t, 0)
		noEscapes(t, env, plain.stdout)
		if !strings.Contains(plain.stdout, "Jeanne *Exemple*") {
			t.Errorf("%s: matches should be starred:\n%s", env, plain.stdout)
		}
	}
}

func TestErrorsOnAColourTerminalAreStyled(t *testing.T) {
	t.Parallel()
	styled := briefInTerminal(t, false, nil, "--style", "purple")
	styled.expect(t, 2)
	if !strings.Contains(styled.stdout, "\x1b[") || !strings.Contains(styled.stdout, `"purple"`) {
		t.Errorf("a colour terminal gets fang's styled error:\n%q", styled.stdout)
	}
}

// TestPlainTerminalsGetNoEscapes: on a dumb terminal, one that does not say
// what it is, or with NO_COLOR, brief writes no escape codes at all, and
// asks the terminal nothing (a dumb terminal would print the question).
func TestPlainTerminalsGetNoEscapes(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"NO_COLOR=1", "TERM=dumb", "TERM="} {
		for _, args := range [][]string{{"--help"}, {"--style", "purple"}, {"export", "-f", "json", "--bundle", "examples/minimal"}, {"validate", "testdata/bad/dangling-session"}} {
			cmd := strings.Join(append([]string{env}, args...), " ")
			r := briefInTerminal(t, true, []string{env}, args...)
			noEscapes(t, cmd, r.stdout)
			if r.code != 0 && !strings.Contains(r.stdout, "brief: ") && !strings.Contains(r.stdout, "dangling-session/timeline.yaml:8:12: ") {
				t.Errorf("%s: want a plain error line, got:\n%s", cmd, r.stdout)
			}
		}
	}
}

func TestDumbTerminalGetsMarkdownInsteadOfTheReader(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"TERM=dumb", "TERM="} {
		r := runInTerminal(t, true, []string{env}, "--bundle", "examples/minimal")
		r.expect(t, 0)
		noEscapes(t, env, r.stdout)
		if !strings.HasPrefix(r.stdout, "# Example Summit on Open Data\n") {
			t.Errorf("%s: want the Markdown export, got:\n%s", env, r.stdout)
		}
	}
}

// TestReaderWithoutAnyTerminalToReadKeys: output on a terminal, input from
// a file, and no controlling terminal to read keys from instead.
func TestReaderWithoutAnyTerminalToReadKeys(t *testing.T) {
	t.Parallel()
	ptmx, tty := openPTY(t)
	defer ptmx.Close()
	cmd := briefCmd(t, nil, "--bundle", "examples/minimal")
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = devnull, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // a new session has no controlling terminal
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	out, _ := io.ReadAll(ptmx)
	cmd.Wait()
	r := result{stdout: strings.ReplaceAll(string(out), "\r\n", "\n"), code: cmd.ProcessState.ExitCode()}
	r.expect(t, 2)
	if !strings.Contains(strings.ToLower(r.stdout), "the reader needs a terminal to read keys from") || !strings.Contains(r.stdout, "brief export") {
		t.Errorf("want an error saying a terminal is needed and what to do instead:\n%s", r.stdout)
	}
}

// openPTY opens a pseudo-terminal pair; a machine without one cannot show
// terminal behaviour, so the test is skipped there rather than failed.
// openTerminal is a pseudo-terminal of 120×40.
func openTerminal(t *testing.T) (ptmx, tty *os.File) {
	t.Helper()
	ptmx, tty = openPTY(t)
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 120}); err != nil {
		t.Fatal(err)
	}
	return ptmx, tty
}

func openPTY(t *testing.T) (ptmx, tty *os.File) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal on this machine (%v): terminal behaviour is not tested", err)
	}
	return ptmx, tty
}
