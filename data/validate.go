package data

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

const dateLayout = "2006-01-02"

func parseDate(s string) (time.Time, error) { return time.Parse(dateLayout, s) }

var (
	idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	// citePattern finds inline citations, "[source-id]", in texts; a
	// Markdown link "[text](url)" is not one.
	citePattern = regexp.MustCompile(`\[([a-z0-9][a-z0-9-]*)\]`)
)

// Citations returns the source ids cited inline in a text as [id], in order
// of appearance, without Markdown links.
func Citations(text string) []string {
	var ids []string
	for _, m := range citePattern.FindAllStringSubmatchIndex(text, -1) {
		if m[1] < len(text) && text[m[1]] == '(' {
			continue
		}
		ids = append(ids, text[m[2]:m[3]])
	}
	return ids
}

// Validate checks a briefing built in code, such as a generated one; Load
// already validates what it loads. Problems name the file and the path of
// the item, since such a briefing has no lines.
func Validate(b *Briefing) Problems {
	b.buildIndex()
	return validate(b, nil)
}

// checker collects the problems of one briefing.
type checker struct {
	b      *Briefing
	locate func(file string, at []any) (Pos, bool)
	cited  map[string]bool
	ps     Problems
}

func validate(b *Briefing, locate func(string, []any) (Pos, bool)) Problems {
	c := &checker{b: b, locate: locate, cited: map[string]bool{}}
	c.overview()
	c.sources()
	c.timeline()
	c.sessions()
	c.speakers()
	c.measures()
	c.figures()
	c.glossary()
	c.uncited()
	c.ps.sort()
	return c.ps
}

// add reports a problem at a path of a file. found reports whether the path
// exists, so a missing field is told apart from an empty one.
func (c *checker) add(file string, at []any, msg, hint string) {
	var p Pos
	if c.locate != nil {
		p, _ = c.locate(file, at)
	} else {
		p = Pos{File: file}
		msg = pathString(at) + ": " + msg
	}
	c.ps = append(c.ps, Problem{Pos: p, Message: msg, Hint: hint})
}

