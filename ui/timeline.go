package ui

import (
	"cmp"
	"slices"

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

// dayRows groups items under "Lead-up" and then one heading per day, in
// date and time order; items the sources do not order keep document order.
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
			heading = "Lead-up"
		}
		if heading != group {
			rows = append(rows, listRow{group: true, text: heading})
			group = heading
		}
		meta := string(it.part)
		if it.leadUp {
			meta = oneLine(words.ShortDate(it.date))
		}
		if it.kind != "" && meta == "" {
			meta = it.kind
		}
		rows = append(rows, listRow{text: oneLine(it.text), meta: oneLine(meta), ref: it.ref})
	}
	return rows
}

func timelineRows(b *data.Briefing) []listRow {
	items := make([]dated, len(b.Timeline))
	for i := range b.Timeline {
		e := &b.Timeline[i]
		items[i] = dated{ref: data.Ref{Kind: data.KindEvent, ID: e.ID}, date: e.Date, part: e.PartOfDay, leadUp: e.LeadUp, text: e.Title}
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
