package export

import (
	"slices"
	"strconv"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// renderer is what a readable format does with the blocks of a briefing.
// Texts are bundle strings; a renderer neutralises them before writing.
// cites are source ids, written as citations after the text; texts may
// also cite inline as "[id]".
type renderer interface {
	// title opens the document: the briefing's title and one line saying
	// where and when.
	title(title, subtitle string)
	// heading starts a section (level 2) or an item within one (level 3).
	heading(level int, text string)
	// paragraph is running text; its line breaks are kept as the bundle
	// has them.
	paragraph(text string, cites []string)
	// field is one labelled line: "Label: value".
	field(label, value string, cites []string)
	// label introduces the list that follows it.
	label(text string)
	// item is a list entry; number > 0 numbers it. lead is a short bold
	// opening ("Morning · The summit opens"), text the rest.
	item(number int, lead, text string, cites []string)
	// table is a grid with a header naming each cell of a row; the
	// row's number and citations get columns of their own.
	table(header []string, rows []row)
	// references lists every source with what identifies it, the targets
	// of the citations.
	references(sources []data.Source)
}

// row is one row of a table: its number (0 for none) so other rows can
// refer to it, its cells, and its citations.
type row struct {
	number int
	cells  []string
	cites  []string
}

// walk presents b to r, section by section. This order is the export's
// layout, described in docs/EXPORT.md.
func walk(b *data.Briefing, r renderer) {
	r.title(b.Overview.Title, b.Overview.Place+" · "+words.DateRange(b.Overview.Start, b.Overview.End))
	overview(b, r)
	timeline(b, r)
	sessions(b, r)
	speakers(b, r)
	measures(b, r)
	figures(b, r)
	glossary(b, r)
	sources(b, r)
	r.references(b.Sources)
}

func overview(b *data.Briefing, r renderer) {
	o := b.Overview
	r.heading(2, "Overview")
	r.field("Reading time", words.ReadingLine(b), nil)
	r.paragraph(o.Synthesis, nil)
	r.field("Theme", o.Theme.English, nil)
	for _, t := range o.Theme.Original {
		r.field("Theme in "+words.Language(t.Lang), t.Text, []string{t.Source})
	}
	overviewSections(b, r)
}

func timeline(b *data.Briefing, r renderer) {
	if len(b.Timeline) == 0 {
		return
	}
	r.heading(2, "Timeline")
	placed := make([]bool, len(b.Timeline))
	group := func(heading string, in func(e *data.Event) bool, withDate bool) {
		first := true
		for i := range b.Timeline {
			e := &b.Timeline[i]
			if placed[i] || !in(e) {
				continue
			}
			if first {
				r.heading(3, heading)
				first = false
			}
			placed[i] = true
			when := words.PartOfDay(e.PartOfDay).Long
			if withDate {
				when = words.When(e.Date, e.PartOfDay)
			}
			text := e.Text
			if e.DateNote != "" {
				text += " (" + e.DateNote + ")"
			}
			r.item(0, words.Join(" · ", words.Capitalise(when), e.Title), text, e.Sources)
		}
	}
	group("Lead-up", func(e *data.Event) bool { return e.LeadUp }, true)
	for _, day := range b.Overview.Days() {
		group(words.LongDate(day), func(e *data.Event) bool { return e.Date == day }, false)
	}
	// The validator keeps dates within the event, but an export never drops
	// an item: anything left goes last with its date.
	group("Other dates", func(*data.Event) bool { return true }, true)
}

func sessions(b *data.Briefing, r renderer) {
	if len(b.Sessions) == 0 {
		return
	}
	r.heading(2, "Sessions")
	for i := range b.Sessions {
		s := &b.Sessions[i]
		r.heading(3, s.Title)
		when := words.When(s.Date, s.PartOfDay)
		if s.LeadUp {
			when += " (lead-up)"
		}
		r.field("When", when, nil)
		r.field("Kind", words.SessionKind(s.Kind).Long, nil)
		if s.DateNote != "" {
			r.field("Date note", s.DateNote, nil)
		}
		for _, t := range s.OriginalTitles {
			r.field("Title in "+words.Language(t.Lang), t.Text, []string{t.Source})
		}
		if o := overlapTitles(b, s); o != "" {
			r.field("May be the same as", o, nil)
		}
		if len(s.Chairs) > 0 {
			r.field("Chair", speakerNames(b, s.Chairs), nil)
		}
		if s.ChairNote != "" {
			r.field("Chair note", s.ChairNote, nil)
		}
		if len(s.Speakers) > 0 {
			r.field("Speakers", speakerNames(b, s.Speakers), nil)
		}
		r.paragraph(s.Summary, s.Sources)
	}
}

func speakers(b *data.Briefing, r renderer) {
	if len(b.Speakers) == 0 {
		return
	}
	r.heading(2, "Speakers")
	for i := range b.Speakers {
		sp := &b.Speakers[i]
		r.heading(3, sp.Label())
		if sp.Kind != data.Person {
			r.field("Speaking as", words.SpeakerKind(sp.Kind).Short+", through an unnamed representative", nil)
		}
		for _, f := range [][2]string{{"Role", sp.Role}, {"Organisation", sp.Organisation}, {"Country", sp.Country}, {"Also written", strings.Join(sp.Aliases, "; ")}} {
			if f[1] != "" {
				r.field(f[0], f[1], nil)
			}
		}
		r.field("Sources", "", sp.Sources)
		if len(sp.Statements) > 0 {
			r.label("Statements of " + sp.Label())
		}
		// A run of statements in one session names the session once.
		for j, st := range sp.Statements {
			lead := sessionTitle(b, st.Session)
			if j > 0 && sp.Statements[j-1].Session == st.Session {
				lead = ""
			}
			text := st.Text
			if st.Quoted() {
				text += " " + words.Quoted(st.Quote)
			}
			r.item(0, lead, text, st.Sources)
		}
		if sp.Note != "" {
			r.paragraph(sp.Note, nil)
		}
	}
}

func measures(b *data.Briefing, r renderer) {
	if len(b.Measures) == 0 {
		return
	}
	r.heading(2, "Measures")
	// Measures usually come from one proposal: say who made it once.
	origin := func(m data.Measure) string {
		return "Proposed by " + speakerNames(b, m.ProposedBy) + " in \"" + sessionTitle(b, m.Session) + "\"."
	}
	shared := origin(b.Measures[0])
	for _, m := range b.Measures[1:] {
		if origin(m) != shared {
			shared = ""
			break
		}
	}
	if shared != "" {
		r.paragraph(shared, nil)
	}
	for _, m := range b.Measures {
		text := m.Text
		if shared == "" {
			text += " " + origin(m)
		}
		r.item(m.Number, m.Title, text, m.Sources)
	}
}

func figures(b *data.Briefing, r renderer) {
	if len(b.Figures) == 0 {
		return
	}
	r.heading(2, "Figures")
	number := make(map[string]int, len(b.Figures))
	for i, f := range b.Figures {
		number[f.ID] = i + 1
	}
	rows := make([]row, len(b.Figures))
	for i := range b.Figures {
		f := &b.Figures[i]
		value, note := f.Value, f.Note
		if conflicts := b.Conflicts(f); len(conflicts) > 0 {
			value += " ⚠"
			refs := make([]string, len(conflicts))
			for j, g := range conflicts {
				refs[j] = "#" + strconv.Itoa(number[g.ID]) + " (" + g.Value + ")"
			}
			note = strings.TrimSpace("Conflicts with " + strings.Join(refs, ", ") + ". " + note)
		}
		note = words.Join(" ", comparedNote(b, f, number), note)
		rows[i] = row{number: i + 1, cells: []string{value, f.Counts, f.AsOf, note}, cites: f.Sources}
	}
	r.table([]string{"Value", "What it counts", "As of", "Note"}, rows)
}

func glossary(b *data.Briefing, r renderer) {
	if len(b.Glossary) == 0 {
		return
	}
	r.heading(2, "Glossary")
	var langs []string
	for _, g := range b.Glossary {
		if !slices.Contains(langs, g.Lang) {
			langs = append(langs, g.Lang)
		}
	}
	for _, lang := range langs {
		r.heading(3, words.Language(lang))
		var rows []row
		for _, g := range b.TermsIn(lang) {
			rows = append(rows, row{cells: []string{g.Term, g.English, g.Note}, cites: g.Sources})
		}
		r.table([]string{"Term", "English", "Note"}, rows)
	}
}

func sources(b *data.Briefing, r renderer) {
	r.heading(2, "Sources")
	for i := range b.Sources {
		s := &b.Sources[i]
		r.heading(3, s.Outlet)
		r.field("Cited as", "["+s.ID+"]", nil)
		published := words.LongDate(s.Published)
		if s.PublishedNote != "" {
			published += " (" + s.PublishedNote + ")"
		}
		for _, f := range [][2]string{
			{"Republished by", s.Republisher}, {"Headline", s.Headline},
			{"Language", words.Language(s.Language)}, {"Published", published}, {"URL", s.URL},
			{"Authors", strings.Join(s.Authors, ", ")},
		} {
			if f[1] != "" {
				r.field(f[0], f[1], nil)
			}
		}
		r.paragraph(s.Summary, nil)
		if len(s.KeyPoints) > 0 {
			r.label("Key points of " + s.Outlet)
		}
		for _, k := range s.KeyPoints {
			r.item(0, "", k, nil)
		}
		if s.Note != "" {
			r.field("Note", s.Note, nil)
		}
	}
}

// speakerNames lists speakers by label; an id the briefing lacks is shown
// as is rather than dropped.
func speakerNames(b *data.Briefing, ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id
		if sp, ok := b.Speaker(id); ok {
			names[i] = sp.Label()
		}
	}
	return words.List(names)
}

func sessionTitle(b *data.Briefing, id string) string {
	if s, ok := b.Session(id); ok {
		return s.Title
	}
	return id
}
