package ui

import (
	"fmt"
	"image/color"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

func TestStartsOnOverview(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	if tt.m.active != tabOverview {
		t.Fatalf("active tab = %v, want Overview", tt.m.active)
	}
	s := tt.screen()
	for _, want := range []string{testBriefing(t).Overview.Title, "Synthesis", "1 Overview", "6 Sources", "Overview · 0%", "? help"} {
		if !strings.Contains(s, want) {
			t.Errorf("first screen lacks %q:\n%s", want, s)
		}
	}
}

func TestTabKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		keys []string
		want tabID
	}{
		{[]string{"3"}, tabSessions},
		{[]string{"6"}, tabSources},
		{[]string{"tab"}, tabTimeline},
		{[]string{"shift+tab"}, tabGlossary},
		{[]string{"6", "tab"}, tabFigures},
		{[]string{"8", "tab"}, tabOverview},
		{[]string{"7"}, tabFigures},
		{[]string{"4", "shift+tab", "shift+tab"}, tabTimeline},
		{[]string{"5", "1"}, tabOverview},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			tt := newTestModel(t, 120, 40)
			tt.press(tc.keys...)
			if tt.m.active != tc.want {
				t.Fatalf("after %v: tab %v, want %v", tc.keys, tt.m.active, tc.want)
			}
			if !strings.Contains(tt.screen(), " "+tc.want.String()) {
				t.Fatalf("status bar does not name %v", tc.want)
			}
		})
	}
}

func TestListMovement(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("3")
	n := tt.m.tabs[tabSessions].list.Len()
	steps := []struct {
		key  string
		want int
	}{{"j", 1}, {"down", 2}, {"k", 1}, {"G", n - 1}, {"j", n - 1}, {"g", 0}, {"up", 0}, {"end", n - 1}, {"home", 0}}
	for _, s := range steps {
		tt.press(s.key)
		if got := tt.m.tabs[tabSessions].list.Pos(); got != s.want {
			t.Fatalf("after %q: item %d, want %d", s.key, got, s.want)
		}
	}
	tt.press("j", "j")
	if want := fmt.Sprintf("Sessions 3/%d", n); !strings.Contains(tt.screen(), want) {
		t.Fatalf("status bar lacks %q", want)
	}
}

// The sessions list puts the lead-up first, then each day in order.
func TestSessionsGroupedByDay(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("3")
	rows := tt.m.tabs[tabSessions].list.rows
	var groups []string
	for _, r := range rows {
		if r.group {
			groups = append(groups, r.text)
		}
	}
	want := []string{"Lead-up · Wednesday 8 October 2025", "Saturday 25 October 2025", "Sunday 26 October 2025"}
	if strings.Join(groups, "|") != strings.Join(want, "|") {
		t.Fatalf("groups = %q, want %q", groups, want)
	}
}

func TestWideFocusScrollsDetail(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 24)
	tt.press("3", "l")
	if tt.m.focus != focusDetail {
		t.Fatalf("l: focus %v, want detail", tt.m.focus)
	}
	before := tt.m.tabs[tabSessions].list.Pos()
	tt.press("j", "j")
	if tt.detail().offset != 2 {
		t.Fatalf("j j in the detail: offset %d, want 2", tt.detail().offset)
	}
	if tt.m.tabs[tabSessions].list.Pos() != before {
		t.Fatal("j in the detail moved the list")
	}
	tt.press("space")
	if tt.detail().offset <= 2 {
		t.Fatalf("space did not page down: offset %d", tt.detail().offset)
	}
	tt.press("g")
	if tt.detail().offset != 0 {
		t.Fatalf("g: offset %d, want 0", tt.detail().offset)
	}
	tt.press("h")
	if tt.m.focus != focusList {
		t.Fatalf("h: focus %v, want list", tt.m.focus)
	}
}

func TestNarrowShowsOnePane(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 80, 24)
	tt.press("4")
	first := testBriefing(t).Speakers[0]
	if s := tt.screen(); strings.Contains(s, "│") || !strings.Contains(s, first.Label()) {
		t.Fatalf("narrow list view should show only the list:\n%s", s)
	}
	tt.press("enter")
	if tt.m.focus != focusDetail || !strings.Contains(tt.screen(), "Statements") {
		t.Fatalf("enter should open the detail:\n%s", tt.screen())
	}
	tt.press("esc")
	if tt.m.focus != focusList {
		t.Fatalf("esc: focus %v, want list", tt.m.focus)
	}
}

