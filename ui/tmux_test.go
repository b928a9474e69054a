package ui

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/brief-reader/brief/internal/perf"
)

// TestTmux runs the built binary in a real terminal (tmux) at 120×40: it
// visits every tab, follows a cross-reference and comes back, opens help,
// shrinks the terminal to 30×8 and back, and quits with q.
func TestTmux(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	tm := newTmux(t, bin, 120, 40)

	b := testBriefing(t)
	tm.waitFor("the first screen", b.Overview.Place, "Overview")
	for i, name := range tabNames {
		tm.keys(fmt.Sprint(i + 1))
		tm.waitFor(name+" tab", " "+name)
	}

	// Measures → the first measure's proposer (the second reference on
	// screen) → back → forward.
	m := &b.Measures[0]
	sp, _ := b.Speaker(m.ProposedBy[0])
	tm.keys("5", "]", "]", "Enter")
	tm.waitFor("the proposer's page", sp.Name, "Speakers", "Statements")
	tm.keys("BSpace")
	tm.waitFor("back on the measure", "Measures 1/", "Measure 1:")
	tm.keys("L")
	tm.waitFor("forward to the proposer", sp.Name, "Speakers", "Statements")

	tm.keys("?")
	tm.waitFor("the help overlay", "Move and scroll", "history back")
	tm.keys("q")
	tm.waitGone("q closed help", "Move and scroll")

	tm.resize(30, 8)
	screen := tm.waitFor("the 30×8 layout", "Speakers")
	checkCaptured(t, screen, 30, 8)
	tm.resize(29, 8)
	tm.waitFor("the too-small message", "too small")
	tm.resize(120, 40)
	screen = tm.waitFor("the full layout again", b.Overview.Place, "Speakers")
	checkCaptured(t, screen, 120, 40)

	// A narrow detail closes with q before q quits.
	tm.resize(80, 24)
	tm.keys("4", "Enter")
	tm.waitFor("a narrow detail", "esc back")
	tm.keys("q")
	tm.waitFor("q back on the list", "enter open")
	tm.keys("q")
	if status := tm.exitStatus(); status != 0 {
		t.Fatalf("exit status %d after q, want 0", status)
	}
}

// TestTmuxShowsEverything checks, in a real terminal at the sizes where
// list and detail sit side by side, that the lists hide nothing that tells
// items apart, that pages read as text, that search rows show the name
// searched for, and that space and b come back to the same place.
func TestTmuxShowsEverything(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	b := testBriefing(t)
	for _, size := range [][2]int{{100, 30}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			tm := newTmux(t, bin, size[0], size[1])
			tm.waitFor("the first screen", b.Overview.Place)
			// The Timeline's meta column names outlets, longest first
			// so "vtv.vn, Dân trí" goes whole.
			var outlets []string
			for _, e := range b.Timeline {
				outlets = append(outlets, outletsOf(b, e.Sources))
			}
			slices.SortFunc(outlets, func(x, y string) int { return len(y) - len(x) })
			lists := map[string][]string{}
			for _, sp := range b.Speakers {
				lists["4"] = append(lists["4"], sp.Name)
			}
			for _, m := range b.Measures {
				lists["5"] = append(lists["5"], m.Title)
			}
			for _, e := range b.Timeline {
				lists["2"] = append(lists["2"], e.Title)
			}
			for i := range tabCount {
				k := fmt.Sprint(int(i) + 1)
				tm.keys(k)
				// The status bar, not the tab bar, says the key was read.
				screen := tm.waitFor(tabNames[i]+" tab", "\n "+tabNames[i]+" ")
				list := listColumn(screen, outlets)
				for _, want := range lists[k] {
					if !strings.Contains(list, want) {
						t.Errorf("%s: %q is not whole in the list:\n%s", tabNames[i], want, screen)
					}
				}
				if i != tabOverview && strings.Contains(list, "…") {
					t.Errorf("%s: a list row is cut with …:\n%s", tabNames[i], screen)
				}
				tm.keys("l")
				for range 6 {
					if l := headingLine(tm.capture()); l != "" {
						t.Errorf("%s: a line shows a heading mark: %q", tabNames[i], l)
					}
					tm.keys("Space")
				}
			}

			// space then b comes back to the same page.
			tm.keys("1", "g")
			top := tm.waitFor("the Overview's top", "Overview · 0%")
			tm.keys("Space")
			tm.waitGone("paged down", "Overview · 0%")
			tm.keys("b")
			if back := tm.waitFor("paged back", "Overview · 0%"); bodyOf(back) != bodyOf(top) {
				t.Errorf("space then b did not come back to the same page:\n%s\nthen\n%s", top, back)
			}

			// The search rows for a name all show the name.
			name := b.Speakers[0].Name
			tm.keys("/")
			query := strings.ToLower(foldASCII(name))
			tm.typeText(query)
			// The whole query typed, and its hits counted.
			screen := tm.waitFor("the results", "/ "+query+" ", " hits")
			rows := resultRows(screen)
			if len(rows) < 2 {
				t.Fatalf("too few result rows:\n%s", screen)
			}
			for _, r := range rows {
				if !strings.Contains(r, name) {
					t.Errorf("a search row hides %q: %q", name, r)
				}
			}
			tm.keys("Escape")
			tm.waitGone("the search closed", " hits")
			tm.keys("q")
			if status := tm.exitStatus(); status != 0 {
				t.Fatalf("exit status %d after q, want 0", status)
			}
		})
	}
}

