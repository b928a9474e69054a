package search

import (
	"github.com/brief-reader/brief/data"

	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The documents of each kind of item: which texts are searched, how much
// each weighs, and what a hit shows.

func (bd *indexBuilder) overview(o *data.Overview) {
	ref := data.Ref{Kind: data.KindOverview}
	var sources []string
	for _, id := range data.Citations(o.Synthesis) {
		if !slices.Contains(sources, id) {
			sources = append(sources, id)
		}
	}
	for _, t := range o.Theme.Original {
		if !slices.Contains(sources, t.Source) {
			sources = append(sources, t.Source)
		}
	}
	sources = appendOverviewSectionSources(sources, o)
	bd.begin(data.KindOverview, ref, o.Title, sources)
	bd.add(titleField, o.Title)
	bd.add(metaField, o.Place)
	bd.add(labelField, o.Start)
	bd.add(labelField, o.End)
	bd.add(metaField, o.Theme.English)
	bd.addOriginals(metaField, o.Theme.Original)
	bd.describe(textField, plainMarkdown(o.Synthesis))
	bd.overviewSections(o)
}

func (bd *indexBuilder) event(e *data.Event) {
	ref := data.Ref{Kind: data.KindEvent, ID: e.ID}
	bd.begin(data.KindEvent, ref, e.Title, e.Sources)
	bd.add(titleField, e.Title)
	bd.add(labelField, e.Date)
	bd.describe(textField, e.Text)
	bd.add(noteField, e.DateNote)
}

func (bd *indexBuilder) session(s *data.Session) {
	ref := data.Ref{Kind: data.KindSession, ID: s.ID}
	bd.begin(data.KindSession, ref, s.Title, s.Sources)
	bd.add(titleField, s.Title)
	bd.addOriginals(metaField, s.OriginalTitles)
	bd.add(labelField, string(s.Kind))
	bd.add(labelField, s.Date)
	bd.describe(textField, s.Summary)
	bd.add(noteField, s.ChairNote)
	bd.add(noteField, s.DateNote)
}

func (bd *indexBuilder) speaker(sp *data.Speaker) {
	ref := data.Ref{Kind: data.KindSpeaker, ID: sp.ID}
	bd.begin(data.KindSpeaker, ref, sp.Label(), sp.Sources)
	bd.add(titleField, sp.Name)
	bd.addAll(titleField, sp.Aliases)
	bd.add(metaField, sp.Rank)
	bd.describe(metaField, sp.Role)
	bd.describe(metaField, sp.Organisation)
	bd.describe(metaField, sp.Country)
	bd.describe(noteField, sp.Note)
}

// statements adds a speaker's statements. Each borrows its speaker's names
// and titles, so a search for the speaker offers everything they said.
func (bd *indexBuilder) statements(b *data.Briefing, sp *data.Speaker) {
	for n := range sp.Statements {
		st := &sp.Statements[n]
		title := sp.Label()
		if s, ok := b.Session(st.Session); ok {
			title += " · " + s.Title
		}
		bd.begin(data.KindStatement, data.StatementRef(sp.ID, n), title, st.Sources)
		bd.describe(textField, st.Text)
		bd.add(textField, st.Quote.Text)
		bd.add(derivedField, sp.Name)
		bd.addAll(derivedField, sp.Aliases)
		bd.add(derivedField, sp.Rank)
		bd.add(derivedField, sp.Role)
		bd.add(derivedField, sp.Organisation)
		bd.add(derivedField, sp.Country)
	}
}

func (bd *indexBuilder) measure(b *data.Briefing, m *data.Measure) {
	ref := data.Ref{Kind: data.KindMeasure, ID: m.ID}
	label := "Measure " + strconv.Itoa(m.Number)
	bd.begin(data.KindMeasure, ref, label+": "+m.Title, m.Sources)
	bd.add(titleField, label)
	bd.add(titleField, m.Title)
	bd.describe(textField, m.Text)
	// "Proposed by" keeps a proposer's name from reading as the measure's
	// own name, and tells the reader of a snippet why the measure matched.
	for _, id := range m.ProposedBy {
		if sp, ok := b.Speaker(id); ok {
			bd.add(metaField, "Proposed by "+sp.Label())
			bd.addAll(derivedField, sp.Aliases)
		}
	}
}

func (bd *indexBuilder) figure(f *data.Figure) {
	ref := data.Ref{Kind: data.KindFigure, ID: f.ID}
	bd.begin(data.KindFigure, ref, f.Value+" — "+f.Counts, f.Sources)
	bd.add(titleField, f.Value)
	bd.add(metaField, f.Counts)
	// What it counts is in the title already; the snippet says more.
	bd.describe(noteField, f.Note)
	bd.describe(metaField, f.AsOf)
}

func (bd *indexBuilder) source(s *data.Source) {
	ref := data.Ref{Kind: data.KindSource, ID: s.ID}
	title := s.Title()
	if s.Headline != "" {
		title = s.Outlet + ": " + s.Headline
	}
	bd.begin(data.KindSource, ref, title, []string{s.ID})
	bd.add(labelField, s.ID)
	bd.add(metaField, s.Outlet)
	bd.add(metaField, s.Republisher)
	bd.add(titleField, s.Headline)
	bd.addAll(metaField, s.Authors)
	bd.add(labelField, s.Published)
	bd.describe(textField, s.Summary)
	bd.addAll(textField, s.KeyPoints)
	bd.add(noteField, s.Note)
	bd.add(noteField, s.PublishedNote)
}

func (bd *indexBuilder) term(g *data.GlossaryEntry) {
	ref := data.Ref{Kind: data.KindTerm, ID: g.ID}
	bd.begin(data.KindTerm, ref, g.Term+" — "+g.English, g.Sources)
	bd.add(titleField, g.Term)
	bd.add(metaField, g.English) // in the title already
	bd.describe(noteField, g.Note)
	bd.add(derivedField, g.Lang)
}

// displayText makes a bundle text safe and flat for one line of a list:
// terminal controls escaped, every run of line breaks, tabs and spaces one
// space. No-break spaces stay: they group the thousands of numbers.
func displayText(s string) string {
	s = data.CleanText(s)
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\r' || r == '\t'
	}), " ")
}

var (
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdHeading  = regexp.MustCompile(`(?m)^[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?)`)
	mdBullet   = regexp.MustCompile(`(?m)^([ \t]*)[*+][ \t]+`)
	mdEmphasis = regexp.MustCompile("\\*\\*|__|\\*|`")
)

// plainMarkdown strips the Markdown of a synthesis that would show as
// stray characters in a one-line snippet: links keep their text, headings
// and quotes lose their markers, emphasis its asterisks.
func plainMarkdown(s string) string {
	if !strings.ContainsAny(s, "#>*_`(") {
		return s
	}
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdHeading.ReplaceAllString(s, "")
	s = mdBullet.ReplaceAllString(s, "$1- ")
	return mdEmphasis.ReplaceAllString(s, "")
}
