package ui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestDarkFromEnv(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		v           string
		dark, known bool
	}{
		{"15;0", true, true}, {"0;15", false, true}, {"0;7", false, true}, {"7;8", true, true},
		{"15;default;0", true, true}, {"0;default;11", false, true},
		{"", false, false}, {"15;default", false, false}, {"0;99", false, false}, {"junk", false, false},
	} {
		env := []string{"TERM=xterm"}
		if tc.v != "" {
			env = append(env, "COLORFGBG="+tc.v)
		}
		dark, known := darkFromEnv(env)
		if dark != tc.dark || known != tc.known {
			t.Errorf("COLORFGBG=%q: dark %v known %v, want %v %v", tc.v, dark, known, tc.dark, tc.known)
		}
	}
}

// TestThemeFromColorFGBG: with --style auto, a terminal that says it is
// light through COLORFGBG starts in the light theme, before any answer to
// the background query (tmux never gives one); the answer, when it comes,
// wins; a style asked for by name ignores both.
func TestThemeFromColorFGBG(t *testing.T) {
	t.Parallel()
	light := []string{"COLORFGBG=0;15"}
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleAuto, Env: light}, 100, 30)
	if tt.m.dark {
		t.Fatal("COLORFGBG=0;15 (white background): started dark")
	}
	tt.send(tea.BackgroundColorMsg{Color: color.Black})
	if !tt.m.dark {
		t.Error("the terminal answered black: still light")
	}
	tt = newTestModelWith(t, testBriefing(t), Options{Style: StyleAuto}, 100, 30)
	if !tt.m.dark {
		t.Error("no COLORFGBG and no answer: want the dark default")
	}
	tt = newTestModelWith(t, testBriefing(t), Options{Style: StyleDark, Env: light}, 100, 30)
	if !tt.m.dark {
		t.Error("--style dark: COLORFGBG must not change it")
	}
	tt.send(tea.BackgroundColorMsg{Color: color.White})
	if !tt.m.dark {
		t.Error("--style dark: the terminal's answer must not change it")
	}
}

// TestBodyTextHasNoColour: on screen, the detail's body text carries no
// foreground colour of ours, in either theme, so it reads in the terminal's
// own colours whatever the background.
func TestBodyTextHasNoColour(t *testing.T) {
	t.Parallel()
	for _, style := range []Style{StyleDark, StyleLight} {
		tt := newTestModelWith(t, testBriefing(t), Options{Style: style}, 120, 40)
		tt.press("5")
		view := tt.m.View().Content
		const words = "Countries should finish"
		var line string
		for _, l := range strings.Split(view, "\n") {
			if strings.Contains(ansi.Strip(l), words) {
				line = l
			}
		}
		if line == "" {
			t.Fatalf("%v: %q not on screen", style, words)
		}
		at := strings.Index(line, "Countries")
		// The style in force where the body text starts: the last SGR
		// before it must not set a foreground.
		before := line[:at]
		sgr := before[strings.LastIndex(before, "\x1b["):]
		if setsForeground(sgr) {
			t.Errorf("%v: body text starts under %q, a foreground colour of ours", style, sgr)
		}
	}
}

// setsForeground reports whether an SGR sequence sets a foreground colour
// (30–37, 90–97, 38;5;n, 38;2;r;g;b), skipping a background's arguments.
func setsForeground(sgr string) bool {
	params := strings.Split(strings.TrimSuffix(strings.TrimPrefix(sgr, "\x1b["), "m"), ";")
	for i := 0; i < len(params); i++ {
		switch p := params[i]; {
		case p == "38":
			return true
		case p == "48" && i+1 < len(params):
			if params[i+1] == "5" {
				i += 2
			} else {
				i += 4
			}
		case len(p) == 2 && (p[0] == '3' || p[0] == '9') && p[1] >= '0' && p[1] <= '7':
			return true
		}
	}
	return false
}

// TestMaxWidthAndMouseOptions: the configuration's width caps where the
// detail wraps, and mouse = false starts with the mouse released.
func TestMaxWidthAndMouseOptions(t *testing.T) {
	t.Parallel()
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark, MaxWidth: 50, NoMouse: true}, 120, 40)
	tt.press("5")
	if w := tt.detail().page.width; w != 50 {
		t.Errorf("detail wraps at %d, want 50", w)
	}
	if tt.m.View().MouseMode != tea.MouseModeNone || !strings.Contains(tt.screen(), "mouse: off") {
		t.Error("mouse = false: want the mouse released and the status bar saying so")
	}
	tt = newTestModelWith(t, testBriefing(t), Options{Style: StyleDark}, 120, 40)
	tt.press("5")
	if w := tt.detail().page.width; w != DefaultMaxWidth && w >= 100 {
		t.Errorf("default: detail wraps at %d, want at most %d", w, DefaultMaxWidth)
	}
	_ = lipgloss.Width
}
