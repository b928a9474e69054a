package serve

import (
	"bytes"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"

	"github.com/brief-reader/brief/ui"
)

// keysThrough is a walk through the reader: every tab, moves in lists and
// pages, the help, a search with its highlights, a theme change.
var keysThrough = []tea.Msg{
	key("tab"), key("j"), key("l"), key("space"), key("tab"), key("j"), key("j"),
	key("tab"), key("G"), key("tab"), key("l"), key("]"), key("tab"), key("tab"),
	key("tab"), key("t"), key("tab"), key("?"), key("esc"), key("/"), key("h"),
	key("a"), key("n"), key("o"), key("i"), key("enter"), key("n"), key("esc"),
	tea.BackgroundColorMsg{Color: color.White}, key("2"), key("j"), key("l"),
	key("7"), key("8"),
}

func key(s string) tea.Msg {
	switch s {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: rune(s[0]), Text: s}
}

// A 256-colour client sees, byte for byte, what it saw when Bubble Tea's
// renderer converted the colours: served256 converts them before it, the
// renderer told 24-bit colour.
func TestServed256DrawsWhatTheRendererDid(t *testing.T) {
	t.Parallel()
	sh := testShared(t)
	for _, size := range commonSizes {
		w, h := size[0], size[1]
		before := newRendered(colorprofile.ANSI256, w, h)
		after := newRendered(colorprofile.TrueColor, w, h)
		opts := ui.Options{Style: ui.StyleAuto, Remote: true, Shared: sh}
		var plain tea.Model = ui.New(sh.Briefing(), opts)
		var served tea.Model = newServed256(ui.New(sh.Briefing(), opts))
		msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: w, Height: h},
			tea.ColorProfileMsg{Profile: colorprofile.ANSI256}}, keysThrough...)
		var truecolour int
		for i, msg := range msgs {
			plain, _ = plain.Update(msg)
			if _, ok := msg.(tea.ColorProfileMsg); ok {
				msg = tea.ColorProfileMsg{Profile: colorprofile.TrueColor} // what the program says
			}
			served, _ = served.Update(msg)
			content := plain.View().Content
			if strings.Contains(content, "38;2;") {
				truecolour++
			}
			got := after.frame(served.View().Content)
			want := before.frame(content)
			if got != want {
				t.Fatalf("%d×%d, after %v (message %d): the served frame differs from the one the renderer converted\ngot  %q\nwant %q", w, h, msg, i, got, want)
			}
		}
		if truecolour == 0 {
			t.Fatalf("%d×%d: no frame had a 24-bit colour to convert", w, h)
		}
	}
}

// rendered is Bubble Tea's renderer, as a served program drives it, for one
// colour profile.
type rendered struct {
	out bytes.Buffer
	scr *uv.TerminalRenderer
	buf uv.ScreenBuffer
}

func newRendered(p colorprofile.Profile, w, h int) *rendered {
	r := &rendered{}
	r.scr = uv.NewTerminalRenderer(&r.out, []string{"TERM=xterm-256color"})
	r.scr.SetColorProfile(p)
	r.scr.SetFullscreen(true)
	r.scr.Resize(w, h)
	r.buf = uv.NewScreenBuffer(w, h)
	return r
}

// frame is what the renderer writes to draw content after the frames
// before it.
func (r *rendered) frame(content string) string {
	r.buf.Clear()
	uv.NewStyledString(content).Draw(r.buf, r.buf.Bounds())
	r.scr.Render(r.buf.RenderBuffer)
	_ = r.scr.Flush()
	s := r.out.String()
	r.out.Reset()
	return s
}

func TestTo256(t *testing.T) {
	c := &to256{cache: map[[3]uint8]string{}}
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[1;38;2;90;63;192mx\x1b[m", "\x1b[1;38;5;61mx\x1b[m"},
		{"\x1b[48;2;255;255;255;38;5;12;4mx", "\x1b[48;5;231;38;5;12;4mx"},
		{"\x1b[58;2;0;0;0m\x1b[2;3Hx", "\x1b[58;5;16m\x1b[2;3Hx"},
		// Forms it leaves to colorprofile's writer.
		{"\x1b[38:2::90:63:192mx", "\x1b[38;5;61mx"},
	} {
		if got := c.convert(tc.in); got != tc.want {
			t.Errorf("convert(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
