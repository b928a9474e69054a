// Package gen generates large briefings for benchmarks and scale tests:
// valid, deterministic from a seed, with the field lengths, languages and
// proportions of kinds of a real briefing.
package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/brief-reader/brief/data"
)

// plan is how many items of each kind a briefing gets.
type plan struct {
	sources, events, sessions, speakers, statements, measures, figures, terms int
}

// planFor shares items among the kinds roughly as the embedded briefing
// does: many speakers, statements, events and figures, few sources. The
// overview is one of the items.
func planFor(items int) plan {
	items = max(items, 9)
	p := plan{
		sources:    max(1, items/200),
		sessions:   max(1, items*3/100),
		events:     max(1, items*14/100),
		speakers:   max(1, items*20/100),
		statements: max(1, items*40/100),
		measures:   max(1, items*3/100),
		figures:    max(1, items*10/100),
	}
	p.terms = max(1, items-1-p.sources-p.sessions-p.events-p.speakers-p.statements-p.measures-p.figures)
	return p
}

// generator builds one briefing.
type generator struct {
	r     *rand.Rand
	w     words
	b     *data.Briefing
	start time.Time
	days  int
	// next is the source the next citation names: citing in turn spreads
	// citations over every source.
	next int
}

// Briefing returns a briefing of about items items (the overview, each
// source, event, session, speaker, statement, measure, figure and term
// counting one), the same for the same seed. It passes data.Validate.
func Briefing(items int, seed int64) *data.Briefing {
	p := planFor(items)
	g := &generator{
		r:     rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		b:     &data.Briefing{},
		start: time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC),
		days:  2 + items/2500,
	}
	g.w = words{r: g.r, cite: g.cite}
	for i := range p.sources {
		g.source(i)
	}
	for i := range p.speakers {
		g.speaker(i)
	}
	for i := range p.sessions {
		g.session(i)
	}
	for range p.statements {
		g.statement()
	}
	for i := range p.measures {
		g.measure(i)
	}
	for i := range p.figures {
		g.figure(i)
	}
	for i := range p.events {
		g.event(i)
	}
	for i := range p.terms {
		g.term(i)
	}
	g.overview(items)
	g.b.Finish()
	return g.b
}

func (g *generator) cite() string {
	id := g.b.Sources[g.next%len(g.b.Sources)].ID
	g.next++
	return id
}

// sources cites one source, sometimes two.
func (g *generator) sources() []string {
	ids := []string{g.cite()}
	if g.r.IntN(4) == 0 {
		if id := g.cite(); id != ids[0] {
			ids = append(ids, id)
		}
	}
	return ids
}

// date returns a day of the event, or one of the month before it for the
// lead-up, as YYYY-MM-DD.
func (g *generator) date(leadUp bool) string {
	if leadUp {
		return g.start.AddDate(0, 0, -1-g.r.IntN(30)).Format(time.DateOnly)
	}
	return g.start.AddDate(0, 0, g.r.IntN(g.days)).Format(time.DateOnly)
}

func (g *generator) partOfDay() data.PartOfDay {
	if g.r.IntN(3) == 0 {
		return ""
	}
	return oneOf(g.r, partsOfDay)
}

var partsOfDay = []data.PartOfDay{data.Morning, data.Afternoon, data.Evening, data.AllDay}

var sourceLangs = []string{"fr", "vi", "id"}

func (g *generator) source(i int) {
	lang := sourceLangs[i%len(sourceLangs)]
	id := fmt.Sprintf("source-%d", i+1)
	own := words{r: g.r, cite: func() string { return id }}
	s := data.Source{
		ID:        id,
		Outlet:    g.w.pick(outlets),
		Headline:  capitalize(g.inLanguage(lang, g.w.between(6, 14))),
		Language:  lang,
		Published: g.date(g.r.IntN(2) == 0),
		URL:       fmt.Sprintf("https://news.example.org/%s/%d.html", lang, 100000+i),
		Authors:   []string{g.personName()},
		Summary:   own.text(g.w.between(120, 250)),
	}
	if i%3 == 0 {
		s.Republisher = "Global News Mirror"
		s.Note = "Machine translation; wording is rough."
	}
	for range g.w.between(3, 6) {
		s.KeyPoints = append(s.KeyPoints, own.text(g.w.between(10, 25)))
	}
	g.b.Sources = append(g.b.Sources, s)
}

