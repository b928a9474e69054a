package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
)

// detailPane shows one rendered item: its Glamour lines, then a References
// block the reader moves through with [ and ]. The block is styled here, so
// moving the selection re-styles two short lines and never re-renders
// Markdown.
type detailPane struct {
	page *rendered
	body []string // page.lines, or a copy with search matches highlighted
	// refLines and refSelLines are the References block, plain and
	// selected, styled once per page and width.
	refLines    []string
	refSelLines []string
	refSel      int // -1: none selected
	// fitWidth is the width body and the References block were fitted to.
	fitWidth int
	// mark is the search query body is highlighted for, "" for none.
	mark   string
	offset int
	// pos is where the reader put the top of the view, as a fraction of
	// the page: resizes re-wrap the page and put the view back there, so
	// a pass through a tall or tiny size does not lose the place.
	pos    float64
	width  int
	height int
	// pendingAnchor is scrolled to once the page is rendered: a jump can
	// arrive before the terminal size is known.
	pendingAnchor data.Ref
}

func newDetailPane() detailPane { return detailPane{refSel: -1} }

// SetSize gives the pane its size.
func (d *detailPane) SetSize(w, h int) {
	d.width, d.height = w, h
	d.restorePos()
}

// restorePos puts the view back at pos after the page or the size changed.
func (d *detailPane) restorePos() {
	d.offset = int(d.pos*float64(d.total()) + 0.5)
	d.clampOffset()
}

// setOffset scrolls to line n and remembers it as the reader's place.
func (d *detailPane) setOffset(n int) {
	d.offset = n
	d.clampOffset()
	d.pos = 0
	if t := d.total(); t > 0 {
		d.pos = float64(d.offset) / float64(t)
	}
}

// SetPage shows r with body as its lines. A page of the same item keeps
// the reading position: the same line at the same width (the page was
// finished, or restyled), the same proportion at another; a new item
// starts at the top.
func (d *detailPane) SetPage(r *rendered, body []string, st *styles) {
	sameItem := d.page != nil && r != nil && d.page.ref == r.ref
	sameLines := sameItem && d.page.width == r.width
	d.page = r
	d.SetBody(body)
	d.styleRefs(st)
	d.fitWidth = d.width
	if !sameItem {
		d.pos, d.refSel = 0, -1
	}
	if d.refSel >= len(d.refLines) {
		d.refSel = -1
	}
	if sameLines {
		d.setOffset(d.offset)
	} else {
		d.restorePos()
	}
	if d.pendingAnchor != (data.Ref{}) && r != nil {
		d.ScrollToAnchor(d.pendingAnchor)
		d.pendingAnchor = data.Ref{}
	}
}

// SetBody swaps the lines shown (with or without highlights) in place,
// fitting each to the pane once so View only joins them.
func (d *detailPane) SetBody(body []string) {
	d.body = make([]string, len(body))
	for i, l := range body {
		d.body[i] = fit(l, d.width)
	}
}

// Stale reports whether r, or the pane's width, differs from what is shown.
func (d *detailPane) Stale(r *rendered) bool { return d.page != r || d.fitWidth != d.width }

// Restyle redraws the References block after a theme change.
func (d *detailPane) Restyle(st *styles) { d.styleRefs(st) }

func (d *detailPane) styleRefs(st *styles) {
	d.refLines, d.refSelLines = nil, nil
	if d.page == nil || len(d.page.refs) == 0 {
		return
	}
	numW := len(fmt.Sprint(len(d.page.refs)))
	kindW := 0
	for _, r := range d.page.refs {
		kindW = max(kindW, textWidth(r.kind))
	}
	for i, r := range d.page.refs {
		num := fmt.Sprintf("%*d", numW, i+1)
		kind := r.kind + strings.Repeat(" ", kindW-textWidth(r.kind))
		plain := "  " + num + "  " + kind + "  " + r.label
		d.refSelLines = append(d.refSelLines, fit(st.Detail.RefSelected.Render(truncate("▸"+plain[1:], d.width)), d.width))
		room := d.width - textWidth("  "+num+"  "+kind+"  ")
		line := "  " + st.Detail.RefNumber.Render(num) + "  " + st.Detail.RefKind.Render(kind) + "  " + st.Detail.Ref.Render(truncate(r.label, room))
		if room <= 0 {
			line = st.Detail.Ref.Render(truncate(plain, d.width))
		}
		d.refLines = append(d.refLines, fit(line, d.width))
	}
}

