package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpOverlay is the ? screen: every key, generated from the keymap.
type helpOverlay struct {
	offset int
	// filter narrows the overlay to the keys whose key or description
	// holds it; filtering is set while it is being typed.
	filter    string
	filtering bool
}

// scroll moves the help n lines, not above its top.
func (h *helpOverlay) scroll(n int) { h.offset = max(0, h.offset+n) }

func (m *Model) updateHelp(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	h := &m.help
	if h.filtering {
		if why := h.typeFilter(msg, k); why != "" {
			m.status = status{text: why}
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Back) && h.filter != "":
		h.filter, h.offset = "", 0
	case key.Matches(msg, k.Help, k.Back, k.Quit):
		m.drop(layerHelp)
	case key.Matches(msg, k.HelpFilter):
		h.filtering, h.offset = true, 0
	case key.Matches(msg, k.Down):
		h.offset++
	case key.Matches(msg, k.Up):
		h.offset--
	case key.Matches(msg, k.Top):
		h.offset = 0
	case key.Matches(msg, k.Bottom):
		h.offset = len(m.helpLines(m.lay.width))
	case key.Matches(msg, k.PageDown, k.HalfDown):
		h.offset += max(1, m.lay.bodyH/2)
	case key.Matches(msg, k.PageUp, k.HalfUp):
		h.offset -= max(1, m.lay.bodyH/2)
	default:
		m.status = status{text: "in help: j/k scroll, / filters, ? esc or q close"}
	}
	h.offset = max(0, h.offset)
	return nil
}

// maxHelpFilter bounds the help filter: it is matched against one key's
// line, and none is longer (keys_test checks), so a longer filter could
// match nothing.
const maxHelpFilter = 64

// typeFilter takes a key while the filter is typed: enter keeps it, esc
// clears it. A key that changes nothing returns why, for the status bar.
func (h *helpOverlay) typeFilter(msg tea.KeyPressMsg, k keyMap) (why string) {
	h.offset = 0
	switch {
	case key.Matches(msg, k.Back):
		h.filter, h.filtering = "", false
	case key.Matches(msg, k.Open):
		h.filtering = false
	case msg.Code == tea.KeyBackspace:
		r := []rune(h.filter)
		if len(r) == 0 {
			return "the filter is empty: type to narrow the keys, esc leaves it"
		}
		h.filter = string(r[:len(r)-1])
	case msg.Text != "":
		return h.addToFilter(msg)
	default:
		return msg.String() + " types nothing in the filter: enter keeps it, esc clears it"
	}
	return ""
}

// addToFilter adds what msg types to the filter, what of it shows: a
// character that would not show (a control or format character) cannot be
// seen to filter, and a full filter takes nothing more.
func (h *helpOverlay) addToFilter(msg tea.KeyPressMsg) (why string) {
	text := strings.Map(func(r rune) rune {
		if unicode.IsGraphic(r) {
			return r
		}
		return -1
	}, oneLine(msg.Text))
	switch {
	case text == "":
		return msg.String() + " types nothing in the filter: enter keeps it, esc clears it"
	case utf8.RuneCountInString(h.filter)+utf8.RuneCountInString(text) > maxHelpFilter:
		return "“" + oneLine(text) + "” not added: the filter is full at " + itoa(maxHelpFilter) +
			" characters, longer than any key's line; backspace deletes, esc clears"
	}
	h.filter += text
	return ""
}

// tabKeys are the keys of the active tab, what works here and not on
// every tab.
func (m Model) tabKeys() []key.Binding {
	k := m.keys
	t := &m.tabs[m.active]
	var out []key.Binding
	switch {
	case !t.hasList():
		out = append(out, k.NextRef, k.PrevRef, k.Open, k.Source)
	case t.onePane():
		out = append(out, k.Open, k.Back, k.NextRef, k.Source)
	default:
		out = append(out, k.Open, k.FocusList, k.FocusDetail, k.NextRef, k.Source)
	}
	switch t.id {
	case tabSources:
		out = append(out, k.OpenURL, k.Copy, k.CopyURL)
	case tabGlossary:
		out = append(out, k.Language)
	}
	return out
}

// legendEntry is a line of help that explains what the screen shows, not
// a key: it is drawn like a binding, and never matched against keys.
func legendEntry(what, means string) key.Binding {
	return key.NewBinding(key.WithKeys("legend "+what), key.WithHelp(what, means))
}

