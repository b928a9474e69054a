// Package ansitrim trims the padding at the end of a styled line: the run
// of spaces and SGR sequences renderers such as Glamour and fang write to
// fill a line to its width.
package ansitrim

// TrimRight removes l's trailing spaces and the styles around them; a style
// left open by the cut is closed.
func TrimRight(l string) string {
	at := trailingPad(l)
	if at == len(l) {
		return l
	}
	cut := l[at:]
	l = l[:at]
	if l != "" && containsSGR(cut) {
		l += "\x1b[m"
	}
	return l
}

func containsSGR(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\x1b' && s[i+1] == '[' {
			return true
		}
	}
	return false
}

// trailingPad is where the run of spaces and SGR sequences (ESC [ digits
// and semicolons m) that ends l starts; len(l) when there is none.
func trailingPad(l string) int {
	end := len(l)
	for end > 0 {
		switch l[end-1] {
		case ' ':
			end--
		case 'm':
			i := end - 2
			for i >= 0 && (l[i] >= '0' && l[i] <= '9' || l[i] == ';') {
				i--
			}
			if i < 1 || l[i] != '[' || l[i-1] != '\x1b' {
				return end
			}
			end = i - 1
		default:
			return end
		}
	}
	return end
}
