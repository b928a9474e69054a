package data

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/language"
)

// The checks of single fields and references that the per-file checks in
// validate.go are made of.

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
		} else if !c.full() {
			c.addWithin(file, p, "["+id+"]", "text cites unknown source "+quote("["+id+"]"), c.knownHint(KindSource, id))
		}
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
	if !ok || err1 != nil || err2 != nil || end.Before(start) {
		// The overview's own problem is reported; every date would repeat it.
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
		if _, ok := c.b.Source(id); ok {
			c.cited[id] = true
		} else if !c.full() {
			c.add(file, at(p, "sources", i), "unknown source "+quote(id), c.knownHint(KindSource, id))
		}
	}
}

func (c *checker) ref(file string, p []any, kind Kind, id string) {
	if c.b.Has(Ref{kind, id}) || c.full() {
		return
	}
	c.add(file, p, "unknown "+string(kind)+" "+quote(id), c.knownHint(kind, id))
}

// knownHint lists the ids a reference to kind can use, and the one id was
// most likely meant to be.
func (c *checker) knownHint(kind Kind, id string) string {
	file := map[Kind]string{KindSource: "sources.yaml", KindSession: "sessions.yaml", KindSpeaker: "speakers.yaml", KindFigure: "figures.yaml"}[kind]
	ids := c.idsOf(kind)
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

// idsOf lists the ids of one kind of item, once per check.
func (c *checker) idsOf(kind Kind) []string {
	if ids, ok := c.ids[kind]; ok {
		return ids
	}
	var ids []string
	switch kind {
	case KindSource:
		for _, s := range c.b.Sources {
			ids = append(ids, s.ID)
		}
	case KindSession:
		for _, s := range c.b.Sessions {
			ids = append(ids, s.ID)
		}
	case KindSpeaker:
		for _, s := range c.b.Speakers {
			ids = append(ids, s.ID)
		}
	case KindFigure:
		for _, f := range c.b.Figures {
			ids = append(ids, f.ID)
		}
	}
	if c.ids == nil {
		c.ids = map[Kind][]string{}
	}
	c.ids[kind] = ids
	return ids
}

// url accepts only absolute http and https URLs: anything else could run
// or open something other than a web page. It checks the URL as written,
// before CleanText would make an escape sequence in it look harmless; a
// URL the reader prints or opens holds no space, control or format
// character, and no user name that could pose as the host.
func (c *checker) url(file string, p []any, raw string) {
	u, err := url.Parse(raw)
	bad := strings.IndexFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || Unsafe(r) })
	switch {
	case bad >= 0:
		c.add(file, p, fmt.Sprintf("URL %s holds %s", quote(raw), quote(string([]rune(raw[bad:])[0]))), "copy the URL exactly as the source gives it; write a space as %20")
	case err != nil:
		c.add(file, p, "URL "+quote(raw)+" does not parse", "copy the URL exactly as the source gives it")
	case u.Scheme != "http" && u.Scheme != "https":
		c.add(file, p, "URL "+quote(raw)+" is not http or https", "only web addresses are allowed; leave url out when the source gives none")
	case u.Host == "":
		c.add(file, p, "URL "+quote(raw)+" has no host", "write the full address, starting with https://")
	case u.User != nil:
		c.add(file, p, "URL "+quote(raw)+" holds a user name before the host", "remove the part before @: it can make one site look like another")
	}
}

func joinQuoted[T ~string](vs []T) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = quote(string(v))
	}
	return strings.Join(q, ", ")
}

// maxQuoteWords bounds a statement's quote: one short passage, the rest of
// what was said stays in the paraphrase.
const maxQuoteWords = 60

// quote checks a statement's direct quotation: its English text and the
// language it was translated from, which must be the language of a source
// the statement cites (the quote is that source's words).
func (c *checker) quote(file string, p []any, st Statement) {
	q := st.Quote
	if q == (Quote{}) {
		return
	}
	qp := at(p, "quote")
	if !c.required(file, qp, "text", q.Text) {
		return
	}
	if len(Citations(q.Text)) > 0 {
		c.add(file, at(qp, "text"), "a quote cites no source inline", "the statement's sources are the quote's; remove the [id]")
	}
	if n := len(strings.Fields(q.Text)); n > maxQuoteWords {
		c.add(file, at(qp, "text"), fmt.Sprintf("quote of %d words is over the limit of %d", n, maxQuoteWords), "quote one short passage; paraphrase the rest in the statement's text")
	}
	c.lang(file, qp, "lang", q.Lang)
	for _, id := range st.Sources {
		if s, ok := c.b.Source(id); ok && s.Language == q.Lang {
			return
		}
	}
	if q.Lang != "" {
		c.add(file, at(qp, "lang"), "quote language "+quote(q.Lang)+" is not the language of any source the statement cites", "give the language of the source that quotes the words")
	}
}
