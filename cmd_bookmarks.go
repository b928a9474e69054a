package main

import (
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/export"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/state"
)

// writeBookmarks writes every bookmark, resolved in its briefing, to w.
func writeBookmarks(w, stderr io.Writer, format export.Format) error {
	lib, err := openState(stderr)
	if err != nil {
		return err
	}
	defer lib.Store.Close()
	if err := lib.Store.Problem(); err != nil {
		return failure(errors.New("cannot read your bookmarks: " + err.Error()))
	}
	return bookmarks.Write(w, resolvedBookmarks(lib.Store), format)
}

// resolvedBookmarks are every bookmark with its item's words and
// citations, one briefing after another, each in the order they were made.
func resolvedBookmarks(s *state.Store) []bookmarks.Item {
	loaded := map[string]*data.Briefing{}
	failed := map[string]error{}
	var items []bookmarks.Item
	for _, bm := range s.Bookmarks() {
		kind, id, _ := strings.Cut(bm.Item, ":")
		it := bookmarks.Item{Briefing: bm.Briefing, Kind: data.Kind(kind), ID: id, Note: bm.Note, Created: bm.Created}
		b, seen := loaded[bm.Briefing]
		if !seen && failed[bm.Briefing] == nil {
			var err error
			b, err = loadByKey(bm.Briefing)
			if err != nil {
				failed[bm.Briefing] = err
			} else {
				loaded[bm.Briefing] = b
			}
		}
		if err := failed[bm.Briefing]; err != nil {
			it.Missing = "its briefing cannot be opened: " + firstLine(err.Error())
		} else {
			bookmarks.Resolve(b, &it)
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(a, b bookmarks.Item) int { return strings.Compare(a.Briefing, b.Briefing) })
	return items
}

// loadByKey loads the briefing a state key names.
func loadByKey(key string) (*data.Briefing, error) {
	switch {
	case key == library.BuiltinID:
		return library.Builtin()
	case strings.HasPrefix(key, "library:"):
		return loadLibraryEntry(strings.TrimPrefix(key, "library:"))
	case strings.HasPrefix(key, "path:"):
		return data.LoadDir(strings.TrimPrefix(key, "path:"))
	}
	return nil, errors.New("unknown briefing " + key)
}
