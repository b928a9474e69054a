package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/services"
	"github.com/brief-reader/brief/internal/state"
)

// lastFile is the file in the state folder naming the briefing read last
// (its state key). It is a plain file, not a row of the database, so the
// first frame can be drawn without opening SQLite.
const lastFile = "last"

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
	return b, state.PathKey(abs).String(), nil
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
		return b, state.LibraryKey(opts.briefing).String(), nil
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
	if k, err := state.ParseKey(key); err != nil || k == state.LibraryKey(library.BuiltinID) {
		return builtin()
	}
	b, err := loadByKey(key)
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

// loadLibraryEntry loads a library entry straight from its folder (from
// its snapshot while its files are unchanged); the database is opened only
// to explain a failure.
func loadLibraryEntry(id string) (*data.Briefing, error) {
	if id == library.BuiltinID {
		return loadBriefing("")
	}
	notFound := usageError("unknown library entry %q: `brief library list` shows the ids", id)
	if !state.ValidID(id) {
		return nil, notFound
	}
	paths, err := state.DefaultPaths()
	if err != nil {
		return nil, failure(err)
	}
	if b, err := library.LoadCopy(paths.Library(), id); err == nil {
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

// readerServices are the reader's services over the state folder, and
// the opener of b's memory under key (with no saved place when fresh).
// With no state folder, nothing is remembered and there is no library:
// svc is nil, and the opener says why.
func readerServices(b *data.Briefing, key string, fresh bool) (svc *services.Services, open func() services.Loaded) {
	paths, err := state.DefaultPaths()
	if err != nil {
		return nil, func() services.Loaded {
			return services.Loaded{Warning: "brief: " + err.Error() + "; nothing will be remembered this time"}
		}
	}
	// Opening a briefing records it as read last: in the database, and in
	// the plain file the next launch reads before opening SQLite.
	opened := func(s *state.Store, key string) {
		s.Opened(key, time.Now())
		writePrivate(filepath.Join(paths.State, lastFile), key+"\n")
	}
	svc = services.Local(services.NewStore(paths.DB()), paths.Library(), loadByKey, opened)
	return svc, svc.Memory(key, b, fresh)
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

// libraryIDOf is the library id of a state key, "" for a bundle opened by
// path.
func libraryIDOf(key string) string {
	k, err := state.ParseKey(key)
	if err != nil {
		return ""
	}
	id, _ := k.LibraryID()
	return id
}
