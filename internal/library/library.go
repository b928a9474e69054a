// Package library keeps the briefings a reader has added: a copy of each
// bundle under the data folder, indexed in the state database with what the
// library list shows (title, place, dates, item hashes), so listing does
// not parse a thousand bundles. The built-in briefing is always in it.
package library

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/state"
)

// BuiltinID is the library id of the briefing compiled into brief.
const BuiltinID = state.BuiltinID

// Library is the folder of copied bundles and its index in the store.
type Library struct {
	Dir   string
	Store *state.Store
}

// Errors a caller can tell apart; each message says what to do.
var (
	ErrUnchanged = errors.New("nothing to add")
	ErrUnknown   = errors.New("unknown")
)

// InvalidError is a bundle the validator refused; Err is its report.
type InvalidError struct {
	Dir string
	Err error
}

func (e *InvalidError) Error() string { return e.Err.Error() }
func (e *InvalidError) Unwrap() error { return e.Err }

// Status says whether an entry's files can still be read.
type Status string

// The statuses of an entry.
const (
	StatusOK      Status = "ok"
	StatusMissing Status = "missing" // its folder or a required file is gone
	StatusInvalid Status = "invalid" // its files changed and no longer validate, or one cannot be read
)

// Listed is one line of `brief library list`.
type Listed struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Place   string `json:"place"`
	Start   string `json:"start"`
	End     string `json:"end"`
	Items   int    `json:"items"`
	Unseen  int    `json:"unseen"`
	Changed int    `json:"changed"`
	Status  Status `json:"status"`
	// Problem says what is wrong when Status is not ok.
	Problem string `json:"problem,omitempty"`
	// Origin is the folder it was added from; "" for the built-in one.
	Origin string `json:"origin"`
	// Added is when this edition was added (RFC 3339); "" for built-in.
	Added string `json:"added"`
	// LastRead is when it was last opened in the reader (RFC 3339), "" if
	// never.
	LastRead string `json:"lastRead"`
}

// Add validates the bundle in dir and copies it into the library, as a new
// entry or, when it was added from dir before, as that entry's new
// edition. A bundle whose content is already in the library is refused
// with ErrUnchanged: adding it would change nothing.
func (l *Library) Add(dir string, now time.Time) (entry state.Entry, replaced bool, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return entry, false, err
	}
	b, err := data.LoadDir(dir)
	if err != nil {
		return entry, false, &InvalidError{Dir: dir, Err: err}
	}
	files, err := data.ReadBundle(abs)
	if err != nil {
		return entry, false, err
	}
	hash := files.Hash()
	entry = state.Entry{
		Origin: abs, Added: now, Hash: hash,
		Title: b.Overview.Title, Place: b.Overview.Place, Start: b.Overview.Start, End: b.Overview.End,
		Hashes: ItemHashes(b),
	}
	entry.Items = len(entry.Hashes)
	// Reading the index, choosing the id, installing and recording it are
	// one step for every other writer: two adds of folders of one name
	// must not both choose the id that was free.
	var previous string // the content hash of the edition this one replaces
	// The snapshot and search index are made and kept on the other core
	// while the files are installed; an add that fails removes them (but
	// not for an edition already in the library: they are its own).
	var kept sync.WaitGroup
	kept.Go(func() { l.keep(hash, b) })
	err = l.locked(func() error {
		entries, err := l.Store.Entries()
		if err != nil {
			return fmt.Errorf("cannot read the library's index: %w", err)
		}
		for _, e := range entries {
			if e.Hash == hash {
				entry = e
				return fmt.Errorf("%w: this edition of %s is already in the library as %q; edit the bundle, then add it again to bring in the new edition", ErrUnchanged, dir, e.ID)
			}
			if e.Origin == abs {
				entry.ID, replaced, previous = e.ID, true, e.Hash
			}
		}
		if entry.ID == "" {
			entry.ID = freeID(slug(filepath.Base(abs)), entries)
		}
		if err := l.install(entry, files); err != nil {
			return fmt.Errorf("cannot add the bundle to the library at %s: %w", l.Dir, err)
		}
		return nil
	})
	kept.Wait()
	if err != nil {
		if !errors.Is(err, ErrUnchanged) {
			l.cache().Remove(hash)
		}
		return entry, false, err
	}
	if previous != "" {
		l.cache().Remove(previous)
	}
	// The tallies change with the edition: recount them now, once.
	u, c := l.Store.Counts(state.LibraryKey(entry.ID).String(), entry.Hashes)
	l.Store.SetTally(state.LibraryKey(entry.ID).String(), u, c)
	return entry, replaced, nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes an id from a folder name: lower-case letters, digits and
