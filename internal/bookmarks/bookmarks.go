// Package bookmarks turns the items a reader bookmarked, in any briefing,
// into text ready to paste into a report: each item's words and its
// sources' full citations (outlet, headline, date, URL — what the source
// has).
package bookmarks

import (
	"fmt"
	"strings"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// Citation is one source as a bookmark cites it.
type Citation struct {
	ID          string `json:"id"`
	Outlet      string `json:"outlet"`
	Republisher string `json:"republisher,omitempty"`
	Headline    string `json:"headline,omitempty"`
	Published   string `json:"published"`
	URL         string `json:"url,omitempty"`
}

// String is the source's one citation (words.Citation), as the reader
// copies it and the exports reference it.
func (c Citation) String() string {
	return words.Citation(&data.Source{Outlet: c.Outlet, Republisher: c.Republisher, Headline: c.Headline, Published: c.Published, URL: c.URL})
}

// Item is one bookmark, resolved in its briefing.
type Item struct {
	Briefing      string     `json:"briefing"`
	BriefingTitle string     `json:"briefingTitle"`
	Kind          data.Kind  `json:"kind"`
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	Text          string     `json:"text"`
	Note          string     `json:"note,omitempty"`
	Created       time.Time  `json:"created"`
	Sources       []Citation `json:"sources"`
	// Missing says why the item could not be found (its briefing is gone
	// or no longer has it); the other fields but the ids are then empty.
	Missing string `json:"missing,omitempty"`
}

// Resolve fills an item's title, text and citations from b.
func Resolve(b *data.Briefing, it *Item) {
	ref := data.Ref{Kind: it.Kind, ID: it.ID}
	if !b.Has(ref) {
		it.Missing = "this briefing no longer has " + ref.String()
		return
	}
	it.BriefingTitle = b.Overview.Title
	it.Title, it.Text = Describe(b, ref)
	it.Sources = []Citation{}
	for _, id := range b.SourcesOf(ref) {
		if s, ok := b.Source(id); ok {
			it.Sources = append(it.Sources, Citation{ID: s.ID, Outlet: s.Outlet, Republisher: s.Republisher, Headline: s.Headline, Published: s.Published, URL: s.URL})
		}
	}
}

// Describe is an item's title and text, as a note would quote it.
func Describe(b *data.Briefing, ref data.Ref) (title, text string) {
	switch ref.Kind {
	case data.KindOverview:
		return b.Overview.Title, words.Join(", ", b.Overview.Place, words.DateRange(b.Overview.Start, b.Overview.End))
	case data.KindStatement:
		id, n, _ := ref.SplitStatement()
		sp, _ := b.Speaker(id)
		st := sp.Statements[n]
		title = sp.Name
		if s, ok := b.Session(st.Session); ok {
			title += ", at " + s.Title
		}
		return title, st.Text
	case data.KindSpeaker:
		sp, _ := b.Speaker(ref.ID)
		var about []string
		for _, s := range []string{sp.Rank, sp.Role, sp.Organisation, sp.Country} {
			if s != "" {
				about = append(about, s)
			}
		}
		return sp.Name, strings.Join(about, ", ")
	case data.KindSession:
		s, _ := b.Session(ref.ID)
		return s.Title, s.Summary
	case data.KindEvent:
		e, _ := b.Event(ref.ID)
		return words.When(e.Date, e.PartOfDay) + ": " + e.Title, e.Text
	case data.KindMeasure:
		m, _ := b.Measure(ref.ID)
		return fmt.Sprintf("Measure %d: %s", m.Number, m.Title), m.Text
	case data.KindFigure:
		f, _ := b.Figure(ref.ID)
		return words.Figure(f.Value, f.Counts), f.Note
	case data.KindTerm:
		g, _ := b.Term(ref.ID)
		return g.Term + " (" + g.English + ")", g.Note
	case data.KindSource:
		s, _ := b.Source(ref.ID)
		if s.Headline == "" {
			return s.Outlet, s.Summary
		}
		return s.Outlet + ": " + s.Headline, s.Summary
	}
	return ref.String(), ""
}
