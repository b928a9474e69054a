package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
)

// TestFigureComparisonIsATableFrom60Columns: figures given at another time
// or precision are compared in a table wherever the detail is 56 columns
// or wider (the Figures tab at 120 columns), one row per source; narrower,
// a paragraph per figure, never one run-on sentence.
func TestFigureComparisonIsATableFrom56Columns(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	st := newStyles(true, false)
	var compared *data.Figure
	for i := range b.Figures {
		if len(b.Compared(&b.Figures[i])) > 0 {
			compared = &b.Figures[i]
			break
		}
	}
	if compared == nil {
		t.Fatal("the briefing has no compared figure")
	}
	ref := data.Ref{Kind: data.KindFigure, ID: compared.ID}
	for _, w := range []int{40, 55, 56, 59, 60, 64, 80, 100} {
		page := strings.Join(newRenderCache(b, &st).get(ref, w).plain, "\n")
		table := strings.Contains(page, "Source ") && strings.Contains(page, "│ Figure") && strings.Contains(page, "│ As of")
		if table != (w >= narrowPane) {
			t.Errorf("%d columns: table %v, want %v:\n%s", w, table, w >= narrowPane, page)
		}
		if strings.Contains(page, " and "+compared.Value) || strings.Contains(page, " and "+b.Compared(compared)[0].Value) {
			t.Errorf("%d columns: the figures run on in one sentence:\n%s", w, page)
		}
	}
	// The Figures tab at 120 columns puts the detail beside the list: a
	// table there.
	tt := newTestModelWith(t, b, Options{Style: StyleDark}, 120, 40)
	tt.press("7")
	tt.m.tabs[tabFigures].list.Select(ref)
	tt.press("l")
	if w := tt.detail().width; w < narrowPane {
		t.Errorf("the Figures detail at 120 columns is %d wide, under the table's %d", w, narrowPane)
	}
}

// TestNoAsOfBeforeAParticiple: "as of" never comes before a time that says
// how it was given ("recalled on …").
func TestNoAsOfBeforeAParticiple(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	st := newStyles(true, false)
	for i := range b.Figures {
		ref := data.Ref{Kind: data.KindFigure, ID: b.Figures[i].ID}
		for _, w := range []int{50, 80} {
			if page := strings.Join(newRenderCache(b, &st).get(ref, w).plain, "\n"); strings.Contains(strings.Join(strings.Fields(page), " "), "as of recalled") || strings.Contains(page, "As of recalled") {
				t.Errorf("%s at %d: %q", b.Figures[i].ID, w, "as of recalled")
			}
		}
	}
}

// TestOverviewSourcesNumberedInOrder: the Overview's Sources list reads
// [1], [2], [3]… down the page, and the text cites each source by the
// number the list gives it.
func TestOverviewSourcesNumberedInOrder(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	st := newStyles(true, false)
	r := newRenderCache(b, &st).get(data.Ref{Kind: data.KindOverview}, 100)
	at := -1
	for i, l := range r.plain {
		if strings.TrimSpace(l) == "Sources" {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no Sources section on the Overview")
	}
	n := 0
	for _, l := range r.plain[at+1:] {
		if !strings.HasPrefix(strings.TrimSpace(l), "• ") {
			continue
		}
		n++
		if want := "[" + itoa(n) + "]"; !strings.Contains(l, want) {
			t.Errorf("source %d of the list: %q, want %s", n, l, want)
		}
	}
	if n != len(b.Sources) {
		t.Errorf("listed %d sources, the briefing has %d", n, len(b.Sources))
	}
	for i, src := range sourcesByDate(b) {
		if want := (data.Ref{Kind: data.KindSource, ID: src.ID}); r.refs[i].to != want {
			t.Errorf("reference %d is %v, want the list's source %d, %v", i+1, r.refs[i].to, i+1, want)
		}
	}
}

// TestSignatoriesKeepTheirFullStop: a signatory's line is a sentence
// before its note, "… Minister of Public Security. A photo caption…", as
// in the exports.
func TestSignatoriesKeepTheirFullStop(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	st := newStyles(true, false)
	page := strings.Join(strings.Fields(strings.Join(newRenderCache(b, &st).get(data.Ref{Kind: data.KindOverview}, 100).plain, "\n")), " ")
	for i := range b.Overview.Parties {
		pt := &b.Overview.Parties[i]
		if pt.Note == "" {
			continue
		}
		want := pt.Label() + ". " + strings.Fields(pt.Note)[0]
		if !strings.Contains(page, want) {
			t.Errorf("want %q on the Overview", want)
		}
	}
}

// TestSearchRowsShowTheirMatch: every row of a search shows the matched
// word whole, even when it ends a long title (the source "… contre la
// cybercriminalité."): the title or snippet is cut from the left to centre
// on the match.
func TestSearchRowsShowTheirMatch(t *testing.T) {
	t.Parallel()
	for _, w := range []int{80, 100, 120} {
		tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark}, w, 24)
		tt.press("/")
		tt.typeText("cybercriminalite")
		runAll(tt)
		screen := tt.screen()
		rows := 0
		for _, l := range strings.Split(screen, "\n") {
			if k := strings.TrimLeft(l, "▸ "); strings.HasPrefix(k, "term ") || strings.HasPrefix(k, "source ") || strings.HasPrefix(k, "session ") {
				rows++
				if !strings.Contains(strings.ToLower(l), "cybercriminalit") {
					t.Errorf("%d columns: the row hides its match: %q", w, l)
				}
			}
		}
		if rows < 4 {
			t.Errorf("%d columns: %d result rows, want the 5 hits:\n%s", w, rows, screen)
		}
	}
}

