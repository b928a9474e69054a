package ui

import (
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// speakerRows groups speakers by country or organisation, groups in order
// of first appearance so the briefing's own order (hosts first) is kept.
func speakerRows(b *data.Briefing) []listRow {
	var order []string
	byGroup := map[string][]int{}
	for i := range b.Speakers {
		g := oneLine(b.Speakers[i].Group())
		if _, ok := byGroup[g]; !ok {
			order = append(order, g)
		}
		byGroup[g] = append(byGroup[g], i)
	}
	rows := make([]listRow, 0, len(b.Speakers)+len(order))
	for _, g := range order {
		rows = append(rows, listRow{group: true, text: g})
		for _, i := range byGroup[g] {
			sp := &b.Speakers[i]
			meta := ""
			if n := len(sp.Statements); n > 0 {
				meta = itoa(n)
			}
			rows = append(rows, listRow{text: oneLine(shortLabel(sp)), meta: meta, ref: data.Ref{Kind: data.KindSpeaker, ID: sp.ID}})
		}
	}
	return rows
}

func speakerPage(b *data.Briefing, sp *data.Speaker) page {
	var p page
	p.add("# " + mdLine(sp.Label()))
	if d := speakerDescription(sp); d != "" {
		p.add("*" + mdLine(d) + "*")
	}
	if sp.Kind != data.Person {
		p.add("*Spoke through a representative the sources do not name.*")
	}
	if len(sp.Aliases) > 0 {
		var names []string
		for _, a := range sp.Aliases {
			names = append(names, mdLine(a))
		}
		p.add("**Also written:** " + strings.Join(names, " · "))
	}
	if sp.Note != "" {
		p.note(b, "Note", sp.Note)
	}
	if len(sp.Statements) > 0 {
		p.heading("Statements")
		for i := range sp.Statements {
			st := &sp.Statements[i]
			md := "**At " + p.sessionMentionInSentence(b, st.Session) + ":** " + p.proseLine(b, st.Text)
			if st.Quoted() {
				md += " *" + mdLine(words.Quoted(st.Quote)) + "*"
			}
			if rest := data.Uncited(st.Sources, st.Text); len(rest) > 0 {
				md += " — *" + p.cite(b, rest) + "*"
			}
			p.item(data.StatementRef(sp.ID, i), md, i == 0)
		}
	}
	if ss := b.SessionsOf(sp.ID); len(ss) > 0 {
		p.heading("Sessions")
		var lines []string
		for _, s := range ss {
			role := ""
			if containsString(s.Chairs, sp.ID) {
				role = " · chair"
			}
			lines = append(lines, p.sessionMention(b, s.ID)+" — "+mdLine(words.ShortDate(s.Date))+role)
		}
		p.list(lines)
	}
	proposedMeasures(&p, b.MeasuresOf(sp.ID))
	p.sourceList(b, "Sources", sp.Sources)
	return p
}

// shortLabel is a speaker's name with the rank abbreviated, for lists.
func shortLabel(sp *data.Speaker) string {
	return words.Join(" ", words.ShortRank(sp.Rank), sp.Name)
}