// inLanguage writes n words of one of the sources' languages.
func (g *generator) inLanguage(lang string, n int) string {
	pool := map[string][]string{"fr": french, "vi": vietnamese, "id": indonesian}[lang]
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.w.pick(pool)
	}
	return strings.Join(ws, " ")
}

// personName returns a name, half of them Vietnamese with diacritics.
func (g *generator) personName() string {
	switch p := g.r.IntN(100); {
	case p < 50:
		return g.w.pick(vietFamily) + " " + g.w.pick(vietMiddle) + " " + g.w.pick(vietGiven)
	case p < 65:
		return g.w.pick(frenchNames)
	case p < 80:
		return g.w.pick(indonesianNames)
	}
	return g.w.pick(otherNames)
}

func (g *generator) speaker(i int) {
	sp := data.Speaker{ID: fmt.Sprintf("speaker-%d", i+1), Sources: g.sources()}
	switch i % 10 {
	case 8:
		country := g.w.pick(countries)
		sp.Kind, sp.Name, sp.Country = data.Country, country, country
		sp.Role = "Representative of " + country
	case 9:
		org := g.w.pick(organisations)
		sp.Kind, sp.Name, sp.Organisation = data.Organisation, org, org
		sp.Role = "Unnamed representative"
	default:
		sp.Kind, sp.Name = data.Person, g.personName()
		if plain := asciiName(sp.Name); plain != sp.Name {
			sp.Aliases = []string{plain}
		}
		sp.Rank = g.w.pick(ranks)
		sp.Role = g.w.pick(roles)
		sp.Organisation = g.w.pick(organisations)
		sp.Country = g.w.pick(countries)
	}
	if i%7 == 0 {
		sp.Note = g.w.text(g.w.between(8, 20))
	}
	g.b.Speakers = append(g.b.Speakers, sp)
}

// asciiName spells a name without diacritics, as some sources do. The
// chain keeps state, so each call builds its own.
func asciiName(name string) string {
	stripMarks := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), runes.Map(func(r rune) rune {
		switch r {
		case 'đ':
			return 'd'
		case 'Đ':
			return 'D'
		}
		return r
	}), norm.NFC)
	out, _, err := transform.String(stripMarks, name)
	if err != nil {
		return name
	}
	return out
}

func (g *generator) speakerID() string { return oneOf(g.r, g.b.Speakers).ID }

func (g *generator) session(i int) {
	leadUp := g.r.IntN(10) == 0
	kind := oneOf(g.r, data.SessionKinds)
	s := data.Session{
		ID:        fmt.Sprintf("session-%d", i+1),
		Kind:      kind,
		Date:      g.date(leadUp),
		PartOfDay: g.partOfDay(),
		LeadUp:    leadUp,
		Title:     capitalize(strings.ReplaceAll(string(kind), "-", " ")) + " on " + g.w.pick(topics),
		Summary:   g.w.text(g.w.between(120, 250)),
		Sources:   g.sources(),
	}
	for range g.r.IntN(3) {
		lang := g.w.pick(sourceLangs)
		s.OriginalTitles = append(s.OriginalTitles, data.Original{Lang: lang, Text: capitalize(g.inLanguage(lang, g.w.between(4, 9))), Source: g.cite()})
	}
	if g.r.IntN(3) == 0 {
		s.ChairNote = "The sources name no chair."
	} else {
		s.Chairs = []string{g.speakerID()}
	}
	for range g.w.between(2, 5) {
		if id := g.speakerID(); !slices.Contains(s.Speakers, id) && !slices.Contains(s.Chairs, id) {
			s.Speakers = append(s.Speakers, id)
		}
	}
	g.b.Sessions = append(g.b.Sessions, s)
}

// statement gives a random speaker a statement in a random session, and
// lists the speaker among the session's speakers.
func (g *generator) statement() {
	sp := &g.b.Speakers[g.r.IntN(len(g.b.Speakers))]
	s := &g.b.Sessions[g.r.IntN(len(g.b.Sessions))]
	if !slices.Contains(s.Speakers, sp.ID) && !slices.Contains(s.Chairs, sp.ID) {
		s.Speakers = append(s.Speakers, sp.ID)
	}
	st := data.Statement{Session: s.ID, Text: g.w.text(g.w.between(30, 80)), Sources: g.sources()}
	// Every fourth statement quotes its speaker: its first words, marked
	// as translated from its first source's language (no random draw, so
	// the rest of the briefing stays as it was).
	if len(sp.Statements)%4 == 0 {
		var quoted []string
		for _, w := range strings.Fields(st.Text) {
			if !strings.ContainsAny(w, "[]") && len(quoted) < 12 {
				quoted = append(quoted, w)
			}
		}
		for _, src := range g.b.Sources {
			if src.ID == st.Sources[0] && len(quoted) > 0 {
				st.Quote = data.Quote{Text: strings.Join(quoted, " "), Lang: src.Language}
			}
		}
	}
	sp.Statements = append(sp.Statements, st)
}

