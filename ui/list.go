package ui

import (
	"strings"

	"github.com/brief-reader/brief/data"
)

// listRow is one line of a list pane: a group heading or an item. Text is
// already cleaned of terminal controls.
type listRow struct {
	group bool
	text  string
	meta  string
	ref   data.Ref
	// mark is "• " unseen, "~ " changed, "+ " new, "" read (memory.go).
	mark string
}

// listPane is the left pane of a master–detail tab: rows grouped under
// headings, one selected item, and a window of rows that fits its height.
// Only the visible window is ever styled, so a list of 10,000 items costs
// the same to draw as a list of ten.
type listPane struct {
	rows   []listRow
	items  []int // positions in rows of the selectable items
	sel    int   // index into items
	offset int   // first visible row
	width  int
	height int
	// styled caches rows drawn unselected, at the current width and
	// theme, filled for the visible window by prepare; moving the
	// selection re-styles only the rows it leaves and enters.
	styled   []string
	styledBy *styles
}

func newListPane(rows []listRow) listPane {
	l := listPane{rows: rows}
	for i, r := range rows {
		if !r.group {
			l.items = append(l.items, i)
		}
	}
	return l
}

// Len is the number of selectable items.
func (l listPane) Len() int { return len(l.items) }

// Index is the position of the selected item, 0-based.
func (l listPane) Index() int { return l.sel }

// Selected is the Ref of the selected item; ok is false for an empty list.
func (l listPane) Selected() (data.Ref, bool) {
	if len(l.items) == 0 {
		return data.Ref{}, false
	}
	return l.rows[l.items[l.sel]].ref, true
}

// SetSize gives the pane its size and keeps the selection in view.
func (l *listPane) SetSize(w, h int) {
	if w != l.width {
		l.styled = nil
	}
	l.width, l.height = w, h
	l.keepInView()
}

// prepare styles the visible rows that are not cached yet.
func (l *listPane) prepare(st *styles) {
	if l.styledBy != st || len(l.styled) != len(l.rows) {
		l.styled, l.styledBy = make([]string, len(l.rows)), st
	}
	for i := l.offset; i < len(l.rows) && i < l.offset+l.height; i++ {
		if l.styled[i] == "" {
			l.styled[i] = l.rowView(st, l.rows[i], false, false)
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

// Scroll moves the window by n rows without moving the selection, as a
// mouse wheel does.
func (l *listPane) Scroll(n int) {
	l.offset = clamp(l.offset+n, 0, max(0, len(l.rows)-l.height))
}

// SelectRow selects the item drawn on line y of the pane (0 is the top);
// it reports whether there was an item there.
func (l *listPane) SelectRow(y int) bool {
	row := l.offset + y
	if y < 0 || y >= l.height || row >= len(l.rows) || l.rows[row].group {
		return false
	}
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

// keepInView scrolls so the selected item, and its group heading when
// there is room, is visible.
func (l *listPane) keepInView() {
	if l.height <= 0 || len(l.items) == 0 {
		return
	}
	row := l.items[l.sel]
	top := row
	if row > 0 && l.rows[row-1].group {
		top = row - 1
	}
	if top < l.offset {
		l.offset = top
	}
	if row >= l.offset+l.height {
		l.offset = row - l.height + 1
	}
	l.offset = clamp(l.offset, 0, max(0, len(l.rows)-l.height))
}

// View draws the visible rows, each exactly the pane's width.
func (l listPane) View(st *styles, focused bool) string {
	return strings.Join(l.Lines(st, focused), "\n")
}

// Lines are the visible rows, each exactly the pane's width, one per line
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
	for i := l.offset; i < len(l.rows) && len(lines) < l.height; i++ {
		switch {
		case i == selRow:
			lines = append(lines, l.rowView(st, l.rows[i], true, focused))
		case l.styledBy == st && i < len(l.styled) && l.styled[i] != "":
			lines = append(lines, l.styled[i])
		default:
			lines = append(lines, l.rowView(st, l.rows[i], false, false))
		}
	}
	blank := strings.Repeat(" ", l.width)
	for len(lines) < l.height {
		lines = append(lines, blank)
	}
	return lines
}

func (l listPane) rowView(st *styles, r listRow, selected, focused bool) string {
	w := l.width
	if r.group {
		return fit(st.List.Group.Render(truncate(r.text, w)), w)
	}
	marker, text, meta := "  ", st.List.Item, st.List.Meta
	if r.mark != "" {
		marker = r.mark
	}
	if selected {
		marker = "▸ "
		text, meta = st.List.SelectedInactive, st.List.SelectedInactive
		if focused {
			text, meta = st.List.Selected, st.List.SelectedMeta
		}
	}
	if w <= 2 {
		return fit(st.List.Marker.Render(truncate(marker, w)), w)
	}
	room := w - 2
	metaText := ""
	if r.meta != "" && room-textWidth(r.meta)-2 >= min(12, textWidth(r.text)) {
		// A space after the meta keeps it off the pane's edge.
		metaText = " " + r.meta + " "
	}
	main := truncate(r.text, room-textWidth(metaText))
	gap := strings.Repeat(" ", max(0, room-textWidth(main)-textWidth(metaText)))
	return st.List.Marker.Render(marker) + text.Render(main+gap) + meta.Render(metaText)
}
