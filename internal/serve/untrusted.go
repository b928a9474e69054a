package serve

import (
	"strings"
	"unicode"
)

// keptEnv are the only variables a client's environment passes to its
// reader: what picks the colours. The rest is dropped unseen.
var keptEnv = []string{"COLORTERM", "NO_COLOR", "COLORFGBG"}

// safeEnv is the client's TERM and colour variables, each value cleaned:
// short, printable, no escapes.
func safeEnv(env []string, term string) []string {
	out := []string{"TERM=" + safeTerm(term)}
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		for _, keep := range keptEnv {
			if k == keep {
				out = append(out, k+"="+safeWord(v))
			}
		}
	}
	return out
}

// safeTerm is a TERM value made of the characters terminal names use, or
// xterm-256color when the client's is empty or anything else.
func safeTerm(t string) string {
	w := safeWord(t)
	if w == "" || w != t {
		return "xterm-256color"
	}
	return w
}

// safeWord keeps letters, digits and ._+- of s, at most 64 of them.
func safeWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= 64 {
			break
		}
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._+-", r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func termOf(env []string) string {
	for _, kv := range env {
		if t, ok := strings.CutPrefix(kv, "TERM="); ok {
			return t
		}
	}
	return ""
}

// clean makes text from outside (an error naming what a client sent) safe
// for a log line: control characters and escapes become '?', and it is cut
// at 200 bytes.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return '?'
		}
		return r
	}, s)
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
