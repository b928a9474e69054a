package services

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/state"
)

// Store is one state database, opened on first use (once the reader's
// first frame is out, never before), with its integrity checked then, and
// closed once.
type Store struct {
	path string

	mu     sync.Mutex
	store  *state.Store
	warn   string
	closed bool
}

// NewStore is the database at path, not opened yet.
func NewStore(path string) *Store { return &Store{path: path} }

// errClosed is the store of a reader whose services were closed before its
// memory was opened (a session that ended at once).
var errClosed = errors.New("the reader has ended")

// open opens the database the first time and returns it, with the warning
// its opening gave.
func (d *Store) open() (*state.Store, string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case d.closed:
		return state.Disabled(errClosed), ""
	case d.store == nil:
		d.store, d.warn = state.Open(d.path, time.Now())
	}
	return d.store, d.warn
}

// Close closes the database if it was opened; whatever asks for it after
// finds a store that keeps nothing.
func (d *Store) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	if d.store != nil {
		d.store.Close()
	}
}

// Served is the one briefing a `brief serve` reader can reach.
type Served struct {
	// Key is its state key; ID its library id ("" for a bundle by path).
	Key, ID string
	B       *data.Briefing
	// Hashes are its items' content hashes (library.ItemHashes).
	Hashes map[string]string
	// Index is its search index, shared by every session.
	Index func() *search.Index
}

// Services is the one implementation of Library and of the memory of each
// briefing, over one Store: the local reader's, which reaches the whole
// library, or a served key's, which reaches the served briefing only.
type Services struct {
	db *Store

	// libDir is the library's folder, load opens a briefing by its state
	// key, and opened records a briefing as read (the local reader: the
	// state's last-read time and its "last" file).
	libDir string
	load   func(key string) (*data.Briefing, error)
	opened func(s *state.Store, key string)

	// served is set when serving: the only briefing reachable.
	served *Served
}

// Local are the local reader's services: the library in libDir, briefings
// loaded by load (by state key), opened recorded by opened (may be nil).
func Local(db *Store, libDir string, load func(key string) (*data.Briefing, error), opened func(s *state.Store, key string)) *Services {
	return &Services{db: db, libDir: libDir, load: load, opened: opened}
}

// Serving are the services of one key's readers in `brief serve`: the
// served briefing only, with the key's own memory and bookmarks.
func Serving(db *Store, served *Served) *Services {
	return &Services{db: db, served: served}
}

// Close closes the store; call it once the readers using it have ended
// (after their last save).
func (s *Services) Close() { s.db.Close() }

// Memory is the opener of the memory of b, kept under key: it opens the
// store (the first time), compares b's items with what was seen, and finds
// the saved place (none when fresh).
func (s *Services) Memory(key string, b *data.Briefing, fresh bool) func() Loaded {
	return func() Loaded {
		st, warn := s.db.open()
		if st.Problem() == nil && s.opened != nil {
			s.opened(st, key)
		}
		if s.served != nil && key == s.served.Key {
			return load(st, key, b, s.served.Hashes, fresh, warn)
		}
		return load(st, key, b, library.ItemHashes(b), fresh, warn)
	}
}

// errOneBriefing answers a served reader's request for another briefing.
var errOneBriefing = errors.New("brief serve serves one briefing: this one")

// Briefings lists the library entries newest first, then the built-in
// briefing, from the library's index alone; serving, the served briefing.
func (s *Services) Briefings() ([]BriefingEntry, error) {
	st, _ := s.db.open()
	if sv := s.served; sv != nil {
		o := &sv.B.Overview
		unseen, changed := st.Counts(sv.Key, sv.Hashes)
		return []BriefingEntry{{ID: sv.ID, Title: o.Title, Place: o.Place, Start: o.Start, End: o.End,
			Items: len(sv.Hashes), Unseen: unseen, Changed: changed}}, nil
	}
	entries, err := st.Entries()
	if err != nil {
		return nil, err
	}
	out := make([]BriefingEntry, 0, len(entries)+1)
	for _, e := range entries {
		be := BriefingEntry{ID: e.ID, Title: e.Title, Place: e.Place, Start: e.Start, End: e.End, Items: e.Items, Unseen: e.Unseen, Changed: e.Changed}
		if be.Unseen < 0 {
			be.Unseen = e.Items
		}
		if _, err := os.Stat(filepath.Join(s.libDir, e.ID, "briefing.yaml")); err != nil {
			be.Problem = "its copy in the library is gone; add it again with `brief library add " + e.Origin + "`"
		}
		out = append(out, be)
	}
	if b, err := library.Builtin(); err == nil {
		items := library.ItemHashes(b)
		u, c := st.Counts(library.BuiltinID, items)
		out = append(out, BriefingEntry{ID: library.BuiltinID, Title: b.Overview.Title, Place: b.Overview.Place,
			Start: b.Overview.Start, End: b.Overview.End, Items: len(items), Unseen: u, Changed: c})
	}
	return out, nil
}

