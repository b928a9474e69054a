package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTmux runs the built binary in a real terminal (tmux) at 120×40: it
// visits every tab, follows a cross-reference and comes back, opens help,
// shrinks the terminal to 30×8 and back, and quits with q.
func TestTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the tmux test builds and runs the binary")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux); CI installs it, so this test runs there")
	}
	bin := buildBinary(t)
	tm := newTmux(t, bin, 120, 40)

	b := testBriefing(t)
	tm.waitFor("the first screen", b.Overview.Place, "Overview")
	for i, name := range tabNames {
		tm.keys(fmt.Sprint(i + 1))
		tm.waitFor(name+" tab", " "+name)
	}

	// Measures → the first measure's detail → its proposer → back.
	m := &b.Measures[0]
	sp, _ := b.Speaker(m.ProposedBy[0])
	tm.keys("5", "Enter", "]", "]", "Enter")
	tm.waitFor("the proposer's page", sp.Name, "Speakers", "Statements")
	tm.keys("BSpace")
	tm.waitFor("back on the measure", "Measures 1/", m.Title)

	tm.keys("?")
	tm.waitFor("the help overlay", "Move and scroll", "history back")
	tm.keys("Escape")
	tm.waitGone("help closed", "Move and scroll")

	tm.resize(30, 8)
	screen := tm.waitFor("the 30×8 layout", "Measures")
	checkCaptured(t, screen, 30, 8)
	tm.resize(29, 8)
	tm.waitFor("the too-small message", "too small")
	tm.resize(120, 40)
	screen = tm.waitFor("the full layout again", b.Overview.Place, "Measures 1/")
	checkCaptured(t, screen, 120, 40)

	tm.keys("q")
	if status := tm.exitStatus(); status != 0 {
		t.Fatalf("exit status %d after q, want 0", status)
	}
}

// checkCaptured fails when a captured screen has a line wider than w or
// more than h lines.
func checkCaptured(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) > h {
		t.Fatalf("%d lines on a %d-line terminal:\n%s", len(lines), h, screen)
	}
	for _, l := range lines {
		if textWidth(l) > w {
			t.Fatalf("line wider than %d: %q", w, l)
		}
	}
}

// buildBinary builds brief from the module root into a temporary
// directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "brief")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// tmuxSession is one program running in its own tmux server.
type tmuxSession struct {
	t      *testing.T
	socket string
	status string // file the program's exit status is written to
}

// newTmux runs bin in tmux, with its state in a fresh BRIEF_HOME.
func newTmux(t *testing.T, bin string, w, h int) *tmuxSession {
	t.Helper()
	return newTmuxIn(t, t.TempDir(), bin, w, h)
}

// newTmuxIn runs bin with args in tmux, with its state in home.
func newTmuxIn(t *testing.T, home, bin string, w, h int, args ...string) *tmuxSession {
	t.Helper()
	dir := t.TempDir()
	tm := &tmuxSession{t: t, socket: fmt.Sprintf("brief-test-%d-%d", os.Getpid(), time.Now().UnixNano()), status: filepath.Join(dir, "status")}
	// tmux does not always record a dead pane's status; a shell writes it
	// to a file instead.
	cmdline := "BRIEF_HOME=" + shellQuote(home) + " " + shellQuote(bin)
	for _, a := range args {
		cmdline += " " + shellQuote(a)
	}
	script := fmt.Sprintf("%s; echo $? > %q", cmdline, tm.status)
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "brief", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "sh", "-c", script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmuxSession) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (tm *tmuxSession) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.run("send-keys", "-t", "brief", k)
	}
}

func (tm *tmuxSession) capture() string {
	tm.t.Helper()
	return tm.run("capture-pane", "-p", "-t", "brief")
}

func (tm *tmuxSession) resize(w, h int) {
	tm.t.Helper()
	tm.run("resize-window", "-t", "brief", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
}

// waitFor polls the screen until it shows every want, and returns it.
func (tm *tmuxSession) waitFor(what string, want ...string) string {
	tm.t.Helper()
	var screen string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		screen = tm.capture()
		missing := false
		for _, w := range want {
			if !strings.Contains(screen, w) {
				missing = true
				break
			}
		}
		if !missing {
			return screen
		}
	}
	tm.t.Fatalf("waiting for %s (%q), the screen shows:\n%s", what, want, screen)
	return ""
}

// waitGone polls until the screen no longer shows gone.
func (tm *tmuxSession) waitGone(what, gone string) {
	tm.t.Helper()
	var screen string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if screen = tm.capture(); !strings.Contains(screen, gone) {
			return
		}
	}
	tm.t.Fatalf("waiting for %s, the screen still shows %q:\n%s", what, gone, screen)
}

// exitStatus waits for the program to end and returns its exit status.
func (tm *tmuxSession) exitStatus() int {
	tm.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		out, err := os.ReadFile(tm.status)
		var status int
		if _, scanErr := fmt.Sscan(string(out), &status); err == nil && scanErr == nil {
			return status
		}
	}
	tm.t.Fatal("the program did not exit within 10 s of q")
	return -1
}

// shellQuote quotes s for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
