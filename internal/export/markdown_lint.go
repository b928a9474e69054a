package export

import "strings"

// What keeps the Markdown export clean for linters (markdownlint-cli2 with
// its default rules, run by .ci/run): no bare URLs, table rows spaced alike.

// autolink writes a value that is a whole http(s) URL as an autolink,
// <https://…>, so Markdown tools see a link rather than a bare URL. Other
// text is returned as is.
func autolink(s string) string {
	if (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && !strings.ContainsAny(s, " \t\n<>") {
		return "<" + s + ">"
	}
	return s
}

// tableRow is one row of a table, "| a | b |", with an empty cell written
// "| |" so that every pipe has one space on each side.
func tableRow(cells []string) string {
	var sb strings.Builder
	sb.WriteString("|")
	for _, c := range cells {
		if c == "" {
			sb.WriteString(" |")
			continue
		}
		sb.WriteString(" " + c + " |")
	}
	return sb.String()
}