// TestPrevHitLandsOnTheLastMatch: n walks the matches of a hit and then
// the next hit; N from there walks the same matches back, landing first on
// the previous hit's last match, not its first.
func TestPrevHitLandsOnTheLastMatch(t *testing.T) {
	t.Parallel()
	type at struct{ hit, match int }
	tried := 0
	for _, query := range []string{"pham the tung", "convention", "hanoi"} {
		tt := newTestModel(t, 120, 40)
		tt.press("/")
		tt.typeText(query)
		runAll(tt)
		tt.press("enter")
		s := &tt.m.search
		var forward []at
		for range 60 {
			forward = append(forward, at{s.cur, s.matchIdx})
			tt.press("n")
			if s.cur != 0 {
				break
			}
		}
		if s.cur != 1 || len(forward) < 3 {
			continue // the first hit has too few matches to tell first from last
		}
		tried++
		var back []at
		for range len(forward) {
			tt.press("N")
			back = append(back, at{s.cur, s.matchIdx})
		}
		slices.Reverse(back)
		if !slices.Equal(back, forward) {
			t.Errorf("%q: N should walk the first hit's matches back from its last:\nforward %v\nback    %v", query, forward, back)
		}
	}
	if tried == 0 {
		t.Fatal("no query gave a first hit with several matches: the test proves nothing")
	}
}

// TestTimelinePreview: at 120×40 the Timeline's list leaves most of the
// screen empty; those rows preview the selected entry, right under the
// list, and follow the selection. Where few rows are spare, no preview.
func TestTimelinePreview(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	tt := newTestModelWith(t, b, Options{Style: StyleDark}, 120, 40)
	tt.press("2")
	for range 3 {
		ref, _ := tt.m.tabs[tabTimeline].current()
		e, ok := b.Event(ref.ID)
		if !ok {
			t.Fatalf("selected %v, not an event", ref)
		}
		lines := strings.Split(tt.screen(), "\n")
		rule := -1
		for i, l := range lines {
			if strings.Contains(l, "── preview · enter opens") {
				rule = i
			}
		}
		if rule < 0 {
			t.Fatalf("no preview at 120×40:\n%s", tt.screen())
		}
		if strings.TrimSpace(lines[rule-1]) != "" || strings.TrimSpace(lines[rule-2]) == "" {
			t.Errorf("the preview should start one blank row under the list:\n%s", tt.screen())
		}
		if below := strings.Join(lines[rule:], "\n"); !strings.Contains(below, e.Title) {
			t.Errorf("the preview does not show the selected entry %q:\n%s", e.Title, below)
		}
		tt.press("j")
	}
	tt.press("enter")
	if strings.Contains(tt.screen(), "preview · enter opens") {
		t.Error("the entry opened: no preview over its page")
	}
	tt = newTestModelWith(t, b, Options{Style: StyleDark}, 80, 24)
	tt.press("2")
	if strings.Contains(tt.screen(), "preview") {
		t.Errorf("80×24 has no rows to spare for a preview:\n%s", tt.screen())
	}
}

// TestShowMatchCutsOnlyWhatDoesNotFit: a title that fits whole is never cut
// (the first version cut "Đặng Hoàng Giang" to "…Giang" in exactly its
// width), and a cut one keeps its match whole after "…".
func TestShowMatchCutsOnlyWhatDoesNotFit(t *testing.T) {
	t.Parallel()
	q := search.ParseQuery("giang")
	title := "Đặng Hoàng Giang"
	if got, _ := showMatch(title, q.Highlight(title), textWidth(title)); got != title {
		t.Errorf("a title that fits was cut to %q", got)
	}
	long := "Remarks of the Deputy Minister of Foreign Affairs, Đặng Hoàng Giang"
	got, spans := showMatch(long, q.Highlight(long), 30)
	if !strings.HasPrefix(got, "…") || len(spans) != 1 || got[spans[0].Start:spans[0].End] != "Giang" || textWidth(got[:spans[0].End]) > 30 {
		t.Errorf("showMatch(%q, 30) = %q %v, want the match whole within 30 cells", long, got, spans)
	}
}
