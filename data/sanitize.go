package data

import (
	"fmt"
	"strings"
	"unicode"
)

// CleanText neutralises everything in a bundle's text that a terminal could
// interpret: C0 and C1 control characters (ESC starts ANSI, OSC and DCS
// sequences), DEL, and invisible format characters such as bidi overrides
// and zero-width spaces. Each is replaced by a visible escape ("\x1b",
// "\u202e") so a reader sees that something was there. Newlines and tabs
// are kept. Text that needs no change is returned as is, without copying.
func CleanText(s string) string {
	if strings.IndexFunc(s, needsEscape) < 0 {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == unicode.ReplacementChar:
			sb.WriteRune(r)
		case needsEscape(r) && r < 0x100:
			fmt.Fprintf(&sb, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func needsEscape(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	case r == '\u200c' || r == '\u200d':
		// Zero-width (non-)joiners shape Indic scripts and emoji; they move
		// nothing and hide nothing.
		return false
	}
	return unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}