// TestTmuxTour walks the README's tour, step by step, in a real terminal
// at 120×40 and at 80×24, where one pane shows at a time: the tour's keys
// work at both.
func TestTmuxTour(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			tmuxTour(t, bin, size[0], size[1])
		})
	}
}

func tmuxTour(t *testing.T, bin string, w, h int) {
	b := testBriefing(t)
	tm := newTmux(t, bin, w, h)
	tm.waitFor("the first screen", "Overview")

	// 1. Measures; enter opens the first, ] ] enter its proposer; H
	// back; L forward.
	m := &b.Measures[0]
	sp, _ := b.Speaker(m.ProposedBy[0])
	tm.keys("5")
	tm.waitFor("the measures", "\n Measures 1/", m.Title[:20])
	tm.keys("Enter")
	tm.waitFor("the first measure", "\n Measures 1/", sp.Label(), "Policy discussion")
	tm.keys("]", "]", "Enter")
	tm.waitFor("the proposer's page", "\n Speakers ", sp.Label(), "Statements")
	tm.keys("H")
	tm.waitFor("back on the measure", "\n Measures 1/")
	tm.keys("L")
	tm.waitFor("forward to the proposer", "\n Speakers ")

	// 2. The timeline, day by day, with a time-of-day gutter.
	tm.keys("2")
	tm.waitFor("the timeline", "\n Timeline ", "Lead-up · Wednesday 8 October 2025", "Saturday 25 October 2025", "Sunday 26 October 2025", " —  ", "morning")
	tm.keys("Enter")
	tm.waitFor("an entry with its references", "References")

	// 3. Speakers with their statement counts; s jumps to a source.
	tm.keys("4", "g", "Enter")
	tm.waitFor("a speaker", "\n Speakers 1/", b.Speakers[0].Name, "Statements")
	tm.keys("s")
	tm.waitFor("the speaker's source", "\n Sources ")

	// 4. Figures: ≈ marks one quantity given at different times, the page
	// sets the figures side by side.
	tm.keys("7")
	tm.waitFor("the figures", "\n Figures ", "≈")
	// j down to the first figure marked ≈, then enter: it opens the
	// figure, or side by side moves the focus to its page.
	keys := comparedFigureKeys(t)
	keys[len(keys)-1] = "Enter"
	tm.keys(keys[1:]...)
	tm.waitFor("a compared figure's page", "Different time or precision", "Source", "As of")

	// 5. Glossary, one language at a time.
	tm.keys("8")
	tm.waitFor("the glossary", "\n Glossary ")
	tm.keys("t")
	tm.waitFor("one language", "only")

	// 6. Search for a name; every row shows it; enter, n, esc.
	tm.keys("/")
	tm.typeText("dang hoang giang")
	screen := tm.waitFor("the results", "/ dang hoang giang ", " hits")
	for _, r := range resultRows(screen) {
		if !strings.Contains(r, "Đặng Hoàng Giang") {
			t.Errorf("a search row hides the name: %q", r)
		}
	}
	tm.keys("Enter")
	tm.waitFor("the first hit", "search hit 1/")
	tm.keys("n")
	tm.waitFor("n walks on", "search hit")
	if w < 100 {
		tm.keys("Escape") // the hit's page is a layer over the list: esc closes it first
		tm.waitFor("back on the list", "▸ Đặng Hoàng Giang")
	}
	tm.keys("Escape")
	tm.waitGone("esc cleared the marker", "search hit")

	// 7. Help, then q closes it and q quits.
	tm.keys("?")
	tm.waitFor("help", "Move and scroll")
	tm.keys("q")
	tm.waitGone("q closed help", "Move and scroll")
	tm.keys("q")
	if status := tm.exitStatus(); status != 0 {
		t.Fatalf("exit status %d after q, want 0", status)
	}
}

