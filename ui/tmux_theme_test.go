package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// TestTmuxThemeChoice runs the binary in tmux, which never tells brief its
// background, and reads the colours it drew (capture-pane -e): config.toml
// chooses the theme for good, BRIEF_STYLE overrides it, --style overrides
// both; in every theme the Overview's body text has no colour of ours.
func TestTmuxThemeChoice(t *testing.T) {
	t.Parallel()
	needTmux(t)
	accent := func(dark bool) string {
		c := colorprofile.ANSI256.Convert(newPalette(dark, false).accent)
		return fmt.Sprintf("38;5;%d", c.(ansi.IndexedColor))
	}
	light, dark := accent(false), accent(true)
	if light == dark {
		t.Fatalf("the light and dark accents are one colour in 256 colours (%s): the test cannot tell them apart", light)
	}
	bin := buildBinary(t)
	for _, tc := range []struct {
		name   string
		config string
		env    []string
		args   []string
		want   string
	}{
		{"config light", `style = "light"`, nil, nil, light},
		{"config dark", `style = "dark"`, nil, nil, dark},
		{"BRIEF_STYLE over config", `style = "light"`, []string{"BRIEF_STYLE=dark"}, nil, dark},
		{"--style over both", `style = "light"`, []string{"BRIEF_STYLE=dark"}, []string{"--style", "light"}, light},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			if err := os.WriteFile(filepath.Join(home, "config.toml"), []byte(tc.config+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			tm := newTmuxEnv(t, tc.env, home, bin, 100, 30, tc.args...)
			tm.waitFor("the first screen", "Synthesis")
			checkTabNames(t, tm, 100)
			screen := tm.run("capture-pane", "-e", "-p", "-t", "brief")
			title := strings.SplitN(screen, "\n", 2)[0]
			if !strings.Contains(title, tc.want+"m") {
				t.Errorf("the title line is not in the %s accent (%s): %q", tc.name, tc.want, title)
			}
			found := false
			for _, l := range strings.Split(screen, "\n") {
				if at := strings.Index(l, "On the morning of 25 October"); at >= 0 {
					found = true
					if sgr := lastSGR(l[:at]); setsForeground(sgr) {
						t.Errorf("body text drawn under %q, a colour of ours", sgr)
					}
				}
			}
			if !found {
				t.Errorf("the synthesis is not on screen:\n%s", ansi.Strip(screen))
			}
			for _, size := range [][2]int{{120, 40}, {80, 24}} {
				tm.resize(size[0], size[1])
				checkTabNames(t, tm, size[0])
			}
			tm.keys("q")
			tm.exitStatus()
		})
	}
}

// checkTabNames waits for the tab bar to name every tab: in full from 100
// columns (below 106 only the active tab keeps its number, so that every
// tab keeps its count), by its short name and number narrower.
func checkTabNames(t *testing.T, tm *tmuxSession, w int) {
	t.Helper()
	var want []string
	for i := range tabNames {
		if w >= 100 {
			want = append(want, " "+tabNames[i])
		} else {
			want = append(want, itoa(i+1)+" "+shortTabNames[i])
		}
	}
	tm.waitFor(fmt.Sprintf("every tab named at %d columns", w), want...)
}

// lastSGR is the last SGR sequence in s, "" when there is none.
func lastSGR(s string) string {
	at := strings.LastIndex(s, "\x1b[")
	if at < 0 {
		return ""
	}
	return s[at:]
}
