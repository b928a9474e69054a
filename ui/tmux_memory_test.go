package ui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestTmuxRemembers runs the built binary in tmux twice on one state
// folder: the third speaker selected in the first run is selected again in
// the second. Beside it, on a state folder of its own, it adds a bundle to
// the library, reads its speaker, edits one statement, adds the new
// edition, and that statement alone shows as changed.
func TestTmuxRemembers(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	// The two stories keep their state in folders of their own, and run
	// side by side.
	t.Run("place", func(t *testing.T) {
		t.Parallel()
		tmuxKeepsThePlace(t, bin, t.TempDir())
	})
	t.Run("what changed", func(t *testing.T) {
		t.Parallel()
		tmuxShowsWhatChanged(t, bin, t.TempDir())
	})
}

// tmuxKeepsThePlace: the third speaker selected in one run is selected in
// the next, and the last move is kept however the program ends.
func tmuxKeepsThePlace(t *testing.T, bin, home string) {
	b := testBriefing(t)
	tm := newTmuxIn(t, home, bin, 120, 40)
	tm.waitFor("the first screen", b.Overview.Place, "Overview")
	tm.keys("4")
	tm.waitFor("the Speakers tab", "Speakers 1/")
	tm.keys("j", "j")
	screen := tm.waitFor("the third speaker", "Speakers 3/")
	third := selectedRow(t, screen)
	tm.keys("q")
	if status := tm.exitStatus(); status != 0 {
		t.Fatalf("exit status %d after q", status)
	}

	tm = newTmuxIn(t, home, bin, 120, 40)
	screen = tm.waitFor("the place kept from the last run", "Speakers 3/")
	if got := selectedRow(t, screen); got != third {
		t.Errorf("selected %q after reopening, want %q", got, third)
	}
	// Ended by a signal rather than q (a closed terminal, a shutdown):
	// the place is saved a moment after each move, so it is kept too.
	tm.keys("j")
	tm.waitFor("the fourth speaker", "Speakers 4/")
	time.Sleep(600 * time.Millisecond)
	tm.signal(syscall.SIGTERM)
	tm.exitStatus()
	tm = newTmuxIn(t, home, bin, 120, 40)
	tm.waitFor("the place kept after SIGTERM", "Speakers 4/")
	// Ended inside the save delay (150 ms after the move): the quit
	// writes the last place itself, whether by signal or by key.
	tm.keys("j")
	tm.waitFor("the fifth speaker", "Speakers 5/")
	tm.signal(syscall.SIGTERM)
	tm.exitStatus()
	tm = newTmuxIn(t, home, bin, 120, 40)
	tm.waitFor("the move kept after SIGTERM inside the save delay", "Speakers 5/")
	tm.keys("j", "Q")
	tm.exitStatus()
	tm = newTmuxIn(t, home, bin, 120, 40)
	tm.waitFor("the move kept after Q inside the save delay", "Speakers 6/")
	tm.keys("q")
	tm.exitStatus()
}

// tmuxShowsWhatChanged: a library bundle, read once, then edited in one
// statement: that statement alone shows as changed.
func tmuxShowsWhatChanged(t *testing.T, bin, home string) {
	dir := filepath.Join(t.TempDir(), "summit")
	if err := readThenEditSummit(t, bin, home, dir); err != nil {
		t.Fatal(err)
	}

	tm := newTmuxIn(t, home, bin, 120, 40, "--briefing", "summit", "--fresh")
	// The Speakers tab counts one unseen item: the edited statement, not
	// its speaker.
	// Until the memory arrives every item counts unseen, the speaker's
	// row too, so the count does not say the memory is there: c until it
	// finds the change.
	tm.waitFor("the changed statement counted", "Speakers ·1 ")
	for range 50 {
		tm.keys("c")
		time.Sleep(100 * time.Millisecond)
		if strings.Contains(tm.capture(), "1/1: ") {
			break
		}
	}
	// c names the statement by its speaker and session, never its id,
	// and gives the gist of the change; the page opens with the word diff.
	screen := tm.waitFor("the what-changed key", "“public” → “common” · 1 changed, 0 new")
	if strings.Contains(screen, "statement:mayor#0") || !strings.Contains(screen, "public-]") || !strings.Contains(screen, "{+common+}") {
		t.Errorf("c should go to the edited statement, name it and mark its changed words:\n%s", screen)
	}
	tm.keys("q")
	tm.exitStatus()
}

