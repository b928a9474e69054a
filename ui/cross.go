package ui

// Jumps to another briefing: a hit of an all-briefings search opens its
// briefing in place (a new reader replaces this one, openInPlace), and
// what the reader was doing crosses over with it, so that n and N go on
// through the same search and H and L come back across the jump.

import (
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/services"
)

// briefingHandle is a briefing the reader has shown, held so that history
// can go back to it: the briefing, the opener of its memory, its library
// id ("" for a bundle opened by path).
type briefingHandle struct {
	b    *data.Briefing
	open func() services.Loaded
	id   string
}

// crossing is what a reader hands the one that replaces it on another
// briefing: the way back and forward (each location of this briefing now
// naming it), and the finished search n and N walk.
type crossing struct {
	history, future []location
	hits            []services.Hit // the finished all-briefings search
	query           search.Query
	text            string
	cur             int
	ix              services.Search // the library's search, already built
	// toLast lands on the hit's last match: N walked back across.
	toLast bool
}

// crossingOut is what crosses to another briefing from m: its history and
// future, those of its own briefing now naming it, and its search.
func (m *Model) crossingOut() *crossing {
	name := func(locs []location) []location {
		out := make([]location, len(locs))
		for i, l := range locs {
			if l.in == nil {
				l.in = m.self
			}
			out[i] = l
		}
		return out
	}
	s := &m.search
	return &crossing{history: name(m.history), future: name(m.future),
		hits: s.doneAll, query: s.doneQuery, text: s.doneText, cur: s.cur, ix: s.all.ix}
}

// takeCrossing takes what crossed over into m: locations in m's briefing
// are its own again, and a finished all-briefings search goes on.
func (m *Model) takeCrossing(c *crossing) {
	own := func(locs []location) []location {
		for i := range locs {
			if locs[i].in != nil && locs[i].in.b == m.b {
				locs[i].in = nil
			}
		}
		return locs
	}
	m.history, m.future = own(c.history), own(c.future)
	s := &m.search
	s.all.ix = c.ix
	if len(c.hits) == 0 {
		return
	}
	s.setAllDone(c.hits, c.query, c.text, c.cur)
}

// setAllDone makes an all-briefings search the finished one n and N walk,
// at hit cur.
func (s *searchModel) setAllDone(hits []services.Hit, q search.Query, text string, cur int) {
	s.doneAll = hits
	s.done = make([]search.Hit, len(hits))
	for i, h := range hits {
		s.done[i] = h.Hit
	}
	s.doneQuery, s.doneText, s.cur = q, text, cur
	s.marking, s.matchPage = true, nil
}

// crossTo opens another briefing in place: the library entry id at ref
// (a search hit), or a held briefing at a location of the history. What
// the reader was doing crosses over (crossingOut).
func (m *Model) crossTo(id string, ref data.Ref, back *location, toLast bool) tea.Cmd {
	c := m.crossingOut()
	c.toLast = toLast
	if back != nil {
		h, to := back.in, *back
		to.in = nil
		return func() tea.Msg { return openedBriefingMsg{b: h.b, open: h.open, id: h.id, to: &to, cross: c} }
	}
	if m.lib == nil {
		m.status = status{text: "no library here: the hit's briefing cannot be opened", warn: true}
		return nil
	}
	lib := m.lib
	return func() tea.Msg {
		b, open, err := lib.Open(id)
		return openedBriefingMsg{b: b, open: open, err: err, id: id, at: ref, cross: c}
	}
}

// arrive puts the reader that replaced another where msg says: at a search
// hit (marked as the current one), or at a place of the history.
func (m *Model) arrive(msg openedBriefingMsg) {
	if msg.cross != nil {
		m.takeCrossing(msg.cross)
	}
	switch {
	case msg.to != nil:
		m.mem.moved = true
		m.restore(*msg.to)
	case msg.at != (data.Ref{}):
		// A search hit: go there, and do not let the remembered place
		// pull the reader away from it.
		m.mem.moved = true
		if len(m.search.done) > 0 {
			m.showHit(m.search.done[m.search.cur])
			if msg.cross != nil && msg.cross.toLast {
				m.lastMatchOfHit()
			}
		} else if pl, ok := placeOf(m.b, msg.at); ok {
			m.goTo(pl)
		}
	}
}