// refsStart is the line where the References block's heading is.
func (d *detailPane) refsStart() int { return len(d.body) + 1 }

// total is the number of lines the pane can scroll through.
func (d *detailPane) total() int {
	n := len(d.body)
	if len(d.refLines) > 0 {
		n += 2 + len(d.refLines)
	}
	return n
}

func (d *detailPane) clampOffset() {
	d.offset = clamp(d.offset, 0, max(0, d.total()-d.height))
}

// Scroll moves the view by n lines.
func (d *detailPane) Scroll(n int) { d.setOffset(d.offset + n) }

// Top scrolls to the first line.
func (d *detailPane) Top() { d.setOffset(0) }

// Bottom scrolls to the last line.
func (d *detailPane) Bottom() { d.setOffset(d.total()) }

// ScrollToLine puts line n at the top of the view, or as near as it goes.
func (d *detailPane) ScrollToLine(n int) { d.setOffset(n) }

// ScrollToAnchor scrolls to the block that shows ref; it reports whether
// the page has one.
func (d *detailPane) ScrollToAnchor(ref data.Ref) bool {
	if d.page == nil {
		d.pendingAnchor = ref
		return false
	}
	n, ok := d.page.anchors[ref]
	if ok {
		d.ScrollToLine(n)
	}
	return ok
}

// Percent is how far down the page the view is, 0–100.
func (d *detailPane) Percent() int {
	span := d.total() - d.height
	if span <= 0 {
		return 100
	}
	return d.offset * 100 / span
}

// moveRefOnScreen moves the selection n references among those on
// screen, when it can without leaving them; it reports whether it did.
func (d *detailPane) moveRefOnScreen(n int) bool {
	vis := d.visibleRefs()
	if len(vis) == 0 {
		return false
	}
	pos := slices.Index(vis, d.refSel)
	switch {
	case pos < 0 && d.refSel < 0 && n > 0:
		d.refSel = vis[0]
	case pos < 0 && d.refSel < 0:
		d.refSel = vis[len(vis)-1]
	case pos >= 0 && pos+n >= 0 && pos+n < len(vis):
		d.refSel = vis[pos+n]
	default:
		return false
	}
	return true
}

// MoveRef selects the next (n > 0) or previous reference. It first walks
// the references cited ([n]) on the lines on screen, in the order they
// appear, so the reader picks what they are reading without the view
// moving; past the last of them it walks the References block, wrapping
// round, and scrolls the block into view.
func (d *detailPane) MoveRef(n int) {
	count := len(d.refLines)
	if count == 0 {
		return
	}
	if d.moveRefOnScreen(n) {
		return
	}
	switch {
	case d.refSel < 0 && n > 0:
		d.refSel = 0
	case d.refSel < 0:
		d.refSel = count - 1
	default:
		d.refSel = ((d.refSel+n)%count + count) % count
	}
	line := d.refsStart() + 1 + d.refSel
	if line < d.offset || line >= d.offset+d.height {
		// Show the heading too when the selection enters the block.
		d.ScrollToLine(max(line-d.height+1, min(line, d.refsStart())))
	}
}

// refMarker is an inline reference as rendered: [3].
var refMarker = regexp.MustCompile(`\[(\d+)\]`)

// visibleRefs are the references (0-based) cited on the body lines on
// screen, each once, in the order they appear.
func (d *detailPane) visibleRefs() []int {
	if d.page == nil {
		return nil
	}
	var out []int
	for i := d.offset; i < d.offset+d.height && i < len(d.page.plain); i++ {
		for _, m := range refMarker.FindAllStringSubmatch(d.page.plain[i], -1) {
			n, err := strconv.Atoi(m[1])
			if err != nil || n < 1 || n > len(d.refLines) || slices.Contains(out, n-1) {
				continue
			}
			out = append(out, n-1)
		}
	}
	return out
}

// pickedMarker is body line i with the [n] of the reference ] picked
// marked, so the reader sees which mention enter will follow. Only lines
// on screen pass here.
func (d detailPane) pickedMarker(i int, st *styles) string {
	if d.refSel < 0 || d.page == nil || i >= len(d.page.plain) {
		return d.body[i]
	}
	plain := d.page.plain[i]
	marker := "[" + strconv.Itoa(d.refSel+1) + "]"
	var spans []search.Span
	for at := 0; ; {
		j := strings.Index(plain[at:], marker)
		if j < 0 {
			break
		}
		spans = append(spans, search.Span{Start: at + j, End: at + j + len(marker)})
		at += j + len(marker)
	}
	if len(spans) == 0 {
		return d.body[i]
	}
	return fit(markLine(d.body[i], plain, spans, st.Detail.Highlight), d.width)
}

