package export

import (
	"strconv"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// overviewSections presents the overview's optional sections after the
// synthesis: what the event is about, who signed or took part, what comes
// next and, last, how the sources were used and where they are weak.
func overviewSections(b *data.Briefing, r renderer) {
	o := &b.Overview
	if len(o.Background) > 0 {
		r.heading(3, "Background")
		for _, s := range o.Background {
			r.paragraph(s, nil)
		}
	}
	if len(o.Parties) > 0 || o.PartiesNote != "" {
		r.heading(3, partiesLabel(o))
		if o.PartiesNote != "" {
			r.paragraph(o.PartiesNote, nil)
		}
		for i := range o.Parties {
			p := &o.Parties[i]
			text := ""
			if p.Session != "" {
				text = "In \"" + sessionTitle(b, p.Session) + "\"."
			}
			text = words.Join(" ", text, p.Note)
			r.item(0, p.Label(), text, p.Sources)
		}
	}
	if len(o.Outlook) > 0 {
		r.heading(3, "What comes next")
		for _, s := range o.Outlook {
			r.paragraph(s, nil)
		}
	}
	if len(o.AboutSources) > 0 {
		r.heading(3, "About the sources")
		for _, s := range o.AboutSources {
			r.paragraph(s, nil)
		}
	}
}

// partiesLabel is the heading of the parties list: the bundle's own label,
// or "Parties".
func partiesLabel(o *data.Overview) string {
	if o.PartiesLabel != "" {
		return o.PartiesLabel
	}
	return "Parties"
}

// comparedNote says which figures give the same quantity at another time
// or precision, by their row numbers: "Compare #10, nearly 70: different
// time or precision."
func comparedNote(b *data.Briefing, f *data.Figure, number map[string]int) string {
	compared := b.Compared(f)
	if len(compared) == 0 {
		return ""
	}
	refs := make([]string, len(compared))
	for i, g := range compared {
		refs[i] = "#" + strconv.Itoa(number[g.ID]) + ", " + g.Value
	}
	return "Compare " + strings.Join(refs, "; ") + ": different time or precision, not a conflict."
}

// overlapTitles names the sessions that may be the same event as s, or "".
func overlapTitles(b *data.Briefing, s *data.Session) string {
	var titles []string
	for _, o := range b.Overlapping(s) {
		titles = append(titles, "\""+o.Title+"\"")
	}
	return strings.Join(titles, "; ")
}
