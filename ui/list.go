package ui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/brief-reader/brief/data"
)

// listRow is one entry of a list pane: a group heading or an item. Text is
// already cleaned of terminal controls. An item has up to three columns,
// each with one meaning: a gutter before the text (a time of day, a
// language), the text, and a short meta column after it (a count, a date,
// a kind).
type listRow struct {
	group  bool
	gutter string
	text   string
	meta   string
	ref    data.Ref
	// mark is "• " unseen, "~ " changed, "+ " new, "" read (memory.go).
	mark string
}

// listLine is one screen line of a list: a row, or the continuation of a
// row whose text wraps.
type listLine struct {
	row   int
	first bool
	text  string
}

// listPane is the left pane of a master–detail tab: rows grouped under
// headings, one selected item, and a window of lines that fits its height.
// A row whose text does not fit wraps onto more lines rather than losing
// the words that tell it apart. Only the visible window is ever styled, so
// a list of 10,000 items costs the same to draw as a list of ten.
type listPane struct {
	rows  []listRow
	items []int // positions in rows of the selectable items
	// gutterW and metaW are the widths of the gutter and meta columns,
	// the widest of any row; natural is the width at which no row wraps.
	gutterW, metaW, natural int
	// textW is each row's text width, measured once: laying the rows out
	// again at another width measures nothing.
	textW []int

	// lines are the rows laid out at the current width; rowLine is the
	// first line of each row.
	lines   []listLine
	rowLine []int
	// showGutter and showMeta say whether the columns fit the width.
	showGutter, showMeta bool

	sel    int // index into items
	offset int // first visible line
	width  int
	height int
	// styled caches lines drawn unselected, at the current width and
	// theme, filled for the visible window by prepare; moving the
	// selection re-styles only the lines it leaves and enters.
	styled   []string
	styledBy *styles
}

func newListPane(rows []listRow) listPane {
	l := listPane{rows: rows, textW: make([]int, len(rows))}
	for i, r := range rows {
		l.textW[i] = textWidth(r.text)
		if r.group {
			l.natural = max(l.natural, l.textW[i]+1)
			continue
		}
		l.items = append(l.items, i)
		if r.gutter != "" {
			l.gutterW = max(l.gutterW, textWidth(r.gutter))
		}
		if r.meta != "" {
			l.metaW = max(l.metaW, textWidth(r.meta))
		}
	}
	for _, i := range l.items {
		l.natural = max(l.natural, l.chrome(true, true)+l.textW[i])
	}
	return l
}

// chrome is the width of everything on an item's line but its text: the
// marker, the gutter and meta columns that are shown, and their gaps.
func (l *listPane) chrome(gutter, meta bool) int {
	w := 2 // marker
	if gutter && l.gutterW > 0 {
		w += l.gutterW + 2
	}
	if meta && l.metaW > 0 {
		w += l.metaW + 2 // a gap before, a space after
	} else {
		w++ // keep the text off the pane's edge
	}
	return w
}

// Natural is the width at which every row fits on one line.
func (l listPane) Natural() int { return l.natural }

// minTextWidth is the narrowest the text column gets before the meta
// column, and then the gutter, give up their room.
const minTextWidth = 16

// layoutLines lays the rows out at the pane's width.
func (l *listPane) layoutLines() {
	w := l.width
	l.showGutter, l.showMeta = true, true
	if w-l.chrome(true, true) < minTextWidth {
		l.showMeta = false
	}
	if w-l.chrome(true, false) < minTextWidth {
		l.showGutter = false
	}
	room := max(1, w-l.chrome(l.showGutter, l.showMeta))
	l.lines = l.lines[:0]
	l.rowLine = make([]int, len(l.rows))
	for i, r := range l.rows {
		l.rowLine[i] = len(l.lines)
		text := r.text
		if r.group && l.textW[i] > w {
			text = truncate(text, w)
		}
		if r.group || l.textW[i] <= room {
			l.lines = append(l.lines, listLine{row: i, first: true, text: text})
			continue
		}
		// The meta column is on the first line only: the lines after it
		// run under it.
		contRoom := room
		if l.showMeta && l.metaW > 0 {
			contRoom += l.metaW + 1
		}
		for j, part := range wrapText(text, room, contRoom) {
			l.lines = append(l.lines, listLine{row: i, first: j == 0, text: part})
		}
	}
}

