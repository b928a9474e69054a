package ui

import (
	"image/color"
	"maps"
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
)

// A page rendered a screen at a time is, once finished, the page rendered
// at once: the same lines, the same plain text, the same anchors.
func TestPageRenderedInPartsIsThePageRenderedWhole(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	st := newStyles(true, false)
	for _, width := range []int{38, 78, 100} {
		for _, ref := range b.Items() {
			if ref.Kind == data.KindStatement {
				continue // shown on its speaker's page
			}
			want := newRenderCache(b, &st).get(ref, width)
			for _, lines := range []int{1, 12, 41} {
				c := newRenderCache(b, &st)
				part := c.top(ref, width, lines)
				if len(part.lines) < min(lines, len(want.lines)) {
					t.Fatalf("%v at %d: top(%d) rendered %d lines", ref, width, lines, len(part.lines))
				}
				if !slices.Equal(part.lines, want.lines[:len(part.lines)]) {
					t.Fatalf("%v at %d: the first %d lines differ from the whole page's", ref, width, len(part.lines))
				}
				got := c.get(ref, width)
				if !slices.Equal(got.lines, want.lines) || !slices.Equal(got.plain, want.plain) || !maps.Equal(got.anchors, want.anchors) {
					t.Fatalf("%v at %d, first %d lines: finished page differs from the page rendered whole", ref, width, lines)
				}
				if got.src != nil {
					t.Fatalf("%v: get returned an unfinished page", ref)
				}
			}
		}
	}
}

// The first frame renders only the screen it shows, and the frame is the
// same once the page is finished.
func TestFirstFrameRendersTheFirstScreen(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	tt := &tester{t: t, m: New(b, Options{Style: StyleDark})}
	tt.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	page := tt.detail().page
	if page == nil || page.src == nil {
		t.Fatal("the first frame should render the Overview's first screen only")
	}
	if len(page.lines) <= tt.detail().height {
		t.Fatalf("the first screen has %d lines for a pane of %d", len(page.lines), tt.detail().height)
	}
	first := tt.screen()
	tt.send(firstFrameMsg{})
	if tt.detail().page.src != nil {
		t.Fatal("once the first frame is written, the page should be whole")
	}
	if got := tt.screen(); got != first {
		t.Errorf("finishing the page changed the screen:\nbefore\n%s\nafter\n%s", first, got)
	}
}

// A key that comes before the first frame is written works on the whole
// page: G goes to the real end.
func TestKeyBeforeTheFirstFrameSeesTheWholePage(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	tt := &tester{t: t, m: New(b, Options{Style: StyleDark})}
	tt.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	tt.press("G")
	whole := newRenderCache(b, tt.m.st).get(data.Ref{Kind: data.KindOverview}, tt.detail().page.width)
	if tt.detail().page.src != nil || len(tt.detail().page.lines) != len(whole.lines) {
		t.Fatalf("the page under G has %d lines, the whole Overview %d", len(tt.detail().page.lines), len(whole.lines))
	}
	if tt.detail().Percent() != 100 {
		t.Errorf("G should reach the end of the whole page: %d%%", tt.detail().Percent())
	}
}

// The terminal's answer that its background is dark, as the reader
// assumed, redoes nothing: the first frame's pages and styles stay.
func TestConfirmedThemeRedoesNothing(t *testing.T) {
	t.Parallel()
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleAuto}, 120, 40)
	page, st := tt.detail().page, tt.m.st
	tt.send(tea.BackgroundColorMsg{Color: color.Black})
	if tt.detail().page != page || tt.m.st != st {
		t.Error("a dark background answer re-rendered the dark theme")
	}
	tt.send(tea.BackgroundColorMsg{Color: color.White})
	if tt.m.dark || tt.m.st == st {
		t.Error("a light background answer should switch to the light theme")
	}
}
