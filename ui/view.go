package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
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
	if m.top() == layerSearch && m.sized && !m.lay.tooSmall {
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
	switch m.top() {
	case layerTab:
		body = m.bodyView()
	case layerSearch:
		body = overlay(m.bodyView(), m.frame.panel)
	case layerHelp:
		body = m.frame.help
	default:
		body = m.frame.overlay
	}
	// A message of more than one line covers the panes' last lines.
	if extra := strings.Count(m.frame.bottom, "\n"); extra > 0 {
		lines := strings.Split(body, "\n")
		body = strings.Join(lines[:max(0, len(lines)-extra)], "\n")
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
	// The title is never cut for its place and dates: they give way whole,
	// the place first (both are on the Overview).
	dates := " · " + oneLine(words.DateRange(o.Start, o.End))
	line := title
	for _, meta := range []string{" · " + oneLine(o.Place) + dates, dates} {
		if textWidth(title)+textWidth(meta) <= w {
			line += m.st.Header.Meta.Render(meta)
			break
		}
	}
	return fit(line, w) + "\n" + m.tabBar(w)
}

// tabForm is one way of writing the tab bar's labels.
type tabForm struct {
	names *[tabCount]string
	// counts shows the unseen counts; spaced puts a space before them;
	// dense keeps one space between labels, not two; unnumbered leaves
	// the number (the tab's key) off every tab but the active one.
	counts, spaced, dense, unnumbered bool
}

// tabForms are the tab bar's forms, widest first: full names with the
// unseen counts, spaced, tight, dense, then without the inactive tabs'
// numbers, tight and dense (so 100 columns name and count every tab of
// the built-in briefing: the numbers are the tabs' keys, in order, and
// help lists them); full names alone; short names with the counts, tight then
// dense; short names alone (80 columns name every tab).
var tabForms = []tabForm{
	{&tabNames, true, true, false, false}, {&tabNames, true, false, false, false},
	{&tabNames, true, false, true, false}, {&tabNames, true, false, false, true}, {&tabNames, true, false, true, true},
	{&tabNames, false, false, false, false},
	{&shortTabNames, true, false, false, false}, {&shortTabNames, true, false, true, false},
	{&shortTabNames, false, false, false, false},
}

// usable says whether form f may be used: the inactive tabs' numbers give
// way only to keep counts there are, from the width that names every tab
// in full (wideWidth); narrower, short names keep them.
func (f tabForm) usable(width int, unseen [tabCount]int) bool {
	if !f.unnumbered {
		return true
	}
	return width >= wideWidth && slices.ContainsFunc(unseen[:], func(n int) bool { return n > 0 })
}

// labels are the tab bar's labels in form f, and their width.
func (f tabForm) labels(active tabID, unseen [tabCount]int) ([]string, int) {
	labels := make([]string, tabCount)
	total := 0
	for i := range labels {
		l := f.names[i]
		if !f.unnumbered || tabID(i) == active {
			l = itoa(i+1) + " " + l
		}
		if f.counts && unseen[i] > 0 {
			if f.spaced {
				l += " "
			}
			l += "·" + itoa(unseen[i])
		}
		if !f.dense || i == 0 {
			l = " " + l
		}
		labels[i] = l + " "
		total += textWidth(labels[i])
	}
	return labels, total
}

// tabLabels are the tab bar's labels at a width, in the first of
// tabForms that fits, else numbers with only the active tab named.
func tabLabels(active tabID, width int, unseen [tabCount]int) []string {
	for _, f := range tabForms {
		if !f.usable(width, unseen) {
			continue
		}
		if labels, total := f.labels(active, unseen); total <= width {
			return labels
		}
	}
	labels := make([]string, tabCount)
	for i := range labels {
		labels[i] = " " + itoa(i+1) + " "
		if tabID(i) == active {
			labels[i] += tabNames[i] + " "
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
	case !m.sideBySide(t) && m.focus == focusList:
		return m.listView(t)
	case !m.sideBySide(t):
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
	// Sized first: grown by doubling, the body (the most of a frame) was
	// allocated about twice over, on every frame of every served session.
	n := l.bodyH * (len(divider) + 1)
	for _, s := range left {
		n += len(s)
	}
	for _, s := range right {
		n += len(s)
	}
	var sb strings.Builder
	sb.Grow(n)
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
// keys that matter here and the mouse mode. A fresh message takes the
// whole bar until the next key. When the width runs out, parts go in order
// of least use: sources first, then the keys, keeping ? help and the place.
func (m Model) statusView() string {
	if o, p, ok := m.overlayOnTop(); ok {
		return m.overlayStatus(o, p)
	}
	w := m.lay.width
	place := m.st.Status.Place.Render(" " + m.statusPlace())
	if m.status.text != "" {
		return m.messageBar(place, m.status.text, m.messageStyle())
	}
	info, infoStyle, urgent := m.statusInfo()
	bar := statusBar{width: w, used: textWidth(place) + 1}
	if urgent {
		bar.used += min(textWidth(info), w/2) + 2
	}
	right := m.statusKeys(&bar)
	room := w - textWidth(place) - textWidth(right) - 3
	mid := ""
	if info != "" && (room >= min(textWidth(info), 12) || (urgent && room > 3)) {
		mid = "  " + infoStyle.Render(truncate(info, room))
	}
	gap := max(0, w-textWidth(place)-textWidth(mid)-textWidth(right))
	return fit(place+mid+strings.Repeat(" ", gap)+right, w)
}

// messageStyle is the style of the last key's message: a warning's or
// a plain message's.
func (m Model) messageStyle() lipgloss.Style {
	if m.status.warn {
		return m.st.Status.Warn
	}
	return m.st.Status.Message
}

// messageBar is the status bar with a message after the place. A message
// longer than the bar is never cut: it wraps onto more lines, the first
// after the place, the others from the left edge (up to two thirds of
// the panes' height; only a message longer than that ends in "…"), which
// cover the bottom of the panes until the next key, as a small layer
// would; a word longer than a line (a URL) breaks where the line ends.
func (m Model) messageBar(place, text string, style lipgloss.Style) string {
	w := m.lay.width
	placeW := textWidth(place)
	// The place's columns are held by a word that cannot break, so that
	// one wrap measures the first line after the place and the others
	// from the edge.
	held := strings.Repeat("x", placeW) + "  " + oneLine(text)
	lines := strings.Split(lipgloss.Wrap(held, max(placeW+3, w-1), " /-"), "\n")
	most := max(2, m.lay.bodyH*2/3)
	if len(lines) > most {
		lines = lines[:most]
		lines[most-1] = truncate(lines[most-1]+" …", w-1)
	}
	out := fit(place+style.Render(lines[0][placeW:]), w)
	for _, l := range lines[1:] {
		out += "\n" + fit(" "+style.Render(l), w)
	}
	return out
}

// statusPlace is where the reader is: the tab, the item's position in its
// list, and how far down the detail is read.
func (m Model) statusPlace() string {
	t := &m.tabs[m.active]
	where := m.active.String()
	if t.hasList() {
		if t.list.Len() == 0 {
			where += " (empty)"
		} else {
			where += " " + itoa(t.list.Pos()+1) + "/" + itoa(t.list.Len())
		}
	}
	if m.detailShown() && t.detail.HasPage() {
		where += " · " + itoa(t.detail.Percent()) + "%"
	}
	return where
}

// detailShown reports whether the active tab's detail is on screen.
func (m Model) detailShown() bool {
	t := &m.tabs[m.active]
	return !t.hasList() || m.sideBySide(t) || m.focus == focusDetail
}

// statusInfo is the middle of the bar: the search's hit marker or the
// selected reference (urgent: they keep up to half the bar), else the
// sources of what is shown.
func (m Model) statusInfo() (info string, style lipgloss.Style, urgent bool) {
	t := &m.tabs[m.active]
	detailShown := m.detailShown()
	switch {
	case m.hitShown():
		return m.search.hitStatus() + m.search.matchStatus(), m.st.Status.Message, true
	case detailShown && t.detail.RefSel() >= 0 && !t.detail.refOnScreen():
		if x, ok := t.detail.SelectedRef(); ok {
			return "▸ [" + itoa(t.detail.RefSel()+1) + "] " + x.kind + " " + x.label, m.st.Status.Message, true
		}
		return "", m.st.Status.Desc, true
	case detailShown && len(t.detail.Sources()) > 0:
		return "src: " + m.outlets(t.detail.Sources()), m.st.Status.Desc, false
	}
	return "", m.st.Status.Desc, false
}

// statusBar counts the columns of the status bar taken so far.
type statusBar struct{ width, used int }

// take reports whether s fits in what is left, and takes its room if so.
func (b *statusBar) take(s string) bool {
	if b.used+textWidth(s) > b.width {
		return false
	}
	b.used += textWidth(s)
	return true
}

// statusKeys is the right of the bar: the keys that fit, most useful
// first (? help, then the mouse mode, then the others in the order
// listed).
func (m Model) statusKeys(bar *statusBar) string {
	sep := m.st.Status.Desc.Render(" · ")
	mode := sep + m.st.Status.Mode.Render("mouse: "+onOff(!m.mouseOff)) + " "
	bindings := m.contextKeys()
	keys := make([]string, len(bindings))
	for i, b := range bindings {
		h := b.Help()
		keys[i] = m.st.Status.Key.Render(h.Key) + " " + m.st.Status.Desc.Render(h.Desc)
	}
	help := keys[len(keys)-1]
	helpShown := bar.take(help)
	others := keys[:len(keys)-1]
	var shown []string
	if helpShown && m.narrowDetail() && bar.take(others[0]+sep) {
		// A narrow detail always says how to go back (esc is first).
		shown, others = append(shown, others[0]), others[1:]
	}
	modeShown := bar.take(mode)
	if !modeShown {
		bar.take(" ")
	}
	for _, k := range others {
		if !helpShown || !bar.take(k+sep) {
			break
		}
		shown = append(shown, k)
	}
	var right string
	if helpShown {
		right = strings.Join(append(shown, help), sep)
	}
	if modeShown {
		right += mode
	} else if helpShown {
		right += " "
	}
	return right
}

// outlets names the sources ids by outlet, in order of publication.
func (m Model) outlets(ids []string) string {
	srcs := make([]*data.Source, 0, len(ids))
	for _, id := range ids {
		if s, ok := m.b.Source(id); ok {
			srcs = append(srcs, s)
		}
	}
	slices.SortStableFunc(srcs, func(x, y *data.Source) int { return strings.Compare(x.Published, y.Published) })
	names := make([]string, len(srcs))
	for i, s := range srcs {
		names[i] = oneLine(s.Outlet)
	}
	return strings.Join(names, ", ")
}

// hitShown reports whether the status bar shows the search's hit marker:
// while the hits are highlighted, on the tab the hit opened in.
func (m Model) hitShown() bool {
	return m.search.hitStatus() != "" && m.search.highlighting() && m.search.HitTab() == m.active
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
	if m.narrowDetail() {
		out = append(out, k.Back)
	}
	switch {
	case t.hasList() && m.focus == focusList:
		out = append(out, k.Open)
	case t.id == tabSources:
		out = append(out, k.OpenURL, k.Copy, k.CopyURL)
	case t.id == tabGlossary:
		out = append(out, k.Language)
	case t.detail.HasRefs():
		out = append(out, k.NextRef)
	}
	if m.hitShown() {
		out = append(out, k.NextHit, k.Back)
	} else {
		out = append(out, k.Search)
	}
	if len(m.history) > 0 {
		out = append(out, k.History)
	}
	return append(out, k.Help)
}