// dashes.
func slug(name string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if s == "" || s == BuiltinID {
		s = "briefing"
	}
	return s
}

// freeID is base, or base-2, base-3… when another entry has it.
func freeID(base string, entries []state.Entry) string {
	taken := map[string]bool{BuiltinID: true}
	for _, e := range entries {
		taken[e.ID] = true
	}
	id := base
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// Remove takes an entry out of the library and deletes its copy; what was
// remembered about it (position, seen items, bookmarks) stays, so adding it
// again picks up where the reader was.
func (l *Library) Remove(id string) error {
	if id == BuiltinID {
		return errors.New("the built-in briefing is always in the library and cannot be removed")
	}
	return l.locked(func() error {
		e, err := l.Entry(id)
		if err != nil {
			return err
		}
		// The folder is moved out of sight first: a crash after that
		// leaves the entry "missing", never a folder without its row,
		// which would come back (adoptOrphans).
		dir, gone := filepath.Join(l.Dir, id), filepath.Join(l.Dir, ".remove-"+id)
		if err := os.Rename(dir, gone); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if _, err := l.Store.RemoveEntry(id); err != nil {
			return fmt.Errorf("cannot update the library's index: %w", err)
		}
		l.cache().Remove(e.Hash)
		if files, err := data.ReadBundle(gone); err == nil {
			l.cache().Remove(files.Hash()) // a copy edited by hand has its own
		}
		return os.RemoveAll(gone)
	})
}

// Entry finds an entry by id.
func (l *Library) Entry(id string) (state.Entry, error) {
	entries, err := l.Store.Entries()
	if err != nil {
		return state.Entry{}, err
	}
	return entryOf(entries, id)
}

// entryOf finds entry id among entries.
func entryOf(entries []state.Entry, id string) (state.Entry, error) {
	for _, e := range entries {
		if e.ID == id {
			return e, nil
		}
	}
	return state.Entry{}, fmt.Errorf("%w library entry %q: `brief library list` shows the ids", ErrUnknown, id)
}

// Load loads entry id (BuiltinID for the built-in briefing), from the
// cache when its files have not changed since.
func (l *Library) Load(id string) (*data.Briefing, error) {
	if id == BuiltinID {
		return Builtin()
	}
	entries, err := l.current()
	if err != nil {
		return nil, err
	}
	e, err := entryOf(entries, id)
	if err != nil {
		return nil, err
	}
	b, _, status, err := l.check(e)
	if status != StatusOK {
		return nil, fmt.Errorf("library entry %q is %s: %w; add it again with `brief library add %s`, or remove it with `brief library remove %s`", id, status, err, e.Origin, id)
	}
	return b, nil
}

// check reads an entry's files: ok when they validate (the parsed
// briefing comes from the caches when they hold their content hash), else
// whether they are gone or no longer valid. hash is their content hash.
func (l *Library) check(e state.Entry) (b *data.Briefing, hash string, status Status, err error) {
	dir := filepath.Join(l.Dir, e.ID)
	files, err := data.ReadBundle(dir)
	if err != nil {
		if _, statErr := os.Stat(dir); statErr == nil {
			// The folder is there, a file of it cannot be read (a link
			// out of it, a file made unreadable): not "gone".
			return nil, "", StatusInvalid, errors.New("a file of its folder cannot be read: " + firstLine(err.Error()))
		}
		return nil, "", StatusMissing, errors.New("its folder " + dir + " is gone")
	}
	if _, ok := files["briefing.yaml"]; !ok {
		return nil, "", StatusMissing, errors.New("its briefing.yaml is gone")
	}
	hash = files.Hash()
	if b, ok := parsed.get(hash); ok {
		return b, hash, StatusOK, nil
	}
	if b, ok := l.cache().Briefing(hash); ok {
		parsed.put(hash, b)
		return b, hash, StatusOK, nil
	}
	b, err = data.LoadDir(dir)
	if err != nil {
		return nil, hash, StatusInvalid, errors.New(firstLine(err.Error()))
	}
	l.keep(hash, b)
	return b, hash, StatusOK, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// memCache holds parsed briefings by the content hash of their files, so the
// reader and library search never parse an unchanged bundle twice.
type memCache struct {
	mu sync.Mutex
	m  map[string]*data.Briefing
}

var parsed = memCache{m: map[string]*data.Briefing{}}

func (c *memCache) get(hash string) (*data.Briefing, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[hash]
	return b, ok
}

func (c *memCache) put(hash string, b *data.Briefing) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[hash] = b
}

var builtin struct {
	once sync.Once
	b    *data.Briefing
	err  error
}

// Builtin is the built-in briefing, parsed once per process.
func Builtin() (*data.Briefing, error) {
	builtin.once.Do(func() { builtin.b, builtin.err = data.Embedded() })
	return builtin.b, builtin.err
}

// List gives every briefing of the library: the built-in one first, then
// the added ones newest first, each with its counts and whether its files
// can still be read.
func (l *Library) List() ([]Listed, error) {
	go Builtin() // decoded on the other core while the index is read
	entries, err := l.current()
	if err != nil {
		return nil, fmt.Errorf("cannot read the library's index: %w", err)
	}
	read := l.Store.LastRead()
	stamp := func(ns int64) string {
		if ns == 0 {
			return ""
		}
		return time.Unix(0, ns).UTC().Format(time.RFC3339)
	}
	out := make([]Listed, 0, len(entries)+1)
	if b, err := Builtin(); err == nil {
		items := ItemHashes(b)
		u, c := l.Store.Counts(BuiltinID, items)
		out = append(out, Listed{ID: BuiltinID, Title: b.Overview.Title, Place: b.Overview.Place, Start: b.Overview.Start, End: b.Overview.End,
			Items: len(items), Unseen: u, Changed: c, Status: StatusOK, LastRead: stamp(read[BuiltinID])})
	}
	// Checking each entry's files (a stat of each, most of the time) is
	// most of the work.
	fresh := l.freshness(entries)
	status, problem := make([]Status, len(entries)), make([]error, len(entries))
	onEveryCore(len(entries), func(i int) {
		if !fresh[i] {
			_, _, status[i], problem[i] = l.check(entries[i])
		}
	})
	for i, e := range entries {
		u, c := e.Unseen, e.Changed
		if u < 0 {
			// No tally yet (an index from before tallies): count once.
			hashes, _ := l.Store.EntryHashes(e.ID)
			u, c = l.Store.Counts(state.LibraryKey(e.ID).String(), hashes)
			l.Store.SetTally(state.LibraryKey(e.ID).String(), u, c)
		}
		li := Listed{ID: e.ID, Title: e.Title, Place: e.Place, Start: e.Start, End: e.End, Items: e.Items,
			Unseen: u, Changed: c, Status: StatusOK, Origin: e.Origin, Added: stamp(e.Added.UnixNano()), LastRead: stamp(read[state.LibraryKey(e.ID).String()])}
		if !fresh[i] && status[i] != StatusOK {
			li.Status, li.Problem = status[i], problem[i].Error()
		}
		out = append(out, li)
	}
	return out, nil
}

// ItemHashes maps every item of b ("kind:id", a statement
// "statement:speaker#n") to a hash of its content. A speaker's hash leaves
// out its statements, so editing one statement changes that statement's
// hash alone.
func ItemHashes(b *data.Briefing) map[string]string {
	items := b.Items()
	out := make(map[string]string, len(items))
	for _, ref := range items {
		var buf bytes.Buffer
		json.NewEncoder(&buf).Encode(itemContent(b, ref))
		sum := sha256.Sum256(buf.Bytes())
		out[ref.String()] = hex.EncodeToString(sum[:8])
	}
	return out
}

// itemContent is what an item's hash covers: the item as the bundle gives
// it, a speaker without its statements.
func itemContent(b *data.Briefing, ref data.Ref) any {
	switch ref.Kind {
	case data.KindOverview:
		return b.Overview
	case data.KindSpeaker:
		sp, _ := b.Speaker(ref.ID)
		without := *sp
		without.Statements = nil
		return without
	case data.KindStatement:
		id, n, _ := ref.SplitStatement()
		sp, _ := b.Speaker(id)
		return sp.Statements[n]
	case data.KindSource:
		return found(b.Source(ref.ID))
	case data.KindEvent:
		return found(b.Event(ref.ID))
	case data.KindSession:
		return found(b.Session(ref.ID))
	case data.KindMeasure:
		return found(b.Measure(ref.ID))
	case data.KindFigure:
		return found(b.Figure(ref.ID))
	case data.KindTerm:
		return found(b.Term(ref.ID))
	}
	// Hashed as "null", an item of a kind missing here would never show
	// as changed: a new kind must be added above (TestEveryKindHasContent).
	panic("library: itemContent has no case for kind " + string(ref.Kind))
}

// found is the item a lookup found, for itemContent.
func found[T any](item *T, _ bool) any { return item }

// Hit is a search hit of library search: which briefing it comes from,
// then the hit as search.Index gives it.
type Hit struct {
	Briefing      string `json:"briefing"`
	BriefingTitle string `json:"briefingTitle"`
	search.Hit
}

// indexes holds search indexes by the content hash of their bundle.
var indexes = struct {
	sync.Mutex
	m map[string]*search.Index
}{m: map[string]*search.Index{}}

func indexFor(hash string, b *data.Briefing) *search.Index {
	indexes.Lock()
	ix, ok := indexes.m[hash]
	indexes.Unlock()
	if ok {
		return ix
	}
	ix = search.NewIndex(b)
	indexes.Lock()
	indexes.m[hash] = ix
	indexes.Unlock()
	return ix
}

// Searcher searches every readable briefing of the library. Build it once
// (it parses and indexes what the caches do not hold yet), then search it
// as often as the reader types.
type Searcher struct {
	briefings []searchable
}

type searchable struct {
	id, title string
	ix        *search.Index
}

// Searcher loads the library for searching; entries that cannot be read
// are left out, as `library list` reports them.
func (l *Library) Searcher() (*Searcher, error) {
	builtin := builtinSearchable()
	entries, err := l.Store.EntriesToSearch()
	if err != nil {
		return nil, fmt.Errorf("cannot read the library's index: %w", err)
	}
	return l.searcherOf(builtin, entries, l.freshness(entries)), nil
}

// builtinSearchable is the built-in briefing ready to search, made on
// another goroutine from the call on: its index (a few milliseconds) is
// built while the library's index, stamps and dictionary are read.
func builtinSearchable() func() (searchable, bool) {
	var s searchable
	var ok bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		if b, err := Builtin(); err == nil {
			s, ok = searchable{BuiltinID, b.Overview.Title, indexFor("builtin", b)}, true
		}
	}()
	return func() (searchable, bool) {
		<-done
		return s, ok
	}
}