func TestFollowReferenceAndBack(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	m := &b.Measures[0]
	tt := newTestModel(t, 120, 40)
	tt.press("5", "enter")
	if got := tt.selected(); got != (data.Ref{Kind: data.KindMeasure, ID: m.ID}) {
		t.Fatalf("selected %v, want measure %s", got, m.ID)
	}
	// Find the proposer among the references and follow it.
	proposer := data.Ref{Kind: data.KindSpeaker, ID: m.ProposedBy[0]}
	followRef(t, tt, proposer)
	if tt.m.active != tabSpeakers || tt.selected() != proposer {
		t.Fatalf("after following: tab %v item %v, want Speakers %v", tt.m.active, tt.selected(), proposer)
	}
	if len(tt.m.history) != 1 {
		t.Fatalf("history has %d entries, want 1", len(tt.m.history))
	}
	sp, _ := b.Speaker(proposer.ID)
	if !strings.Contains(tt.screen(), sp.Name) {
		t.Fatal("speaker detail not on screen")
	}
	tt.press("backspace")
	if tt.m.active != tabMeasures || tt.selected().ID != m.ID || tt.m.focus != focusDetail {
		t.Fatalf("back: tab %v item %v focus %v, want Measures %s detail", tt.m.active, tt.selected(), tt.m.focus, m.ID)
	}
	followRef(t, tt, data.Ref{Kind: data.KindSession, ID: m.Session})
	if tt.m.active != tabSessions || tt.selected().ID != m.Session {
		t.Fatalf("session reference led to %v %v", tt.m.active, tt.selected())
	}
	tt.press("ctrl+o")
	if tt.m.active != tabMeasures {
		t.Fatalf("ctrl+o: tab %v, want Measures", tt.m.active)
	}
	tt.press("backspace")
	if !strings.Contains(tt.screen(), "no earlier place") {
		t.Fatal("an empty history should say so")
	}
}

// followRef presses ] until the reference to want is selected, then enter.
func followRef(t *testing.T, tt *tester, want data.Ref) {
	t.Helper()
	refs := tt.detail().page.refs
	for range refs {
		tt.press("]")
		if x, ok := tt.detail().SelectedRef(); ok && x.to == want {
			line := tt.detail().refsStart() + 1 + tt.detail().refSel
			if line < tt.detail().offset || line >= tt.detail().offset+tt.detail().height {
				t.Fatalf("selected reference line %d is off screen (offset %d)", line, tt.detail().offset)
			}
			tt.press("enter")
			return
		}
	}
	t.Fatalf("no reference to %v among %v", want, refs)
}

func TestStatementLandsOnItsBlock(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	var sp *data.Speaker
	for i := range b.Speakers {
		if len(b.Speakers[i].Statements) >= 3 {
			sp = &b.Speakers[i]
			break
		}
	}
	if sp == nil {
		t.Skip("the embedded briefing has no speaker with three statements")
	}
	tt := newTestModel(t, 120, 24)
	ref := data.StatementRef(sp.ID, 2)
	tt.m.jump(ref)
	tt.send(nil)
	want := tt.detail().page.anchors[ref]
	if tt.m.active != tabSpeakers || tt.selected().ID != sp.ID || want == 0 {
		t.Fatalf("statement jump: tab %v item %v anchor %d", tt.m.active, tt.selected(), want)
	}
	if got := tt.detail().offset; got != min(want, tt.detail().total()-tt.detail().height) {
		t.Fatalf("offset %d, want the statement's line %d", got, want)
	}
}

func TestFigureReferenceShowsConflict(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	var f *data.Figure
	for i := range b.Figures {
		if len(b.Figures[i].ConflictsWith) > 0 {
			f = &b.Figures[i]
			break
		}
	}
	if f == nil {
		t.Skip("no conflicting figures in the embedded briefing")
	}
	tt := newTestModel(t, 120, 40)
	tt.press("6")
	tt.m.tabs[tabSources].list.Select(data.Ref{Kind: data.KindSource, ID: f.Sources[0]})
	tt.press("l")
	followRef(t, tt, data.Ref{Kind: data.KindFigure, ID: f.ID})
	if tt.m.active != tabFigures || tt.selected() != (data.Ref{Kind: data.KindFigure, ID: f.ID}) {
		t.Fatalf("figure reference led to %v %v, want the figure in Figures", tt.m.active, tt.selected())
	}
	screen := strings.ReplaceAll(tt.screen(), "\u00a0", " ")
	other := b.Conflicts(f)[0]
	if !strings.Contains(screen, "Sources disagree") || !strings.Contains(screen, other.Value) {
		t.Fatalf("the conflicting figures are not side by side on screen:\n%s", screen)
	}
}

