package serve

import (
	"encoding/base64"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/memory"
	"github.com/brief-reader/brief/internal/state"
	"github.com/brief-reader/brief/ui"
)

// KeyState is the Store of `brief serve --authorized-keys`: each public key
// keeps its reader's place, seen items and bookmarks in a state database
// of its own, DIR/<fingerprint>/brief.db.
//
// One database per key rather than one shared database with a key column:
// the state store and its schema stay exactly the local reader's (nothing
// to migrate, no query that could forget the key and show one reader
// another's bookmarks), and forgetting a reader is removing one folder.
//
// The sessions of one key share one open database; SQLite's WAL, its busy
// timeout and immediate transactions (internal/state) order their writes,
// so two sessions of one key at once lose none.
type KeyState struct {
	dir      string
	briefing string // the served briefing's state key
	id       string // its library id for search hits, "" for a path
	shared   *ui.Shared
	hashes   map[string]string

	mu  sync.Mutex
	dbs map[string]*keyDB // by folder name, while a session of the key runs
}

// NewKeyState keeps per-key state under dir (the state folder's serve/)
// for the readers of shared's briefing, whose state key is briefing
// ("builtin", "library:ID" or "path:/abs/dir", as the local reader's).
func NewKeyState(dir, briefing string, shared *ui.Shared) *KeyState {
	id := ""
	if briefing == library.BuiltinID {
		id = briefing
	} else if rest, ok := strings.CutPrefix(briefing, "library:"); ok {
		id = rest
	}
	return &KeyState{dir: dir, briefing: briefing, id: id, shared: shared,
		hashes: library.ItemHashes(shared.Briefing()), dbs: map[string]*keyDB{}}
}

// KeyFolder is the folder name of a key's state: its SHA256 fingerprint as
// `ssh-keygen -lf` prints it, without "SHA256:", with / as _ and + as -
// (base64's URL alphabet), so it is one safe path element.
func KeyFolder(fingerprint string) (string, error) {
	raw, ok := strings.CutPrefix(fingerprint, "SHA256:")
	if !ok {
		return "", fmt.Errorf("not a SHA256 key fingerprint: %q", fingerprint)
	}
	sum, err := base64.RawStdEncoding.DecodeString(raw)
	if err != nil || len(sum) != 32 {
		return "", fmt.Errorf("not a SHA256 key fingerprint: %q", fingerprint)
	}
	return base64.RawURLEncoding.EncodeToString(sum), nil
}

// Reader gives the session of the key with this fingerprint its memory
// and its bookmarks. Nothing is opened here: the database opens in the
// reader's OpenMemory, once its first frame is written.
func (k *KeyState) Reader(fingerprint string, opts *ui.Options) (func(), error) {
	name, err := KeyFolder(fingerprint)
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	db, ok := k.dbs[name]
	if !ok {
		db = &keyDB{path: filepath.Join(k.dir, name, "brief.db")}
		k.dbs[name] = db
	}
	db.users++
	k.mu.Unlock()

	opts.OpenMemory = func() ui.MemoryLoaded {
		s, warn := db.open()
		return memory.Load(s, k.briefing, k.hashes, false, warn)
	}
	opts.Library = &keyLibrary{k: k, db: db}
	opts.BriefingID = k.id
	release := func() {
		k.mu.Lock()
		defer k.mu.Unlock()
		if db.users--; db.users == 0 {
			delete(k.dbs, name)
			db.close()
		}
	}
	return release, nil
}

// keyDB is one key's database, opened by its first session's reader and
// closed when its last session ends.
type keyDB struct {
	path  string
	users int // sessions holding it; under KeyState.mu

	mu     sync.Mutex
	store  *state.Store
	warn   string
	closed bool
}

// errSessionOver is the store of a reader whose session ended before its
// memory was opened.
var errSessionOver = errors.New("the session has ended")

func (d *keyDB) open() (*state.Store, string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case d.closed:
		return state.Disabled(errSessionOver), ""
	case d.store == nil:
		d.store, d.warn = state.Open(d.path, time.Now())
	}
	return d.store, d.warn
}

func (d *keyDB) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	if d.store != nil {
		d.store.Close()
	}
}

// keyLibrary is the reader's library for one key: the served briefing
// only (a client cannot open the server's other bundles), with the key's
// own bookmarks.
type keyLibrary struct {
	k  *KeyState
	db *keyDB
}

// errOneBriefing answers a request for another briefing.
var errOneBriefing = errors.New("brief serve serves one briefing: this one")

func (l *keyLibrary) Briefings() ([]ui.BriefingEntry, error) {
	s, _ := l.db.open()
	b := l.k.shared.Briefing()
	unseen, changed := s.Counts(l.k.briefing, l.k.hashes)
	return []ui.BriefingEntry{{ID: l.k.id, Title: b.Overview.Title, Place: b.Overview.Place, Start: b.Overview.Start,
		End: b.Overview.End, Items: len(l.k.hashes), Unseen: unseen, Changed: changed}}, nil
}

func (l *keyLibrary) Open(id string) (*data.Briefing, func() ui.MemoryLoaded, error) {
	if id != l.k.id {
		return nil, nil, errOneBriefing
	}
	return l.k.shared.Briefing(), func() ui.MemoryLoaded {
		s, warn := l.db.open()
		return memory.Load(s, l.k.briefing, l.k.hashes, false, warn)
	}, nil
}

// Bookmarks lists the key's bookmarks in the served briefing, with their
// citations. Bookmarks made while the server served another briefing
// stay in the database and are listed as not served here.
func (l *keyLibrary) Bookmarks() ([]ui.BookmarkEntry, error) {
	s, _ := l.db.open()
	if err := s.Problem(); err != nil {
		return nil, err
	}
	b := l.k.shared.Briefing()
	var out []ui.BookmarkEntry
	for _, bm := range s.Bookmarks() {
		kind, id, _ := strings.Cut(bm.Item, ":")
		it := bookmarks.Item{Briefing: bm.Briefing, Kind: data.Kind(kind), ID: id, Note: bm.Note, Created: bm.Created}
		if bm.Briefing == l.k.briefing {
			bookmarks.Resolve(b, &it)
		} else {
			it.Missing = "from a briefing this server does not serve now"
		}
		out = append(out, ui.NewBookmarkEntry(it))
	}
	// This briefing's first.
	slices.SortStableFunc(out, func(a, b ui.BookmarkEntry) int {
		return boolInt(a.Briefing != l.k.briefing) - boolInt(b.Briefing != l.k.briefing)
	})
	return out, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (l *keyLibrary) SetNote(briefing string, ref data.Ref, note string) error {
	s, _ := l.db.open()
	return s.SetNote(briefing, ref.String(), note)
}

// Search searches the served briefing: it is the whole library here.
func (l *keyLibrary) Search() (ui.LibrarySearch, error) {
	return servedSearch{l.k}, nil
}

type servedSearch struct{ k *KeyState }

func (s servedSearch) Search(q data.Query, limit int) []ui.LibraryHit {
	hits := s.k.shared.Index().Search(q, data.SearchOptions{Limit: limit})
	out := make([]ui.LibraryHit, len(hits))
	title := s.k.shared.Briefing().Overview.Title
	for i, h := range hits {
		out[i] = ui.LibraryHit{Briefing: s.k.id, BriefingTitle: title, Hit: h}
	}
	return out
}
