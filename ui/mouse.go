package ui

import tea "charm.land/bubbletea/v2"

// wheelStep is how many lines one notch of the wheel scrolls.
const wheelStep = 3

// handleWheel scrolls what is under the pointer on the layer on top.
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
	switch m.top() {
	case layerTab:
		t := &m.tabs[m.active]
		switch pane, _, _ := m.hit(ms.X, ms.Y); pane {
		case hitList:
			t.list.Scroll(step)
		case hitDetail:
			t.detail.Scroll(step)
		}
	case layerHelp:
		m.help.scroll(step)
	case layerSearch:
	default:
		if o, p, ok := m.overlayOnTop(); ok && !m.marks.Editing() {
			o.scroll(step, p.n)
		}
	}
}

// handleClick acts on what is under the pointer on the layer on top: on
// the tab, it selects a tab, a list item, or a reference (which it
// follows); on a list overlay, an entry; on help, it closes it.
func (m *Model) handleClick(ms tea.Mouse) tea.Cmd {
	if ms.Button != tea.MouseLeft {
		return nil
	}
	m.status = status{}
	switch m.top() {
	case layerTab:
		m.clickTab(ms)
	case layerHelp:
		m.drop(layerHelp)
	case layerSearch:
	default:
		y := ms.Y - m.lay.bodyY
		if o, p, ok := m.overlayOnTop(); ok && !m.marks.Editing() && y >= 0 && y < m.lay.bodyH {
			if i, ok := o.at(p, y, m.lay.bodyH); ok {
				o.choose(i)
			}
		}
	}
	return nil
}

// clickTab is a click on the active tab, with nothing over it.
func (m *Model) clickTab(ms tea.Mouse) {
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
}
