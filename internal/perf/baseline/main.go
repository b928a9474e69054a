// Command baseline is the floor brief's performance is measured against:
// the smallest program on the same stack (Bubble Tea, Lip Gloss, Bubbles,
// Glamour) that shows what brief shows, one page of Markdown rendered by
// Glamour in a viewport on the alternate screen. It quits on q or ctrl+c.
// The hello world beside it (./hello) is the second reference point: it
// is a separate program because importing Glamour costs start-up time
// even when nothing is rendered.
package main

import (
	_ "embed"
	"fmt"
	"os"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
)

// page is the Markdown the baseline shows: about 40 lines, with the
// elements a briefing's detail pane has.
//
//go:embed page.md
var page string

func main() {
	if _, err := tea.NewProgram(pageModel{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}

// quits reports whether a message is one of the keys that quit.
func quits(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && (k.String() == "q" || k.String() == "ctrl+c")
}

// pageModel renders the page once per width, on the size message, and
// shows it in a viewport above a status line. The status line counts the
// keys, as a pager's shows the position, so that every key changes the
// screen and its latency can be measured.
type pageModel struct {
	renderer *glamour.TermRenderer
	width    int
	vp       viewport.Model
	keys     int
	lastKey  string
	err      error
}

func (m pageModel) Init() tea.Cmd { return nil }

func (m pageModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if quits(msg) {
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
func (m *pageModel) resize(width, height int) {
	if width != m.width || m.renderer == nil {
		m.width = width
		r, err := glamour.NewTermRenderer(
			glamour.WithStandardStyle(styles.DarkStyle),
			glamour.WithWordWrap(width))
		if err != nil {
			m.err = err
			return
		}
		m.renderer = r
		out, err := r.Render(page)
		if err != nil {
			m.err = err
			return
		}
		m.vp = viewport.New(viewport.WithWidth(width), viewport.WithHeight(height))
		m.vp.SetContent(out)
	}
	m.vp.SetWidth(width)
	m.vp.SetHeight(height)
}

func (m pageModel) View() tea.View {
	status := fmt.Sprintf(" %3.0f%% · key %d: %s", m.vp.ScrollPercent()*100, m.keys, m.lastKey)
	content := m.vp.View() + "\n" + status
	if m.err != nil {
		content = "baseline: " + m.err.Error()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	return v
}