// listColumn is the list's text: left of the divider when there is one,
// else the body's whole lines, with the given meta-column texts (which sit
// on a row's first line) dropped and wrapped rows joined, so a title that
// wraps reads whole.
func listColumn(screen string, meta []string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) < 3 {
		return ""
	}
	lines = lines[2 : len(lines)-1]
	divided := strings.Contains(strings.Join(lines, "\n"), "│")
	var words []string
	for _, l := range lines {
		if i := strings.Index(l, "│"); i >= 0 {
			l = l[:i]
		} else if divided {
			continue
		}
		for _, m := range meta {
			l = strings.ReplaceAll(l, "  "+m, "  ")
		}
		for _, w := range strings.Fields(l) {
			if w != "," {
				words = append(words, w)
			}
		}
	}
	return strings.Join(words, " ")
}

// headingLine is the first line of a screen whose text (right of any
// divider) starts with Markdown heading marks, or "".
func headingLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if i := strings.LastIndex(l, "│"); i >= 0 {
			l = l[i+len("│"):]
		}
		if headingMark.MatchString(l) {
			return l
		}
	}
	return ""
}

// bodyOf is a screen without its status bar.
func bodyOf(screen string) string {
	screen = strings.TrimRight(screen, "\n")
	return screen[:strings.LastIndex(screen, "\n")]
}

// resultRows are the search panel's rows: the lines after its rule, up
// to the search bar, without the preview beside them (from 120 columns).
func resultRows(screen string) []string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	var rows []string
	in := false
	for _, l := range lines[:len(lines)-1] {
		if strings.HasPrefix(l, "───") {
			in = true
			continue
		}
		l, _, _ = strings.Cut(l, "│")
		if in && strings.TrimSpace(l) != "" {
			rows = append(rows, l)
		}
	}
	return rows
}

// foldASCII is s as typed on an English keyboard: "Đặng" is "Dang".
func foldASCII(s string) string {
	var sb strings.Builder
	for _, r := range norm.NFD.String(strings.ReplaceAll(strings.ReplaceAll(s, "Đ", "D"), "đ", "d")) {
		if r < 0x300 || r > 0x36f {
			sb.WriteRune(r)
		}
	}
	return sb.String()
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

// built is brief, built once for every tmux test of this test binary.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// needTmux skips t under -short (it builds and runs the binary) or
// where tmux is not installed.
func needTmux(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the tmux test builds and runs the binary")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux); CI installs it, so this test runs there")
	}
}

