package ui

import (
	"strings"
	"testing"
)

// TestSearchPreviewFrom120Columns: at 120 columns the results show the
// selected hit's context beside the list, its match marked in the accent,
// and the preview follows the selection; at 100 columns there is none.
func TestSearchPreviewFrom120Columns(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	tt := newTestModelWith(t, b, Options{Style: StyleDark}, 120, 40)
	tt.press("/")
	tt.typeText("electronic evidence")
	rows := tt.m.frame.panel
	if len(rows) != maxResultLines+1 || !strings.Contains(rows[0], "┬") {
		t.Fatalf("want a panel of %d rows with a preview beside it:\n%s", maxResultLines+1, tt.screen())
	}
	first := tt.m.search.hits[0]
	if !strings.Contains(tt.screen(), "┬── preview ") || !strings.Contains(tt.screen(), "│ "+oneLine(first.Title)) {
		t.Errorf("the preview should show the selected hit's title %q:\n%s", first.Title, tt.screen())
	}
	marked := tt.m.st.Search.PreviewMark.Render("electronic")
	if !strings.Contains(strings.Join(rows, "\n"), marked) {
		t.Errorf("the preview should mark the match in the accent (%q)", marked)
	}
	tt.press("down", "down")
	third := tt.m.search.hits[2]
	if !strings.Contains(tt.screen(), "│ "+truncate(oneLine(third.Title), 40)[:20]) {
		t.Errorf("the preview should follow the selection to %q:\n%s", third.Title, tt.screen())
	}
	for _, l := range strings.Split(tt.screen(), "\n") {
		if textWidth(l) > 120 {
			t.Errorf("line wider than the screen: %q", l)
		}
	}

	narrow := newTestModelWith(t, b, Options{Style: StyleDark}, 100, 30)
	narrow.press("/")
	narrow.typeText("electronic evidence")
	if p := strings.Join(narrow.m.frame.panel, "\n"); strings.ContainsAny(p, "┬│") {
		t.Errorf("no preview at 100 columns:\n%s", narrow.screen())
	}
}
