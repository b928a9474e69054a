package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
)

func TestSearchIndexIsBuiltAfterTheFirstFrame(t *testing.T) {
	m := New(testBriefing(t), Options{Style: StyleDark})
	if m.search.ix != nil {
		t.Fatal("the index must not be built before the first frame")
	}
	next, cmd := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if cmd == nil {
		t.Fatal("the first size should start building the index")
	}
	msg, ok := cmd().(indexReadyMsg)
	if !ok || msg.ix == nil {
		t.Fatalf("index command returned %T", msg)
	}
	next, _ = next.Update(msg)
	if next.(Model).search.ix == nil {
		t.Fatal("the index did not arrive")
	}
}

func TestSearchTypesWhatWouldBeKeys(t *testing.T) {
	tt := newTestModel(t, 120, 40)
	tt.press("/")
	tt.typeText("q1?/j")
	if tt.cmd != nil {
		if _, quit := tt.cmd().(tea.QuitMsg); quit {
			t.Fatal("q in the search bar quit")
		}
	}
	if got := tt.m.search.input.Value(); got != "q1?/j" {
		t.Fatalf("bar holds %q, want q1?/j", got)
	}
	if tt.m.active != tabOverview || tt.m.help.visible {
		t.Fatal("keys typed in the bar acted as commands")
	}
}

func TestSearchFindsAndOpens(t *testing.T) {
	b := testBriefing(t)
	tt := newTestModel(t, 120, 40)
	tt.press("4", "j", "j")
	before := tt.m.here()
	tt.press("/")
	tt.typeText("dang hoang giang")
	hits := tt.m.search.hits
	if len(hits) == 0 {
		t.Fatal("no hits for dang hoang giang")
	}
	want := data.Ref{Kind: data.KindSpeaker, ID: "dang-hoang-giang"}
	if hits[0].Ref != want {
		t.Fatalf("first hit %v, want %v", hits[0].Ref, want)
	}
	sp, _ := b.Speaker(want.ID)
	if !strings.Contains(tt.screen(), sp.Name) || !strings.Contains(tt.screen(), "speaker") {
		t.Fatal("the results panel does not show the speaker, labelled by kind")
	}
	tt.press("down", "ctrl+p", "ctrl+n", "up")
	if tt.m.search.sel != 0 {
		t.Fatalf("↓ ctrl+p ctrl+n ↑ should come back to the first hit, at %d", tt.m.search.sel)
	}
	tt.press("enter")
	if tt.m.search.open || tt.m.active != tabSpeakers || tt.selected() != want {
		t.Fatalf("enter: bar open %v, tab %v, item %v", tt.m.search.open, tt.m.active, tt.selected())
	}
	if tt.detail().mark == "" || !containsHighlight(tt) {
		t.Fatal("the matched words are not highlighted in the detail")
	}
	if !strings.Contains(tt.screen(), `hit 1/`+itoa(len(hits))+` "dang hoang giang"`) {
		t.Fatalf("status bar lacks the hit count:\n%s", tt.screen())
	}
	tt.press("n")
	if tt.m.search.cur != 1 || !strings.Contains(tt.screen(), "hit 2/") {
		t.Fatal("n did not go to the second hit")
	}
	tt.press("N", "N")
	if tt.m.search.cur != len(hits)-1 {
		t.Fatalf("N N from hit 2 should wrap to the last, at %d", tt.m.search.cur)
	}
	tt.press("esc", "esc")
	if tt.m.search.highlighting() {
		t.Fatal("esc should clear the highlights")
	}
	tt.press("backspace")
	if tt.m.here().tab != before.tab || tt.m.here().item != before.item {
		t.Fatalf("back after a search: %v, want %v", tt.m.here(), before)
	}
}

// containsHighlight reports whether the detail's lines carry the
// highlight style.
func containsHighlight(tt *tester) bool {
	mark := tt.m.st.Detail.Highlight.Render("x")
	prefix := mark[:strings.Index(mark, "x")]
	for _, l := range tt.detail().body {
		if strings.Contains(l, prefix) {
			return true
		}
	}
	return false
}

func TestSearchEscReturns(t *testing.T) {
	tt := newTestModel(t, 120, 40)
	tt.press("3", "j")
	before := tt.m.here()
	tt.press("/")
	tt.typeText("cuba")
	tt.press("esc")
	if tt.m.search.open || tt.m.here() != before {
		t.Fatalf("esc should close the bar where the reader was: %v, want %v", tt.m.here(), before)
	}
	tt.press("/", "ctrl+c")
	if tt.m.search.open {
		t.Fatal("ctrl+c in the bar should leave it")
	}
	tt.press("q")
	if _, ok := tt.cmd().(tea.QuitMsg); !ok {
		t.Fatal("q after leaving the bar should quit")
	}
}

func TestSearchNoHits(t *testing.T) {
	for _, tc := range []struct{ query, tip string }{
		{"zzzqqq", "fewer words"},
		{`"cuba zzzqqq"`, "without the quotes"},
	} {
		tt := newTestModel(t, 120, 40)
		tt.press("/")
		tt.typeText(tc.query)
		s := tt.screen()
		if !strings.Contains(s, "no matches") || !strings.Contains(s, tc.tip) {
			t.Fatalf("%s: no-hit message lacks %q:\n%s", tc.query, tc.tip, s)
		}
		tt.press("enter")
		if !tt.m.search.open {
			t.Fatal("enter with no hits should keep the bar open")
		}
	}
}

func TestNextHitWithoutSearch(t *testing.T) {
	tt := newTestModel(t, 120, 40)
	tt.press("n")
	if !strings.Contains(tt.screen(), "press / to search") {
		t.Fatal("n before any search should say how to search")
	}
}

// A statement hit lands on its speaker, scrolled to the statement.
func TestSearchStatementHit(t *testing.T) {
	tt := newTestModel(t, 120, 24)
	tt.press("/")
	tt.typeText("cuba sanctions")
	idx := -1
	for i, h := range tt.m.search.hits {
		if h.Kind == data.KindStatement {
			idx = i
			break
		}
	}
	if idx < 0 {
		t.Skip("no statement hit for cuba sanctions in the embedded briefing")
	}
	for range idx {
		tt.press("down")
	}
	hit := tt.m.search.hits[idx]
	tt.press("enter")
	speaker, _, _ := hit.Ref.SplitStatement()
	if want := (data.Ref{Kind: data.KindSpeaker, ID: speaker}); tt.m.active != tabSpeakers || tt.selected() != want {
		t.Fatalf("statement hit opened %v %v, want its speaker %v", tt.m.active, tt.selected(), want)
	}
	line := tt.detail().page.anchors[hit.Ref]
	if tt.detail().offset != min(line, tt.detail().total()-tt.detail().height) {
		t.Fatalf("offset %d, want the statement's line %d", tt.detail().offset, line)
	}
}
