package ui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/internal/bookmarks"
)

// changedView is "what changed since you last read": the items new or
// changed in this edition, as they were at launch; enter goes to one.
type changedView struct {
	listOverlay
}

// openChanged is C.
func (m *Model) openChanged() {
	if m.mem.store == nil && len(m.mem.changed) == 0 {
		m.status = status{text: "nothing remembered yet: what changed shows once brief has its state"}
		return
	}
	m.changedView = changedView{}
	m.push(layerChanged)
}

func (m *Model) updateChanged(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	v := &m.changedView
	switch {
	case key.Matches(msg, k.Quit, k.Back, k.ChangedView):
		// q closes this view first, as it does every layer.
		m.drop(layerChanged)
	case v.move(msg, k, len(m.mem.changed)):
	case key.Matches(msg, k.Open):
		if v.sel < len(m.mem.changed) {
			ref := m.mem.changed[v.sel]
			m.drop(layerChanged)
			m.mem.changedAt = v.sel + 1
			m.jump(ref)
			return nil
		}
		m.noEntryKey(msg)
	default:
		m.overlayNoKey(msg, "j/k move · enter goes there · esc closes")
	}
	return nil
}

// changedPage is the What-changed layer's list: one line an item.
func (m *Model) changedPage() overlayPage {
	refs := m.mem.changed
	st := m.st
	nNew := len(m.mem.fresh)
	p := overlayPage{heading: " What changed since you last read: " + strconv.Itoa(len(refs)-nNew) + " changed, " + strconv.Itoa(nNew) + " new · enter goes there · esc closes",
		per: 1, n: len(refs)}
	if len(refs) == 0 {
		p.note = " nothing new or changed since you last read this briefing"
	}
	p.row = func(i int, selected bool, w int) []string {
		ref := refs[i]
		marker, text := "~ ", st.List.Item
		if m.mem.fresh[ref] {
			marker = "+ "
		}
		if selected {
			marker, text = "▸ ", st.List.Selected
		}
		title, _ := bookmarks.Describe(m.b, ref)
		if !m.b.Has(ref) {
			title = ref.String()
		}
		return []string{st.List.Marker.Render(marker) + text.Render(truncate(string(ref.Kind)+"  "+oneLine(title), w-2))}
	}
	return p
}
