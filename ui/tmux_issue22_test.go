package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// TestTmuxNewcomer drives each point of issue 22 in a real terminal
// (tmux, which never answers the background query) at 120×40, 100×30 and
// 80×24, dark (--style dark), light (--style light) and light chosen by
// $XDG_CONFIG_HOME/brief/config.toml: the theme's accent, every tab named
// and counted, U and what it leaves unread, a message that wraps rather
// than cut, a figure comparison, the Timeline's preview, a search of all
// briefings whose n, N, H and L cross between briefings, the results'
// preview from 120 columns, and a changed item's word diff in the
// accents. The nine runs go side by side.
func TestTmuxNewcomer(t *testing.T) {
	t.Parallel()
	needTmux(t)
	bin := buildBinary(t)
	template := newcomerHome(t, bin)
	for _, theme := range []string{"dark", "light", "config-light"} {
		for _, size := range [][2]int{{120, 40}, {100, 30}, {80, 24}} {
			t.Run(fmt.Sprintf("%s_%dx%d", theme, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				r := newcomerRun{t: t, bin: bin, w: size[0], h: size[1], dark: theme == "dark"}
				r.setUp(template, theme)
				r.reader()
				r.changes()
			})
		}
	}
}

// newcomerTemplate is the state every run starts from, made once: the
// built-in briefing and "summit" (examples/minimal) in the library, the
// summit's speaker read, then one word of its statement edited in a new
// edition.
var newcomerTemplate struct {
	once sync.Once
	dir  string
	err  error
}

func newcomerHome(t *testing.T, bin string) string {
	t.Helper()
	newcomerTemplate.once.Do(func() {
		newcomerTemplate.dir, newcomerTemplate.err = makeNewcomerHome(t, bin)
	})
	if newcomerTemplate.err != nil {
		t.Fatal(newcomerTemplate.err)
	}
	return newcomerTemplate.dir
}

func makeNewcomerHome(t *testing.T, bin string) (string, error) {
	if _, err := os.Stat(built.dir); err != nil {
		return "", err
	}
	home := filepath.Join(built.dir, "newcomer-home")
	return home, readThenEditSummit(t, bin, home, filepath.Join(built.dir, "newcomer", "summit"))
}

// newcomerRun is one size and theme of TestTmuxNewcomer.
type newcomerRun struct {
	t    *testing.T
	bin  string
	w, h int
	dark bool
	// home is BRIEF_HOME, "" when env's XDG folders hold everything.
	home string
	env  []string
	args []string
}

