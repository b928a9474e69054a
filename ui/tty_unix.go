//go:build !windows

package ui

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
)

// openTerminalInput opens the terminal to read keys from: standard input,
// or the controlling terminal when standard input is redirected, as
// Bubble Tea would.
func openTerminalInput() (*terminalInput, error) {
	if term.IsTerminal(os.Stdin.Fd()) {
		return terminalOf(os.Stdin, os.Getenv("TERM"), func() {})
	}
	tty, out, err := tea.OpenTTY()
	if err != nil {
		return nil, fmt.Errorf("no terminal to read keys from: %w", err)
	}
	return terminalOf(tty, os.Getenv("TERM"), func() {
		_ = tty.Close()
		if out != tty {
			_ = out.Close()
		}
	})
}