// searcherOf is a Searcher over the built-in briefing and entries; fresh
// says which entries' files are as recorded (Library.freshness).
func (l *Library) searcherOf(builtin func() (searchable, bool), entries []state.Entry, fresh []bool) *Searcher {
	s := &Searcher{}
	if b, ok := builtin(); ok {
		s.briefings = append(s.briefings, b)
	}
	// Reading and decoding a thousand indexes is most of the work.
	found := make([]searchable, len(entries))
	ok := make([]bool, len(entries))
	onEveryCore(len(entries), func(i int) { found[i], ok[i] = l.searchable(entries[i], fresh[i]) })
	for i := range entries {
		if ok[i] {
			s.briefings = append(s.briefings, found[i])
		}
	}
	return s
}

// searchable is entry e ready to search: its index from memory or from
// the cache when its files are as they were when added (fresh), else its
// files checked, parsed and indexed (and the index kept). ok is false
// when its files cannot be read.
func (l *Library) searchable(e state.Entry, fresh bool) (searchable, bool) {
	if fresh {
		if ix, ok := l.cachedIndex(e.Hash); ok {
			return searchable{e.ID, e.Title, ix}, true
		}
	}
	b, hash, status, _ := l.check(e)
	if status != StatusOK {
		return searchable{}, false
	}
	if ix, ok := l.cachedIndex(hash); ok {
		return searchable{e.ID, b.Overview.Title, ix}, true
	}
	ix := indexFor(hash, b)
	l.cache().PutIndex(hash, ix)
	return searchable{e.ID, b.Overview.Title, ix}, true
}

// onEveryCore calls fn(i) for every i below n, on every core, each worker
// taking the next i.
func onEveryCore(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// Len is the number of briefings searched.
func (s *Searcher) Len() int { return len(s.briefings) }

// Search runs q on every briefing and merges the hits, the best first;
// equal scores keep the library's order.
func (s *Searcher) Search(q search.Query, opts search.SearchOptions) []Hit {
	hits, _ := s.SearchCounted(q, opts)
	return hits
}

// SearchCounted is Search, and how many hits there are in all: with a
// limit, only the hits returned are scored and cut into snippets where
// the query's words say every candidate matches.
func (s *Searcher) SearchCounted(q search.Query, opts search.SearchOptions) (hits []Hit, total int) {
	ixs := make([]*search.Index, len(s.briefings))
	for i, b := range s.briefings {
		ixs[i] = b.ix
	}
	many, total := search.SearchManyCounted(ixs, q, opts)
	out := make([]Hit, len(many))
	for i, h := range many {
		b := s.briefings[h.Index]
		out[i] = Hit{Briefing: b.id, BriefingTitle: b.title, Hit: h.Hit}
	}
	return out, total
}
