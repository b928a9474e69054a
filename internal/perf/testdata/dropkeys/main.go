// Command dropkeys is a program with the start-up bug the early-key check
// exists to catch: it ignores every key until a second after it started,
// as a reader does that drops keys until its first layout is done.
package main

import (
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
)

type readyMsg struct{}

type model struct {
	ready bool
	keys  int
}

func (model) Init() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return readyMsg{} })
}

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case readyMsg:
		m.ready = true
	case tea.KeyPressMsg:
		if !m.ready {
			return m, nil
		}
		if msg.String() == "q" {
			return m, tea.Quit
		}
		m.keys++
	}
	return m, nil
}

func (m model) View() tea.View {
	v := tea.NewView(fmt.Sprintf("ready %v, keys %d", m.ready, m.keys))
	v.AltScreen = true
	return v
}

func main() {
	if _, err := tea.NewProgram(model{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "dropkeys:", err)
		os.Exit(1)
	}
}
