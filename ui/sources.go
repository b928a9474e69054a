package ui

import (
	"slices"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// sourceRows lists the sources by date of publication, the language in
// the gutter and the date after the outlet.
func sourceRows(b *data.Briefing) []listRow {
	rows := make([]listRow, 0, len(b.Sources))
	for _, s := range sourcesByDate(b) {
		rows = append(rows, listRow{gutter: oneLine(s.Language), text: oneLine(s.Outlet), meta: words.ShortDate(s.Published), ref: data.Ref{Kind: data.KindSource, ID: s.ID}})
	}
	return rows
}

// byPublication orders source ids by the date their sources were
// published, as every list of sources is.
func byPublication(b *data.Briefing, ids []string) []string {
	out := slices.Clone(ids)
	date := func(id string) string {
		if s, ok := b.Source(id); ok {
			return s.Published
		}
		return ""
	}
	slices.SortStableFunc(out, func(x, y string) int { return strings.Compare(date(x), date(y)) })
	return out
}

// sourcesByDate is the briefing's sources in order of publication, the
// order every list of sources uses; sources of the same day keep the
// briefing's order.
func sourcesByDate(b *data.Briefing) []*data.Source {
	out := make([]*data.Source, len(b.Sources))
	for i := range b.Sources {
		out[i] = &b.Sources[i]
	}
	slices.SortStableFunc(out, func(x, y *data.Source) int { return strings.Compare(x.Published, y.Published) })
	return out
}

// Bounds on a source page's lists in a big briefing.
const (
	maxCitedBy      = 60
	maxSourceBlocks = 100 // figures, glossary terms
)

// sourceFacts are the lines under a source's headline: who republished
// it, its authors, its address.
func sourceFacts(s *data.Source) []block {
	var facts []block
	if s.Republisher != "" {
		facts = append(facts, block{md: "**Republished by:** " + mdLine(s.Republisher)})
	}
	if len(s.Authors) > 0 {
		var names []string
		for _, a := range s.Authors {
			names = append(names, mdLine(a))
		}
		facts = append(facts, block{md: "**By:** " + strings.Join(names, ", ")})
	}
	switch {
	case s.URL == "":
		facts = append(facts, block{md: "**URL:** *the copy gives none*"})
	case safeURL(s.URL):
		// The address is drawn at render time, whole or shortened to
		// the width, never wrapped; Y copies it.
		facts = append(facts, block{md: "**URL:** " + urlSlot, url: s.URL})
	default:
		facts = append(facts, block{md: "**URL:** " + mdLine(s.URL) + " *(not a web address; not opened)*"})
	}
	return facts
}

// sourceFigures lists the figures a source gives, each with the figures
// it disagrees with.
func sourceFigures(p *page, b *data.Briefing, s *data.Source) {
	if figs := b.FiguresFrom(s.ID); len(figs) > 0 {
		p.heading("Figures in this source")
		for i, f := range figs[:min(len(figs), maxSourceBlocks)] {
			md := "**" + mdLine(f.Value) + "**" + words.CountsSep(f.Value) + mdLine(f.Counts)
			if f.AsOf != "" {
				md += " *(as of " + mdLine(f.AsOf) + ")*"
			}
			for _, c := range b.Conflicts(f) {
				md += " — *disagrees with* **" + mdLine(c.Value) + "** (" + p.cite(b, c.Sources) + ") " +
					p.ref(data.Ref{Kind: data.KindFigure, ID: f.ID}, "figure", words.Figure(f.Value, f.Counts)+" vs "+c.Value)
			}
			p.item(data.Ref{Kind: data.KindFigure, ID: f.ID}, md, i == 0)
		}
		p.more(len(figs)-maxSourceBlocks, "figures", "search with /")
	}
}

func sourcePage(b *data.Briefing, s *data.Source) page {
	var p page
	p.sources = []string{s.ID}
	p.add("# " + mdLine(s.Outlet))
	if s.Headline != "" {
		p.add("**" + mdLine(s.Headline) + "**")
	} else {
		p.add("*The copy has no headline.*")
	}
	meta := "*" + mdLine(words.Language(s.Language)) + " · published " + mdLine(words.LongDate(s.Published))
	if s.PublishedNote != "" {
		meta += " (" + p.proseLine(b, s.PublishedNote) + ")"
	}
	p.add(meta + "*")
	facts := sourceFacts(s)
	for i, f := range facts {
		f.tight = i > 0
		p.blocks = append(p.blocks, f)
	}
	p.add(p.prose(b, s.Summary))
	if len(s.KeyPoints) > 0 {
		p.heading("Key points")
		var lines []string
		for _, k := range s.KeyPoints {
			lines = append(lines, p.proseLine(b, k))
		}
		p.list(lines)
	}
	if s.Note != "" {
		p.note(b, "Note", s.Note)
	}
	sourceFigures(&p, b, s)
	if terms := b.TermsFrom(s.ID); len(terms) > 0 {
		p.heading("Glossary terms in this source")
		for i, t := range terms[:min(len(terms), maxSourceBlocks)] {
			md := "**" + mdLine(t.Term) + "** (" + mdLine(t.Lang) + ") — " + mdLine(t.English)
			if t.Note != "" {
				md += " *" + p.proseLine(b, t.Note) + "*"
			}
			p.item(data.Ref{Kind: data.KindTerm, ID: t.ID}, md, i == 0)
		}
		p.more(len(terms)-maxSourceBlocks, "terms", "search with /")
	}
	if cited := citedBy(b, s.ID); len(cited) > 0 {
		p.heading("Cited by")
		var lines []string
		for _, c := range cited[:min(len(cited), maxCitedBy)] {
			lines = append(lines, mdLine(c.label)+" "+p.ref(c.to, c.kind, c.label))
		}
		p.list(lines)
		p.more(len(cited)-maxCitedBy, "items", "search with /")
	}
	return p
}

// citedBy lists the items that cite a source, in the reader's tab order.
func citedBy(b *data.Briefing, id string) []xref {
	var out []xref
	for i := range b.Timeline {
		if e := &b.Timeline[i]; slices.Contains(e.Sources, id) {
			out = append(out, xref{data.Ref{Kind: data.KindEvent, ID: e.ID}, "event", oneLine(words.ShortDate(e.Date)) + " " + e.Title})
		}
	}
	for i := range b.Sessions {
		if s := &b.Sessions[i]; slices.Contains(s.Sources, id) {
			out = append(out, xref{data.Ref{Kind: data.KindSession, ID: s.ID}, "session", sessionLabel(s)})
		}
	}
	for i := range b.Speakers {
		if sp := &b.Speakers[i]; slices.Contains(sp.Sources, id) {
			out = append(out, xref{data.Ref{Kind: data.KindSpeaker, ID: sp.ID}, "speaker", speakerLabel(sp)})
		}
	}
	for i := range b.Measures {
		if m := &b.Measures[i]; slices.Contains(m.Sources, id) {
			out = append(out, xref{data.Ref{Kind: data.KindMeasure, ID: m.ID}, "measure", measureLabel(m)})
		}
	}
	return out
}

// citation is what y copies: the source's one citation (words.Citation),
// on one line, without an address that is not safe to show.
func citation(s *data.Source) string {
	c := *s
	if !safeURL(c.URL) {
		c.URL = ""
	}
	return oneLine(words.Citation(&c))
}
