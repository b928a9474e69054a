package ui

import (
	"fmt"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// xref is one entry of a detail pane's References block: an item the page
// mentions, which enter follows.
type xref struct {
	to    data.Ref
	kind  string
	label string
}

// block is a piece of a page's Markdown. Pieces that a cross-reference can
// land on (a statement, a figure, a glossary term) are blocks of their own
// and carry the Ref they show, so the pane knows the exact line to scroll
// to whatever the width.
type block struct {
	md     string
	anchor data.Ref
	// also are further items the block shows (figures that disagree,
	// shown side by side).
	also []data.Ref
	// tight blocks follow the previous one without a blank line: items of
	// one list.
	tight bool
	// narrow, when set, is the Markdown drawn instead of md in panes
	// narrower than narrowPane (a list in place of a table).
	narrow string
	// url, when set, is drawn in place of urlSlot in md: a link (OSC 8)
	// whose text is the address, shortened to fit the line rather than
	// wrapped, so it is never broken mid-word.
	url string
}

// narrowPane is the narrowest pane a table is drawn in: from 56 columns
// (the detail beside the Figures list at 120 columns) a comparison of
// figures reads better as a table, one row per source, than as a
// paragraph per figure.
const narrowPane = 56

// urlSlot stands in a block's Markdown for the address drawn there.
const urlSlot = "URLSLOT"

// page is the detail of one item before rendering: Markdown blocks and the
// items they mention, numbered in order of first mention.
type page struct {
	blocks  []block
	refs    []xref
	refNums map[data.Ref]int
	sources []string // source ids of what the page shows, for the status bar
}

// add appends a block of Markdown.
func (p *page) add(md string) { p.blocks = append(p.blocks, block{md: md}) }

// bullet starts a list item. Items are paragraphs that begin with it, not
// Markdown lists: Glamour wraps a list item's text and then its bullet
// pushes the line over, cutting words (and numbers such as 100,000)
// where the line ends.
const bullet = "• "

// item appends one list item that a cross-reference can land on.
func (p *page) item(anchor data.Ref, md string, first bool) {
	p.blocks = append(p.blocks, block{md: bullet + md, anchor: anchor, tight: !first})
}

// list appends a bulleted list, one item a line.
func (p *page) list(lines []string) {
	for i, l := range lines {
		p.blocks = append(p.blocks, block{md: bullet + l, tight: i > 0})
	}
}

// more appends "and n more things: see where" when a list was cut.
func (p *page) more(n int, things, where string) {
	if n > 0 {
		p.add("*… and " + itoa(n) + " more " + things + ": see " + where + ".*")
	}
}

// note appends a labelled remark in italics, as "Note: …".
func (p *page) note(b *data.Briefing, label, text string) {
	p.add("**" + label + ":** *" + p.proseLine(b, text) + "*")
}

// heading appends a section heading.
func (p *page) heading(title string) { p.add("## " + title) }

// ref numbers r, records it for the References block and returns the
// marker to write after its mention: "[n]".
func (p *page) ref(r data.Ref, kind, label string) string {
	if p.refNums == nil {
		p.refNums = map[data.Ref]int{}
	}
	n, ok := p.refNums[r]
	if !ok {
		p.refs = append(p.refs, xref{to: r, kind: kind, label: oneLine(label)})
		n = len(p.refs)
		p.refNums[r] = n
	}
	return fmt.Sprintf("\\[%d\\]", n)
}

// cite returns the mentions of the given sources ("Outlet [n], Outlet
// [m]") and remembers them as what the page shows.
func (p *page) cite(b *data.Briefing, ids []string) string {
	var parts []string
	for _, id := range byPublication(b, ids) {
		if !containsString(p.sources, id) {
			p.sources = append(p.sources, id)
		}
		parts = append(parts, p.sourceMention(b, id))
	}
	return strings.Join(parts, ", ")
}

// sourceList is a section listing the given sources by publication, each
// as "Outlet [n] — headline", remembered as what the page shows.
func (p *page) sourceList(b *data.Briefing, heading string, ids []string) {
	if len(ids) == 0 {
		return
	}
	p.heading(heading)
	var lines []string
	for _, id := range byPublication(b, ids) {
		line := p.sourceMention(b, id)
		if src, ok := b.Source(id); ok {
			line += " — " + mdLine(src.Title())
		}
		lines = append(lines, line)
		if !containsString(p.sources, id) {
			p.sources = append(p.sources, id)
		}
	}
	p.list(lines)
}

// sourceMention is "Outlet [n]" for one source id.
func (p *page) sourceMention(b *data.Briefing, id string) string {
	src, ok := b.Source(id)
	if !ok {
		return mdLine(id)
	}
	return mdLine(src.Outlet) + " " + p.ref(data.Ref{Kind: data.KindSource, ID: id}, "source", sourceLabel(src))
}

// sourcesLine is an italic "Sources: …" line, or "" when there are none.
func (p *page) sourcesLine(b *data.Briefing, ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	label := "Source"
	if len(ids) > 1 {
		label = "Sources"
	}
	return "*" + label + ": " + p.cite(b, ids) + "*"
}

// speakerMention is "Label [n]" for one speaker id.
func (p *page) speakerMention(b *data.Briefing, id string) string {
	sp, ok := b.Speaker(id)
	if !ok {
		return mdLine(id)
	}
	return mdLine(sp.Label()) + " " + p.ref(data.Ref{Kind: data.KindSpeaker, ID: id}, "speaker", speakerLabel(sp))
}

// sessionMention is "Title [n]" for one session id.
func (p *page) sessionMention(b *data.Briefing, id string) string {
	s, ok := b.Session(id)
	if !ok {
		return mdLine(id)
	}
	return mdLine(s.Title) + " " + p.ref(data.Ref{Kind: data.KindSession, ID: id}, "session", sessionLabel(s))
}

// sessionMentionInSentence is sessionMention as it reads after "At":
// "the opening session [n]".
func (p *page) sessionMentionInSentence(b *data.Briefing, id string) string {
	s, ok := b.Session(id)
	if !ok {
		return mdLine(id)
	}
	return mdLine(words.InSentence(s.Title)) + " " + p.ref(data.Ref{Kind: data.KindSession, ID: id}, "session", sessionLabel(s))
}

// measureMention is "Measure n: Title [m]".
func (p *page) measureMention(m *data.Measure) string {
	label := measureLabel(m)
	return mdLine(label) + " " + p.ref(data.Ref{Kind: data.KindMeasure, ID: m.ID}, "measure", label)
}

// eventMention is "date — Title [n]".
func (p *page) eventMention(e *data.Event) string {
	return mdLine(eventWhen(e)) + " — " + mdLine(e.Title) + " " + p.ref(data.Ref{Kind: data.KindEvent, ID: e.ID}, "event", words.ShortDate(e.Date)+" "+e.Title)
}

// figureLine is "**value** counts (as of …)" with its sources.
func (p *page) figureLine(b *data.Briefing, f *data.Figure) string {
	s := "**" + mdLine(f.Value) + "**" + words.CountsSep(f.Value) + mdLine(f.Counts)
	if f.AsOf != "" {
		s += " *(" + mdLine(words.AsOf(f.AsOf)) + ")*"
	}
	if len(f.Sources) > 0 {
		s += " — " + p.cite(b, f.Sources)
	}
	if f.Note != "" {
		s += " *(" + p.proseLine(b, f.Note) + ")*"
	}
	return s
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sourceLabel(s *data.Source) string {
	return s.Outlet + " — " + s.Title()
}

func speakerLabel(sp *data.Speaker) string {
	label := sp.Label()
	if d := speakerDescription(sp); d != "" {
		label += " — " + d
	}
	return label
}

// speakerDescription is "Role, Organisation, Country" with what is known.
func speakerDescription(sp *data.Speaker) string {
	var parts []string
	for _, s := range []string{sp.Role, sp.Organisation, sp.Country} {
		if s != "" && !containsString(parts, s) {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

func sessionLabel(s *data.Session) string {
	return s.Title + " — " + sessionWhen(s)
}

func measureLabel(m *data.Measure) string {
	return fmt.Sprintf("Measure %d: %s", m.Number, m.Title)
}

// sessionWhen is "Saturday 25 October 2025, morning".
func sessionWhen(s *data.Session) string {
	return whenText(s.Date, s.PartOfDay)
}

func eventWhen(e *data.Event) string {
	return whenText(e.Date, e.PartOfDay)
}

func whenText(date string, part data.PartOfDay) string {
	return oneLine(words.When(date, part))
}

// withMarkers writes s as Markdown: the [source-id] markers that name a
// source become numbered references, the text around them is escaped with
// set (see escapeMarkdown). With structure, each line is trimmed and what
// would open a block at its start is escaped too.
func (p *page) withMarkers(b *data.Briefing, s, set string, structure bool) string {
	var sb strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			sb.WriteByte('\n')
		}
		if structure {
			line = strings.TrimSpace(line)
		}
		last := 0
		for _, c := range data.ScanCitations(line) {
			id := c.ID
			src, ok := b.Source(id)
			if !ok {
				continue
			}
			escapeMarkdown(&sb, line[last:c.Start], set, structure && last == 0)
			if c.Start > 0 && !strings.ContainsRune(" ([", rune(line[c.Start-1])) {
				sb.WriteByte(' ') // "year [2]", not "year[2]"
			}
			sb.WriteString(p.ref(data.Ref{Kind: data.KindSource, ID: id}, "source", sourceLabel(src)))
			if !containsString(p.sources, id) {
				p.sources = append(p.sources, id)
			}
			last = c.End
		}
		escapeMarkdown(&sb, line[last:], set, structure && last == 0)
	}
	return sb.String()
}

// prose is bundle text as Markdown shown as written (see mdText), with its
// [source-id] markers as numbered references.
func (p *page) prose(b *data.Briefing, s string) string {
	return p.withMarkers(b, clean(s), textPunct, true)
}

// proseLine is prose on one line.
func (p *page) proseLine(b *data.Briefing, s string) string {
	return p.withMarkers(b, oneLine(s), textPunct, true)
}
