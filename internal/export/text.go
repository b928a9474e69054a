package export

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// textWidth is the column the text export wraps at. A word longer than a
// line (a URL) is kept whole rather than broken where it cannot be copied.
const textWidth = 80

// text renders a briefing as plain text: no Markdown syntax, sections in
// capitals, citations as "[dantri]".
type text struct {
	buf  *bytes.Buffer
	last blockKind
}

func newText(buf *bytes.Buffer) *text { return &text{buf: buf} }

// start separates blocks by a blank line, sections by two; list items and
// fields of one group follow each other line by line.
func (t *text) start(k blockKind, section bool) {
	switch {
	case t.last == noBlock:
	case section:
		t.buf.WriteString("\n\n\n")
	case k == t.last && (k == itemBlock || k == fieldBlock):
		t.buf.WriteString("\n")
	default:
		t.buf.WriteString("\n\n")
	}
	t.last = k
}

func (t *text) title(title, subtitle string) {
	t.start(textBlock, false)
	t.buf.WriteString(wrap(strings.ToUpper(oneLine(title)), "") + "\n" + wrap(oneLine(subtitle), ""))
}

func (t *text) heading(level int, s string) {
	t.start(textBlock, level <= 2)
	s = oneLine(s)
	if level <= 2 {
		s = strings.ToUpper(s)
	}
	t.buf.WriteString(wrap(s, ""))
}

func (t *text) paragraph(s string, cites []string) {
	s = strings.TrimSpace(plainMarkdown(data.CleanText(s)))
	if s == "" && len(cites) == 0 {
		return
	}
	t.start(textBlock, false)
	paras := strings.Split(s, "\n\n")
	paras[len(paras)-1] += citeList(s, cites)
	for i, p := range paras {
		if i > 0 {
			t.buf.WriteString("\n\n")
		}
		t.buf.WriteString(wrap(reflow(p), ""))
	}
}

func (t *text) field(label, value string, cites []string) {
	t.start(fieldBlock, false)
	t.buf.WriteString(wrap(oneLine(label)+":"+strings.TrimRight(" "+oneLine(value), " ")+citeList(value, cites), "  "))
}

func (t *text) label(s string) {
	t.start(textBlock, false)
	t.buf.WriteString(wrap(oneLine(s)+":", ""))
}

func (t *text) item(number int, lead, s string, cites []string) {
	t.start(itemBlock, false)
	marker := "- "
	if number > 0 {
		marker = strconv.Itoa(number) + ". "
	}
	body := oneLine(s) + citeList(s, cites)
	if lead != "" {
		body = oneLine(words.WithStop(lead)) + " " + body
	}
	t.buf.WriteString(wrap(marker+strings.TrimSpace(body), strings.Repeat(" ", len(marker))))
}

// table writes each row as a list item: its first cell, then the others
// labelled by their column, since a grid of long texts cannot fit 80
// columns.
func (t *text) table(header []string, rows []row) {
	for _, r := range rows {
		var parts []string
		for i, c := range r.cells[1:] {
			if c = oneLine(c); c != "" {
				parts = append(parts, header[i+1]+": "+c)
			}
		}
		body := strings.Join(parts, "; ")
		if body != "" {
			body = "— " + body
		}
		first := strings.Join(strings.Fields(r.cells[0]), " ")
		t.item(r.number, "", first+" "+body, r.cites)
	}
}

func (t *text) references(sources []data.Source) {
	t.heading(2, "References")
	for _, s := range sources {
		t.start(itemBlock, false)
		t.buf.WriteString(wrap("["+data.CleanText(s.ID)+"] "+oneLine(words.Citation(&s)), "    "))
	}
	t.buf.WriteString("\n")
}

// citeList is " [a] [b]" for the ids a text does not already cite inline.
func citeList(text string, ids []string) string {
	var sb strings.Builder
	for _, id := range data.Uncited(ids, text) {
		sb.WriteString(" [" + data.CleanText(id) + "]")
	}
	return sb.String()
}

// oneLine neutralises a bundle text and joins its lines.
func oneLine(s string) string {
	return strings.Join(strings.Fields(plainMarkdown(data.CleanText(s))), " ")
}

// wrap fills the lines of s up to textWidth columns, breaking only at
// spaces (ansi.Wordwrap also breaks at hyphens, which splits source ids
// and URLs), and starts continuation lines with indent.
func wrap(s, indent string) string {
	var sb strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			sb.WriteString("\n" + indent)
		}
		width := 0
		for j, w := range strings.Fields(line) {
			ww := ansi.StringWidth(w)
			switch {
			case j == 0:
			case width+1+ww > textWidth:
				sb.WriteString("\n" + indent)
				width = len(indent)
			default:
				sb.WriteString(" ")
				width++
			}
			sb.WriteString(w)
			width += ww
		}
	}
	return sb.String()
}

// listLine starts a Markdown list item, which keeps its own line when a
// paragraph is reflowed.
var listLine = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s`)

// reflow joins the lines of one paragraph so wrap can fill them, keeping
// list items on lines of their own.
func reflow(p string) string {
	lines := strings.Split(p, "\n")
	var sb strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case i == 0:
		case listLine.MatchString(l):
			sb.WriteString("\n")
		default:
			sb.WriteString(" ")
		}
		sb.WriteString(l)
	}
	return sb.String()
}

var (
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\((\S+?)\)`)
	mdAutolink = regexp.MustCompile(`<(https?://[^>\s]+)>`)
	mdStrong   = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmphasis = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]`)
	mdCode     = regexp.MustCompile("`([^`]+)`")
	mdHeading  = regexp.MustCompile(`(?m)^#{1,6}\s+`)
)

// plainMarkdown removes the Markdown a bundle text may use (the synthesis
// is Markdown): links become "text (url)", emphasis and code marks go.
func plainMarkdown(s string) string {
	if !strings.ContainsAny(s, "[<*_`#") {
		return s
	}
	s = mdLink.ReplaceAllString(s, "$1 ($2)")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEmphasis.ReplaceAllString(s, "$1$2")
	s = mdCode.ReplaceAllString(s, "$1")
	return mdHeading.ReplaceAllString(s, "")
}
