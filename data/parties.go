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
	return linked(b.Figures, f, func(g *Figure) (string, []string) { return g.ID, g.CompareWith })
}

// overviewSections checks the overview's optional background, outlook,
// notes about the sources and parties: every background, outlook and
// aboutSources entry cites a source, parties
// have an id, a kind, a name, an action and sources.
func (c *checker) overviewSections() {
	const f = "briefing.yaml"
	o := &c.b.Overview
	for _, sec := range []struct {
		name    string
		entries []string
	}{{"background", o.Background}, {"outlook", o.Outlook}, {"aboutSources", o.AboutSources}} {
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

// Overlapping returns the sessions that may be the same event as s,
// whichever side names the link.
func (b *Briefing) Overlapping(s *Session) []*Session {
	return linked(b.Sessions, s, func(o *Session) (string, []string) { return o.ID, o.OverlapsWith })
}

// linked returns the items of all linked with x: those x names in its
// links, and those that name x in theirs. idLinks gives an item's id and
// links.
func linked[T any](all []T, x *T, idLinks func(*T) (string, []string)) []*T {
	id, links := idLinks(x)
	var out []*T
	for i := range all {
		y := &all[i]
		yid, ylinks := idLinks(y)
		if yid != id && (slices.Contains(links, yid) || slices.Contains(ylinks, id)) {
			out = append(out, y)
		}
	}
	return out
}
