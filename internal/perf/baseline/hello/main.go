// Command hello is the smallest Bubble Tea v2 program: one line on the
// alternate screen, q or ctrl+c to quit. It is the lower reference point
// of the performance harness, the cost of Bubble Tea alone.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

// greeting is what the program shows; the harness waits for it.
const greeting = "Hello, world! Press q to quit."

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() tea.View {
	v := tea.NewView(greeting)
	v.AltScreen = true
	return v
}

func main() {
	if _, err := tea.NewProgram(model{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
}
