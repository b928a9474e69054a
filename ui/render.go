package ui

import (
	"maps"
	"slices"
	"strings"

	"charm.land/glamour/v2"
	glamouransi "charm.land/glamour/v2/ansi"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/ansitrim"
	"github.com/brief-reader/brief/internal/services"
)

// DefaultMaxWidth is the width detail text wraps at unless the reader's
// configuration says otherwise: longer lines are hard to read.
// maxRenderWidth bounds what a configuration may ask for, and so how many
// widths a resize can force the cache through.
const (
	DefaultMaxWidth = 100
	maxRenderWidth  = 400
)

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
	// src and next are the part of the page not rendered yet: the first
	// frame renders only what fills the screen (renderCache.top). src is
	// nil once the page is whole.
	src  *page
	next int
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
	config    glamouransi.StyleConfig
	renderers map[int]*glamour.TermRenderer
	pages     map[pageKey]*rendered
	// marked holds, per page, its lines highlighted for the last search:
	// kept here, not on the page, because pages may be shared.
	marked map[*rendered]markedPage
	// maxWidth is the widest detail text wraps at (Options.MaxWidth).
	maxWidth int
	// shared, when set, renders and keeps the pages instead of this cache,
	// for every reader of the briefing at once (brief serve).
	shared *Shared
	// before is what each changed item said when this reader last saw
	// it: its page opens with the words that changed since, so it is
	// rendered here, never shared.
	before map[data.Ref]string
}

func newRenderCache(b *data.Briefing, st *styles) *renderCache {
	return newStyleCache(b, st.glamourName, st.glamour)
}

// newStyleCache is a render cache for one Glamour style: name tells styles
// apart, config is the style itself.
func newStyleCache(b *data.Briefing, name string, config glamouransi.StyleConfig) *renderCache {
	return &renderCache{
		b: b, style: name, config: config,
		renderers: map[int]*glamour.TermRenderer{},
		pages:     map[pageKey]*rendered{},
		marked:    map[*rendered]markedPage{},
		maxWidth:  DefaultMaxWidth,
	}
}

// setStyle switches the Glamour style, dropping every render made with the
// old one.
func (c *renderCache) setStyle(st *styles) {
	if st.glamourName == c.style {
		return
	}
	c.style, c.config = st.glamourName, st.glamour
	c.reset()
}

// reset drops every renderer and render: called when the terminal's width
// changes, so the cache never holds more than the widths now on screen.
func (c *renderCache) reset() {
	clear(c.renderers)
	clear(c.pages)
	clear(c.marked)
}

// get returns ref's detail rendered whole at width, rendering it (or what
// top left of it) on first use.
func (c *renderCache) get(ref data.Ref, width int) *rendered {
	width = clamp(width, 1, c.maxWidth)
	if c.shared != nil && len(c.changesOn(ref)) == 0 {
		return c.shared.page(c.style, c.config, ref, width)
	}
	key := pageKey{ref, width}
	r, ok := c.pages[key]
	switch {
	case !ok:
		r = c.render(ref, c.pageOf(ref), width)
	case r.src != nil:
		r = c.whole(r)
	default:
		return r
	}
	c.pages[key] = r
	return r
}

// top returns ref's detail at width with at least its first lines lines
// rendered: all a first frame needs. Glamour takes most of the time the
// first frame is waiting for, and a page such as the Overview is three
// screens long.
func (c *renderCache) top(ref data.Ref, width, lines int) *rendered {
	if c.shared != nil && len(c.changesOn(ref)) == 0 {
		return c.get(ref, width)
	}
	width = clamp(width, 1, c.maxWidth)
	key := pageKey{ref, width}
	if r, ok := c.pages[key]; ok {
		return r
	}
	p := c.pageOf(ref)
	r := c.start(ref, &p, width)
	c.renderBlocks(r, lines)
	c.pages[key] = r
	return r
}

// finish renders the rest of every page top left unfinished.
func (c *renderCache) finish() {
	for key, r := range c.pages {
		if r.src != nil {
			c.pages[key] = c.whole(r)
		}
	}
}

