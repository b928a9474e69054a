package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// View assembles the screen from cached pieces: the panes' visible lines,
// the header and the status bar. Nothing is rendered with Glamour here.
func (m Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.WindowTitle = "brief"
	if !m.mouseOff {
		v.MouseMode = tea.MouseModeCellMotion
	}
	if m.search.typing() && m.sized && !m.lay.tooSmall {
		v.Cursor = m.search.cursor(m.lay.height - 1)
	}
	return v
}

func (m Model) screen() string {
	if !m.sized {
		return ""
	}
	if m.lay.tooSmall {
		return m.tooSmallView()
	}
	var body string
	switch {
	case m.help.visible:
		body = m.frame.help
	case m.briefings.visible, m.marks.visible, m.changedView.visible:
		body = m.frame.briefings
	case m.search.typing():
		body = overlay(m.bodyView(), m.frame.panel)
	default:
		body = m.bodyView()
	}
	return m.frame.header + "\n" + body + "\n" + m.frame.bottom
}

// tooSmallView fills a terminal below the minimum with a short message,
// cut to fit however small it is.
func (m Model) tooSmallView() string {
	msg := "Terminal too small: brief needs at least 30×8. Enlarge it, or press q to quit."
	lines := strings.Split(lipgloss.Wrap(msg, max(1, m.width), ""), "\n")
	for i, l := range lines {
		lines[i] = m.st.TooSmall.Render(truncate(l, m.width))
	}
	return fitBlock(strings.Join(lines, "\n"), m.width, m.height)
}

// headerView is the title line and the tab bar.
func (m Model) headerView() string {
	w := max(1, m.width)
	o := &m.b.Overview
	title := m.st.Header.Title.Render(truncate(" "+oneLine(o.Title), w))
	meta := " · " + oneLine(o.Place) + " · " + dateRange(o.Start, o.End)
	line := title
	if rest := w - textWidth(title); rest > 3 {
		line += m.st.Header.Meta.Render(truncate(meta, rest))
	}
	return fit(line, w) + "\n" + m.tabBar(w)
}

// tabLabels are the tab bar's labels at a width: full names when they fit,
// else numbers with only the active tab named.
func tabLabels(active tabID, width int, unseen [tabCount]int) []string {
	labels := make([]string, tabCount)
	total := 0
	for i := range labels {
		labels[i] = " " + itoa(i+1) + " " + tabNames[i] + " " + countLabel(unseen[i])
		total += textWidth(labels[i])
	}
	if total <= width {
		return labels
	}
	for i := range labels {
		if tabID(i) != active {
			labels[i] = " " + itoa(i+1) + " "
		}
	}
	return labels
}

// tabAt is the tab whose label is at column x of the tab bar.
func tabAt(active tabID, width, x int, unseen [tabCount]int) (tabID, bool) {
	col := 0
	for i, l := range tabLabels(active, width, unseen) {
		w := textWidth(l)
		if x >= col && x < col+w {
			return tabID(i), true
		}
		col += w
	}
	return 0, false
}

func (m Model) tabBar(w int) string {
	var sb strings.Builder
	for i, l := range tabLabels(m.active, w, m.unseenCounts()) {
		if tabID(i) == m.active {
			sb.WriteString(m.st.Tabs.Active.Render(l))
		} else {
			sb.WriteString(m.st.Tabs.Inactive.Render(l))
		}
	}
	return fit(sb.String(), w)
}

// bodyView is the panes: side by side when wide, one at a time otherwise.
func (m Model) bodyView() string {
	t := &m.tabs[m.active]
	l := m.lay
	placeholder := "  nothing selected"
	switch {
	case !t.hasList():
		return t.detail.View(m.st, placeholder)
	case !l.wide && m.focus == focusList:
		return t.list.View(m.st, true)
	case !l.wide:
		return t.detail.View(m.st, placeholder)
	}
	div := m.st.Pane.Divider
	if m.focus == focusDetail {
		div = m.st.Pane.DividerFocused
	}
	// Both panes' lines are exactly their width: join them line by line,
	// without measuring anything again.
	divider := div.Render("│")
	left := t.list.Lines(m.st, m.focus == focusList)
	right := t.detail.Lines(m.st, placeholder)
	var sb strings.Builder
	for i := range l.bodyH {
		if i > 0 {
			sb.WriteByte('\n')
		}
		if i < len(left) {
			sb.WriteString(left[i])
		}
		sb.WriteString(divider)
		if i < len(right) {
			sb.WriteString(right[i])
		}
	}
	return sb.String()
}