func TestSourceKeys(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	m := &b.Measures[0]
	tt := newTestModel(t, 120, 40)
	tt.press("5", "o")
	if !strings.Contains(tt.screen(), "press s to go to the source") {
		t.Fatal("o away from a source should say what to do")
	}
	tt.press("s")
	want := data.Ref{Kind: data.KindSource, ID: m.Sources[0]}
	if tt.m.active != tabSources || tt.selected() != want {
		t.Fatalf("s: %v %v, want %v", tt.m.active, tt.selected(), want)
	}
	src, _ := b.Source(want.ID)
	tt.press("o")
	if src.URL == "" {
		if !strings.Contains(tt.screen(), "no URL") {
			t.Fatal("a source without URL should say so")
		}
	} else {
		tt.runCmd()
		if len(tt.opened) != 1 || tt.opened[0] != src.URL {
			t.Fatalf("opened %v, want %s", tt.opened, src.URL)
		}
		if !strings.Contains(tt.screen(), "opened") {
			t.Fatal("status bar does not say the URL was opened")
		}
	}
	tt.press("y")
	if tt.cmd == nil {
		t.Fatal("y gave no clipboard command")
	}
	got := fmt.Sprint(tt.cmd())
	if want := words.Citation(src); got != want {
		t.Errorf("y copied %q, want the source's one citation %q", got, want)
	}
}

func TestOpenRefusesOtherSchemes(t *testing.T) {
	t.Parallel()
	b := briefingWith(t, func(b *data.Briefing) { b.Sources[0].URL = "javascript:alert(1)" })
	tt := newTestModelWith(t, b, Options{Style: StyleDark}, 120, 40)
	tt.showSource(b.Sources[0].ID)
	tt.press("o")
	if tt.cmd != nil || len(tt.opened) != 0 || !strings.Contains(tt.screen(), "only http and https") {
		t.Fatalf("a javascript: URL must not be opened:\n%s", tt.screen())
	}
}

func TestHelpOverlay(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("?")
	if !(tt.m.top() == layerHelp) {
		t.Fatal("? did not open help")
	}
	// The overlay scrolls: read it a page at a time to its end.
	s := tt.screen()
	for range 5 {
		tt.press("space")
		s += tt.screen()
	}
	for _, b := range tt.m.keys.fullHelp() {
		for _, k := range b {
			if !strings.Contains(s, k.Help().Desc) {
				t.Errorf("help lacks %q", k.Help().Desc)
			}
		}
	}
	tt.press("3")
	if tt.m.active != tabOverview {
		t.Fatal("keys other than help's own must not act under the overlay")
	}
	tt.press("esc")
	if tt.m.top() == layerHelp {
		t.Fatal("esc did not close help")
	}
	tt.press("?", "q")
	if (tt.m.top() == layerHelp) || tt.cmd != nil {
		t.Fatal("q under the help overlay should close it, not quit")
	}
	tt.press("q")
	if tt.cmd == nil {
		t.Fatal("q with nothing open should quit")
	}
	if _, ok := tt.cmd().(tea.QuitMsg); !ok {
		t.Fatal("q with nothing open should quit")
	}
}

func TestQuit(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"q", "ctrl+c"} {
		tt := newTestModel(t, 120, 40)
		tt.press("3", "j", k)
		if tt.cmd == nil {
			t.Fatalf("%s: no command", k)
		}
		if _, ok := tt.cmd().(tea.QuitMsg); !ok {
			t.Fatalf("%s did not quit", k)
		}
	}
}

func TestMouse(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	if tt.m.View().MouseMode != tea.MouseModeCellMotion {
		t.Fatal("mouse should be on at start")
	}
	tt.press("m")
	if tt.m.View().MouseMode != tea.MouseModeNone || !strings.Contains(tt.screen(), "mouse off") {
		t.Fatal("m should release the mouse and say so")
	}
	tt.press("m", "3")
	// The list starts at bodyY; click the second item's last line (a
	// row may wrap).
	y := tt.m.lay.bodyY
	l := &tt.m.tabs[tabSessions].list
	first, n := l.rowSpan(l.items[1])
	tt.send(tea.MouseClickMsg{X: 5, Y: y + first + n - 1 - l.offset, Button: tea.MouseLeft})
	if got := tt.m.tabs[tabSessions].list.Pos(); got != 1 {
		t.Fatalf("click on the second item selected %d", got)
	}
	tt.send(tea.MouseWheelMsg{X: tt.m.tabs[tt.m.active].panes.detailX + 5, Y: y + 5, Button: tea.MouseWheelDown})
	if tt.detail().offset != wheelStep {
		t.Fatalf("wheel over the detail: offset %d, want %d", tt.detail().offset, wheelStep)
	}
	tt.send(tea.MouseClickMsg{X: 3, Y: y - 1, Button: tea.MouseLeft})
	if tt.m.active != tabOverview {
		t.Fatalf("click on the first tab: %v", tt.m.active)
	}
}