// whole is r with the rest of its page rendered: a new page, so a pane
// showing r sees that its page changed.
func (c *renderCache) whole(r *rendered) *rendered {
	w := *r
	w.lines, w.plain = slices.Clip(r.lines), slices.Clip(r.plain)
	w.anchors = maps.Clone(r.anchors)
	c.renderBlocks(&w, -1)
	return &w
}

func (c *renderCache) renderer(width int) *glamour.TermRenderer {
	if r, ok := c.renderers[width]; ok {
		return r
	}
	// Glamour's margins need room; below a few columns wrap at the pane's
	// width and let fit cut what overflows.
	r, err := glamour.NewTermRenderer(glamour.WithStyles(c.config), glamour.WithWordWrap(max(width, 8)))
	if err != nil {
		// Only a style that cannot be read fails, and the style is ours.
		panic("ui: glamour renderer: " + err.Error())
	}
	c.renderers[width] = r
	return r
}

func (c *renderCache) render(ref data.Ref, p page, width int) *rendered {
	r := c.start(ref, &p, width)
	c.renderBlocks(r, -1)
	return r
}

// start is p's render at width with nothing rendered yet.
func (c *renderCache) start(ref data.Ref, p *page, width int) *rendered {
	r := &rendered{ref: ref, width: width, refs: p.refs, sources: p.sources, anchors: map[data.Ref]int{}}
	if len(p.blocks) > 0 {
		r.src = p
	}
	return r
}

// renderBlocks renders r's blocks in turn until r has lines lines, or to
// the end when lines < 0.
func (c *renderCache) renderBlocks(r *rendered, lines int) {
	for r.src != nil && (lines < 0 || len(r.lines) < lines) {
		c.renderBlock(r, r.src.blocks[r.next])
		r.next++
		if r.next == len(r.src.blocks) {
			r.src = nil // whole
		}
	}
}

// renderBlock renders one block of r's page and appends its lines.
func (c *renderCache) renderBlock(out *rendered, blk block) {
	width := out.width
	// A bulleted item wraps two cells narrower and its lines after the
	// first are indented under its text: a hanging indent.
	hanging := strings.HasPrefix(blk.md, bullet) && width > 20
	r := c.renderer(width)
	if hanging {
		r = c.renderer(width - hangWidth)
	}
	md := blk.md
	if blk.narrow != "" && width < narrowPane {
		md = blk.narrow
	}
	s, err := r.Render(md)
	if err != nil {
		s = clean(md)
	}
	lines := trimBlank(strings.Split(s, "\n"))
	if blk.url != "" {
		lines = placeURL(lines, blk.url, width)
	}
	if hanging {
		for i := 1; i < len(lines); i++ {
			if !isBlank(lines[i]) {
				lines[i] = hangIndent + lines[i]
			}
		}
	}
	out.appendBlock(blk, lines)
}

// appendBlock appends a rendered block's lines, after a blank line unless
// it is tight, and records where its anchors are.
func (out *rendered) appendBlock(blk block, lines []string) {
	if len(lines) == 0 {
		return
	}
	if len(out.lines) > 0 && !blk.tight {
		out.lines = append(out.lines, "")
		out.plain = append(out.plain, "")
	}
	for _, a := range append([]data.Ref{blk.anchor}, blk.also...) {
		if _, seen := out.anchors[a]; !seen && a != (data.Ref{}) {
			out.anchors[a] = len(out.lines)
		}
	}
	for _, l := range lines {
		l = ansitrim.TrimRight(l)
		out.lines = append(out.lines, l)
		out.plain = append(out.plain, ansi.Strip(l))
	}
}

// placeURL draws url where urlSlot is in lines: whole when it fits the
// line, else shortened in the middle; either way a link to the whole
// address.
func placeURL(lines []string, url string, width int) []string {
	for i, l := range lines {
		at := strings.Index(l, urlSlot)
		if at < 0 {
			continue
		}
		room := width - ansi.StringWidth(l[:at]) - 1
		text := shortURL(url, room)
		lines[i] = l[:at] + ansi.SetHyperlink(url) + text + ansi.ResetHyperlink() + l[at+len(urlSlot):]
	}
	return lines
}

