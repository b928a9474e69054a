package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpOverlay is the ? screen: every key, generated from the keymap.
type helpOverlay struct {
	visible bool
	offset  int
}

// ShortHelp is the keys that matter where the reader is (help.KeyMap).
func (m Model) ShortHelp() []key.Binding { return m.contextKeys() }

// FullHelp is every key, in groups (help.KeyMap).
func (m Model) FullHelp() [][]key.Binding { return m.keys.fullHelp() }

func (m *Model) updateHelp(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		m.saveNow()
		return tea.Quit
	case key.Matches(msg, k.Help, k.Back):
		m.help = helpOverlay{}
	case key.Matches(msg, k.Down):
		m.help.offset++
	case key.Matches(msg, k.Up):
		m.help.offset--
	case key.Matches(msg, k.PageDown, k.HalfDown):
		m.help.offset += max(1, m.lay.bodyH/2)
	case key.Matches(msg, k.PageUp, k.HalfUp):
		m.help.offset -= max(1, m.lay.bodyH/2)
	}
	m.help.offset = max(0, m.help.offset)
	return nil
}

// helpLines lays the key groups out in as many columns as fit in width.
func (m Model) helpLines(width int) []string {
	hm := help.New()
	hm.Styles = m.st.Help
	groups := m.FullHelp()
	cols := make([]string, len(groups))
	colW := 0
	for i, g := range groups {
		title := m.st.HelpTitle.Render(fullHelpTitles[i])
		cols[i] = title + "\n" + hm.FullHelpView([][]key.Binding{g})
		colW = max(colW, lipgloss.Width(cols[i]))
	}
	perRow := clamp(width/(colW+3), 1, len(cols))
	var rows []string
	for i := 0; i < len(cols); i += perRow {
		end := min(i+perRow, len(cols))
		row := make([]string, 0, 2*(end-i))
		for j := i; j < end; j++ {
			if j > i {
				row = append(row, "   ")
			}
			row = append(row, fitBlock(cols[j], colW, lipgloss.Height(cols[j])))
		}
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Split(strings.Join(rows, "\n\n"), "\n")
}

// helpView draws the overlay in the body's place, centred, scrolled by j/k
// when it is taller than the screen.
func (m Model) helpView() string {
	l := m.lay
	frameW, frameH := m.st.HelpBox.GetHorizontalFrameSize(), m.st.HelpBox.GetVerticalFrameSize()
	innerW := max(1, l.width-frameW)
	lines := m.helpLines(innerW)
	footer := m.st.Status.Desc.Render("? or esc closes · j/k scroll")
	innerH := max(1, l.bodyH-frameH)
	visible := max(1, innerH-1)
	offset := clamp(m.help.offset, 0, max(0, len(lines)-visible))
	lines = lines[offset:min(len(lines), offset+visible)]
	for i, s := range lines {
		lines[i] = truncate(s, innerW)
	}
	content := strings.Join(append(lines, truncate(footer, innerW)), "\n")
	box := m.st.HelpBox.Render(content)
	return fitBlock(lipgloss.Place(l.width, l.bodyH, lipgloss.Center, lipgloss.Center, box), l.width, l.bodyH)
}