// wrapText wraps plain text at its spaces, the first line at first cells
// and the others at rest. A word longer than a line is broken where the
// line ends (lipgloss.Wrap does that part).
func wrapText(s string, first, rest int) []string {
	var lines []string
	var line strings.Builder
	lineW, limit := 0, first
	for _, word := range strings.Fields(s) {
		w := textWidth(word)
		if w > min(first, rest) {
			return wrapLong(s, first, rest)
		}
		if lineW > 0 && lineW+1+w > limit {
			lines = append(lines, line.String())
			line.Reset()
			lineW, limit = 0, rest
		}
		if lineW > 0 {
			line.WriteByte(' ')
			lineW++
		}
		line.WriteString(word)
		lineW += w
	}
	return append(lines, line.String())
}

// wrapLong wraps text that has a word longer than a line, breaking it.
func wrapLong(s string, first, rest int) []string {
	head, tail, _ := strings.Cut(lipgloss.Wrap(s, first, ""), "\n")
	lines := []string{truncate(strings.TrimRight(head, " "), first)}
	if tail == "" {
		return lines
	}
	// The rest of s after the first line's words, wrapped at rest.
	tail = strings.TrimLeft(s[min(len(s), len(strings.TrimRight(head, " "))):], " ")
	for _, part := range strings.Split(lipgloss.Wrap(tail, rest, ""), "\n") {
		lines = append(lines, truncate(strings.TrimRight(part, " "), rest))
	}
	return lines
}

// Len is the number of selectable items.
func (l listPane) Len() int { return len(l.items) }

// Pos is the position of the selected item, 0-based.
func (l listPane) Pos() int { return l.sel }

// Selected is the Ref of the selected item; ok is false for an empty list.
func (l listPane) Selected() (data.Ref, bool) {
	if len(l.items) == 0 {
		return data.Ref{}, false
	}
	return l.rows[l.items[l.sel]].ref, true
}

// SetSize gives the pane its size, lays the rows out again when the width
// changed and keeps the selection in view.
func (l *listPane) SetSize(w, h int) {
	if w != l.width || l.rowLine == nil {
		l.styled = nil
		l.width = w
		l.layoutLines()
	}
	l.height = h
	l.keepInView()
}

// prepare styles the visible lines that are not cached yet.
func (l *listPane) prepare(st *styles) {
	if l.styledBy != st || len(l.styled) != len(l.lines) {
		l.styled, l.styledBy = make([]string, len(l.lines)), st
	}
	for i := l.offset; i < len(l.lines) && i < l.offset+l.height; i++ {
		if l.styled[i] == "" {
			l.styled[i] = l.lineView(st, l.lines[i], false, false)
		}
	}
}

// Move moves the selection by n items and scrolls to keep it in view.
func (l *listPane) Move(n int) {
	l.setSel(l.sel + n)
}

// First selects the first item.
func (l *listPane) First() { l.setSel(0) }

// Last selects the last item.
func (l *listPane) Last() { l.setSel(len(l.items) - 1) }

// Select selects the item r points at; it reports whether r is in the list.
func (l *listPane) Select(r data.Ref) bool {
	for i, row := range l.items {
		if l.rows[row].ref == r {
			l.setSel(i)
			return true
		}
	}
	return false
}

// Scroll moves the window by n lines without moving the selection, as a
// mouse wheel does.
func (l *listPane) Scroll(n int) {
	l.offset = clamp(l.offset+n, 0, max(0, len(l.lines)-l.height))
}

// SelectRow selects the item drawn on line y of the pane (0 is the top);
// it reports whether there was an item there.
func (l *listPane) SelectRow(y int) bool {
	line := l.offset + y
	if y < 0 || y >= l.height || line >= len(l.lines) || l.rows[l.lines[line].row].group {
		return false
	}
	row := l.lines[line].row
	for i, r := range l.items {
		if r == row {
			l.sel = i
			return true
		}
	}
	return false
}

func (l *listPane) setSel(i int) {
	if len(l.items) == 0 {
		l.sel = 0
		return
	}
	l.sel = clamp(i, 0, len(l.items)-1)
	l.keepInView()
}

// rowSpan is the first line of row and the number of lines it takes.
func (l *listPane) rowSpan(row int) (int, int) {
	first := l.rowLine[row]
	end := len(l.lines)
	if row+1 < len(l.rowLine) {
		end = l.rowLine[row+1]
	}
	return first, end - first
}

