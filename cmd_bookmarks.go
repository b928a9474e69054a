package main

import (
	"errors"
	"io"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/export"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/services"
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
	svc := services.Local(nil, lib.Dir, loadByKey, nil)
	return export.WriteBookmarks(w, svc.ResolvedBookmarks(lib.Store), format)
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
