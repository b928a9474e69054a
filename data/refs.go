package data

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind names a kind of item in a briefing: what a cross-reference or a
// search hit points at.
type Kind string

// The kinds of item.
const (
	KindOverview  Kind = "overview"
	KindSource    Kind = "source"
	KindEvent     Kind = "event"
	KindSession   Kind = "session"
	KindSpeaker   Kind = "speaker"
	KindStatement Kind = "statement"
	KindMeasure   Kind = "measure"
	KindFigure    Kind = "figure"
	KindTerm      Kind = "term"
)

// Kinds lists every kind in the order the reader presents them.
var Kinds = []Kind{KindOverview, KindEvent, KindSession, KindSpeaker, KindStatement, KindMeasure, KindFigure, KindSource, KindTerm}

// Ref points at one item of a briefing. Statements have no id of their own:
// their Ref is the speaker's id and the statement's position, as "id#n".
type Ref struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
}

// StatementRef is the Ref of a speaker's n-th statement (0-based).
func StatementRef(speakerID string, n int) Ref {
	return Ref{Kind: KindStatement, ID: speakerID + "#" + strconv.Itoa(n)}
}

// SplitStatement returns the speaker id and position of a statement Ref.
func (r Ref) SplitStatement() (speakerID string, n int, ok bool) {
	if r.Kind != KindStatement {
		return "", 0, false
	}
	id, num, found := strings.Cut(r.ID, "#")
	if !found {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	return id, n, err == nil
}

// String is "kind:id", the form ParseRef reads and the state stores.
func (r Ref) String() string { return string(r.Kind) + ":" + r.ID }

// ParseRef reads a Ref written by String: a kind of Kinds, ":", and an id,
// empty for the overview only (a statement's is "speaker#n").
func ParseRef(s string) (Ref, error) {
	kind, id, ok := strings.Cut(s, ":")
	r := Ref{Kind: Kind(kind), ID: id}
	switch {
	case !ok || (id == "" && r.Kind != KindOverview):
		return Ref{}, fmt.Errorf("%q is not an item (kind:id)", s)
	case !slices.Contains(Kinds, r.Kind):
		return Ref{}, fmt.Errorf("%q is not an item: no kind %q", s, kind)
	case r.Kind == KindStatement:
		if _, _, ok := r.SplitStatement(); !ok {
			return Ref{}, fmt.Errorf("%q is not a statement (statement:speaker#n)", s)
		}
	}
	return r, nil
}

// Finish makes a briefing built in code ready to read: it maps every
// item's Ref to its position, the id lookup every other method uses. Load,
// Validate and the generator finish what they return; call it again after
// changing ids. Reads never write, so a finished briefing is safe to read
// from several goroutines.
func (b *Briefing) Finish() {
	b.byID = make(map[Ref]int, b.withIDs())
	b.words = &wordsOnce{}
	add := func(k Kind, id string, i int) {
		if _, dup := b.byID[Ref{k, id}]; !dup {
			b.byID[Ref{k, id}] = i
		}
	}
	for i, x := range b.Sources {
		add(KindSource, x.ID, i)
	}
	for i, x := range b.Timeline {
		add(KindEvent, x.ID, i)
	}
	for i, x := range b.Sessions {
		add(KindSession, x.ID, i)
	}
	for i, x := range b.Speakers {
		add(KindSpeaker, x.ID, i)
	}
	for i, x := range b.Measures {
		add(KindMeasure, x.ID, i)
	}
	for i, x := range b.Figures {
		add(KindFigure, x.ID, i)
	}
	for i, x := range b.Glossary {
		add(KindTerm, x.ID, i)
	}
}

// withIDs is the number of items that have an id of their own.
func (b *Briefing) withIDs() int {
	return len(b.Sources) + len(b.Timeline) + len(b.Sessions) + len(b.Speakers) + len(b.Measures) + len(b.Figures) + len(b.Glossary)
}

// idsUnique reports, once Finish has run, whether no two items of a kind
// share an id, as the validator makes sure of.
func (b *Briefing) idsUnique() bool { return len(b.byID) == b.withIDs() }

// Items lists every item of the briefing a reader can see, once each, in
// the order of Kinds and then of the briefing's slices. It is what "seen"
// and "changed" are counted over.
func (b *Briefing) Items() []Ref {
	n := 1 + len(b.Timeline) + len(b.Sessions) + len(b.Speakers) + len(b.Measures) + len(b.Figures) + len(b.Sources) + len(b.Glossary)
	for _, x := range b.Speakers {
		n += len(x.Statements)
	}
	// Made at its size: grown append by append, the list of a
	// 10,000-item briefing was copied a dozen times into new memory
	// before the reader's first frame.
	out := make([]Ref, 1, n)
	out[0] = Ref{Kind: KindOverview}
	for _, x := range b.Timeline {
		out = append(out, Ref{KindEvent, x.ID})
	}
	for _, x := range b.Sessions {
		out = append(out, Ref{KindSession, x.ID})
	}
	for _, x := range b.Speakers {
		out = append(out, Ref{KindSpeaker, x.ID})
	}
	for _, x := range b.Speakers {
		for i := range x.Statements {
			out = append(out, StatementRef(x.ID, i))
		}
	}
	for _, x := range b.Measures {
		out = append(out, Ref{KindMeasure, x.ID})
	}
	for _, x := range b.Figures {
		out = append(out, Ref{KindFigure, x.ID})
	}
	for _, x := range b.Sources {
		out = append(out, Ref{KindSource, x.ID})
	}
	for _, x := range b.Glossary {
		out = append(out, Ref{KindTerm, x.ID})
	}
	return out
}

// pos returns the position of the item r points at in its slice.
func (b *Briefing) pos(r Ref) (int, bool) {
	if b.byID == nil {
		panic("data: a Briefing built in code is read before Finish; call b.Finish() (or data.Validate) first")
	}
	i, ok := b.byID[r]
	return i, ok
}

// Has reports whether r points at an item of the briefing.
func (b *Briefing) Has(r Ref) bool {
	if r.Kind == KindOverview {
		return true
	}
	if id, n, ok := r.SplitStatement(); ok {
		sp, found := b.Speaker(id)
		return found && n >= 0 && n < len(sp.Statements)
	}
	_, ok := b.pos(r)
	return ok
}

// Source returns the source with the given id.
func (b *Briefing) Source(id string) (*Source, bool) { return lookup(b, KindSource, id, b.Sources) }

// Event returns the timeline event with the given id.
func (b *Briefing) Event(id string) (*Event, bool) { return lookup(b, KindEvent, id, b.Timeline) }

// Session returns the session with the given id.
func (b *Briefing) Session(id string) (*Session, bool) { return lookup(b, KindSession, id, b.Sessions) }

// Speaker returns the speaker with the given id.
func (b *Briefing) Speaker(id string) (*Speaker, bool) { return lookup(b, KindSpeaker, id, b.Speakers) }

// Measure returns the measure with the given id.
func (b *Briefing) Measure(id string) (*Measure, bool) { return lookup(b, KindMeasure, id, b.Measures) }

// Figure returns the figure with the given id.
func (b *Briefing) Figure(id string) (*Figure, bool) { return lookup(b, KindFigure, id, b.Figures) }

// Term returns the glossary entry with the given id.
func (b *Briefing) Term(id string) (*GlossaryEntry, bool) { return lookup(b, KindTerm, id, b.Glossary) }

func lookup[T any](b *Briefing, k Kind, id string, items []T) (*T, bool) {
	i, ok := b.pos(Ref{k, id})
	if !ok {
		return nil, false
	}
	return &items[i], true
}

// SourcesOf returns the ids of the sources an item cites, in the order it
// cites them: a source cites itself, the overview every source.
func (b *Briefing) SourcesOf(r Ref) []string {
	switch r.Kind {
	case KindOverview:
		ids := make([]string, len(b.Sources))
		for i := range b.Sources {
			ids[i] = b.Sources[i].ID
		}
		return ids
	case KindSource:
		if _, ok := b.Source(r.ID); ok {
			return []string{r.ID}
		}
	case KindStatement:
		if id, n, ok := r.SplitStatement(); ok && b.Has(r) {
			sp, _ := b.Speaker(id)
			return sp.Statements[n].Sources
		}
	default:
		return b.listedSources(r)
	}
	return nil
}

// listedSources returns the Sources list of an item that keeps its own
// (an event, session, speaker, measure, figure or glossary term), nil for
// any other kind or an unknown id. SourcesOf derives the rest.
func (b *Briefing) listedSources(r Ref) []string {
	switch r.Kind {
	case KindEvent:
		if e, ok := b.Event(r.ID); ok {
			return e.Sources
		}
	case KindSession:
		if s, ok := b.Session(r.ID); ok {
			return s.Sources
		}
	case KindSpeaker:
		if sp, ok := b.Speaker(r.ID); ok {
			return sp.Sources
		}
	case KindMeasure:
		if m, ok := b.Measure(r.ID); ok {
			return m.Sources
		}
	case KindFigure:
		if f, ok := b.Figure(r.ID); ok {
			return f.Sources
		}
	case KindTerm:
		if g, ok := b.Term(r.ID); ok {
			return g.Sources
		}
	}
	return nil
}

// SpeakerStatement is a statement with the speaker who made it.
type SpeakerStatement struct {
	Speaker *Speaker
	Pos     int // position in Speaker.Statements
	*Statement
}

// Ref returns the statement's reference.
func (s SpeakerStatement) Ref() Ref { return StatementRef(s.Speaker.ID, s.Pos) }

// StatementsIn returns every statement made in a session, in speaker order.
func (b *Briefing) StatementsIn(sessionID string) []SpeakerStatement {
	var out []SpeakerStatement
	for i := range b.Speakers {
		sp := &b.Speakers[i]
		for j := range sp.Statements {
			if sp.Statements[j].Session == sessionID {
				out = append(out, SpeakerStatement{Speaker: sp, Pos: j, Statement: &sp.Statements[j]})
			}
		}
	}
	return out
}

// SessionsOf returns the sessions a speaker chaired, spoke at or made a
// statement in, in document order.
func (b *Briefing) SessionsOf(speakerID string) []*Session {
	var out []*Session
	sp, _ := b.Speaker(speakerID)
	for i := range b.Sessions {
		s := &b.Sessions[i]
		if slices.Contains(s.Speakers, speakerID) || slices.Contains(s.Chairs, speakerID) || (sp != nil && sp.spokeIn(s.ID)) {
			out = append(out, s)
		}
	}
	return out
}

func (sp *Speaker) spokeIn(sessionID string) bool {
	return slices.ContainsFunc(sp.Statements, func(st Statement) bool { return st.Session == sessionID })
}

// MeasuresOf returns the measures a speaker proposed.
func (b *Briefing) MeasuresOf(speakerID string) []*Measure {
	var out []*Measure
	for i := range b.Measures {
		if slices.Contains(b.Measures[i].ProposedBy, speakerID) {
			out = append(out, &b.Measures[i])
		}
	}
	return out
}

// MeasuresIn returns the measures proposed in a session.
func (b *Briefing) MeasuresIn(sessionID string) []*Measure {
	var out []*Measure
	for i := range b.Measures {
		if b.Measures[i].Session == sessionID {
			out = append(out, &b.Measures[i])
		}
	}
	return out
}

// EventsOf returns the timeline events that belong to a session.
func (b *Briefing) EventsOf(sessionID string) []*Event {
	var out []*Event
	for i := range b.Timeline {
		if b.Timeline[i].Session == sessionID {
			out = append(out, &b.Timeline[i])
		}
	}
	return out
}

// FiguresFrom returns the figures a source gives.
func (b *Briefing) FiguresFrom(sourceID string) []*Figure {
	var out []*Figure
	for i := range b.Figures {
		if slices.Contains(b.Figures[i].Sources, sourceID) {
			out = append(out, &b.Figures[i])
		}
	}
	return out
}

// Conflicts returns the figures that disagree with f, whichever side of the
// pair records the link.
func (b *Briefing) Conflicts(f *Figure) []*Figure {
	return linked(b.Figures, f, func(g *Figure) (string, []string) { return g.ID, g.ConflictsWith })
}

// TermsIn returns the glossary entries of one language, in document order.
func (b *Briefing) TermsIn(lang string) []*GlossaryEntry {
	var out []*GlossaryEntry
	for i := range b.Glossary {
		if b.Glossary[i].Lang == lang {
			out = append(out, &b.Glossary[i])
		}
	}
	return out
}

// TermsFrom returns the glossary entries drawn from a source.
func (b *Briefing) TermsFrom(sourceID string) []*GlossaryEntry {
	var out []*GlossaryEntry
	for i := range b.Glossary {
		if slices.Contains(b.Glossary[i].Sources, sourceID) {
			out = append(out, &b.Glossary[i])
		}
	}
	return out
}

// Days returns the event's days from Start to End, YYYY-MM-DD.
func (o Overview) Days() []string {
	start, err1 := parseDate(o.Start)
	end, err2 := parseDate(o.End)
	if err1 != nil || err2 != nil || end.Before(start) {
		return nil
	}
	var days []string
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		days = append(days, d.Format(dateLayout))
	}
	return days
}

// Label is the speaker's name with rank, for lists and headings.
func (sp *Speaker) Label() string {
	if sp.Rank == "" {
		return sp.Name
	}
	return sp.Rank + " " + sp.Name
}

// Group is what the reader groups a speaker under: the country for people
// and countries, the organisation for international bodies.
func (sp *Speaker) Group() string {
	switch {
	case sp.Kind == Organisation && sp.Organisation != "":
		return sp.Organisation
	case sp.Country != "":
		return sp.Country
	case sp.Organisation != "":
		return sp.Organisation
	}
	return "Other"
}

// Title is the headline, or a description when the copy has none.
func (s *Source) Title() string {
	if s.Headline != "" {
		return s.Headline
	}
	return s.Outlet + " report of " + s.Published
}