// refOnScreen reports whether the selected reference's line in the
// References block is on screen.
func (d *detailPane) refOnScreen() bool {
	line := d.refsStart() + 1 + d.refSel
	return line >= d.offset && line < d.offset+d.height
}

// SelectedRef is the reference enter follows.
func (d *detailPane) SelectedRef() (xref, bool) {
	if d.page == nil || d.refSel < 0 || d.refSel >= len(d.page.refs) {
		return xref{}, false
	}
	return d.page.refs[d.refSel], true
}

// RefAt selects the reference drawn on line y of the pane; it reports
// whether there is one there.
func (d *detailPane) RefAt(y int) bool {
	i := d.offset + y - d.refsStart() - 1
	if y < 0 || y >= d.height || d.page == nil || i < 0 || i >= len(d.refLines) {
		return false
	}
	d.refSel = i
	return true
}

// View draws the visible lines, each exactly the pane's width.
func (d detailPane) View(st *styles, placeholder string) string {
	return strings.Join(d.Lines(st, placeholder), "\n")
}

// Lines are the visible lines, each exactly the pane's width, one per line
// of the pane's height.
func (d detailPane) Lines(st *styles, placeholder string) []string {
	if d.width <= 0 || d.height <= 0 {
		return nil
	}
	lines := make([]string, 0, d.height)
	if d.page == nil {
		lines = append(lines, fit(st.Detail.Placeholder.Render(truncate(placeholder, d.width)), d.width))
	}
	refStart := d.refsStart()
	for i := d.offset; d.page != nil && i < d.total() && len(lines) < d.height; i++ {
		switch {
		case i < len(d.body):
			lines = append(lines, d.pickedMarker(i, st))
		case i == refStart:
			lines = append(lines, fit(st.Detail.RefHeading.Render(truncate("  References — the [n] above · ] [ pick · enter follows", d.width)), d.width))
		case i > refStart:
			j := i - refStart - 1
			if j == d.refSel {
				lines = append(lines, d.refSelLines[j])
			} else {
				lines = append(lines, d.refLines[j])
			}
		default:
			lines = append(lines, strings.Repeat(" ", d.width))
		}
	}
	blank := strings.Repeat(" ", d.width)
	for len(lines) < d.height {
		lines = append(lines, blank)
	}
	return lines
}

// Offset is the first line of the page on screen.
func (d *detailPane) Offset() int { return d.offset }

// Width is the width the pane lays its page out at.
func (d *detailPane) Width() int { return d.width }

// ViewEnd is how many lines of the page fill the pane from its top: what
// a page rendered in parts must hold for the first frame.
func (d *detailPane) ViewEnd() int { return d.offset + d.height + 1 }

// HasPage reports whether the pane shows a page.
func (d *detailPane) HasPage() bool { return d.page != nil }

// Sources are the ids of the sources the page cites, for the status bar.
func (d *detailPane) Sources() []string {
	if d.page == nil {
		return nil
	}
	return d.page.sources
}

// HasRefs reports whether the page has a References block.
func (d *detailPane) HasRefs() bool { return len(d.refLines) > 0 }

// RefSel is the selected reference, -1 when none is.
func (d *detailPane) RefSel() int { return d.refSel }

// SelectRef selects reference i when the page has it.
func (d *detailPane) SelectRef(i int) {
	if i < len(d.refLines) {
		d.refSel = i
	}
}

// Mark is the search query the body is highlighted for, "" for none.
func (d *detailPane) Mark() string { return d.mark }

// SetMark records what the body, set with SetPage or SetBody, highlights.
func (d *detailPane) SetMark(mark string) { d.mark = mark }

// AnchorInView is the item whose block holds the top line of the view,
// when the view is scrolled into the page and that block's start is still
// within a screen of it: on a speaker's page, the statement being read.
func (d *detailPane) AnchorInView() (data.Ref, bool) {
	if d.page == nil || d.offset <= 0 {
		return data.Ref{}, false
	}
	best, line := data.Ref{}, -1
	for a, n := range d.page.anchors {
		if n <= d.offset && n > line {
			best, line = a, n
		}
	}
	return best, line >= 0 && d.offset-line < d.height
}