// Open loads library entry id for the reader to show in place, with the
// opener of its memory.
func (s *Services) Open(id string) (*data.Briefing, func() Loaded, error) {
	if sv := s.served; sv != nil {
		if id != sv.ID {
			return nil, nil, errOneBriefing
		}
		return sv.B, s.Memory(sv.Key, sv.B, false), nil
	}
	key := state.LibraryKey(id).String()
	b, err := s.load(key)
	if err != nil {
		return nil, nil, err
	}
	return b, s.Memory(key, b, false), nil
}

// Bookmarks lists every bookmark, resolved in its briefing, for the
// Bookmarks view.
func (s *Services) Bookmarks() ([]BookmarkEntry, error) {
	st, _ := s.db.open()
	if err := st.Problem(); err != nil {
		return nil, err
	}
	items := s.ResolvedBookmarks(st)
	out := make([]BookmarkEntry, len(items))
	for i, it := range items {
		out[i] = NewBookmarkEntry(it)
	}
	return out, nil
}

// ResolvedBookmarks are every bookmark in st with its item's words and
// citations, one briefing after another (serving, the served one first),
// each in the order they were made.
func (s *Services) ResolvedBookmarks(st *state.Store) []bookmarks.Item {
	loaded := map[string]*data.Briefing{}
	failed := map[string]string{}
	var items []bookmarks.Item
	for _, bm := range st.Bookmarks() {
		ref, err := data.ParseRef(bm.Item)
		it := bookmarks.Item{Briefing: bm.Briefing, Kind: ref.Kind, ID: ref.ID, Note: bm.Note, Created: bm.Created}
		if err != nil {
			it.Kind, it.ID = "", bm.Item
			it.Missing = "not an item this brief knows: " + err.Error()
			items = append(items, it)
			continue
		}
		b, seen := loaded[bm.Briefing]
		if !seen && failed[bm.Briefing] == "" {
			var why string
			b, why = s.briefing(bm.Briefing)
			if why != "" {
				failed[bm.Briefing] = why
			} else {
				loaded[bm.Briefing] = b
			}
		}
		if why := failed[bm.Briefing]; why != "" {
			it.Missing = why
		} else {
			bookmarks.Resolve(b, &it)
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(a, b bookmarks.Item) int {
		if s.served != nil {
			if d := boolInt(a.Briefing != s.served.Key) - boolInt(b.Briefing != s.served.Key); d != 0 {
				return d
			}
		}
		return strings.Compare(a.Briefing, b.Briefing)
	})
	return items
}

// briefing loads the briefing a bookmark was made in, or says why it
// cannot.
func (s *Services) briefing(key string) (*data.Briefing, string) {
	if sv := s.served; sv != nil {
		if key == sv.Key {
			return sv.B, ""
		}
		return nil, "from a briefing this server does not serve now"
	}
	b, err := s.load(key)
	if err != nil {
		line, _, _ := strings.Cut(err.Error(), "\n")
		return nil, "its briefing cannot be opened: " + line
	}
	return b, ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// SetNote sets a bookmark's note.
func (s *Services) SetNote(briefing string, ref data.Ref, note string) error {
	st, _ := s.db.open()
	return st.SetNote(briefing, ref.String(), note)
}

// Search indexes the library for the reader's all-briefings search;
// serving, it searches the served briefing, which is the whole library
// there.
func (s *Services) Search() (Search, error) {
	if sv := s.served; sv != nil {
		return servedSearch{sv}, nil
	}
	st, _ := s.db.open()
	lib := &library.Library{Dir: s.libDir, Store: st}
	searcher, err := lib.Searcher()
	if err != nil {
		return nil, err
	}
	return librarySearch{searcher}, nil
}

type librarySearch struct{ s *library.Searcher }

func (l librarySearch) Search(q search.Query, limit int) []Hit {
	return l.s.Search(q, search.SearchOptions{Limit: limit})
}

type servedSearch struct{ sv *Served }

func (s servedSearch) Search(q search.Query, limit int) []Hit {
	hits := s.sv.Index().Search(q, search.SearchOptions{Limit: limit})
	out := make([]Hit, len(hits))
	for i, h := range hits {
		out[i] = Hit{Briefing: s.sv.ID, BriefingTitle: s.sv.B.Overview.Title, Hit: h}
	}
	return out
}
