package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/memory"
	"github.com/brief-reader/brief/internal/state"
	"github.com/brief-reader/brief/ui"
)

// lastFile is the file in the state folder naming the briefing read last
// (its state key). It is a plain file, not a row of the database, so the
// first frame can be drawn without opening SQLite.
const lastFile = "last"

var libraryID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// loadBundleDir loads the bundle at dir and gives its state key, its
// absolute path: a bundle opened by path is remembered by it.
func loadBundleDir(dir string) (*data.Briefing, string, error) {
	b, err := loadBriefing(dir)
	if err != nil {
		return nil, "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", failure(err)
	}
	return b, library.PathKey(abs), nil
}

// chooseBriefing loads the briefing the reader opens and gives its state
// key: --bundle's directory, --briefing's library entry, else the one read
// last (the built-in briefing on the first run, or when the last one can
// no longer be read, with a warning on w).
func chooseBriefing(w io.Writer, opts readerOptions) (*data.Briefing, string, error) {
	switch {
	case opts.bundle != "":
		return loadBundleDir(opts.bundle)
	case opts.briefing != "":
		b, err := loadLibraryEntry(opts.briefing)
		if err != nil {
			return nil, "", err
		}
		return b, library.Key(opts.briefing), nil
	}
	builtin := func() (*data.Briefing, string, error) {
		b, err := loadBriefing("")
		return b, library.BuiltinID, err
	}
	paths, err := state.DefaultPaths()
	if err != nil {
		return builtin()
	}
	raw, err := os.ReadFile(filepath.Join(paths.State, lastFile))
	if err != nil {
		return builtin()
	}
	key := strings.TrimSpace(string(raw))
	var b *data.Briefing
	switch {
	case strings.HasPrefix(key, "library:"):
		b, err = loadLibraryEntry(strings.TrimPrefix(key, "library:"))
	case strings.HasPrefix(key, "path:"):
		b, err = data.LoadDir(strings.TrimPrefix(key, "path:"))
	default:
		return builtin()
	}
	if err != nil {
		fmt.Fprintf(w, "brief: the briefing you read last (%s) cannot be opened, so here is the built-in one: %s\n",
			data.CleanText(key), data.CleanText(firstLine(err.Error())))
		return builtin()
	}
	return b, key, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// loadLibraryEntry loads a library entry straight from its folder; the
// database is opened only to explain a failure.
func loadLibraryEntry(id string) (*data.Briefing, error) {
	if id == library.BuiltinID {
		return loadBriefing("")
	}
	notFound := usageError("unknown library entry %q: `brief library list` shows the ids", id)
	if !libraryID.MatchString(id) {
		return nil, notFound
	}
	paths, err := state.DefaultPaths()
	if err != nil {
		return nil, failure(err)
	}
	dir := filepath.Join(paths.Library(), id)
	if b, err := data.LoadDir(dir); err == nil {
		return b, nil
	}
	lib, err := openState(io.Discard)
	if err != nil {
		return nil, err
	}
	defer lib.Store.Close()
	_, err = lib.Load(id)
	if errors.Is(err, library.ErrUnknown) {
		return nil, notFound
	}
	if err == nil {
		err = errors.New("its copy changed while opening it; try again")
	}
	return nil, &exitError{code: exitUsage, err: err}
}

// memoryOpener opens the state for the reader, after its first frame: it
// records the briefing as read last, compares its items with what was
// seen, and finds the saved place (none with --fresh).
func memoryOpener(b *data.Briefing, key string, fresh bool) func() ui.MemoryLoaded {
	return func() ui.MemoryLoaded {
		paths, err := state.DefaultPaths()
		if err != nil {
			return ui.MemoryLoaded{Warning: "brief: " + err.Error() + "; nothing will be remembered this time"}
		}
		s, warn := state.Open(paths.DB(), time.Now())
		if s.Problem() == nil {
			s.Opened(key, time.Now())
			writePrivate(filepath.Join(paths.State, lastFile), key+"\n")
		}
		return memory.Load(s, key, library.ItemHashes(b), fresh, warn)
	}
}

// writePrivate replaces a small file atomically, readable by the owner
// only.
func writePrivate(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// readerLibrary is ui.Library over the state folder: the Briefings view.
type readerLibrary struct{}

// Briefings lists the library entries newest first, then the built-in
// briefing, from the index alone.
func (readerLibrary) Briefings() ([]ui.BriefingEntry, error) {
	paths, err := state.DefaultPaths()
	if err != nil {
		return nil, err
	}
	s, _ := state.Open(paths.DB(), time.Now())
	defer s.Close()
	entries, err := s.Entries()
	if err != nil {
		return nil, err
	}
	out := make([]ui.BriefingEntry, 0, len(entries)+1)
	for _, e := range entries {
		be := ui.BriefingEntry{ID: e.ID, Title: e.Title, Place: e.Place, Start: e.Start, End: e.End, Items: e.Items, Unseen: e.Unseen, Changed: e.Changed}
		if be.Unseen < 0 {
			be.Unseen = e.Items
		}
		if _, err := os.Stat(filepath.Join(paths.Library(), e.ID, "briefing.yaml")); err != nil {
			be.Problem = "its copy in the library is gone; add it again with `brief library add " + e.Origin + "`"
		}
		out = append(out, be)
	}
	if b, err := library.Builtin(); err == nil {
		items := library.ItemHashes(b)
		u, c := s.Counts(library.BuiltinID, items)
		out = append(out, ui.BriefingEntry{ID: library.BuiltinID, Title: b.Overview.Title, Place: b.Overview.Place,
			Start: b.Overview.Start, End: b.Overview.End, Items: len(items), Unseen: u, Changed: c})
	}
	return out, nil
}

// Open loads a library entry for the reader to show in place.
func (readerLibrary) Open(id string) (*data.Briefing, func() ui.MemoryLoaded, error) {
	b, err := loadLibraryEntry(id)
	if err != nil {
		return nil, nil, err
	}
	return b, memoryOpener(b, library.Key(id), false), nil
}

// Bookmarks lists every bookmark, resolved, for the Bookmarks view.
func (readerLibrary) Bookmarks() ([]ui.BookmarkEntry, error) {
	paths, err := state.DefaultPaths()
	if err != nil {
		return nil, err
	}
	s, _ := state.Open(paths.DB(), time.Now())
	defer s.Close()
	var out []ui.BookmarkEntry
	for _, it := range resolvedBookmarks(s) {
		out = append(out, ui.NewBookmarkEntry(it))
	}
	return out, nil
}

// SetNote sets a bookmark's note.
func (readerLibrary) SetNote(briefing string, ref data.Ref, note string) error {
	paths, err := state.DefaultPaths()
	if err != nil {
		return err
	}
	s, _ := state.Open(paths.DB(), time.Now())
	defer s.Close()
	return s.SetNote(briefing, ref.String(), note)
}

// libraryIDOf is the library id of a state key, "" for a bundle opened by
// path.
func libraryIDOf(key string) string {
	if key == library.BuiltinID {
		return key
	}
	if id, ok := strings.CutPrefix(key, "library:"); ok {
		return id
	}
	return ""
}

// Search indexes the library for the reader's all-briefings search.
func (readerLibrary) Search() (ui.LibrarySearch, error) {
	paths, err := state.DefaultPaths()
	if err != nil {
		return nil, err
	}
	s, _ := state.Open(paths.DB(), time.Now())
	defer s.Close()
	lib := &library.Library{Dir: paths.Library(), Store: s}
	searcher, err := lib.Searcher()
	if err != nil {
		return nil, err
	}
	return librarySearch{searcher}, nil
}

type librarySearch struct{ s *library.Searcher }

func (l librarySearch) Search(q data.Query, limit int) []ui.LibraryHit {
	hits := l.s.Search(q, data.SearchOptions{Limit: limit})
	out := make([]ui.LibraryHit, len(hits))
	for i, h := range hits {
		out[i] = ui.LibraryHit{Briefing: h.Briefing, BriefingTitle: h.BriefingTitle, Hit: h.Hit}
	}
	return out
}
