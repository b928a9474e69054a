package ui

import (
	"cmp"
	"slices"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// dated is what the Timeline and Sessions lists sort and group: an item
// with a day, a part of day and a lead-up flag.
type dated struct {
	ref    data.Ref
	date   string
	part   data.PartOfDay
	leadUp bool
	text   string
	kind   string
}

// partRank orders the parts of a day: all-day first, unspecified last.
func partRank(p data.PartOfDay) int {
	switch p {
	case data.AllDay:
		return 0
	case data.Morning:
		return 1
	case data.Afternoon:
		return 2
	case data.Evening:
		return 3
	}
	return 4
}

// partLabel is what the time-of-day gutter shows: the part of day a source
// gives, or a dash that says no source gives one.
func partLabel(p data.PartOfDay) string {
	if p == "" {
		return "—"
	}
	return words.PartOfDay(p).Short
}

// dayRows groups items by day, the lead-up days apart and first, in date
// and time order, with the time of day in the gutter and kind in the meta
// column (a session's kind, the outlets behind a timeline entry); items
// the sources do not order keep document order.
func dayRows(items []dated) []listRow {
	slices.SortStableFunc(items, func(a, b dated) int {
		if a.leadUp != b.leadUp {
			if a.leadUp {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(partRank(a.part), partRank(b.part)))
	})
	var rows []listRow
	group := "\x00"
	for _, it := range items {
		heading := oneLine(words.LongDate(it.date))
		if it.leadUp {
			heading = "Lead-up · " + heading
		}
		if heading != group {
			rows = append(rows, listRow{group: true, text: heading})
			group = heading
		}
		rows = append(rows, listRow{gutter: partLabel(it.part), text: oneLine(it.text), meta: oneLine(it.kind), ref: it.ref})
	}
	return rows
}

func timelineRows(b *data.Briefing) []listRow {
	items := make([]dated, len(b.Timeline))
	for i := range b.Timeline {
		e := &b.Timeline[i]
		items[i] = dated{ref: data.Ref{Kind: data.KindEvent, ID: e.ID}, date: e.Date, part: e.PartOfDay, leadUp: e.LeadUp, text: e.Title, kind: outletsOf(b, e.Sources)}
	}
	return dayRows(items)
}

func eventPage(b *data.Briefing, e *data.Event) page {
	var p page
	p.add("# " + mdLine(e.Title))
	when := "*" + mdLine(eventWhen(e))
	if e.LeadUp {
		when += " · lead-up"
	}
	p.add(when + "*")
	if e.DateNote != "" {
		p.note(b, "About the date", e.DateNote)
	}
	p.add(p.prose(b, e.Text))
	if e.Session != "" {
		p.add("**Session:** " + p.sessionMention(b, e.Session))
	}
	if line := p.sourcesLine(b, data.Uncited(e.Sources, e.Text)); line != "" {
		p.add(line)
	}
	return p
}

// outletsOf names sources by outlet, in order of publication: the
// Timeline's meta column, so each entry says where it comes from.
func outletsOf(b *data.Briefing, ids []string) string {
	var names []string
	for _, id := range byPublication(b, ids) {
		if s, ok := b.Source(id); ok {
			names = append(names, s.Outlet)
		}
	}
	return strings.Join(names, ", ")
}
