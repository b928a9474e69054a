package ui

import (
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

func sessionRows(b *data.Briefing) []listRow {
	items := make([]dated, len(b.Sessions))
	for i := range b.Sessions {
		s := &b.Sessions[i]
		items[i] = dated{ref: data.Ref{Kind: data.KindSession, ID: s.ID}, date: s.Date, part: s.PartOfDay, leadUp: s.LeadUp, text: s.Title, kind: words.SessionKind(s.Kind).Short}
	}
	return dayRows(items)
}

// sessionTitlesAndChairs adds how the sources title a session and who
// chaired it.
func sessionTitlesAndChairs(p *page, b *data.Briefing, s *data.Session) {
	if len(s.OriginalTitles) > 0 {
		var lines []string
		for _, o := range s.OriginalTitles {
			lines = append(lines, "*"+mdLine(o.Text)+"* ("+mdLine(o.Lang)+", "+p.sourceMention(b, o.Source)+")")
		}
		p.add("**As the sources title it:**")
		p.list(lines)
	}
	switch {
	case len(s.Chairs) > 0:
		var chairs []string
		for _, id := range s.Chairs {
			chairs = append(chairs, p.speakerMention(b, id))
		}
		p.add("**Chaired by:** " + strings.Join(chairs, ", "))
	case s.ChairNote != "":
		p.add("**Chair:** *" + p.proseLine(b, s.ChairNote) + "*")
	}
}

// sessionSpeakers lists a session's speakers and then its statements.
func sessionSpeakers(p *page, b *data.Briefing, s *data.Session) {
	if len(s.Speakers) > 0 {
		p.heading("Speakers")
		var lines []string
		for _, id := range s.Speakers {
			line := p.speakerMention(b, id)
			if sp, ok := b.Speaker(id); ok && speakerDescription(sp) != "" {
				line += " — " + mdLine(speakerDescription(sp))
			}
			lines = append(lines, line)
		}
		p.list(lines)
	}
	if sts := b.StatementsIn(s.ID); len(sts) > 0 {
		p.heading("Statements")
		for i, st := range sts {
			md := "**" + mdLine(st.Speaker.Label()) + "** " + p.ref(data.Ref{Kind: data.KindSpeaker, ID: st.Speaker.ID}, "speaker", speakerLabel(st.Speaker)) +
				": " + p.proseLine(b, st.Text)
			if rest := data.Uncited(st.Sources, st.Text); len(rest) > 0 {
				md += " — *" + p.cite(b, rest) + "*"
			}
			p.item(st.Ref(), md, i == 0)
		}
	}
}

func sessionPage(b *data.Briefing, s *data.Session) page {
	var p page
	p.add("# " + mdLine(s.Title))
	meta := "*" + mdLine(words.SessionKind(s.Kind).Long) + " · " + mdLine(sessionWhen(s))
	if s.LeadUp {
		meta += " · lead-up"
	}
	p.add(meta + "*")
	if s.DateNote != "" {
		p.note(b, "About the date", s.DateNote)
	}
	sessionTitlesAndChairs(&p, b, s)
	p.add(p.prose(b, s.Summary))
	if same := b.Overlapping(s); len(same) > 0 {
		var mentions []string
		for _, o := range same {
			mentions = append(mentions, p.sessionMention(b, o.ID))
		}
		p.add("**May be the same as:** " + strings.Join(mentions, ", "))
	}

	sessionSpeakers(&p, b, s)
	proposedMeasures(&p, b.MeasuresIn(s.ID))
	if evs := b.EventsOf(s.ID); len(evs) > 0 {
		p.heading("On the timeline")
		var lines []string
		for _, e := range evs {
			lines = append(lines, p.eventMention(e))
		}
		p.list(lines)
	}
	if line := p.sourcesLine(b, data.Uncited(s.Sources, s.Summary)); line != "" {
		p.add(line)
	}
	return p
}
