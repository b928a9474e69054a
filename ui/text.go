package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
)

// textWidth is the number of terminal cells s takes: wide characters count
// two, combining marks none, escape sequences nothing.
func textWidth(s string) int {
	// Printable ASCII, most list rows, is one cell a byte: skip the
	// grapheme segmentation lipgloss.Width does.
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return lipgloss.Width(s)
		}
	}
	return len(s)
}

// truncate cuts s to at most w cells, ending in "…" when it cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if textWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// fit makes one line exactly w cells wide: cut when longer, padded with
// spaces when shorter.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := textWidth(s)
	switch {
	case n > w:
		return ansi.Truncate(s, w, "")
	case n < w:
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// fitBlock makes s exactly w cells wide and h lines high.
func fitBlock(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = fit(l, w)
	}
	blank := strings.Repeat(" ", w)
	for len(lines) < h {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

func clamp(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return min(max(v, lo), hi)
}

// tail cuts s to its last w cells, marking the cut with an ellipsis: for
// text being typed, whose end is where the reader looks.
func tail(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := textWidth(s)
	if n <= w {
		return s
	}
	return ansi.TruncateLeft(s, n-w+1, "…")
}

// clean is the last line of defence against escape injection: every bundle
// string passes through it before it is drawn, even though the loader
// already cleaned it. It also folds line breaks for one-line places.
func clean(s string) string { return data.CleanText(s) }

// oneLine cleans s and joins its lines, for list rows and status text.
func oneLine(s string) string {
	s = clean(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// mdText turns bundle text into Markdown that shows the text as written:
// nothing in a bundle can become a link, an autolink, HTML, emphasis, a
// heading, a list or a table. Paragraph breaks stay.
func mdText(s string) string {
	s = clean(s)
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/8)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			sb.WriteByte('\n')
		}
		escapeMarkdown(&sb, strings.TrimSpace(line), textPunct, true)
	}
	return sb.String()
}

// mdLine is mdText on one line.
func mdLine(s string) string { return mdText(oneLine(s)) }

// textPunct are the characters Markdown builds emphasis, code spans,
// strikethrough, links, images, HTML, entities, tables and e-mail links
// from anywhere in a line. linkPunct leaves out emphasis, for prose whose
// Markdown is kept.
const (
	textPunct = "\\`*_~[]<>&|@"
	linkPunct = "\\`[]<>&|@"
)

// escapeMarkdown writes s with the characters in set made literal as
// character references ("&#42;"), and, when structure is set, what would
// open a block at the start of the line (a heading, quote, list, table,
// setext underline). "://" and "www." lose their link-making power too.
// Only these few characters are escaped: Glamour may wrap a line where a
// reference meets the text around it. It drops a backslash written as a
// reference, so that one is escaped with another backslash.
func escapeMarkdown(sb *strings.Builder, s, set string, structure bool) {
	start := 0
	if structure {
		start = escapeLineStart(sb, s)
	}
	for i, r := range s[start:] {
		i += start
		switch {
		case r == '\t':
			sb.WriteByte(' ')
		case r == '\\' && strings.ContainsRune(set, r):
			sb.WriteString(`\\`)
		case r < 0x80 && strings.ContainsRune(set, r),
			r == ':' && strings.HasPrefix(s[i+1:], "//"),
			r == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www"):
			writeRef(sb, r)
		default:
			sb.WriteRune(r)
		}
	}
}

// escapeLineStart writes what of s's start would open a block (an ordered
// list's "1." or "1)", a heading, quote, list, table or setext underline)
// made literal, and returns how much of s it wrote.
func escapeLineStart(sb *strings.Builder, s string) int {
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	switch {
	case digits > 0 && digits < len(s) && (s[digits] == '.' || s[digits] == ')'):
		sb.WriteString(s[:digits])
		writeRef(sb, rune(s[digits]))
		return digits + 1
	case s != "" && strings.IndexByte("#+-=:>|", s[0]) >= 0:
		writeRef(sb, rune(s[0]))
		return 1
	}
	return 0
}

// writeRef writes r as a Markdown character reference.
func writeRef(sb *strings.Builder, r rune) {
	sb.WriteString("&#")
	sb.WriteString(strconv.Itoa(int(r)))
	sb.WriteByte(';')
}

// safeURL reports whether u may be opened or shown as a link: http and
// https only, and nothing that could end an OSC 8 sequence or a Markdown
// link.
func safeURL(u string) bool {
	lower := strings.ToLower(u)
	if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") {
		return false
	}
	return !strings.ContainsFunc(u, func(r rune) bool {
		return r <= ' ' || r == 0x7f || r == '<' || r == '>' || r == '\\' || (r >= 0x80 && r < 0xa0)
	}) && clean(u) == u
}

func itoa(n int) string { return strconv.Itoa(n) }
