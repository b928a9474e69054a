package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// q and esc close the top layer first: help, then a narrow detail; only
// then does q quit. Q quits from anywhere.
func TestQClosesLayersBeforeQuitting(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 80, 24)
	tt.press("4", "enter", "?")
	tt.press("q")
	if (tt.m.top() == layerHelp) || tt.cmd != nil {
		t.Fatal("q should close help first")
	}
	if !strings.Contains(tt.screen(), "esc back") {
		t.Fatalf("a narrow detail should say how to go back:\n%s", tt.screen())
	}
	tt.press("q")
	if tt.m.focus != focusList || tt.cmd != nil {
		t.Fatal("q should close the narrow detail next")
	}
	tt.press("q")
	if _, ok := tt.cmd().(tea.QuitMsg); tt.cmd == nil || !ok {
		t.Fatal("q on the list should quit")
	}
	tt = newTestModel(t, 80, 24)
	tt.press("4", "enter", "?", "Q")
	if _, ok := tt.cmd().(tea.QuitMsg); tt.cmd == nil || !ok {
		t.Fatal("Q should quit from under the help")
	}
}

// The less and glow pager keys scroll every detail.
func TestPagerKeys(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 24)
	tt.press("4", "l")
	for _, c := range []struct {
		key  string
		down bool
	}{{"space", true}, {"b", false}, {"f", true}, {"ctrl+b", false}, {"ctrl+f", true}, {"u", false}, {"d", true}, {"k", false}, {"j", true}} {
		before := tt.detail().offset
		tt.press(c.key)
		after := tt.detail().offset
		if (c.down && after <= before) || (!c.down && after >= before) {
			t.Errorf("%s: offset %d → %d", c.key, before, after)
		}
	}
	tt.press("G")
	if tt.detail().Percent() != 100 {
		t.Error("G should go to the end of the page")
	}
	tt.press("g")
	if tt.detail().offset != 0 {
		t.Error("g should go to the top")
	}
}

// space then b comes back to the same place.
func TestSpaceThenBReturns(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 100, 30)
	tt.press("space")
	if tt.detail().offset == 0 {
		t.Fatal("space did not page the Overview")
	}
	tt.press("b")
	if tt.detail().offset != 0 {
		t.Fatalf("space then b: offset %d, want 0", tt.detail().offset)
	}
}

// In side-by-side mode enter follows the reference ] selected even while
// the list has the keys: the README's tour, 5 ] enter.
func TestEnterFollowsFromList(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("5")
	if tt.m.focus != focusList {
		t.Fatal("5 should give the list the keys")
	}
	tt.press("]")
	x, ok := tt.detail().SelectedRef()
	if !ok {
		t.Fatal("] selected no reference")
	}
	pl, _ := placeOf(tt.m.b, x.to)
	tt.press("enter")
	if tt.m.active != pl.tab || tt.selected() != pl.item {
		t.Fatalf("enter from the list did not follow %v: at %v %v", x.to, tt.m.active, tt.selected())
	}
}

// Back and forward walk the history as a browser does.
func TestHistoryBackAndForward(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("5", "]", "enter")
	there := tt.m.here()
	tt.press("H")
	if tt.m.active != tabMeasures {
		t.Fatalf("H should go back to the measure, at %v", tt.m.active)
	}
	tt.press("L")
	if got := tt.m.here(); got.tab != there.tab || got.item != there.item {
		t.Fatalf("L should go forward to %v, at %v", there, got)
	}
	tt.press("L")
	if !strings.Contains(tt.screen(), "no later place") {
		t.Fatalf("L with no later place should say so:\n%s", tt.screen())
	}
}

// ] first picks references cited on screen, without moving the view.
func TestNextRefPicksWhatIsOnScreen(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	before := tt.detail().offset
	tt.press("]")
	d := tt.detail()
	if d.refSel < 0 || d.offset != before {
		t.Fatalf("] on the Overview: selection %d, offset %d → %d", d.refSel, before, d.offset)
	}
	if !slicesContains(d.visibleRefs(), d.refSel) {
		t.Fatalf("] selected reference %d, not one on screen %v", d.refSel+1, d.visibleRefs())
	}
	mark := tt.m.st.Detail.Highlight.Render("x")
	if !strings.Contains(tt.m.View().Content, mark[:strings.Index(mark, "x")]+"[") {
		t.Fatal("the [n] that ] picked is not marked in the text")
	}
	x, _ := d.SelectedRef()
	if !strings.Contains(tt.screen(), "["+itoa(d.refSel+1)+"] "+x.kind) {
		t.Fatalf("the status bar should name the selected reference:\n%s", tt.screen())
	}
}

