package ui

import (
	"cmp"
	"slices"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// The Overview's lists stop here, so it stays an overview (and renders
// fast) in a briefing of thousands of items; the tabs list everything.
const (
	maxKeyFigures   = 40 // groups of figures
	maxOverviewList = 40 // measures, sources
)

// overviewPage is the Overview tab: the event, the synthesis, the key
// figures (disagreeing figures side by side), the measures one line each
// and the sources.
func overviewPage(b *data.Briefing) page {
	var p page
	o := &b.Overview
	// The sources are numbered first, in the order the Sources list at
	// the end gives them (by date), so that list reads [1], [2], [3]…
	// and the text cites each by the same number.
	byDate := sourcesByDate(b)
	for _, s := range byDate[:min(len(byDate), maxOverviewList)] {
		p.ref(data.Ref{Kind: data.KindSource, ID: s.ID}, "source", sourceLabel(s))
	}
	p.add("# " + mdLine(o.Title))
	p.add("*" + mdLine(o.Place) + " · " + mdLine(words.DateRange(o.Start, o.End)) + "*")
	p.add("**Reading time:** " + mdLine(words.ReadingLine(b)))
	if o.Theme.English != "" {
		theme := "**Theme:** " + mdLine(o.Theme.English)
		var originals []string
		for _, t := range o.Theme.Original {
			originals = append(originals, "*"+mdLine(t.Text)+"* ("+mdLine(t.Lang)+", "+p.sourceMention(b, t.Source)+")")
		}
		p.add(theme)
		p.list(originals)
	}
	if strings.TrimSpace(o.Synthesis) != "" {
		p.heading("Synthesis")
		p.add(synthesisMarkdown(&p, b, o.Synthesis))
	}
	overviewSections(&p, b)
	if len(b.Figures) > 0 {
		p.heading("Key figures")
		clusters := figureClusters(b)
		for i, cluster := range clusters[:min(len(clusters), maxKeyFigures)] {
			ref := data.Ref{Kind: data.KindFigure, ID: cluster[0].ID}
			if len(cluster) == 1 {
				p.item(ref, p.figureLine(b, cluster[0]), i == 0)
				continue
			}
			// Figures that disagree: a table, one row per source, with
			// the list form for narrow panes.
			table, narrow := figureTable(&p, b, cluster)
			blk := block{md: table, narrow: narrow, anchor: ref}
			for _, f := range cluster[1:] {
				blk.also = append(blk.also, data.Ref{Kind: data.KindFigure, ID: f.ID})
			}
			p.blocks = append(p.blocks, blk)
		}
		p.more(len(clusters)-maxKeyFigures, "figures", "each source's page in the Sources tab")
	}
	if len(b.Measures) > 0 {
		p.heading("The measures")
		ms := make([]*data.Measure, len(b.Measures))
		for i := range b.Measures {
			ms[i] = &b.Measures[i]
		}
		slices.SortStableFunc(ms, func(a, b *data.Measure) int { return cmp.Compare(a.Number, b.Number) })
		var lines []string
		for _, m := range ms[:min(len(ms), maxOverviewList)] {
			lines = append(lines, measureOneLine(&p, b, m))
		}
		p.list(lines)
		p.more(len(ms)-maxOverviewList, "measures", "the Measures tab")
	}
	if len(b.Sources) > 0 {
		p.heading("Sources")
		var lines []string
		for _, s := range byDate[:min(len(byDate), maxOverviewList)] {
			lines = append(lines, p.sourceMention(b, s.ID)+" *("+mdLine(s.Language)+", "+mdLine(words.ShortDate(s.Published))+")* — "+mdLine(s.Title()))
		}
		p.list(lines)
		p.more(len(b.Sources)-maxOverviewList, "sources", "the Sources tab")
	}
	return p
}

// synthesisMarkdown keeps the synthesis's Markdown (paragraphs, emphasis,
// lists) but turns [source-id] markers into numbered references and makes
// literal what could build a link, an image, HTML or a table.
func synthesisMarkdown(p *page, b *data.Briefing, s string) string {
	return p.withMarkers(b, clean(s), linkPunct, false)
}

// figureClusters groups figures that disagree with each other, or give
// the same quantity at another time or precision, each group
// in document order, groups in order of their first figure. One pass over
// the conflict links, so a big briefing costs linear time.
func figureClusters(b *data.Briefing) [][]*data.Figure {
	pos := make(map[string]int, len(b.Figures))
	for i := range b.Figures {
		if _, dup := pos[b.Figures[i].ID]; !dup {
			pos[b.Figures[i].ID] = i
		}
	}
	links := make(map[int][]int)
	for i := range b.Figures {
		linked := append(slices.Clip(b.Figures[i].ConflictsWith), b.Figures[i].CompareWith...)
		for _, id := range linked {
			if j, ok := pos[id]; ok && j != i {
				links[i] = append(links[i], j)
				links[j] = append(links[j], i)
			}
		}
	}
	seen := make([]bool, len(b.Figures))
	var out [][]*data.Figure
	for i := range b.Figures {
		if seen[i] {
			continue
		}
		seen[i] = true
		members := []int{i}
		for k := 0; k < len(members); k++ {
			for _, j := range links[members[k]] {
				if !seen[j] {
					seen[j] = true
					members = append(members, j)
				}
			}
		}
		slices.Sort(members)
		cluster := make([]*data.Figure, len(members))
		for k, j := range members {
			cluster[k] = &b.Figures[j]
		}
		out = append(out, cluster)
	}
	return out
}

// figureTable shows figures that disagree, or give one quantity at
// different times or precisions, side by side: a Markdown table
// with one row per source, and the same as a list for panes too narrow for
// a table.
func figureTable(p *page, b *data.Briefing, cluster []*data.Figure) (table, narrow string) {
	disagree := false
	for _, f := range cluster {
		disagree = disagree || len(b.Conflicts(f)) > 0
	}
	var sb strings.Builder
	if disagree {
		sb.WriteString("*Sources disagree:*")
	} else {
		sb.WriteString("*Different time or precision:*")
	}
	sb.WriteString("\n\n| Source | Figure | As of |\n|---|---|---|\n")
	var notes, parts []string
	for _, f := range cluster {
		parts = append(parts, p.figureLine(b, f))
		for _, id := range f.Sources {
			sb.WriteString("| " + cell(p.sourceMention(b, id)) + " | **" + cell(mdLine(f.Value)) + "**" + words.CountsSep(f.Value) + cell(mdLine(f.Counts)) + " | " + cell(mdLine(f.AsOf)) + " |\n")
		}
		if f.Note != "" {
			notes = append(notes, "*"+mdLine(f.Value)+":* "+p.proseLine(b, f.Note))
		}
	}
	table = sb.String()
	if len(notes) > 0 {
		table += "\n" + strings.Join(notes, "\n\n")
	}
	// Narrower, one paragraph per figure rather than one run-on sentence.
	if disagree {
		return table, "*Sources disagree:*\n\n" + strings.Join(parts, "\n\n")
	}
	return table, "*Different time or precision:*\n\n" + strings.Join(parts, "\n\n")
}

// cell makes Markdown safe inside a table cell: a pipe would end it.
func cell(md string) string { return strings.ReplaceAll(md, "|", "\\|") }
