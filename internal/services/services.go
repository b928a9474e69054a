// Package services is what the reader consults below its screen: its
// memory of a briefing (place, seen items, bookmarks), the library of
// briefings, the bookmarks of every briefing and the search across them.
// It holds the contracts the reader (package ui) calls, their value types,
// and one implementation over the state database (internal/state) and the
// library (internal/library), used alike by the local reader and by every
// session of `brief serve`.
package services

import (
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/library"
)

// Memory keeps what the reader remembers of one briefing between
// launches. The reader calls it only from commands, never from Update or
// View, so a slow disk never holds a keystroke.
type Memory interface {
	// Save keeps the reader's place (nil: unchanged) and records that
	// the details of seen were shown, in one write: the reader collects
	// what a settled move changed and saves it at once, so a move costs
	// one transaction on a database several sessions may share.
	Save(pos *Position, seen []data.Ref) error
	// ToggleBookmark bookmarks ref, or removes its bookmark; it reports
	// whether ref is bookmarked now.
	ToggleBookmark(ref data.Ref) (bool, error)
}

// Library is the reader's view of the library of briefings, and of the
// bookmarks kept in any of them.
type Library interface {
	// Briefings lists the library, newest first.
	Briefings() ([]BriefingEntry, error)
	// Open loads a briefing of the library and the opener of its memory.
	Open(id string) (*data.Briefing, func() Loaded, error)
	// Bookmarks lists every bookmark of every briefing, resolved.
	Bookmarks() ([]BookmarkEntry, error)
	// SetNote sets a bookmark's one-line note.
	SetNote(briefing string, ref data.Ref, note string) error
	// Search indexes every briefing of the library for searching.
	Search() (Search, error)
}

// Search searches every briefing of the library at once.
type Search interface {
	Search(q search.Query, limit int) []Hit
}

// Hit is a hit of a search across briefings: the hit and the briefing it
// comes from (its library id and title).
type Hit = library.Hit

// Position is the reader's place in a briefing, as saved between launches.
type Position struct {
	// Tab is the active tab's name.
	Tab string `json:"tab"`
	// Items maps each tab's name to its selected item ("kind:id").
	Items map[string]string `json:"items,omitempty"`
	// Offset is the detail's scroll, in lines.
	Offset int `json:"offset"`
	// Detail is true when the detail pane had the focus.
	Detail bool `json:"detail"`
}

// Marks are the items the reader has to catch up on.
type Marks struct {
	Unseen  map[data.Ref]bool // never shown in this content
	Changed map[data.Ref]bool // shown once, changed since
	New     map[data.Ref]bool // not in the first edition read, not shown yet
	// Before is what each changed item said when it was last seen
	// (ItemText), for a word diff; an item seen by a brief older than
	// schema version 3 has none.
	Before map[data.Ref]string
}

// Loaded is what a memory opener returns once the state is open.
type Loaded struct {
	Memory Memory
	// Position is where to put the reader back; nil starts at the overview
	// (the first launch, or --fresh).
	Position *Position
	Marks    Marks
	// Warning is one line for the status bar, "" when all is well.
	Warning string
}

// BriefingEntry is one briefing of the library as the Briefings view
// lists it.
type BriefingEntry struct {
	ID, Title, Place, Start, End string
	Items, Unseen, Changed       int
	// Problem is set when the entry cannot be opened (its copy is gone or
	// invalid).
	Problem string
}

// BookmarkEntry is one bookmark as the Bookmarks view shows it, resolved
// in its briefing.
type BookmarkEntry struct {
	Briefing      string // state key of its briefing
	BriefingTitle string
	Ref           data.Ref
	Title, Text   string
	Note          string
	// Citations are its sources' citations (words.Citation).
	Citations []string
	// Missing says why it could not be resolved.
	Missing string
}

// NewBookmarkEntry is the Bookmarks view's entry for a resolved bookmark.
func NewBookmarkEntry(it bookmarks.Item) BookmarkEntry {
	e := BookmarkEntry{Briefing: it.Briefing, BriefingTitle: it.BriefingTitle, Ref: data.Ref{Kind: it.Kind, ID: it.ID},
		Title: it.Title, Text: it.Text, Note: it.Note, Missing: it.Missing}
	if e.BriefingTitle == "" {
		e.BriefingTitle = it.Briefing
	}
	for _, c := range it.Sources {
		e.Citations = append(e.Citations, c.String())
	}
	return e
}

// Copy is the bookmark as y copies it: its title and text, then its
// citations, on one line.
func (e BookmarkEntry) Copy() string {
	var sb strings.Builder
	sb.WriteString(oneLine(e.Title))
	if e.Text != "" {
		sb.WriteString(": " + oneLine(e.Text))
	}
	if len(e.Citations) > 0 {
		sb.WriteString(" (" + oneLine(strings.Join(e.Citations, "; ")) + ")")
	}
	return sb.String()
}

// oneLine is s cleaned of controls, its lines joined.
func oneLine(s string) string {
	s = data.CleanText(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}