// setUp copies the template state for this run and chooses its theme:
// a flag, or config.toml in $XDG_CONFIG_HOME/brief with the state in the
// XDG folders too.
func (r *newcomerRun) setUp(template, theme string) {
	t := r.t
	dir := t.TempDir()
	copyDir := func(from, to string) {
		if err := os.CopyFS(to, os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
	switch theme {
	case "config-light":
		copyDir(filepath.Join(template, "state"), filepath.Join(dir, "state", "brief"))
		copyDir(filepath.Join(template, "data"), filepath.Join(dir, "data", "brief"))
		conf := filepath.Join(dir, "config", "brief")
		if err := os.MkdirAll(conf, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(conf, "config.toml"), []byte("style = \"light\"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		r.env = []string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_STATE_HOME=" + filepath.Join(dir, "state"),
			"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "BRIEF_STYLE="}
	default:
		r.home = filepath.Join(dir, "home")
		copyDir(template, r.home)
		r.args = []string{"--style", theme}
	}
}

func (r *newcomerRun) start(args ...string) *tmuxSession {
	return newTmuxEnv(r.t, r.env, r.home, r.bin, r.w, r.h, append(append([]string{}, r.args...), args...)...)
}

// accent256 is the SGR parameters of the theme's accent as tmux passes it
// on (256 colours).
func accent256(dark bool) string {
	c := colorprofile.ANSI256.Convert(newPalette(dark, false).accent)
	return fmt.Sprintf("38;5;%d", c.(ansi.IndexedColor))
}

var tabCountRe = regexp.MustCompile(`(Speakers|Spkrs) ?·\d+`)

// reader drives the built-in briefing: theme, tab bar, U, y, a figure
// comparison, the Timeline's preview and the search across briefings.
func (r *newcomerRun) reader() {
	t := r.t
	b := testBriefing(t)
	tm := r.start("--briefing", "builtin", "--fresh")
	tm.waitFor("the first screen", "Synthesis")
	title := strings.SplitN(tm.run("capture-pane", "-e", "-p", "-t", "brief"), "\n", 2)[0]
	if !strings.Contains(title, accent256(r.dark)+"m") {
		t.Errorf("the title is not in the theme's accent %s: %q", accent256(r.dark), title)
	}

	// Every tab named, and counted, once the memory is there.
	checkTabNames(t, tm, r.w)
	screen := tm.waitFor("the memory's counts", "·")
	if bar := strings.Split(screen, "\n")[1]; !tabCountRe.MatchString(bar) {
		t.Errorf("the Speakers tab should be named and counted at %d columns: %q", r.w, bar)
	}

	// U goes to the next unread; showing it makes it seen, so the next U
	// has one fewer left.
	left := r.unread(tm)
	if next := r.unread(tm); next != left-1 {
		t.Errorf("after U showed an unread item, %d are left, want %d", next, left-1)
	}

	// y says what it sent, whole: wrapped at 80 columns, never cut.
	// The Sources tab lists the earliest first.
	first := b.Sources[0].Published
	for _, src := range b.Sources {
		first = min(first, src.Published)
	}
	tm.keys("6", "y")
	tm.waitFor("the clipboard message whole", "OSC 52", first)

	// A figure compared with another: a table where the detail is wide
	// enough, a paragraph per figure narrower.
	keys := comparedFigureKeys(t)
	keys[len(keys)-1] = "Enter"
	tm.keys(keys...)
	want := []string{"Different time or precision"}
	if r.w >= 120 {
		want = append(want, "│ Figure")
	}
	tm.waitFor("the figure comparison", want...)

	if r.h >= 40 {
		tm.keys("2", "j", "j")
		tm.waitFor("the Timeline's preview", "preview · enter opens")
	}

	r.searchAcross(tm, b.Overview.Title)
	tm.keys("Q")
	if status := tm.exitStatus(); status != 0 {
		t.Errorf("exit status %d after q", status)
	}
}

var unreadRe = regexp.MustCompile(`(\d+) more unread after it`)

// unread presses U and gives how many unread items it says are left.
func (r *newcomerRun) unread(tm *tmuxSession) int {
	r.t.Helper()
	before := tm.capture()
	tm.keys("U")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		screen := tm.capture()
		if m := unreadRe.FindStringSubmatch(strings.Join(strings.Fields(screen), " ")); m != nil && screen != before {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	r.t.Fatalf("U said nothing about what is unread:\n%s", tm.capture())
	return 0
}

// searchAcross searches every briefing, opens the summit's hit, lets n
// cross back to the built-in briefing's next hit, and H walk back across
// both jumps; L goes forward again. From 120 columns the results show a
// preview beside them.
func (r *newcomerRun) searchAcross(tm *tmuxSession, builtinTitle string) {
	t := r.t
	const summit = "Example Summit on Open Data"
	tm.keys("1")
	tm.keys("/")
	tm.typeText("delegates")
	tm.keys("Tab")
	screen := tm.waitFor("hits of every briefing", "all/ ", "[summit]")
	if preview := strings.Contains(screen, "┬──"); preview != (r.w >= 120) {
		t.Errorf("at %d columns the results' preview shows: %v, want %v:\n%s", r.w, preview, r.w >= 120, screen)
	}
	tm.pressUntil("down to the summit's hit", "Down", 20, func(screen string) bool {
		return strings.Contains(selectedLine(screen), "[summit]")
	})
	tm.keys("Enter")
	tm.waitFor("the summit's hit", summit, "search hit")
	crossTo := func(key, title, what string) {
		t.Helper()
		tm.pressUntil(key+" "+what, key, 30, func(screen string) bool {
			return strings.Contains(strings.SplitN(screen, "\n", 2)[0], title)
		})
	}
	crossTo("n", builtinTitle[:30], "on to the built-in briefing's hit")
	tm.waitFor("the search still walked", "search hit")
	crossTo("H", summit, "back to the summit")
	crossTo("H", builtinTitle[:30], "back to where the search started")
	crossTo("L", summit, "forward to the summit")
}

// selectedLine is the line of a captured screen marked selected (▸).
func selectedLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "▸ ") {
			return l
		}
	}
	return ""
}

// changes opens the summit, whose statement changed since it was read: c
// goes there, and its page shows the word diff, added words bold in the
// accent.
func (r *newcomerRun) changes() {
	t := r.t
	tm := r.start("--briefing", "summit", "--fresh")
	tm.waitFor("the summit", "Example Summit on Open Data")
	for range 50 {
		tm.keys("c")
		time.Sleep(100 * time.Millisecond)
		if strings.Contains(tm.capture(), "{+common+}") {
			break
		}
	}
	tm.waitFor("the word diff", "[-public-]", "{+common+}")
	raw := tm.run("capture-pane", "-e", "-p", "-t", "brief")
	if sgr := sgrInEffect(raw, "{+common+}"); !strings.Contains(";"+sgr+";", ";"+accent256(r.dark)+";") || !strings.HasPrefix(sgr, "1;") && !strings.Contains(sgr, ";1;") {
		t.Errorf("added words drawn with %q, want bold (1) in the accent %s", sgr, accent256(r.dark))
	}
	tm.keys("Q")
	tm.exitStatus()
}

// sgrInEffect is the SGR parameters in effect where word first shows in
// raw (tmux writes each attribute in a sequence of its own): those set
// since the last reset on its line, joined by ";", ending in ";".
func sgrInEffect(raw, word string) string {
	i := strings.Index(raw, word)
	if i < 0 {
		return ""
	}
	line := raw[strings.LastIndex(raw[:i], "\n")+1 : i]
	var params []string
	for _, m := range sgrRe.FindAllStringSubmatch(line, -1) {
		if m[1] == "" || m[1] == "0" {
			params = nil
			continue
		}
		params = append(params, m[1])
	}
	return strings.Join(params, ";") + ";"
}

var sgrRe = regexp.MustCompile(`\x1b\[([0-9;]*)m`)
