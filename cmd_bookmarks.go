package main

import (
	"io"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/export"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/services"
	"github.com/brief-reader/brief/internal/state"
)

// writeBookmarks writes every bookmark, resolved in its briefing, to w.
func writeBookmarks(w, stderr io.Writer, format export.Format) error {
	lib, err := openStateToRead(stderr, "your bookmarks")
	if err != nil {
		return err
	}
	defer lib.Store.Close()
	svc := services.Local(nil, lib.Dir, loadByKey, nil)
	return export.WriteBookmarks(w, svc.ResolvedBookmarks(lib.Store), format)
}

// loadByKey loads the briefing a state key names.
func loadByKey(key string) (*data.Briefing, error) {
	k, err := state.ParseKey(key)
	switch {
	case err != nil:
		return nil, err
	case k == state.LibraryKey(library.BuiltinID):
		return library.Builtin()
	}
	if dir, ok := k.Dir(); ok {
		return data.LoadDir(dir)
	}
	id, _ := k.LibraryID()
	return loadLibraryEntry(id)
}
