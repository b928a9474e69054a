package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
)

// TestFigureComparisonIsATableFrom60Columns: figures given at another time
// or precision are compared in a table wherever the detail is 60 columns
// or wider, one row per source; narrower, in a sentence. "As of" never
// comes before a time that says how it was given ("recalled on …").
func TestFigureComparisonIsATableFrom60Columns(t *testing.T) {
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
	for _, w := range []int{59, 60, 64, 80, 100} {
		page := strings.Join(newRenderCache(b, &st).get(ref, w).plain, "\n")
		table := strings.Contains(page, "Source ") && strings.Contains(page, "│ Figure") && strings.Contains(page, "│ As of")
		if table != (w >= 60) {
			t.Errorf("%d columns: table %v, want %v:\n%s", w, table, w >= 60, page)
		}
	}
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