// readThenEditSummit copies examples/minimal to dir (whose name is its
// library id), adds it to the library in home, reads its speaker in the
// reader, then edits its statement ("a public good" becomes "a common
// good") and adds the new edition.
func readThenEditSummit(t *testing.T, bin, home, dir string) error {
	if err := os.CopyFS(dir, os.DirFS("../examples/minimal")); err != nil {
		return err
	}
	add := func() (string, error) {
		cmd := exec.Command(bin, "library", "add", dir)
		cmd.Env = append(os.Environ(), "BRIEF_HOME="+home)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := add(); err != nil {
		return fmt.Errorf("library add: %v\n%s", err, out)
	}
	id := filepath.Base(dir)
	tm := newTmuxIn(t, home, bin, 120, 40, "--briefing", id)
	tm.waitFor("the library bundle", "Example Summit on Open Data")
	tm.keys("4")
	tm.waitFor("its speaker", "Speakers 1/1", "Welcomed the delegates")
	tm.waitGone("the speaker marked seen", "Speakers ·")
	// Quit only once the memory is open (a bookmark answers then, and is
	// taken back): a reader that quits before keeps nothing of what it
	// saw, which a slow machine (-race) reaches.
	tm.waitMemory()
	tm.keys("q")
	tm.exitStatus()
	path := filepath.Join(dir, "speakers.yaml")
	text, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	edited := bytes.Replace(text, []byte("a public good"), []byte("a common good"), 1)
	if bytes.Equal(text, edited) {
		return fmt.Errorf("the statement to edit is not in examples/minimal/speakers.yaml")
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		return err
	}
	if out, err := add(); err != nil || !strings.Contains(out, "new edition of "+id) {
		return fmt.Errorf("re-adding should bring in a new edition: %v\n%s", err, out)
	}
	return nil
}

// selectedRow is the list row marked selected (▸) on a captured screen.
func selectedRow(t *testing.T, screen string) string {
	t.Helper()
	for _, line := range strings.Split(screen, "\n") {
		if _, after, ok := strings.Cut(line, "▸ "); ok {
			row, _, _ := strings.Cut(after, "│")
			return strings.TrimSpace(row)
		}
	}
	t.Fatalf("no selected row on the screen:\n%s", screen)
	return ""
}

// signal sends sig to the program running in the pane (the child of the
// pane's shell), by its process id.
func (tm *tmuxSession) signal(sig syscall.Signal) {
	tm.t.Helper()
	shell := strings.TrimSpace(tm.run("list-panes", "-t", "brief", "-F", "#{pane_pid}"))
	out, err := exec.Command("pgrep", "-P", shell).Output()
	if err != nil {
		tm.t.Fatalf("finding the program under the pane's shell %s: %v", shell, err)
	}
	pid, err := strconv.Atoi(strings.Fields(string(out))[0])
	if err != nil {
		tm.t.Fatal(err)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		tm.t.Fatal(err)
	}
}

// waitMemory waits until the reader's memory is open: * answers "still
// opening" until then. The bookmark it makes is removed again.
func (tm *tmuxSession) waitMemory() {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		tm.keys("*")
		time.Sleep(150 * time.Millisecond)
		screen := tm.capture()
		switch {
		case strings.Contains(screen, "bookmark removed"):
			return // two presses answered: bookmarked, then taken back
		case strings.Contains(screen, "bookmarked "):
			tm.keys("*")
			tm.waitFor("the bookmark taken back", "bookmark removed")
			return
		}
	}
	tm.t.Fatalf("the memory did not open within 15 s:\n%s", tm.capture())
}