// tabLegend names every tab with its number and the short name the tab bar
// uses when the full names do not fit.
func tabLegend() []key.Binding {
	out := make([]key.Binding, tabCount)
	for i := range out {
		out[i] = legendEntry(itoa(i+1), tabNames[i]+" ("+shortTabNames[i]+")")
	}
	return out
}

// markLegend explains the tab bar's counts and the marks in the lists'
// gutters.
func markLegend() []key.Binding {
	return []key.Binding{
		legendEntry("·N", "rows with something unseen (tab bar)"),
		legendEntry("•", "not opened yet"),
		legendEntry("+", "new since your last read"),
		legendEntry("~", "changed since your last read"),
		legendEntry("≠", "figure the sources disagree on"),
		legendEntry("≈", "same figure, another time or precision"),
	}
}

// helpGroups are fullHelp's groups and titles narrowed to the filter.
func (m Model) helpGroups() ([][]key.Binding, []string) {
	// First the keys that matter where the reader is, as the status bar
	// lists them, then every key.
	groups := append([][]key.Binding{m.tabKeys()}, m.keys.fullHelp()...)
	groups = append(groups, tabLegend(), markLegend())
	allTitles := append([]string{"Here: " + m.active.String()}, fullHelpTitles...)
	allTitles = append(allTitles, "Tabs (short names)", "Marks")
	f := strings.ToLower(m.help.filter)
	if f == "" {
		return groups, allTitles
	}
	var out [][]key.Binding
	var titles []string
	for i, g := range groups {
		var keep []key.Binding
		for _, b := range g {
			h := b.Help()
			if strings.Contains(strings.ToLower(h.Key+" "+h.Desc), f) {
				keep = append(keep, b)
			}
		}
		if len(keep) > 0 {
			out, titles = append(out, keep), append(titles, allTitles[i])
		}
	}
	return out, titles
}

// helpLines lays the key groups out in as many columns as fit in width.
func (m Model) helpLines(width int) []string {
	hm := help.New()
	hm.Styles = m.st.Help
	groups, titles := m.helpGroups()
	if len(groups) == 0 {
		return []string{m.st.Status.Desc.Render("no key matches “" + oneLine(m.help.filter) + "”")}
	}
	cols := make([]string, len(groups))
	colW := 0
	for i, g := range groups {
		title := m.st.HelpTitle.Render(titles[i])
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
// when it is taller than the screen, with a footer that says where in it
// the view is and how to filter it.
func (m Model) helpView() string {
	l := m.lay
	frameW, frameH := m.st.HelpBox.GetHorizontalFrameSize(), m.st.HelpBox.GetVerticalFrameSize()
	innerW := max(1, l.width-frameW)
	lines := m.helpLines(innerW)
	innerH := max(1, l.bodyH-frameH)
	visible := max(1, innerH-1)
	offset := clamp(m.help.offset, 0, max(0, len(lines)-visible))
	end := min(len(lines), offset+visible)
	more := ""
	if len(lines) > visible {
		switch {
		case offset > 0 && end < len(lines):
			more = "↑↓"
		case end < len(lines):
			more = "↓"
		default:
			more = "↑"
		}
		more += " " + itoa(offset+1) + "–" + itoa(end) + "/" + itoa(len(lines)) + " j/k · "
	}
	footer := m.helpFooter(more, innerW)
	lines = lines[offset:end]
	for i, s := range lines {
		lines[i] = truncate(s, innerW)
	}
	content := strings.Join(append(lines, truncate(m.st.Status.Desc.Render(footer), innerW)), "\n")
	box := m.st.HelpBox.Render(content)
	return fitBlock(lipgloss.Place(l.width, l.bodyH, lipgloss.Center, lipgloss.Center, box), l.width, l.bodyH)
}

// helpFooter is the help's last line, w wide at most: where in the keys
// the view is (more), and the filter with its end always in view, so that
// every character typed shows.
func (m Model) helpFooter(more string, w int) string {
	f, before, after := oneLine(m.help.filter), "", ""
	switch {
	case m.help.filtering:
		before, after = "filter: ", "▏ enter keeps · esc clears"
	case f != "":
		before, after = "filter “", "” · esc clears · / edits"
	default:
		return more + "? esc q close · / filter"
	}
	room := w - textWidth(more+before) - textWidth(after)
	if room < 8 {
		// Too narrow for the hint: the filter comes first.
		after, _, _ = strings.Cut(after, " ")
		room = w - textWidth(more+before) - textWidth(after)
	}
	return more + before + tail(f, room) + after
}
