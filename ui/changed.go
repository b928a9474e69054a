package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/internal/bookmarks"
)

// changedView is "what changed since you last read": the items new or
// changed in this edition, as they were at launch; enter goes to one.
type changedView struct {
	visible bool
	sel     int
}

// openChanged is C.
func (m *Model) openChanged() {
	if m.mem.store == nil && len(m.mem.changed) == 0 {
		m.status = status{text: "nothing remembered yet: what changed shows once brief has its state"}
		return
	}
	m.changedView = changedView{visible: true}
}

func (m *Model) updateChanged(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	v := &m.changedView
	switch {
	case key.Matches(msg, k.Quit, k.Back, k.ChangedView):
		// q closes this view first, as it does every layer.
		m.changedView = changedView{}
	case moveSelection(msg, k, &v.sel, len(m.mem.changed)):
	case key.Matches(msg, k.Open):
		if v.sel < len(m.mem.changed) {
			ref := m.mem.changed[v.sel]
			m.changedView = changedView{}
			m.mem.changedAt = v.sel + 1
			m.jump(ref)
		}
	}
	return nil
}

// changedLines draws the view in the body's place.
func (m Model) changedLines(w, h int) string {
	refs := m.mem.changed
	st := m.st
	nNew := len(m.mem.fresh)
	head := " What changed since you last read: " + strconv.Itoa(len(refs)-nNew) + " changed, " + strconv.Itoa(nNew) + " new · enter goes there · esc closes"
	lines := []string{fit(st.List.Group.Render(truncate(head, w)), w)}
	if len(refs) == 0 {
		lines = append(lines, fit(st.List.Empty.Render(" nothing new or changed since you last read this briefing"), w))
	}
	room := max(1, h-len(lines))
	first := max(0, min(m.changedView.sel-room/2, len(refs)-room))
	for i := first; i < len(refs) && i < first+room; i++ {
		ref := refs[i]
		marker, text := "~ ", st.List.Item
		if m.mem.fresh[ref] {
			marker = "+ "
		}
		if i == m.changedView.sel {
			marker, text = "▸ ", st.List.Selected
		}
		title, _ := bookmarks.Describe(m.b, ref)
		if !m.b.Has(ref) {
			title = ref.String()
		}
		lines = append(lines, fit(st.List.Marker.Render(marker)+text.Render(truncate(string(ref.Kind)+"  "+oneLine(title), w-2)), w))
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines[:h], "\n")
}
