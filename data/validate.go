package data

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

const dateLayout = "2006-01-02"

func parseDate(s string) (time.Time, error) { return time.Parse(dateLayout, s) }

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Validate checks a briefing built in code, such as a generated one; Load
// already validates what it loads. Problems name the file and the path of
// the item, since such a briefing has no lines.
func Validate(b *Briefing) Problems {
	b.Finish()
	if ps := validate(b, nil); len(ps) > 0 {
		return ps.limit("briefing")
	}
	return nil
}

// checker collects the problems of one briefing.
type checker struct {
	b      *Briefing
	locate locator
	cited  map[string]bool
	ps     Problems
	ids    map[Kind][]string // the ids of each kind, for hints
}

// locator finds where a path of a file is written (see decoder.locate);
// nil for briefings built in code.
type locator func(file string, at []any, within string) (p Pos, found bool)

func validate(b *Briefing, locate locator) Problems {
	c := &checker{b: b, locate: locate, cited: map[string]bool{}}
	c.overview()
	c.overviewSections()
	c.sources()
	c.timeline()
	c.sessions()
	c.speakers()
	c.measures()
	c.figures()
	c.glossary()
	c.uncited()
	return c.ps
}

// add reports a problem at a path of a file. found reports whether the path
// exists, so a missing field is told apart from an empty one.
func (c *checker) add(file string, at []any, msg, hint string) {
	c.addWithin(file, at, "", msg, hint)
}

// addWithin reports a problem with part of a text, at that part when the
// text is written out in the file.
func (c *checker) addWithin(file string, at []any, within, msg, hint string) {
	if c.full() {
		return
	}
	var p Pos
	if c.locate != nil {
		p, _ = c.locate(file, at, within)
	} else {
		p = Pos{File: file}
		msg = pathString(at) + ": " + msg
	}
	c.ps = append(c.ps, Problem{Pos: p, Message: msg, Hint: hint})
}

// full reports that no more problems will be kept, so finding and
// describing more would only cost time.
func (c *checker) full() bool { return len(c.ps) > MaxProblems }

func (c *checker) exists(file string, at []any) bool {
	if c.locate == nil {
		return true
	}
	_, found := c.locate(file, at, "")
	return found
}

func pathString(at []any) string {
	var sb strings.Builder
	for _, seg := range at {
		switch s := seg.(type) {
		case int:
			sb.WriteString("[" + strconv.Itoa(s) + "]")
		case string:
			if sb.Len() > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(s)
		}
	}
	if sb.Len() == 0 {
		return "(root)"
	}
	return sb.String()
}

func at(base []any, more ...any) []any { return append(slices.Clip(base), more...) }

func (c *checker) overview() {
	const f = "briefing.yaml"
	o := c.b.Overview
	c.required(f, nil, "title", o.Title)
	c.required(f, nil, "place", o.Place)
	start, ok1 := c.date(f, nil, "start", o.Start)
	end, ok2 := c.date(f, nil, "end", o.End)
	if ok1 && ok2 && end.Before(start) {
		c.add(f, []any{"end"}, "end "+o.End+" is before start "+o.Start, "swap them")
	}
	c.required(f, []any{"theme"}, "english", o.Theme.English)
	for i, t := range o.Theme.Original {
		c.original(f, []any{"theme", "original", i}, t)
	}
	c.text(f, nil, "synthesis", o.Synthesis)
}

func (c *checker) original(file string, p []any, o Original) {
	c.lang(file, p, "lang", o.Lang)
	c.required(file, p, "text", o.Text)
	if c.required(file, p, "source", o.Source) {
		if _, ok := c.b.Source(o.Source); ok {
			c.cited[o.Source] = true
		} else if !c.full() {
			c.add(file, at(p, "source"), "unknown source "+quote(o.Source), c.knownHint(KindSource, o.Source))
		}
	}
}

func (c *checker) sources() {
	const f = "sources.yaml"
	seen := map[string]bool{}
	for i, s := range c.b.Sources {
		p := []any{i}
		c.id(f, p, KindSource, s.ID, seen)
		c.required(f, p, "outlet", s.Outlet)
		c.lang(f, p, "language", s.Language)
		c.date(f, p, "published", s.Published)
		if s.URL != "" {
			c.url(f, at(p, "url"), s.URL)
		}
		c.text(f, p, "summary", s.Summary)
		if len(s.KeyPoints) == 0 {
			c.add(f, p, "missing keyPoints", "list the source's key points, one per line starting with \"- \"")
		}
		for j, k := range s.KeyPoints {
			if strings.TrimSpace(k) == "" {
				c.add(f, at(p, "keyPoints", j), "key point is empty", "write it or remove the line")
			}
			c.inline(f, at(p, "keyPoints", j), k)
		}
	}
}

func (c *checker) timeline() {
	const f = "timeline.yaml"
	seen := map[string]bool{}
	for i, e := range c.b.Timeline {
		p := []any{i}
		c.id(f, p, KindEvent, e.ID, seen)
		c.eventDate(f, p, e.Date, e.LeadUp)
		c.partOfDay(f, p, e.PartOfDay)
		c.required(f, p, "title", e.Title)
		c.text(f, p, "text", e.Text)
		if e.Session != "" {
			c.ref(f, at(p, "session"), KindSession, e.Session)
		}
		c.sourceRefs(f, p, e.Sources)
	}
}