// statusView says where the reader is, the sources of what is shown, the
// keys that matter here and the mouse mode; a transient message takes the
// sources' place. When the width runs out, parts go in order of least use:
// sources first, then the keys, keeping ? help, the place and any message.
func (m Model) statusView() string {
	w := m.lay.width
	t := &m.tabs[m.active]
	where := m.active.String()
	if t.hasList() {
		if t.list.Len() == 0 {
			where += " (empty)"
		} else {
			where += " " + itoa(t.list.Index()+1) + "/" + itoa(t.list.Len())
		}
	}
	detailShown := !t.hasList() || m.lay.wide || m.focus == focusDetail
	if detailShown && t.detail.page != nil {
		where += " · " + itoa(t.detail.Percent()) + "%"
	}
	place := m.st.Status.Place.Render(" " + where)

	var info string
	infoStyle := m.st.Status.Desc
	urgent := true // a message or the hit count, not the sources
	switch {
	case m.status.text != "":
		info, infoStyle = oneLine(m.status.text), m.st.Status.Message
		if m.status.warn {
			infoStyle = m.st.Status.Warn
		}
	case m.search.hitStatus() != "":
		info, infoStyle = m.search.hitStatus(), m.st.Status.Message
	default:
		urgent = false
	}
	switch {
	case urgent:
	case detailShown && t.detail.page != nil && len(t.detail.page.sources) > 0:
		info = "src: " + oneLine(strings.Join(t.detail.page.sources, ", "))
	}
	mode := m.st.Status.Mode.Render("mouse " + onOff(!m.mouseOff) + " ")
	sep := m.st.Status.Desc.Render(" · ")
	bindings := m.contextKeys()
	keys := make([]string, len(bindings))
	for i, b := range bindings {
		h := b.Help()
		keys[i] = m.st.Status.Key.Render(h.Key) + " " + m.st.Status.Desc.Render(h.Desc)
	}
	// Parts join while they fit, most useful first: a message (or the
	// search's hit count) keeps up to 40 columns, then ? help, the mouse
	// mode, the other keys in the order listed, and the sources last.
	used := textWidth(place) + 1
	if urgent {
		used += min(textWidth(info), 40) + 2
	}
	take := func(s string) bool {
		if used+textWidth(s) > w {
			return false
		}
		used += textWidth(s)
		return true
	}
	help := keys[len(keys)-1]
	helpShown := take(help + " ")
	modeShown := take(mode)
	var shown []string
	for _, k := range keys[:len(keys)-1] {
		if !helpShown || !take(k+sep) {
			break
		}
		shown = append(shown, k)
	}
	var right string
	if helpShown {
		right = strings.Join(append(shown, help), sep) + " "
	}
	if modeShown {
		right += mode
	}
	room := w - textWidth(place) - textWidth(right) - 3
	mid := ""
	if info != "" && (room >= min(textWidth(info), 12) || (urgent && room > 3)) {
		mid = "  " + infoStyle.Render(truncate(info, room))
	}
	gap := max(0, w-textWidth(place)-textWidth(mid)-textWidth(right))
	return fit(place+mid+strings.Repeat(" ", gap)+right, w)
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// contextKeys are the two or three keys that matter where the reader is.
func (m Model) contextKeys() []key.Binding {
	k := m.keys
	t := &m.tabs[m.active]
	out := make([]key.Binding, 0, 4)
	switch {
	case t.hasList() && m.focus == focusList:
		out = append(out, k.Open)
	case t.id == tabSources:
		out = append(out, k.OpenURL, k.Copy)
	case len(t.detail.refLines) > 0:
		out = append(out, k.NextRef)
	}
	if m.search.hitStatus() != "" {
		out = append(out, k.NextHit)
	} else {
		out = append(out, k.Search)
	}
	if len(m.history) > 0 {
		out = append(out, k.History)
	}
	return append(out, k.Help)
}