// keepInView scrolls so the selected item's lines, and its group heading
// when there is room, are visible.
func (l *listPane) keepInView() {
	if l.height <= 0 || len(l.items) == 0 || l.rowLine == nil {
		return
	}
	row := l.items[l.sel]
	first, n := l.rowSpan(row)
	top := first
	if row > 0 && l.rows[row-1].group {
		top = l.rowLine[row-1]
	}
	if top < l.offset {
		l.offset = top
	}
	if last := first + n - 1; last >= l.offset+l.height {
		l.offset = min(first, last-l.height+1)
	}
	l.offset = clamp(l.offset, 0, max(0, len(l.lines)-l.height))
}

// View draws the visible lines, each exactly the pane's width.
func (l listPane) View(st *styles, focused bool) string {
	return strings.Join(l.Lines(st, focused), "\n")
}

// Lines are the visible lines, each exactly the pane's width, one per line
// of the pane's height.
func (l listPane) Lines(st *styles, focused bool) []string {
	if l.width <= 0 || l.height <= 0 {
		return nil
	}
	lines := make([]string, 0, l.height)
	if len(l.rows) == 0 {
		lines = append(lines, fit(st.List.Empty.Render(truncate(" nothing here", l.width)), l.width))
	}
	selRow := -1
	if len(l.items) > 0 {
		selRow = l.items[l.sel]
	}
	for i := l.offset; i < len(l.lines) && len(lines) < l.height; i++ {
		switch {
		case l.lines[i].row == selRow:
			lines = append(lines, l.lineView(st, l.lines[i], true, focused))
		case l.styledBy == st && i < len(l.styled) && l.styled[i] != "":
			lines = append(lines, l.styled[i])
		default:
			lines = append(lines, l.lineView(st, l.lines[i], false, false))
		}
	}
	blank := strings.Repeat(" ", l.width)
	for len(lines) < l.height {
		lines = append(lines, blank)
	}
	return lines
}

// rowStyles are the marker and the styles of a row's line: selected (in
// the focused pane or not) or not.
func rowStyles(st *styles, r listRow, ln listLine, selected, focused bool) (marker string, text, meta, gutter lipgloss.Style) {
	marker, text, meta, gutter = "  ", st.List.Item, st.List.Meta, st.List.Gutter
	if r.mark != "" && ln.first {
		marker = r.mark
	}
	if selected {
		text, meta, gutter = st.List.SelectedInactive, st.List.SelectedInactive, st.List.SelectedInactive
		if focused {
			text, meta, gutter = st.List.Selected, st.List.SelectedMeta, st.List.SelectedMeta
		}
		if ln.first {
			marker = "▸ "
		}
	}
	return marker, text, meta, gutter
}

// lineView draws one line: marker, gutter, text and meta, in columns.
func (l listPane) lineView(st *styles, ln listLine, selected, focused bool) string {
	w := l.width
	r := l.rows[ln.row]
	if r.group {
		return fit(st.List.Group.Render(ln.text), w)
	}
	marker, text, meta, gutter := rowStyles(st, r, ln, selected, focused)
	if w <= 2 {
		return fit(st.List.Marker.Render(truncate(marker, w)), w)
	}
	var sb strings.Builder
	sb.WriteString(st.List.Marker.Render(marker))
	used := 2
	if l.showGutter && l.gutterW > 0 {
		g := ""
		if ln.first {
			g = r.gutter
		}
		g += strings.Repeat(" ", l.gutterW-textWidth(g)+2)
		sb.WriteString(gutter.Render(g))
		used += l.gutterW + 2
	}
	metaText := ""
	if l.showMeta && l.metaW > 0 {
		if ln.first {
			metaText = r.meta
		}
		metaText = strings.Repeat(" ", l.metaW-textWidth(metaText)+1) + metaText + " "
	}
	if !ln.first {
		metaText = ""
	}
	room := max(0, w-used-textWidth(metaText))
	main := truncate(ln.text, room)
	sb.WriteString(text.Render(main + strings.Repeat(" ", room-textWidth(main))))
	if metaText != "" {
		sb.WriteString(meta.Render(metaText))
	}
	return fit(sb.String(), w)
}

// Refs are the list's items, in order, without the group headings.
func (l *listPane) Refs() []data.Ref {
	var out []data.Ref
	for _, r := range l.rows {
		if !r.group {
			out = append(out, r.ref)
		}
	}
	return out
}

// SetMarks sets each item's marker to markOf its item, and drops the
// lines styled with the old markers.
func (l *listPane) SetMarks(markOf func(data.Ref) string) {
	for i := range l.rows {
		if r := &l.rows[i]; !r.group {
			r.mark = markOf(r.ref)
		}
	}
	l.styled = nil
}