// shortURL fits url in w cells: whole, or its host and as much of its end
// as fits, with "…" between.
func shortURL(url string, w int) string {
	if ansi.StringWidth(url) <= w || w < 12 {
		return url
	}
	host := url
	if i := strings.Index(url, "://"); i >= 0 {
		host = url[i+3:]
	}
	if j := strings.IndexByte(host, '/'); j >= 0 {
		host = host[:j+1]
	}
	rest := w - ansi.StringWidth(host) - 1
	if rest < 8 {
		return ansi.Truncate(url, w, "…")
	}
	return host + "…" + ansi.TruncateLeft(url, ansi.StringWidth(url)-rest, "")
}

// hangIndent indents the wrapped lines of a bulleted item under its text,
// past the "• ".
const (
	hangIndent = "  "
	hangWidth  = len(hangIndent)
)

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

// setBefore takes what the reader's changed items said when last seen,
// dropping the pages rendered without it.
func (c *renderCache) setBefore(before map[data.Ref]string) {
	c.before = before
	for key := range c.pages {
		if len(c.changesOn(key.ref)) > 0 {
			delete(c.pages, key)
		}
	}
}

// changesOn are the changed items ref's page shows whose earlier words
// the reader's memory kept: ref itself, a speaker's statements.
func (c *renderCache) changesOn(ref data.Ref) []data.Ref {
	var out []data.Ref
	for _, r := range append([]data.Ref{ref}, shownWith(c.b, ref)...) {
		if _, ok := c.before[r]; ok {
			out = append(out, r)
		}
	}
	return out
}

// pageOf is ref's page for this reader: a changed item's opens with what
// changed in its words since the reader last saw it (a speaker's, in
// each of its statements).
func (c *renderCache) pageOf(ref data.Ref) page {
	p := buildPage(c.b, ref)
	var changes []block
	for _, r := range c.changesOn(ref) {
		changes = append(changes, block{md: changesMarkdown(c.before[r], services.ItemText(c.b, r))})
	}
	p.blocks = append(changes, p.blocks...)
	return p
}

// buildPage makes the Markdown page of any item the reader can show.
func buildPage(b *data.Briefing, ref data.Ref) page {
	if build, ok := pageBuilders[ref.Kind]; ok {
		if p, ok := build(b, ref.ID); ok {
			return p
		}
	}
	var p page
	p.add("*Nothing to show for " + mdLine(ref.String()) + ".*")
	return p
}

// pageBuilders make the page of each kind that has one; a statement is
// shown on its speaker's (placeOf).
var pageBuilders = map[data.Kind]func(*data.Briefing, string) (page, bool){
	data.KindOverview: func(b *data.Briefing, _ string) (page, bool) { return overviewPage(b), true },
	data.KindEvent:    pageOf((*data.Briefing).Event, eventPage),
	data.KindSession:  pageOf((*data.Briefing).Session, sessionPage),
	data.KindSpeaker:  pageOf((*data.Briefing).Speaker, speakerPage),
	data.KindMeasure:  pageOf((*data.Briefing).Measure, measurePage),
	data.KindSource:   pageOf((*data.Briefing).Source, sourcePage),
	data.KindFigure:   pageOf((*data.Briefing).Figure, figurePage),
	data.KindTerm:     pageOf((*data.Briefing).Term, termPage),
}

// pageOf is the page builder of a kind: find the item, then build its
// page.
func pageOf[T any](find func(*data.Briefing, string) (*T, bool), build func(*data.Briefing, *T) page) func(*data.Briefing, string) (page, bool) {
	return func(b *data.Briefing, id string) (page, bool) {
		if x, ok := find(b, id); ok {
			return build(b, x), true
		}
		return page{}, false
	}
}