// Keys typed before the terminal's size arrives are answered once it does.
func TestKeysBeforeSize(t *testing.T) {
	t.Parallel()
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark}, 0, 0)
	tt.press("3", "j", "j", "l")
	if tt.m.View().Content != "" {
		t.Fatal("nothing should be drawn before the size is known")
	}
	tt.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if tt.m.active != tabSessions || tt.m.tabs[tabSessions].list.Pos() != 2 || tt.m.focus != focusDetail {
		t.Fatalf("start-up keys lost: tab %v item %d focus %v", tt.m.active, tt.m.tabs[tabSessions].list.Pos(), tt.m.focus)
	}
	if !strings.Contains(tt.screen(), "Sessions 3/") {
		t.Fatal("first frame does not show the selection made before it")
	}
}

func TestResizeKeepsPlace(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 30)
	tt.press("4", "j", "j", "l", "j", "j", "j")
	item, offset := tt.selected(), tt.detail().offset
	for _, size := range [][2]int{{80, 24}, {40, 12}, {20, 5}, {200, 60}, {120, 30}} {
		tt.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFits(t, tt.m.View().Content, size[0], size[1])
	}
	if tt.selected() != item {
		t.Fatalf("resize lost the selection: %v, want %v", tt.selected(), item)
	}
	if got := tt.detail().offset; got < offset-1 || got > offset+1 {
		t.Fatalf("resize lost the scroll position: %d, want about %d", got, offset)
	}
}

func TestTooSmall(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{29, 20}, {100, 7}, {1, 1}, {5, 2}} {
		tt := newTestModel(t, size[0], size[1])
		v := tt.m.View().Content
		checkFits(t, v, size[0], size[1])
		if size[0] >= 10 && !strings.Contains(ansi.Strip(v), "too small") {
			t.Errorf("%v: no too-small message:\n%s", size, v)
		}
	}
}

func TestBackgroundColour(t *testing.T) {
	t.Parallel()
	tt := newTestModelWith(t, testBriefing(t), Options{}, 120, 40)
	if tt.m.Init() == nil {
		t.Fatal("auto style should ask for the background colour")
	}
	tt.send(tea.BackgroundColorMsg{Color: color.White})
	if tt.m.dark || tt.m.st.glamourName != "light" {
		t.Fatalf("a white background should switch to the light theme (dark=%v, glamour %s)", tt.m.dark, tt.m.st.glamourName)
	}
	forced := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark}, 120, 40)
	forced.send(tea.BackgroundColorMsg{Color: color.White})
	if !forced.m.dark {
		t.Fatal("--style dark must ignore the terminal's background")
	}
}

// With NO_COLOR the selection is shown by reverse video and a marker.
func TestMonochromeSelection(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	tt.press("3")
	if !tt.m.mono {
		t.Fatal("an ASCII profile should switch to monochrome")
	}
	var line string
	for _, l := range strings.Split(tt.m.View().Content, "\n") {
		if strings.Contains(l, "▸") {
			line = l
			break
		}
	}
	if line == "" {
		t.Fatal("no ▸ marker on the selected row")
	}
	if !reverseVideo.MatchString(line) {
		t.Fatalf("the selected row is not in reverse video: %q", line)
	}
	// The list's own styles carry no colour; Glamour's, in the detail,
	// are stripped by the colour profile on output.
	row, _, _ := strings.Cut(line, "│")
	if strings.Contains(row, "38;") || strings.Contains(row, "48;") {
		t.Fatalf("monochrome row has colours: %q", row)
	}
}

// reverseVideo matches an SGR sequence that turns reverse video on.
var reverseVideo = regexp.MustCompile(`\x1b\[(?:[0-9]+;)*7(?:;[0-9]+)*m`)

// briefingWith is a copy of the embedded briefing changed by edit, built in
// code so nothing the loader does protects the reader.
func briefingWith(t testing.TB, edit func(*data.Briefing)) *data.Briefing {
	src := testBriefing(t)
	b := &data.Briefing{
		Overview: src.Overview,
		Sources:  append([]data.Source(nil), src.Sources...),
		Timeline: append([]data.Event(nil), src.Timeline...),
		Sessions: append([]data.Session(nil), src.Sessions...),
		Speakers: append([]data.Speaker(nil), src.Speakers...),
		Measures: append([]data.Measure(nil), src.Measures...),
		Figures:  append([]data.Figure(nil), src.Figures...),
		Glossary: append([]data.GlossaryEntry(nil), src.Glossary...),
	}
	edit(b)
	b.Finish()
	return b
}