func (c *checker) sessions() {
	const f = "sessions.yaml"
	seen := map[string]bool{}
	for i, s := range c.b.Sessions {
		p := []any{i}
		c.id(f, p, KindSession, s.ID, seen)
		if c.required(f, p, "kind", string(s.Kind)) && !slices.Contains(SessionKinds, s.Kind) {
			c.add(f, at(p, "kind"), "unknown session kind "+quote(string(s.Kind)), "use one of "+joinQuoted(SessionKinds))
		}
		c.eventDate(f, p, s.Date, s.LeadUp)
		c.partOfDay(f, p, s.PartOfDay)
		c.required(f, p, "title", s.Title)
		for j, o := range s.OriginalTitles {
			c.original(f, at(p, "originalTitles", j), o)
		}
		for j, id := range s.Chairs {
			c.ref(f, at(p, "chairs", j), KindSpeaker, id)
		}
		for j, id := range s.Speakers {
			c.ref(f, at(p, "speakers", j), KindSpeaker, id)
		}
		c.links(f, p, "overlapsWith", KindSession, s.ID, s.OverlapsWith, "overlaps with")
		c.text(f, p, "summary", s.Summary)
		c.sourceRefs(f, p, s.Sources)
	}
}

func (c *checker) speakers() {
	const f = "speakers.yaml"
	seen := map[string]bool{}
	for i, sp := range c.b.Speakers {
		p := []any{i}
		c.id(f, p, KindSpeaker, sp.ID, seen)
		if c.required(f, p, "kind", string(sp.Kind)) && !slices.Contains(SpeakerKinds, sp.Kind) {
			c.add(f, at(p, "kind"), "unknown speaker kind "+quote(string(sp.Kind)), "use one of "+joinQuoted(SpeakerKinds))
		}
		c.required(f, p, "name", sp.Name)
		for j, st := range sp.Statements {
			stp := at(p, "statements", j)
			if c.required(f, stp, "session", st.Session) {
				c.ref(f, at(stp, "session"), KindSession, st.Session)
				if s, ok := c.b.Session(st.Session); ok && !slices.Contains(s.Speakers, c.b.Speakers[i].ID) && !slices.Contains(s.Chairs, c.b.Speakers[i].ID) {
					c.add(f, at(stp, "session"), "speaker "+quote(c.b.Speakers[i].ID)+" has a statement in session "+quote(st.Session)+" but is not among its speakers", "add the id to that session's speakers in sessions.yaml")
				}
			}
			c.text(f, stp, "text", st.Text)
			c.sourceRefs(f, stp, st.Sources)
			c.quote(f, stp, st)
		}
		c.sourceRefs(f, p, sp.Sources)
	}
}

func (c *checker) measures() {
	const f = "measures.yaml"
	seen := map[string]bool{}
	for i, m := range c.b.Measures {
		p := []any{i}
		c.id(f, p, KindMeasure, m.ID, seen)
		if m.Number != i+1 {
			if c.exists(f, at(p, "number")) {
				c.add(f, at(p, "number"), fmt.Sprintf("measure numbered %d where %d is expected", m.Number, i+1), "number the measures 1, 2, 3 … in the order they were given")
			} else {
				c.add(f, p, "missing required field \"number\"", fmt.Sprintf("add \"number: %d\"", i+1))
			}
		}
		c.required(f, p, "title", m.Title)
		c.text(f, p, "text", m.Text)
		if len(m.ProposedBy) == 0 {
			c.add(f, p, "missing proposedBy", "name who proposed the measure with speaker ids from speakers.yaml")
		}
		for j, id := range m.ProposedBy {
			c.ref(f, at(p, "proposedBy", j), KindSpeaker, id)
		}
		if c.required(f, p, "session", m.Session) {
			c.ref(f, at(p, "session"), KindSession, m.Session)
		}
		c.sourceRefs(f, p, m.Sources)
	}
}

// links checks a list of links (conflictsWith, compareWith, overlapsWith)
// from the item own: each names another item of kind.
func (c *checker) links(file string, p []any, field string, kind Kind, own string, ids []string, verb string) {
	for j, id := range ids {
		if id == own {
			c.add(file, at(p, field, j), string(kind)+" "+quote(id)+" "+verb+" itself", "name the other "+string(kind)+"'s id")
			continue
		}
		c.ref(file, at(p, field, j), kind, id)
	}
}

func (c *checker) figures() {
	const f = "figures.yaml"
	seen := map[string]bool{}
	for i, fig := range c.b.Figures {
		p := []any{i}
		c.id(f, p, KindFigure, fig.ID, seen)
		c.required(f, p, "value", fig.Value)
		c.required(f, p, "counts", fig.Counts)
		c.required(f, p, "asOf", fig.AsOf)
		c.sourceRefs(f, p, fig.Sources)
		c.links(f, p, "conflictsWith", KindFigure, fig.ID, fig.ConflictsWith, "conflicts with")
		c.links(f, p, "compareWith", KindFigure, fig.ID, fig.CompareWith, "is compared with")
		c.inline(f, at(p, "note"), fig.Note)
	}
}

func (c *checker) glossary() {
	const f = "glossary.yaml"
	seen := map[string]bool{}
	for i, g := range c.b.Glossary {
		p := []any{i}
		c.id(f, p, KindTerm, g.ID, seen)
		c.lang(f, p, "lang", g.Lang)
		c.required(f, p, "term", g.Term)
		c.required(f, p, "english", g.English)
		c.sourceRefs(f, p, g.Sources)
	}
}

// uncited reports sources nothing cites: either a fact lost its citation or
// the source does not belong in the briefing.
func (c *checker) uncited() {
	for i, s := range c.b.Sources {
		if s.ID != "" && !c.cited[s.ID] {
			c.add("sources.yaml", []any{i, "id"}, "source "+quote(s.ID)+" is never cited", "cite it from the facts it supports, or remove it")
		}
	}
}