func slicesContains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Keys that do nothing where the reader is say why.
func TestIdleKeysSayWhy(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		keys []string
		want string
	}{
		{[]string{"h"}, "has no list"},
		{[]string{"x"}, "does nothing here"},
		{[]string{"n"}, "no search yet"},
		{[]string{"backspace"}, "no earlier place"},
		{[]string{"esc"}, "nothing to close"},
		{[]string{"k"}, "top of the page"},
		{[]string{"4", "k"}, "top of the list"},
	} {
		tt := newTestModel(t, 120, 40)
		tt.press(c.keys...)
		if !strings.Contains(tt.screen(), c.want) {
			t.Errorf("%v: the status bar lacks %q:\n%s", c.keys, c.want, tt.screen())
		}
	}
}

// The hit marker shows on the hit's tab only, and esc clears it.
func TestHitMarkerStaysOnItsTab(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("/")
	tt.typeText("cuba")
	tt.press("enter")
	if !strings.Contains(tt.screen(), "search hit 1/") {
		t.Fatalf("no hit marker after a search:\n%s", tt.screen())
	}
	tab := tt.m.active
	tt.press(itoa(int((tab+1)%tabCount) + 1))
	if strings.Contains(tt.screen(), "search hit") {
		t.Fatalf("the hit marker followed to another tab:\n%s", tt.screen())
	}
	tt.press(itoa(int(tab)+1), "h", "esc")
	if strings.Contains(tt.screen(), "search hit") {
		t.Fatalf("esc should clear the hit marker:\n%s", tt.screen())
	}
}

// Help scrolls with a visible position and narrows to what is typed
// after /.
func TestHelpScrollsAndFilters(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 80, 24)
	tt.press("?")
	if !strings.Contains(tt.screen(), "↓ 1–") {
		t.Fatalf("help taller than the screen should say it scrolls:\n%s", tt.screen())
	}
	tt.press("/")
	tt.typeText("mouse")
	s := tt.screen()
	s = s[:strings.LastIndex(s, "\n")] // the help, not the status bar
	if !strings.Contains(s, "mouse on/off") || strings.Contains(s, "next reference") {
		t.Fatalf("/mouse should narrow help to the mouse keys:\n%s", s)
	}
	tt.press("enter", "esc")
	if !(tt.m.top() == layerHelp) || !strings.Contains(tt.screen(), "next reference") {
		t.Fatalf("esc should clear the filter before closing help:\n%s", tt.screen())
	}
	tt.press("esc")
	if tt.m.top() == layerHelp {
		t.Fatal("esc should then close help")
	}
}

// A glossary hit opens the term in the Glossary, not a source page, and t
// narrows the Glossary to one language.
func TestGlossaryTab(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	if len(b.Glossary) == 0 {
		t.Skip("no glossary")
	}
	g := b.Glossary[len(b.Glossary)-1]
	tt := newTestModel(t, 120, 40)
	tt.press("/")
	tt.typeText(g.Term)
	i := -1
	for j, h := range tt.m.search.hits {
		if h.Ref.Kind == data.KindTerm && h.Ref.ID == g.ID {
			i = j
		}
	}
	if i < 0 {
		t.Fatalf("searching %q does not find the term", g.Term)
	}
	for range i {
		tt.press("down")
	}
	tt.press("enter")
	if tt.m.active != tabGlossary || tt.selected().ID != g.ID || tt.detail().offset != 0 {
		t.Fatalf("the term hit opened %v %v at line %d", tt.m.active, tt.selected(), tt.detail().offset)
	}
	if !strings.Contains(tt.screen(), g.English) {
		t.Fatalf("the term's page lacks its gloss:\n%s", tt.screen())
	}
	tt.press("t")
	l := &tt.m.tabs[tabGlossary].list
	first := b.Glossary[0].Lang
	for _, r := range l.rows {
		if !r.group {
			if term, _ := b.Term(r.ref.ID); term.Lang != first {
				t.Fatalf("t should show %s terms only, the list has %q (%s)", first, term.Term, term.Lang)
			}
		}
	}
	if !strings.Contains(tt.screen(), words.Language(first)+" only") {
		t.Fatalf("t should say which language:\n%s", tt.screen())
	}
}

