package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
)

// headingMark is a line that starts with Markdown's heading marks.
var headingMark = regexp.MustCompile(`^\s*#{1,6} `)

// No page shows a literal "#" before a heading, and wrapped bullets hang
// under their text.
func TestPagesReadAsText(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	st := newStyles(true, false)
	c := newRenderCache(b, &st)
	refs := []data.Ref{{Kind: data.KindOverview}}
	for i := range b.Speakers {
		refs = append(refs, data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[i].ID})
	}
	for i := range b.Sessions {
		refs = append(refs, data.Ref{Kind: data.KindSession, ID: b.Sessions[i].ID})
	}
	for i := range b.Sources {
		refs = append(refs, data.Ref{Kind: data.KindSource, ID: b.Sources[i].ID})
	}
	for _, w := range []int{40, 80} {
		for _, ref := range refs {
			r := c.get(ref, w)
			for i, l := range r.plain {
				if headingMark.MatchString(l) {
					t.Errorf("%v at %d: line %d shows a heading mark: %q", ref, w, i, l)
				}
				if i > 0 && strings.HasPrefix(r.plain[i-1], "  • ") && strings.TrimSpace(l) != "" &&
					!strings.HasPrefix(l, "  • ") && !strings.HasPrefix(l, "    ") {
					t.Errorf("%v at %d: line %d does not hang under its bullet: %q", ref, w, i, l)
				}
			}
		}
	}
}

// A source's URL is never broken over lines: it is a link to the whole
// address, shown whole or shortened, and Y copies it.
func TestURLIsOneLinkOnOneLine(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	var src *data.Source
	for i := range b.Sources {
		if safeURL(b.Sources[i].URL) && len(b.Sources[i].URL) > 60 {
			src = &b.Sources[i]
		}
	}
	if src == nil {
		t.Skip("no long URL in the briefing")
	}
	for _, w := range []int{40, 100} {
		tt := newTestModel(t, w, 30)
		tt.showSource(src.ID)
		tt.press("l")
		view := tt.m.View().Content
		var line string
		for _, l := range strings.Split(view, "\n") {
			if strings.Contains(l, "URL:") {
				line = l
			}
		}
		if !strings.Contains(line, ansi.SetHyperlink(src.URL)) {
			t.Fatalf("%d columns: the URL line is not a link to the whole address: %q", w, ansi.Strip(line))
		}
		host := strings.Split(strings.TrimPrefix(src.URL, "https://"), "/")[0]
		if !strings.Contains(ansi.Strip(line), host) {
			t.Fatalf("%d columns: the URL line lacks the host: %q", w, ansi.Strip(line))
		}
		tt.press("Y")
		if tt.cmd == nil || !strings.Contains(tt.m.status.text, "sent to the clipboard with OSC 52 (your terminal must allow it") {
			t.Fatalf("%d columns: Y did not copy the URL:\n%s", w, tt.screen())
		}
	}
}