func (g *generator) measure(i int) {
	m := data.Measure{
		ID:         fmt.Sprintf("measure-%d", i+1),
		Number:     i + 1,
		Title:      "Strengthen " + g.w.pick(topics),
		Text:       g.w.text(g.w.between(30, 60)),
		ProposedBy: []string{g.speakerID()},
		Session:    oneOf(g.r, g.b.Sessions).ID,
		Sources:    g.sources(),
	}
	if id := g.speakerID(); g.r.IntN(4) == 0 && id != m.ProposedBy[0] {
		m.ProposedBy = append(m.ProposedBy, id)
	}
	g.b.Measures = append(g.b.Measures, m)
}

var approximately = []string{"", "more than ", "about ", "nearly ", "over "}

func (g *generator) figure(i int) {
	f := data.Figure{
		ID:      fmt.Sprintf("figure-%d", i+1),
		Value:   g.w.pick(approximately) + g.w.number(),
		Counts:  g.w.pick(counts),
		AsOf:    g.start.AddDate(0, 0, -g.r.IntN(400)).Format("2 January 2006"),
		Sources: g.sources(),
	}
	if i > 0 && g.r.IntN(8) == 0 {
		f.ConflictsWith = []string{g.b.Figures[i-1].ID}
		f.Note = g.w.text(g.w.between(10, 25))
	}
	g.b.Figures = append(g.b.Figures, f)
}

func (g *generator) event(i int) {
	leadUp := g.r.IntN(10) == 0
	e := data.Event{
		ID:        fmt.Sprintf("event-%d", i+1),
		Date:      g.date(leadUp),
		PartOfDay: g.partOfDay(),
		LeadUp:    leadUp,
		Title:     g.w.pick(countries) + " " + g.w.pick([]string{"signs the convention", "joins a round table on ", "announces support for ", "hosts talks on "}),
		Text:      g.w.text(g.w.between(20, 60)),
		Sources:   g.sources(),
	}
	if strings.HasSuffix(e.Title, " ") {
		e.Title += g.w.pick(topics)
	}
	if leadUp {
		e.DateNote = "The sources give the week, not the day."
	} else if g.r.IntN(2) == 0 {
		e.Session = oneOf(g.r, g.b.Sessions).ID
	}
	g.b.Timeline = append(g.b.Timeline, e)
}

func (g *generator) term(i int) {
	lang := sourceLangs[i%len(sourceLangs)]
	t := oneOf(g.r, glossary[lang])
	g.b.Glossary = append(g.b.Glossary, data.GlossaryEntry{
		ID:      fmt.Sprintf("term-%d", i+1),
		Lang:    lang,
		Term:    t[0],
		English: t[1],
		Sources: g.sources(),
	})
}

func (g *generator) overview(items int) {
	end := g.start.AddDate(0, 0, g.days-1)
	var paragraphs []string
	for range 3 {
		paragraphs = append(paragraphs, g.w.text(g.w.between(60, 120)))
	}
	paragraphs[0] = "**Generated.** " + paragraphs[0]
	g.b.Overview = data.Overview{
		Title: fmt.Sprintf("Generated briefing of %d items", items),
		Place: "Hà Nội, Vietnam",
		Start: g.start.Format(time.DateOnly),
		End:   end.Format(time.DateOnly),
		Theme: data.Theme{
			English:  "Countering Cybercrime – Sharing Responsibility – Looking to the Future",
			Original: []data.Original{{Lang: "vi", Text: "Chống tội phạm mạng – Chia sẻ trách nhiệm – Hướng tới tương lai", Source: g.cite()}},
		},
		Synthesis:    strings.Join(paragraphs, "\n\n") + "\n",
		AboutSources: []string{"Generated sources; their dates and figures are invented for benchmarks [" + g.b.Sources[0].ID + "]."},
	}
}
