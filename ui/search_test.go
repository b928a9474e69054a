package ui

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
)

func TestSearchIndexIsBuiltAfterTheFirstFrame(t *testing.T) {
	t.Parallel()
	m := New(testBriefing(t), Options{Style: StyleDark})
	if m.search.ix != nil {
		t.Fatal("the index must not be built before the first frame")
	}
	next, cmd := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if cmd == nil {
		t.Fatal("the first size should wait for the first frame")
	}
	if msg, ok := cmd().(firstFrameMsg); !ok {
		t.Fatalf("the first size's command returned %T, want the first frame's tick", msg)
	}
	if next.(Model).search.ix != nil || next.(Model).search.pending {
		t.Fatal("the index must not be started before the first frame is written")
	}
	next, cmd = next.Update(firstFrameMsg{})
	if cmd == nil {
		t.Fatal("the first frame should start building the index")
	}
	var msg indexReadyMsg
	for _, m := range flatten(cmd()) {
		if ix, ok := m.(indexReadyMsg); ok {
			msg = ix
		}
	}
	if msg.ix == nil {
		t.Fatal("no index was built after the first frame")
	}
	next, _ = next.Update(msg)
	if next.(Model).search.ix == nil {
		t.Fatal("the index did not arrive")
	}
}

func TestSearchTypesWhatWouldBeKeys(t *testing.T) {
	t.Parallel()
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
	if tt.m.active != tabOverview || (tt.m.top() == layerHelp) {
		t.Fatal("keys typed in the bar acted as commands")
	}
}

func TestSearchFindsAndOpens(t *testing.T) {
	t.Parallel()
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
	if (tt.m.top() == layerSearch) || tt.m.active != tabSpeakers || tt.selected() != want {
		t.Fatalf("enter: bar open %v, tab %v, item %v", (tt.m.top() == layerSearch), tt.m.active, tt.selected())
	}
	if tt.detail().mark == "" || !containsHighlight(tt) {
		t.Fatal("the matched words are not highlighted in the detail")
	}
	if !strings.Contains(tt.screen(), `hit 1/`+itoa(len(hits))+` “dang hoang giang”`) {
		t.Fatalf("status bar lacks the hit count:\n%s", tt.screen())
	}
	// n and N walk the matches on the page before the next hit.
	step := func(k string) {
		t.Helper()
		cur := tt.m.search.cur
		for range 100 {
			if tt.press(k); tt.m.search.cur != cur {
				return
			}
		}
		t.Fatalf("%s never left hit %d", k, cur+1)
	}
	step("n")
	if tt.m.search.cur != 1 || !strings.Contains(tt.screen(), "hit 2/") {
		t.Fatal("n did not go to the second hit")
	}
	step("N")
	step("N")
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
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("3", "j")
	before := tt.m.here()
	tt.press("/")
	tt.typeText("cuba")
	tt.press("esc")
	if (tt.m.top() == layerSearch) || tt.m.here() != before {
		t.Fatalf("esc should close the bar where the reader was: %v, want %v", tt.m.here(), before)
	}
	tt.press("/", "ctrl+c")
	if _, ok := tt.cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c in the bar should quit, as it does everywhere")
	}
	tt.press("/", "esc", "q")
	if _, ok := tt.cmd().(tea.QuitMsg); !ok {
		t.Fatal("q after leaving the bar should quit")
	}
}

func TestSearchNoHits(t *testing.T) {
	t.Parallel()
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
		if !(tt.m.top() == layerSearch) {
			t.Fatal("enter with no hits should keep the bar open")
		}
	}
}

func TestNextHitWithoutSearch(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("n")
	if !strings.Contains(tt.screen(), "press / to search") {
		t.Fatal("n before any search should say how to search")
	}
}

// A statement hit lands on its speaker, scrolled to the statement.
func TestSearchStatementHit(t *testing.T) {
	t.Parallel()
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

// Every row for a name shows the whole name, whatever the width, and no
// two rows read the same.
func TestSearchRowsShowWhyTheyMatched(t *testing.T) {
	t.Parallel()
	for _, w := range []int{80, 100, 120} {
		tt := newTestModel(t, w, 40)
		tt.press("/")
		tt.typeText("dang hoang giang")
		panel := tt.m.search.panelLines(w, tt.m.lay.bodyH)
		if len(panel) < 3 {
			t.Fatalf("%d columns: too few rows:\n%s", w, strings.Join(panel, "\n"))
		}
		if !strings.Contains(ansi.Strip(panel[0]), "1/"+itoa(len(tt.m.search.hits))) {
			t.Errorf("%d columns: the panel does not say n/total: %q", w, ansi.Strip(panel[0]))
		}
		seen := map[string]bool{}
		for _, row := range panel[1:] {
			plain := ansi.Strip(row)
			if !strings.Contains(plain, "Đặng Hoàng Giang") {
				t.Errorf("%d columns: a row hides the name: %q", w, plain)
			}
			if seen[plain] {
				t.Errorf("%d columns: two rows read %q", w, plain)
			}
			seen[plain] = true
			if cs := data.ScanCitations(plain); len(cs) > 0 {
				t.Errorf("%d columns: a row shows a raw citation: %q", w, plain)
			}
		}
	}
}

// Opening a statement hit marks that statement; n walks the page's
// matches before it goes to the next hit.
func TestStatementHitIsMarkedAndNWalksThePage(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("/")
	tt.typeText("said")
	hits := tt.m.search.hits
	i := slices.IndexFunc(hits, func(h search.Hit) bool { return h.Kind == data.KindStatement })
	if i < 0 {
		t.Fatal("no statement says \"said\"")
	}
	for range i {
		tt.press("down")
	}
	tt.press("enter")
	if !strings.Contains(tt.screen(), "▌") {
		t.Fatalf("the statement hit is not marked:\n%s", tt.screen())
	}
	cur := tt.m.search.cur
	matches := len(tt.m.search.matches)
	if matches < 2 {
		t.Skip("the page has one match only")
	}
	at := tt.m.search.matchIdx
	tt.press("n")
	if tt.m.search.cur != cur && at+1 < matches {
		t.Fatalf("n left the page with matches still ahead (%d of %d)", at+1, matches)
	}
	if !strings.Contains(tt.screen(), "match ") {
		t.Fatalf("the status bar does not say which match:\n%s", tt.screen())
	}
}

// The search bar holds a query, not a document: a huge paste and more
// typing stop at maxQuery characters, and the bar says it is full.
func TestSearchQueryIsBounded(t *testing.T) {
	t.Parallel()
	tt := newTestModel(t, 120, 40)
	tt.press("/")
	tt.send(tea.PasteMsg{Content: strings.Repeat("é", 5000)})
	tt.typeText("abc")
	if n := utf8.RuneCountInString(tt.m.search.input.Value()); n != maxQuery {
		t.Fatalf("the bar holds %d characters, want %d", n, maxQuery)
	}
	if bar := ansi.Strip(tt.m.search.barView(120)); !strings.Contains(bar, "full: 200 characters at most") {
		t.Errorf("a full bar should say so: %q", bar)
	}
}
