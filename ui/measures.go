package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/brief-reader/brief/data"
)

// measureRows lists the measures by number.
func measureRows(b *data.Briefing) []listRow {
	ms := make([]*data.Measure, len(b.Measures))
	for i := range b.Measures {
		ms[i] = &b.Measures[i]
	}
	slices.SortStableFunc(ms, func(a, b *data.Measure) int { return cmp.Compare(a.Number, b.Number) })
	rows := make([]listRow, 0, len(ms))
	for _, m := range ms {
		// The number in the gutter: a title that wraps hangs under its
		// first word.
		rows = append(rows, listRow{gutter: strconv.Itoa(m.Number) + ".", text: oneLine(m.Title), ref: data.Ref{Kind: data.KindMeasure, ID: m.ID}})
	}
	return rows
}

// proposedMeasures adds a "Measures proposed" section listing ms, when
// there are any: on a session's page and on its proposer's.
func proposedMeasures(p *page, ms []*data.Measure) {
	if len(ms) == 0 {
		return
	}
	p.heading("Measures proposed")
	lines := make([]string, len(ms))
	for i, m := range ms {
		lines[i] = p.measureMention(m)
	}
	p.list(lines)
}

func measurePage(b *data.Briefing, m *data.Measure) page {
	var p page
	p.add("# " + mdLine(measureLabel(m)))
	p.add(p.prose(b, m.Text))
	if len(m.ProposedBy) > 0 {
		var who []string
		for _, id := range m.ProposedBy {
			who = append(who, p.speakerMention(b, id))
		}
		p.add("**Proposed by:** " + strings.Join(who, ", "))
	}
	if m.Session != "" {
		line := "**In:** " + p.sessionMention(b, m.Session)
		if s, ok := b.Session(m.Session); ok {
			line += " — " + mdLine(sessionWhen(s))
		}
		p.add(line)
	}
	if line := p.sourcesLine(b, data.Uncited(m.Sources, m.Text)); line != "" {
		p.add(line)
	}
	return p
}

// measureOneLine is the Overview's line for a measure: title, who proposed
// it and where.
func measureOneLine(p *page, b *data.Briefing, m *data.Measure) string {
	line := "**" + strconv.Itoa(m.Number) + ".** " + mdLine(m.Title) + " " + p.ref(data.Ref{Kind: data.KindMeasure, ID: m.ID}, "measure", measureLabel(m))
	var who []string
	for _, id := range m.ProposedBy {
		who = append(who, p.speakerMention(b, id))
	}
	if len(who) > 0 {
		line += " — " + strings.Join(who, ", ")
	}
	return line
}
