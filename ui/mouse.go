package ui

import tea "charm.land/bubbletea/v2"

// wheelStep is how many lines one notch of the wheel scrolls.
const wheelStep = 3

// handleWheel scrolls the pane under the pointer.
func (m *Model) handleWheel(ms tea.Mouse) {
	step := 0
	switch ms.Button {
	case tea.MouseWheelDown:
		step = wheelStep
	case tea.MouseWheelUp:
		step = -wheelStep
	default:
		return
	}
	if m.help.visible {
		m.help.offset = max(0, m.help.offset+step)
		return
	}
	if m.search.open {
		return
	}
	t := &m.tabs[m.active]
	switch pane, _, _ := m.hit(ms.X, ms.Y); pane {
	case hitList:
		t.list.Scroll(step)
	case hitDetail:
		t.detail.Scroll(step)
	}
}

// handleClick selects what is under the pointer: a tab, a list item, or a
// reference (which it follows).
func (m *Model) handleClick(ms tea.Mouse) tea.Cmd {
	if ms.Button != tea.MouseLeft {
		return nil
	}
	m.status = status{}
	if m.help.visible {
		m.help = helpOverlay{}
		return nil
	}
	if m.search.open {
		return nil
	}
	t := &m.tabs[m.active]
	pane, x, y := m.hit(ms.X, ms.Y)
	switch pane {
	case hitTabs:
		if id, ok := tabAt(m.active, m.lay.width, x, m.unseenCounts()); ok {
			m.switchTab(id)
		}
	case hitList:
		if t.list.SelectRow(y) {
			m.focus = focusList
		}
	case hitDetail:
		m.focus = focusDetail
		if t.detail.RefAt(y) {
			if x, ok := t.detail.SelectedRef(); ok {
				m.jump(x.to)
			}
		}
	}
	return nil
}
