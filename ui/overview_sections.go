package ui

import (
	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// overviewSections adds the overview's optional sections after the
// synthesis: background, the parties with who acted for each, what comes
// next, and what to know about the sources.
func overviewSections(p *page, b *data.Briefing) {
	o := &b.Overview
	if len(o.Background) > 0 {
		p.heading("Background")
		for _, s := range o.Background {
			p.add(p.prose(b, s))
		}
	}
	if len(o.Parties) > 0 || o.PartiesNote != "" {
		label := o.PartiesLabel
		if label == "" {
			label = "Parties"
		}
		p.heading(mdLine(label))
		if o.PartiesNote != "" {
			p.add(p.prose(b, o.PartiesNote))
		}
		var lines []string
		for i := range o.Parties[:min(len(o.Parties), maxOverviewList)] {
			pt := &o.Parties[i]
			// The label is a sentence of its own before the note, as in
			// the exports.
			line := "**" + mdLine(words.WithStop(pt.Label())) + "**"
			if pt.Note != "" {
				line += " *" + p.proseLine(b, pt.Note) + "*"
			}
			lines = append(lines, line+" — "+p.cite(b, pt.Sources))
		}
		p.list(lines)
		p.more(len(o.Parties)-maxOverviewList, "parties", "the JSON export")
	}
	if len(o.Outlook) > 0 {
		p.heading("What comes next")
		for _, s := range o.Outlook {
			p.add(p.prose(b, s))
		}
	}
	if len(o.AboutSources) > 0 {
		p.heading("About the sources")
		for _, s := range o.AboutSources {
			p.add(p.prose(b, s))
		}
	}
}
