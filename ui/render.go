package ui

import (
	"regexp"
	"strings"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
)

// maxRenderWidth caps the width detail text wraps at: lines longer than
// this are hard to read, and it bounds how many widths a resize can force
// the cache through.
const maxRenderWidth = 100

// rendered is one item's detail, rendered at one width: styled lines, the
// same lines without escapes (to find anchors and search matches), where
// each anchored block starts, and the References block's entries.
type rendered struct {
	ref     data.Ref
	width   int
	lines   []string
	plain   []string
	anchors map[data.Ref]int
	refs    []xref
	sources []string
}

// markedPage is a page's lines with a search query's matches highlighted;
// query is the search they are marked for.
type markedPage struct {
	lines []string
	query string
}

type pageKey struct {
	ref   data.Ref
	width int
}

// renderCache holds one Glamour renderer per width, created once, and every
// page rendered with them. Only a change of terminal width or of theme
// empties it; nothing is rendered from View.
type renderCache struct {
	b         *data.Briefing
	style     string
	renderers map[int]*glamour.TermRenderer
	pages     map[pageKey]*rendered
	// marked holds, per page, its lines highlighted for the last search:
	// kept here, not on the page, because pages may be shared.
	marked map[*rendered]markedPage
	// shared, when set, renders and keeps the pages instead of this cache,
	// for every reader of the briefing at once (brief serve).
	shared *Shared
}

func newRenderCache(b *data.Briefing, style string) *renderCache {
	return &renderCache{
		b: b, style: style,
		renderers: map[int]*glamour.TermRenderer{},
		pages:     map[pageKey]*rendered{},
		marked:    map[*rendered]markedPage{},
	}
}

// setStyle switches the Glamour style, dropping every render made with the
// old one.
func (c *renderCache) setStyle(style string) {
	if style == c.style {
		return
	}
	c.style = style
	c.reset()
}

// reset drops every renderer and render: called when the terminal's width
// changes, so the cache never holds more than the widths now on screen.
func (c *renderCache) reset() {
	clear(c.renderers)
	clear(c.pages)
	clear(c.marked)
}

// get returns ref's detail rendered at width, rendering it on first use.
func (c *renderCache) get(ref data.Ref, width int) *rendered {
	if c.shared != nil {
		return c.shared.page(c.style, ref, width)
	}
	width = clamp(width, 1, maxRenderWidth)
	key := pageKey{ref, width}
	if r, ok := c.pages[key]; ok {
		return r
	}
	r := c.render(ref, buildPage(c.b, ref), width)
	c.pages[key] = r
	return r
}

func (c *renderCache) renderer(width int) *glamour.TermRenderer {
	if r, ok := c.renderers[width]; ok {
		return r
	}
	// Glamour's margins need room; below a few columns wrap at the pane's
	// width and let fit cut what overflows.
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(c.style), glamour.WithWordWrap(max(width, 8)))
	if err != nil {
		// Only an unknown style name fails, and the styles are ours.
		panic("ui: glamour renderer: " + err.Error())
	}
	c.renderers[width] = r
	return r
}

func (c *renderCache) render(ref data.Ref, p page, width int) *rendered {
	tr := c.renderer(width)
	out := &rendered{ref: ref, width: width, refs: p.refs, sources: p.sources, anchors: map[data.Ref]int{}}
	for _, blk := range p.blocks {
		s, err := tr.Render(blk.md)
		if err != nil {
			s = clean(blk.md)
		}
		lines := trimBlank(strings.Split(s, "\n"))
		if len(lines) == 0 {
			continue
		}
		if len(out.lines) > 0 && !blk.tight {
			out.lines = append(out.lines, "")
		}
		for _, a := range append([]data.Ref{blk.anchor}, blk.also...) {
			if _, seen := out.anchors[a]; !seen && a != (data.Ref{}) {
				out.anchors[a] = len(out.lines)
			}
		}
		for _, l := range lines {
			out.lines = append(out.lines, trimRight(l))
		}
	}
	out.plain = make([]string, len(out.lines))
	for i, l := range out.lines {
		out.plain[i] = ansi.Strip(l)
	}
	return out
}

// trimBlank drops the blank lines Glamour puts around each document.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && isBlank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && isBlank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func isBlank(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }

// trailingPad matches the styled spaces Glamour pads every line with.
var trailingPad = regexp.MustCompile(`(?:\x1b\[[0-9;]*m| )+$`)

// trimRight removes Glamour's padding so lines stay short; fit pads them
// again to whatever width the pane has. A style left open by the cut is
// closed.
func trimRight(l string) string {
	loc := trailingPad.FindStringIndex(l)
	if loc == nil {
		return l
	}
	cut := l[loc[0]:]
	l = l[:loc[0]]
	if strings.Contains(cut, "\x1b[") && l != "" {
		l += "\x1b[m"
	}
	return l
}

// buildPage makes the Markdown page of any item the reader can show.
func buildPage(b *data.Briefing, ref data.Ref) page {
	switch ref.Kind {
	case data.KindEvent:
		if e, ok := b.Event(ref.ID); ok {
			return eventPage(b, e)
		}
	case data.KindSession:
		if s, ok := b.Session(ref.ID); ok {
			return sessionPage(b, s)
		}
	case data.KindSpeaker:
		if sp, ok := b.Speaker(ref.ID); ok {
			return speakerPage(b, sp)
		}
	case data.KindMeasure:
		if m, ok := b.Measure(ref.ID); ok {
			return measurePage(b, m)
		}
	case data.KindSource:
		if s, ok := b.Source(ref.ID); ok {
			return sourcePage(b, s)
		}
	case data.KindOverview:
		return overviewPage(b)
	}
	var p page
	p.add("*Nothing to show for " + mdLine(ref.String()) + ".*")
	return p
}
