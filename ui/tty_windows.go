//go:build windows

package ui

// openTerminalInput gives no input on Windows: Bubble Tea reads the console
// itself there, in the console's VT input mode it sets up.
func openTerminalInput() (*terminalInput, error) { return nil, nil }
