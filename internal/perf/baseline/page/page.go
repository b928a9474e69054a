// Package page is the floor program's page: one page of Markdown rendered
// by Glamour in a viewport on the alternate screen, with a status line
// that changes on every key. The floor program (../) runs it in a
// terminal; the floor server (internal/perf/floorserve) serves the same
// Markdown, rendered the same way.
package page

import (
	_ "embed"
	"fmt"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
)

// Markdown is the page: about 40 lines, with the elements a briefing's
// detail pane has.
//
//go:embed page.md
var Markdown string

// Render renders the page at a width with Glamour's dark style.
func Render(width int) (string, error) {
	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(styles.DarkStyle),
		glamour.WithWordWrap(width))
	if err != nil {
		return "", err
	}
	return r.Render(Markdown)
}

// Quits reports whether a message is one of the keys that quit.
func Quits(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && (k.String() == "q" || k.String() == "ctrl+c")
}

// Model renders the page once per width, on the size message, and shows
// it in a viewport above a status line. The status line counts the keys,
// as a pager's shows the position, so that every key changes the screen
// and its latency can be measured.
type Model struct {
	width   int
	vp      viewport.Model
	keys    int
	lastKey string
	err     error
}

// Init does nothing: the page is rendered on the first size message.
func (m Model) Init() tea.Cmd { return nil }

// Update quits on q and ctrl+c, renders on a new width and counts keys.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if Quits(msg) {
		return m, tea.Quit
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height-1)
		return m, nil
	case tea.KeyPressMsg:
		m.keys++
		m.lastKey = msg.String()
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

// resize renders the page for a new width and sizes the viewport.
func (m *Model) resize(width, height int) {
	if width != m.width || m.err != nil {
		m.width = width
		out, err := Render(width)
		if err != nil {
			m.err = err
			return
		}
		m.err = nil
		m.vp = viewport.New(viewport.WithWidth(width), viewport.WithHeight(height))
		m.vp.SetContent(out)
	}
	m.vp.SetWidth(width)
	m.vp.SetHeight(height)
}

// View is the viewport above the status line, on the alternate screen.
func (m Model) View() tea.View {
	status := fmt.Sprintf(" %3.0f%% · key %d: %s", m.vp.ScrollPercent()*100, m.keys, m.lastKey)
	content := m.vp.View() + "\n" + status
	if m.err != nil {
		content = "baseline: " + m.err.Error()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	return v
}
