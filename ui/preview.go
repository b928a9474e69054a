package ui

import "strings"

// previewMin is the fewest spare rows under the Timeline's list worth a
// preview: the rule and a few lines of the entry.
const previewMin = 6

// Spare is how many rows under the list's last line are empty.
func (l listPane) Spare() int {
	return max(0, l.height-(len(l.lines)-l.offset))
}

// previewLines fill the rows a one-pane list (the Timeline) leaves empty,
// every one of them, with the start of the selected entry's page, under a
// rule that says enter opens it; nil when fewer than previewMin rows are
// spare.
func (m *Model) previewLines(t *tab) []string {
	if !t.onePane() || m.focus != focusList || m.lay.tooSmall {
		return nil
	}
	spare := t.list.Spare()
	rows := spare - 1 // a blank row under the list
	ref, ok := t.current()
	if rows < previewMin || !ok {
		return nil
	}
	w := t.detail.Width()
	var r *rendered
	if m.firstScreen {
		r = m.cache.top(ref, w, rows)
	} else {
		r = m.cache.get(ref, w)
	}
	label := " preview · enter opens "
	if len(r.lines) > rows-1 {
		label = " preview · enter opens it whole "
	}
	rule := m.st.Pane.Divider.Render("──") + m.st.Status.Desc.Render(label) +
		m.st.Pane.Divider.Render(strings.Repeat("─", max(0, w-2-textWidth(label))))
	out := []string{fit("", w), fit(rule, w)}
	for _, l := range r.lines[:min(len(r.lines), rows-1)] {
		out = append(out, fit(l, w))
	}
	for len(out) < spare {
		out = append(out, fit("", w))
	}
	return out
}

// listView is a list alone on screen, with the preview in the rows it
// leaves empty when there is one.
func (m Model) listView(t *tab) string {
	if len(m.frame.preview) == 0 {
		return t.list.View(m.st, true)
	}
	lines := t.list.Lines(m.st, true)
	copy(lines[len(lines)-len(m.frame.preview):], m.frame.preview)
	return strings.Join(lines, "\n")
}