// buildBinary builds brief from the module root, once, into a temporary
// directory that TestMain removes.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(build)
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

func build() {
	built.dir, built.err = os.MkdirTemp("", "brief-ui-test-")
	if built.err != nil {
		return
	}
	// perf.Build keeps the link between runs and between this package's
	// tests and internal/perf's: relinked only when brief changed.
	built.bin, built.err = perf.Build("..", built.dir, "brief", ".")
}

// tmuxParallel is how many tests run at once unless -test.parallel says
// otherwise: the tmux tests spend most of their time waiting for a screen,
// so more of them than there are cores keep the cores busy.
const tmuxParallel = 4

func TestMain(m *testing.M) {
	flag.Parse()
	if tmuxTestsRun() {
		// The tmux tests run after every serial test: build brief for
		// them meanwhile.
		go built.once.Do(build)
		parallelSet := false
		flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
		if !parallelSet && runtime.GOMAXPROCS(0) < tmuxParallel {
			_ = flag.Set("test.parallel", fmt.Sprint(tmuxParallel))
		}
	}
	code := m.Run()
	built.once.Do(func() {}) // wait for a build still running
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// tmuxTestsRun says whether this run includes the tmux tests: not with
// -short, not without tmux, not when -run leaves them out.
func tmuxTestsRun() bool {
	if testing.Short() {
		return false
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		return false
	}
	pattern := flag.Lookup("test.run").Value.String()
	return pattern == "" || strings.Contains(strings.ToLower(pattern), "tmux")
}

// tmuxSession is one program running in its own tmux server.
type tmuxSession struct {
	t      *testing.T
	socket string
	status string       // file the program's exit status is written to
	ctl    *tmuxControl // nil: each command starts a tmux client
}

// newTmux runs bin in tmux, with its state in a fresh BRIEF_HOME.
func newTmux(t *testing.T, bin string, w, h int) *tmuxSession {
	t.Helper()
	return newTmuxIn(t, t.TempDir(), bin, w, h)
}

// newTmuxIn runs bin with args in tmux, with its state in home.
func newTmuxIn(t *testing.T, home, bin string, w, h int, args ...string) *tmuxSession {
	t.Helper()
	return newTmuxEnv(t, nil, home, bin, w, h, args...)
}

// newTmuxEnv runs bin with args in tmux, with its state in home and the
// variables env ("NAME=value") set; with home "", BRIEF_HOME is unset.
func newTmuxEnv(t *testing.T, env []string, home, bin string, w, h int, args ...string) *tmuxSession {
	t.Helper()
	dir := t.TempDir()
	tm := &tmuxSession{t: t, socket: fmt.Sprintf("brief-test-%d-%d", os.Getpid(), time.Now().UnixNano()), status: filepath.Join(dir, "status")}
	// tmux does not always record a dead pane's status; a shell writes it
	// to a file instead.
	cmdline := "BRIEF_HOME=" + shellQuote(home) + " " + shellQuote(bin)
	if home == "" {
		// The XDG folders env names, not BRIEF_HOME, hold the state.
		cmdline = "env -u BRIEF_HOME " + shellQuote(bin)
	}
	for _, kv := range env {
		cmdline = kv[:strings.IndexByte(kv, '=')+1] + shellQuote(kv[strings.IndexByte(kv, '=')+1:]) + " " + cmdline
	}
	for _, a := range args {
		cmdline += " " + shellQuote(a)
	}
	script := fmt.Sprintf("%s; echo $? > %q", cmdline, tm.status)
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "brief", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "sh", "-c", script)
	if ctl, err := startControl(tm.socket); err == nil {
		tm.ctl = ctl
		t.Cleanup(ctl.close) // after kill-server, which ends it
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmuxSession) run(args ...string) string {
	tm.t.Helper()
	if tm.ctl != nil {
		out, err := tm.ctl.run(args...)
		if err != nil {
			tm.t.Fatalf("tmux %s: %v", strings.Join(args, " "), err)
		}
		return out
	}
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// tmuxControl is a control-mode client of a session's tmux server (tmux
// -C): commands go down one pipe and their output comes back, where a
// tmux client per key and per capture cost a process start each, some
// 1,300 of them in a run of this package's tmux tests. It takes no part
// in the window's size and receives no pane output.
type tmuxControl struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func startControl(socket string) (*tmuxControl, error) {
	cmd := exec.Command("tmux", "-L", socket, "-C", "attach-session", "-f", "ignore-size,no-output", "-t", "brief")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &tmuxControl{cmd: cmd, in: in, out: bufio.NewReader(out)}
	// The attach command's own reply comes first.
	if _, err := c.reply(); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

// run sends one command, its arguments quoted, and returns its output.
func (c *tmuxControl) run(args ...string) (string, error) {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = shellQuote(a) // tmux reads quotes as sh does
	}
	if _, err := io.WriteString(c.in, strings.Join(quoted, " ")+"\n"); err != nil {
		return "", err
	}
	return c.reply()
}

// reply reads the next command's output: the lines between "%begin T N F"
// and "%end T N F" (or "%error T N F"), each ending in a newline as a
// tmux client prints them. Notifications between replies are skipped.
func (c *tmuxControl) reply() (string, error) {
	var begin string
	var sb strings.Builder
	for {
		l, err := c.out.ReadString('\n')
		if err != nil {
			return "", fmt.Errorf("tmux's control client: %w", err)
		}
		l = strings.TrimSuffix(l, "\n")
		switch {
		case begin == "":
			begin, _ = strings.CutPrefix(l, "%begin ")
			if begin == l {
				begin = "" // a notification
			}
		case l == "%end "+begin:
			return sb.String(), nil
		case l == "%error "+begin:
			return "", errors.New(sb.String())
		default:
			sb.WriteString(l + "\n")
		}
	}
}

// close ends the client: at the end of its input it detaches (and it
// has ended already if the server has).
func (c *tmuxControl) close() {
	c.in.Close()
	_ = c.cmd.Wait()
}

func (tm *tmuxSession) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.run("send-keys", "-t", "brief", k)
	}
}

