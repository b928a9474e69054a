package perf

import "strings"

// Screen is the text of the emulated terminal's screen, one string per
// row with trailing blanks removed.
type Screen struct {
	Lines []string
	// AltScreen is whether the program is on the alternate screen.
	AltScreen bool
}

// Contains reports whether any row shows s.
func (sc Screen) Contains(s string) bool {
	for _, l := range sc.Lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// Last is the last row that is not blank.
func (sc Screen) Last() string {
	for i := len(sc.Lines) - 1; i >= 0; i-- {
		if strings.TrimSpace(sc.Lines[i]) != "" {
			return sc.Lines[i]
		}
	}
	return ""
}

// String is the screen as text, rows joined by newlines, trailing blank
// rows dropped.
func (sc Screen) String() string {
	return strings.TrimRight(strings.Join(sc.Lines, "\n"), "\n")
}

// Screen is what the emulated terminal shows now.
func (s *Session) Screen() Screen {
	s.termMu.Lock()
	defer s.termMu.Unlock()
	return s.screenLocked()
}

// screenLocked is Screen for a caller that holds termMu.
func (s *Session) screenLocked() Screen {
	w, h := s.emu.Width(), s.emu.Height()
	lines := make([]string, h)
	var sb strings.Builder
	for y := range h {
		sb.Reset()
		for x := range w {
			c := s.emu.CellAt(x, y)
			switch {
			case c == nil:
				sb.WriteByte(' ')
			case c.Content == "" && c.Width == 0:
				// the second column of a wide character
			case c.Content == "":
				sb.WriteByte(' ')
			default:
				sb.WriteString(c.Content)
			}
		}
		lines[y] = strings.TrimRight(sb.String(), " ")
	}
	return Screen{Lines: lines, AltScreen: s.emu.IsAltScreen()}
}