func (c *checker) exists(file string, at []any) bool {
	if c.locate == nil {
		return true
	}
	_, found := c.locate(file, at)
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

// required reports a missing or blank text field.
func (c *checker) required(file string, base []any, field, value string) bool {
	if strings.TrimSpace(value) != "" {
		return true
	}
	p := at(base, field)
	if c.exists(file, p) {
		c.add(file, p, field+" is empty", "write the "+field+" or remove the item")
	} else {
		c.add(file, base, "missing required field "+quote(field), "add a line \""+field+": …\"; see docs/FORMAT.md")
	}
	return false
}

// text checks a required text and the source ids it cites inline.
func (c *checker) text(file string, base []any, field, value string) {
	if !c.required(file, base, field, value) {
		return
	}
	c.inline(file, at(base, field), value)
}

func (c *checker) inline(file string, p []any, value string) {
	for _, id := range Citations(value) {
		if _, ok := c.b.Source(id); ok {
			c.cited[id] = true
			continue
		}
		c.add(file, p, "text cites unknown source "+quote("["+id+"]"), c.knownHint("sources.yaml", id, c.sourceIDs()))
	}
}

func (c *checker) id(file string, base []any, kind Kind, id string, seen map[string]bool) {
	if !c.required(file, base, "id", id) {
		return
	}
	p := at(base, "id")
	switch {
	case !idPattern.MatchString(id):
		c.add(file, p, "id "+quote(id)+" is not a valid id", "use lower-case letters, digits and hyphens, starting with a letter or digit")
	case seen[id]:
		c.add(file, p, "duplicate "+string(kind)+" id "+quote(id), "every "+string(kind)+" needs its own id")
	}
	seen[id] = true
}

func (c *checker) date(file string, p []any, field, value string) (time.Time, bool) {
	if !c.required(file, p, field, value) {
		return time.Time{}, false
	}
	d, err := parseDate(value)
	if err != nil {
		c.add(file, at(p, field), "date "+quote(value)+" is not a valid date", "write it as YYYY-MM-DD, e.g. 2025-10-25")
		return time.Time{}, false
	}
	return d, true
}

// eventDate checks that a session or event falls within the briefing's
// days, or before them when it is part of the lead-up.
func (c *checker) eventDate(file string, p []any, value string, leadUp bool) {
	d, ok := c.date(file, p, "date", value)
	start, err1 := parseDate(c.b.Overview.Start)
	end, err2 := parseDate(c.b.Overview.End)
	if !ok || err1 != nil || err2 != nil {
		return
	}
	span := c.b.Overview.Start + " to " + c.b.Overview.End
	switch {
	case leadUp && !d.Before(start):
		c.add(file, at(p, "date"), "lead-up date "+value+" is not before the briefing's first day "+c.b.Overview.Start, "remove leadUp: true, or fix the date")
	case !leadUp && (d.Before(start) || d.After(end)):
		c.add(file, at(p, "date"), "date "+value+" is outside the briefing's days ("+span+")", "fix the date, or add leadUp: true for an event before the briefing")
	}
}

func (c *checker) partOfDay(file string, p []any, v PartOfDay) {
	if v != "" && !slices.Contains(PartsOfDay, v) {
		c.add(file, at(p, "partOfDay"), "unknown part of day "+quote(string(v)), "use one of "+joinQuoted(PartsOfDay)+", or leave it out when no source says")
	}
}

func (c *checker) lang(file string, p []any, field, code string) {
	if !c.required(file, p, field, code) {
		return
	}
	if _, err := language.ParseBase(code); err != nil || len(code) != 2 || strings.ToLower(code) != code {
		c.add(file, at(p, field), "language "+quote(code)+" is not an ISO 639-1 code", "use a two-letter lower-case code such as fr, vi, id or en")
	}
}

// sourceRefs checks a list of cited source ids; at least one is required.
func (c *checker) sourceRefs(file string, p []any, ids []string) {
	if len(ids) == 0 {
		c.add(file, p, "missing sources: every fact cites at least one source", "add sources: [id] with ids from sources.yaml")
		return
	}
	for i, id := range ids {
		if _, ok := c.b.Source(id); !ok {
			c.add(file, at(p, "sources", i), "unknown source "+quote(id), c.knownHint("sources.yaml", id, c.sourceIDs()))
			continue
		}
		c.cited[id] = true
	}
}

func (c *checker) ref(file string, p []any, kind Kind, id string) {
	if c.b.Has(Ref{kind, id}) {
		return
	}
	var ids []string
	var in string
	switch kind {
	case KindSession:
		in = "sessions.yaml"
		for _, s := range c.b.Sessions {
			ids = append(ids, s.ID)
		}
	case KindSpeaker:
		in = "speakers.yaml"
		for _, s := range c.b.Speakers {
			ids = append(ids, s.ID)
		}
	case KindFigure:
		in = "figures.yaml"
		for _, f := range c.b.Figures {
			ids = append(ids, f.ID)
		}
	}
	c.add(file, p, "unknown "+string(kind)+" "+quote(id), c.knownHint(in, id, ids))
}

func (c *checker) knownHint(file, id string, ids []string) string {
	if len(ids) == 0 {
		return file + " defines none"
	}
	shown := ids
	if len(shown) > 8 {
		shown = shown[:8]
	}
	more := ""
	if len(ids) > len(shown) {
		more = ", …"
	}
	return "ids in " + file + ": " + strings.Join(shown, ", ") + more + closest(id, ids)
}

func (c *checker) sourceIDs() []string {
	ids := make([]string, len(c.b.Sources))
	for i, s := range c.b.Sources {
		ids[i] = s.ID
	}
	return ids
}

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
		if _, ok := c.b.Source(o.Source); !ok {
			c.add(file, at(p, "source"), "unknown source "+quote(o.Source), c.knownHint("sources.yaml", o.Source, c.sourceIDs()))
		} else {
			c.cited[o.Source] = true
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

// url accepts only absolute http and https URLs: anything else could run
// or open something other than a web page.
func (c *checker) url(file string, p []any, raw string) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		c.add(file, p, "URL "+quote(raw)+" does not parse: "+err.Error(), "copy the URL exactly as the source gives it")
	case u.Scheme != "http" && u.Scheme != "https":
		c.add(file, p, "URL "+quote(raw)+" is not http or https", "only web addresses are allowed; leave url out when the source gives none")
	case u.Host == "":
		c.add(file, p, "URL "+quote(raw)+" has no host", "write the full address, starting with https://")
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
		for j, id := range fig.ConflictsWith {
			if id == fig.ID {
				c.add(f, at(p, "conflictsWith", j), "figure "+quote(id)+" conflicts with itself", "name the other figure's id")
				continue
			}
			c.ref(f, at(p, "conflictsWith", j), KindFigure, id)
		}
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

func joinQuoted[T ~string](vs []T) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = quote(string(v))
	}
	return strings.Join(q, ", ")
}
