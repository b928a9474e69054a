package export

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// markdown renders a briefing as GitHub-flavoured Markdown: headings per
// section, tables for figures and glossary terms, and citations as
// footnotes ("[^dantri]") defined at the end.
type markdown struct {
	buf *bytes.Buffer
	// known holds the source ids: only they become footnote references.
	known map[string]bool
	// last is the kind of the previous block, which decides what separates
	// it from the next one.
	last blockKind
}

type blockKind int

const (
	noBlock blockKind = iota
	textBlock
	fieldBlock
	itemBlock
)

func newMarkdown(buf *bytes.Buffer, b *data.Briefing) *markdown {
	known := make(map[string]bool, len(b.Sources))
	for _, s := range b.Sources {
		known[s.ID] = true
	}
	return &markdown{buf: buf, known: known}
}

// start separates a new block from the previous one: items of one list
// and fields of one group stay together, fields with a hard line break
// ("\" at the end of the line) so each keeps its own line.
func (m *markdown) start(k blockKind) {
	switch {
	case m.last == noBlock:
	case k == itemBlock && m.last == itemBlock:
		m.buf.WriteString("\n")
	case k == fieldBlock && m.last == fieldBlock:
		m.buf.WriteString("\\\n")
	default:
		m.buf.WriteString("\n\n")
	}
	m.last = k
}

func (m *markdown) title(title, subtitle string) {
	m.start(textBlock)
	m.buf.WriteString("# " + m.line(title) + "\n\n" + m.line(subtitle))
}

func (m *markdown) heading(level int, text string) {
	m.start(textBlock)
	m.buf.WriteString(strings.Repeat("#", level) + " " + m.line(text))
}

func (m *markdown) paragraph(text string, cites []string) {
	text = strings.TrimSpace(text)
	if text == "" && len(cites) == 0 {
		return
	}
	m.start(textBlock)
	m.buf.WriteString(m.inline(text) + m.cites(text, cites))
}

func (m *markdown) field(label, value string, cites []string) {
	m.start(fieldBlock)
	m.buf.WriteString("**" + m.line(label) + ":** " + m.line(autolink(value)) + m.cites(value, cites))
}

// label is a heading below the item's: a bold line would read as one but
// is not one to a Markdown tool (markdownlint MD036).
func (m *markdown) label(text string) {
	m.start(textBlock)
	m.buf.WriteString("#### " + m.line(text))
}

func (m *markdown) item(number int, lead, text string, cites []string) {
	m.start(itemBlock)
	if number > 0 {
		m.buf.WriteString(strconv.Itoa(number) + ". ")
	} else {
		m.buf.WriteString("- ")
	}
	if lead != "" {
		m.buf.WriteString("**" + m.line(words.WithStop(lead)) + "** ")
	}
	m.buf.WriteString(m.line(text) + m.cites(text, cites))
}

func (m *markdown) table(header []string, rows []row) {
	m.start(textBlock)
	numbered := slices.ContainsFunc(rows, func(r row) bool { return r.number > 0 })
	// A column empty in every row (notes, often) only takes room.
	var used []int
	for i := range header {
		if slices.ContainsFunc(rows, func(r row) bool { return strings.TrimSpace(r.cells[i]) != "" }) {
			used = append(used, i)
		}
	}
	var head []string
	if numbered {
		head = append(head, "#")
	}
	for _, i := range used {
		head = append(head, m.cell(header[i]))
	}
	head = append(head, "Sources")
	m.buf.WriteString("| " + strings.Join(head, " | ") + " |\n")
	m.buf.WriteString(strings.Repeat("| --- ", len(head)) + "|")
	for _, r := range rows {
		cells := make([]string, 0, len(head))
		if numbered {
			cells = append(cells, strconv.Itoa(r.number))
		}
		for _, i := range used {
			cells = append(cells, m.cell(r.cells[i]))
		}
		cells = append(cells, m.cites("", r.cites))
		m.buf.WriteString("\n" + tableRow(cells))
	}
}

func (m *markdown) references(sources []data.Source) {
	m.start(textBlock)
	for i, s := range sources {
		if i > 0 {
			m.buf.WriteString("\n")
		}
		s.URL = autolink(s.URL)
		m.buf.WriteString("[^" + s.ID + "]: " + m.line(words.Citation(&s)))
	}
	m.buf.WriteString("\n")
}

// inline neutralises a bundle text and turns its "[id]" citations into
// footnote references.
func (m *markdown) inline(s string) string {
	return footnoteRefs(escapeHTML(data.CleanText(s)), m.known)
}

// line is inline for texts that must stay on one line: headings, fields,
// list items and footnote definitions.
func (m *markdown) line(s string) string {
	return m.inline(strings.Join(strings.Fields(s), " "))
}

// cell is line for a table cell, where "|" would end the cell.
func (m *markdown) cell(s string) string {
	return strings.ReplaceAll(m.line(s), "|", `\|`)
}

// cites writes footnote references for the ids a text does not already
// cite inline.
func (m *markdown) cites(text string, ids []string) string {
	var sb strings.Builder
	for _, id := range data.Uncited(ids, text) {
		sb.WriteString("[^" + data.CleanText(id) + "]")
	}
	return sb.String()
}

// footnoteRefs turns each citation of a known source into "[^id]".
func footnoteRefs(s string, known map[string]bool) string {
	var sb strings.Builder
	last := 0
	for _, c := range data.ScanCitations(s) {
		if !known[c.ID] {
			continue
		}
		sb.WriteString(s[last:c.Start] + "[^" + c.ID + "]")
		last = c.End
	}
	if last == 0 {
		return s
	}
	return sb.String() + s[last:]
}

// escapeHTML keeps raw HTML in a bundle text from reaching a Markdown
// viewer as markup: a briefing is text, and viewers differ in what HTML
// they allow. "<" before a letter, "/", "!" or "?" opens a tag, except in
// an autolink such as <https://example.org>.
func escapeHTML(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '<' && i+1 < len(s) && opensTag(s[i+1:]) {
			sb.WriteByte('\\')
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

func opensTag(rest string) bool {
	for _, scheme := range []string{"http://", "https://", "mailto:"} {
		if strings.HasPrefix(rest, scheme) {
			return false
		}
	}
	c := rest[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?'
}
