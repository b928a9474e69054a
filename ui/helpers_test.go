package ui

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
)

var (
	embeddedOnce sync.Once
	embedded     *data.Briefing
	embeddedIx   *search.Index
	embeddedErr  error
)

// testBriefing is the embedded briefing, loaded once for the package.
// The tests run every command a key starts (runAll), the save timer's
// too, and would wait saveDelay on each key; the tests of the delay itself
// send the timer's message by hand.
func init() { saveDelay = 0 }

func testBriefing(t testing.TB) *data.Briefing {
	t.Helper()
	embeddedOnce.Do(func() {
		embedded, embeddedErr = data.Embedded()
		if embeddedErr == nil {
			embeddedIx = search.NewIndex(embedded)
		}
	})
	if embeddedErr != nil {
		t.Fatalf("embedded briefing: %v", embeddedErr)
	}
	return embedded
}

// newTestModel is the reader on the embedded briefing, dark theme, sized
// w×h, with its search index ready, and a fake opener that records URLs.
func newTestModel(t testing.TB, w, h int) *tester {
	t.Helper()
	return newTestModelWith(t, testBriefing(t), Options{Style: StyleDark}, w, h)
}

func newTestModelWith(t testing.TB, b *data.Briefing, opts Options, w, h int) *tester {
	t.Helper()
	tt := &tester{t: t, m: New(b, opts)}
	tt.m.open = func(url string) error {
		tt.opened = append(tt.opened, url)
		return nil
	}
	if w > 0 {
		tt.send(tea.WindowSizeMsg{Width: w, Height: h})
		tt.send(firstFrameMsg{})
	}
	ix := embeddedIx
	if b != embedded {
		ix = search.NewIndex(b)
	}
	tt.send(indexReadyMsg{ix})
	return tt
}

// tester drives a Model as Bubble Tea would, one message at a time.
type tester struct {
	t      testing.TB
	m      Model
	cmd    tea.Cmd
	opened []string
}

func (tt *tester) send(msg tea.Msg) {
	tt.t.Helper()
	next, cmd := tt.m.Update(msg)
	tt.m = next.(Model)
	tt.cmd = cmd
}

// press sends keys by name: "j", "enter", "shift+tab", "ctrl+o", "space".
func (tt *tester) press(keys ...string) {
	tt.t.Helper()
	for _, k := range keys {
		tt.send(keyMsg(k))
	}
}

// typeText sends each character of s as a key press.
func (tt *tester) typeText(s string) {
	tt.t.Helper()
	for _, r := range s {
		tt.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// runCmd runs the last command and feeds its message back, as the program
// would; it returns the message.
func (tt *tester) runCmd() tea.Msg {
	tt.t.Helper()
	if tt.cmd == nil {
		return nil
	}
	msg := tt.cmd()
	if msg != nil {
		tt.send(msg)
	}
	return msg
}

var specialKeys = map[string]tea.Key{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"backspace": {Code: tea.KeyBackspace},
	"space":     {Code: tea.KeySpace, Text: " "},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"home":      {Code: tea.KeyHome},
	"end":       {Code: tea.KeyEnd},
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
}

func keyMsg(name string) tea.KeyPressMsg {
	if k, ok := specialKeys[name]; ok {
		return tea.KeyPressMsg(k)
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok {
		r, _ := utf8.DecodeRuneInString(rest)
		return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}
	}
	r, _ := utf8.DecodeRuneInString(name)
	return tea.KeyPressMsg{Code: r, Text: name}
}

// screen is the view without escapes.
func (tt *tester) screen() string { return ansi.Strip(tt.m.View().Content) }

// selected is the Ref of the active tab's selected item.
func (tt *tester) selected() data.Ref {
	ref, _ := tt.m.tabs[tt.m.active].current()
	return ref
}

func (tt *tester) detail() *detailPane { return &tt.m.tabs[tt.m.active].detail }

// checkFits fails when a line of the view is wider than w or there are
// more than h lines.
func checkFits(t testing.TB, view string, w, h int) {
	t.Helper()
	if view == "" {
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Fatalf("view has %d lines, terminal %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Fatalf("line %d is %d wide, terminal %d: %q", i, n, w, ansi.Strip(l))
		}
	}
}

// showSource opens the Sources tab on the source id; the list is in order
// of publication, not the briefing's.
func (tt *tester) showSource(id string) {
	tt.t.Helper()
	tt.press("6")
	if !tt.m.tabs[tabSources].list.Select(data.Ref{Kind: data.KindSource, ID: id}) {
		tt.t.Fatalf("source %q is not in the list", id)
	}
	tt.send(nil)
}
