package data

import "slices"

// KindParty names parties in validation messages. Parties belong to the
// overview, so they are not a kind of item the reader lists on its own.
const KindParty Kind = "party"

// Label is how a party reads in a list: "Vietnam — signed by General
// Luong Tam Quang, Minister of Public Security".
func (p *Party) Label() string {
	who := p.Signer
	if p.Rank != "" && who != "" {
		who = p.Rank + " " + who
	}
	if p.Post != "" {
		if who != "" {
			who += ", "
		}
		who += p.Post
	}
	s := p.Name + " — " + p.Action
	if who != "" {
		s += " by " + who
	}
	return s
}

// Compared returns the figures shown side by side with f as the same
// quantity at another time or precision, whichever side names the link.
func (b *Briefing) Compared(f *Figure) []*Figure {
	var out []*Figure
	for i := range b.Figures {
		g := &b.Figures[i]
		if g.ID != f.ID && (slices.Contains(f.CompareWith, g.ID) || slices.Contains(g.CompareWith, f.ID)) {
			out = append(out, g)
		}
	}
	return out
}

// overviewSections checks the overview's optional background, outlook and
// parties: every background and outlook entry cites a source, parties
// have an id, a kind, a name, an action and sources.
func (c *checker) overviewSections() {
	const f = "briefing.yaml"
	o := &c.b.Overview
	for _, sec := range []struct {
		name    string
		entries []string
	}{{"background", o.Background}, {"outlook", o.Outlook}} {
		for i, s := range sec.entries {
			p := []any{sec.name, i}
			switch {
			case s == "":
				c.add(f, p, sec.name+" entry is empty", "write it or remove the line")
			case len(Citations(s)) == 0:
				c.add(f, p, sec.name+" entry cites no source", "end each sentence with the [source-id] it comes from")
			}
			c.inline(f, p, s)
		}
	}
	c.inline(f, []any{"partiesNote"}, o.PartiesNote)
	seen := map[string]bool{}
	for i, pt := range o.Parties {
		p := []any{"parties", i}
		c.id(f, p, KindParty, pt.ID, seen)
		if c.required(f, p, "kind", string(pt.Kind)) && pt.Kind != Country && pt.Kind != Organisation {
			c.add(f, at(p, "kind"), "unknown party kind "+quote(string(pt.Kind)), "use \"country\" or \"organisation\"")
		}
		c.required(f, p, "name", pt.Name)
		c.required(f, p, "action", pt.Action)
		if pt.Speaker != "" {
			c.ref(f, at(p, "speaker"), KindSpeaker, pt.Speaker)
		}
		if pt.Session != "" {
			c.ref(f, at(p, "session"), KindSession, pt.Session)
		}
		c.sourceRefs(f, p, pt.Sources)
		c.inline(f, at(p, "note"), pt.Note)
	}
}

// figureComparisons checks compareWith links like conflictsWith ones.
func (c *checker) figureComparisons() {
	const f = "figures.yaml"
	for i, fig := range c.b.Figures {
		for j, id := range fig.CompareWith {
			p := []any{i, "compareWith", j}
			if id == fig.ID {
				c.add(f, p, "figure "+quote(id)+" is compared with itself", "name the other figure's id")
				continue
			}
			c.ref(f, p, KindFigure, id)
		}
	}
}

// sessionOverlaps checks overlapsWith links: each names another session.
func (c *checker) sessionOverlaps() {
	const f = "sessions.yaml"
	for i, s := range c.b.Sessions {
		for j, id := range s.OverlapsWith {
			p := []any{i, "overlapsWith", j}
			if id == s.ID {
				c.add(f, p, "session "+quote(id)+" overlaps with itself", "name the other session's id")
				continue
			}
			c.ref(f, p, KindSession, id)
		}
	}
}

// Overlapping returns the sessions that may be the same event as s,
// whichever side names the link.
func (b *Briefing) Overlapping(s *Session) []*Session {
	var out []*Session
	for i := range b.Sessions {
		o := &b.Sessions[i]
		if o.ID != s.ID && (slices.Contains(s.OverlapsWith, o.ID) || slices.Contains(o.OverlapsWith, s.ID)) {
			out = append(out, o)
		}
	}
	return out
}