// typeText types s literally.
func (tm *tmuxSession) typeText(s string) {
	tm.t.Helper()
	tm.run("send-keys", "-t", "brief", "-l", s)
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

// pressUntil presses key until the screen is one ok accepts, at most
// tries times, and returns that screen. After each press it waits for the
// key's answer to be drawn whole (the screen changed, then stayed the same
// for answerQuiet) before pressing again, so a slow answer is never taken
// for a lost key: a key pressed again there would go one step too far.
func (tm *tmuxSession) pressUntil(what, key string, tries int, ok func(screen string) bool) string {
	tm.t.Helper()
	screen := tm.capture()
	for range tries {
		if ok(screen) {
			return screen
		}
		tm.keys(key)
		screen = tm.answered(screen, ok)
	}
	if !ok(screen) {
		tm.t.Fatalf("%s: %d presses of %s, and the screen shows:\n%s", what, tries, key, screen)
	}
	return screen
}

// answerQuiet is how long a screen stays the same once a key's answer is
// drawn whole.
const answerQuiet = 300 * time.Millisecond

// answered waits, after a key pressed on the screen before, for a screen
// ok accepts, or for the key's answer to be drawn whole: the screen
// changed, then stayed the same for answerQuiet (or did not change in
// 2 s: the key changed nothing).
func (tm *tmuxSession) answered(before string, ok func(string) bool) string {
	tm.t.Helper()
	screen, since := before, time.Now()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		now := tm.capture()
		switch {
		case ok(now):
			return now
		case now != screen:
			screen, since = now, time.Now()
		case screen != before && time.Since(since) >= answerQuiet, screen == before && time.Since(since) >= 2*time.Second:
			return screen
		}
	}
	return screen
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