// No two visible list rows read the same, and none is cut with "…", at
// the widths where list and detail sit side by side.
func TestListRowsDistinctAndWhole(t *testing.T) {
	t.Parallel()
	for _, w := range []int{100, 120, 160} {
		tt := newTestModel(t, w, 40)
		for id := tabTimeline; id < tabCount; id++ {
			tt.press(itoa(int(id) + 1))
			l := &tt.m.tabs[id].list
			for _, line := range l.Lines(tt.m.st, false) {
				if plain := ansi.Strip(line); strings.Contains(plain, "…") {
					t.Errorf("%d columns, %v: a row is cut: %q", w, id, plain)
				}
			}
			seen := map[listRow]bool{}
			for _, r := range l.rows {
				r.ref = data.Ref{}
				if seen[r] {
					t.Errorf("%d columns, %v: two rows read %q %q %q", w, id, r.gutter, r.text, r.meta)
				}
				seen[r] = true
			}
		}
	}
}

// Every key typed into the help filter shows: the footer keeps the
// filter's end in view however long it grows, and a key the filter does
// not take says why. Random bytes over SSH once filled the filter past the
// box, after which each key changed nothing on screen.
func TestHelpFilterShowsEveryKeyTyped(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		tt := newTestModel(t, size[0], size[1])
		tt.press("?", "/")
		typed := []rune("?a越b/9é")
		for i := range maxHelpFilter {
			before := tt.screen()
			r := typed[i%len(typed)]
			tt.send(tea.KeyPressMsg{Code: r, Text: string(r)})
			if tt.screen() == before {
				t.Fatalf("%dx%d: typing %q as character %d of the filter changed nothing:\n%s", size[0], size[1], r, i+1, before)
			}
		}
		full := tt.m.help.filter
		for _, k := range []tea.KeyPressMsg{
			{Code: '?', Text: "?"},         // past the limit
			{Code: 'g', Mod: tea.ModCtrl},  // types nothing
			{Code: 0x200b, Text: "\u200b"}, // a character that would not show
			{Code: tea.KeyLeft},            // not an editing key here
			{Code: 'x', Text: "x"},         // past the limit again
		} {
			before := tt.screen()
			tt.send(k)
			if tt.m.help.filter != full || tt.m.status.text == "" || tt.screen() == before {
				t.Fatalf("%dx%d: %s with the filter full should leave it and say why; filter %q, status %q",
					size[0], size[1], k, tt.m.help.filter, tt.m.status.text)
			}
		}
		tt.press("backspace")
		if []rune(tt.m.help.filter)[len([]rune(full))-2] != []rune(full)[len([]rune(full))-2] || len([]rune(tt.m.help.filter)) != maxHelpFilter-1 {
			t.Fatalf("backspace should delete the last character: %q", tt.m.help.filter)
		}
		tt.press("esc", "/")
		before := tt.screen()
		tt.press("backspace")
		if tt.m.status.text == "" || tt.screen() == before {
			t.Fatalf("%dx%d: backspace in an empty filter should say why it does nothing", size[0], size[1])
		}
	}
}

// The help filter's limit refuses nothing that could match: no key's line
// is longer.
func TestHelpFilterLimitFitsEveryKey(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 80, 24)
	for tab := range tabCount {
		tt.m.switchTab(tab)
		for _, g := range append([][]key.Binding{tt.m.tabKeys()}, tt.m.keys.fullHelp()...) {
			for _, b := range g {
				h := b.Help()
				if n := utf8.RuneCountInString(h.Key + " " + h.Desc); n > maxHelpFilter {
					t.Errorf("the help line %q is %d characters, longer than the filter's limit %d", h.Key+" "+h.Desc, n, maxHelpFilter)
				}
			}
		}
	}
}
