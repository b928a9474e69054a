package ui

import (
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// figureRows lists the figures grouped under the source that gives them
// first, sources by date; in the gutter "≠" marks the figures sources
// disagree on, "≈" those given at another time or precision elsewhere.
func figureRows(b *data.Briefing) []listRow {
	bySource := map[string][]*data.Figure{}
	for i := range b.Figures {
		f := &b.Figures[i]
		first := ""
		if ids := byPublication(b, f.Sources); len(ids) > 0 {
			first = ids[0]
		}
		bySource[first] = append(bySource[first], f)
	}
	var order []string
	for _, s := range sourcesByDate(b) {
		order = append(order, s.ID)
	}
	order = append(order, "")
	rows := make([]listRow, 0, len(b.Figures)+len(order))
	for _, id := range order {
		figs := bySource[id]
		if len(figs) == 0 {
			continue
		}
		heading := "No source"
		if s, ok := b.Source(id); ok {
			heading = oneLine(s.Outlet) + " · " + words.ShortDate(s.Published)
		}
		rows = append(rows, listRow{group: true, text: heading})
		for _, f := range figs {
			gutter := ""
			switch {
			case len(b.Conflicts(f)) > 0:
				gutter = "≠"
			case len(b.Compared(f)) > 0:
				gutter = "≈"
			}
			rows = append(rows, listRow{gutter: gutter, text: oneLine(words.Figure(f.Value, f.Counts)), ref: data.Ref{Kind: data.KindFigure, ID: f.ID}})
		}
	}
	return rows
}

// figurePage is one figure: its value and what it counts, when, its
// sources, and the figures that disagree with it side by side.
func figurePage(b *data.Briefing, f *data.Figure) page {
	var p page
	p.add("# " + mdLine(words.Figure(f.Value, f.Counts)))
	if f.AsOf != "" {
		p.add("*" + mdLine(words.Capitalise(words.AsOf(f.AsOf))) + "*")
	}
	if line := p.sourcesLine(b, f.Sources); line != "" {
		p.add(line)
	}
	if f.Note != "" {
		p.note(b, "Note", f.Note)
	}
	others := append(b.Conflicts(f), b.Compared(f)...)
	if len(others) > 0 {
		// The comparison names itself ("Sources disagree:", "Different
		// time or precision:"); a heading above it would say it twice.
		table, narrow := figureTable(&p, b, append([]*data.Figure{f}, others...))
		p.blocks = append(p.blocks, block{md: table, narrow: narrow, anchor: data.Ref{Kind: data.KindFigure, ID: f.ID}})
		var links []string
		for _, c := range others {
			links = append(links, mdLine(c.Value)+" "+p.ref(data.Ref{Kind: data.KindFigure, ID: c.ID}, "figure", words.Figure(c.Value, c.Counts)))
		}
		p.add("**The other figures:** " + strings.Join(links, ", "))
	}
	return p
}

// glossaryRows groups the glossary by source language, or shows one
// language only when lang is set.
func glossaryRows(b *data.Briefing, lang string) []listRow {
	var order []string
	byLang := map[string][]*data.GlossaryEntry{}
	for i := range b.Glossary {
		g := &b.Glossary[i]
		if lang != "" && g.Lang != lang {
			continue
		}
		if _, ok := byLang[g.Lang]; !ok {
			order = append(order, g.Lang)
		}
		byLang[g.Lang] = append(byLang[g.Lang], g)
	}
	var rows []listRow
	for _, l := range order {
		rows = append(rows, listRow{group: true, text: oneLine(words.Language(l))})
		for _, g := range byLang[l] {
			rows = append(rows, listRow{text: oneLine(g.Term + " — " + g.English), ref: data.Ref{Kind: data.KindTerm, ID: g.ID}})
		}
	}
	return rows
}

// glossaryLanguages are the languages the glossary has terms in, in order
// of first appearance.
func glossaryLanguages(b *data.Briefing) []string {
	var out []string
	for i := range b.Glossary {
		if !containsString(out, b.Glossary[i].Lang) {
			out = append(out, b.Glossary[i].Lang)
		}
	}
	return out
}

// termPage is one glossary term: as the source language writes it, its
// English gloss, a note, and the sources that use it.
func termPage(b *data.Briefing, g *data.GlossaryEntry) page {
	var p page
	p.add("# " + mdLine(g.Term))
	p.add("*" + mdLine(words.Language(g.Lang)) + "* · in English: **" + mdLine(g.English) + "**")
	if g.Note != "" {
		p.note(b, "Note", g.Note)
	}
	p.sourceList(b, "Used by", g.Sources)
	return p
}
