package state

import (
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// migrations turn a database of version i (PRAGMA user_version) into one of
// version i+1. Append only: a released migration is never edited, so every
// database, however old, reaches the same schema.
var migrations = []string{
	// 1: memory per briefing.
	`CREATE TABLE briefings (
		key      TEXT PRIMARY KEY,  -- "builtin", "library:ID" or "path:/abs/dir"
		opened   INTEGER NOT NULL DEFAULT 0,  -- unix nanoseconds of the last launch on it
		position TEXT NOT NULL DEFAULT '',    -- the reader's place, JSON (ui.Position)
		unseen   INTEGER NOT NULL DEFAULT -1, -- items not seen in their current content; -1 unknown
		changed  INTEGER NOT NULL DEFAULT 0   -- of those, items seen in an earlier content
	);
	CREATE TABLE seen (
		briefing TEXT NOT NULL,
		item     TEXT NOT NULL,  -- "kind:id", a statement "statement:speaker#n"
		hash     TEXT NOT NULL,  -- content hash of the item when its detail was shown
		PRIMARY KEY (briefing, item)
	) WITHOUT ROWID;
	CREATE TABLE known (
		briefing TEXT NOT NULL,
		item     TEXT NOT NULL,
		fresh    INTEGER NOT NULL,  -- 1: arrived in an edition after the first one read
		PRIMARY KEY (briefing, item)
	) WITHOUT ROWID;`,
	// 2: bookmarks and the library's index.
	`CREATE TABLE bookmarks (
		briefing TEXT NOT NULL,
		item     TEXT NOT NULL,
		note     TEXT NOT NULL DEFAULT '',
		created  INTEGER NOT NULL,
		PRIMARY KEY (briefing, item)
	) WITHOUT ROWID;
	CREATE TABLE library (
		id      TEXT PRIMARY KEY,
		origin  TEXT NOT NULL,      -- the absolute path it was added from
		added   INTEGER NOT NULL,   -- unix nanoseconds of the last add
		hash    TEXT NOT NULL,      -- content hash of the bundle's files
		title   TEXT NOT NULL,
		place   TEXT NOT NULL,
		start   TEXT NOT NULL,
		"end"   TEXT NOT NULL,
		items   INTEGER NOT NULL,   -- number of items
		hashes  TEXT NOT NULL       -- item → content hash, JSON; read only when needed
	);
	CREATE INDEX library_added ON library (added DESC);`,
	// 3: what an item said when it was seen, so that a changed item can
	// show its words added and removed.
	`ALTER TABLE seen ADD COLUMN text TEXT NOT NULL DEFAULT '';  -- the item's title and text when its detail was shown; '' before version 3`,
	// 4: the size and time of each file of a library copy when its hash
	// was last checked, so listing the library stats its files instead of
	// reading and hashing them.
	`ALTER TABLE library ADD COLUMN stamp TEXT NOT NULL DEFAULT '';  -- each file's name, size and modification time; '' unknown`,
	// 5: the item hashes in a table of their own. In the library row the
	// JSON filled a page per entry, which listing the library read to
	// reach the stamp stored after it (a third of library list). The
	// library table is rebuilt so its rows share pages.
	`CREATE TABLE library_hashes (
		id     TEXT PRIMARY KEY,  -- a library id; removed with its entry
		hashes TEXT NOT NULL      -- item → content hash, JSON
	);
	INSERT INTO library_hashes (id, hashes) SELECT id, hashes FROM library;
	CREATE TABLE library_v5 (
		id      TEXT PRIMARY KEY,
		origin  TEXT NOT NULL,      -- the absolute path it was added from
		added   INTEGER NOT NULL,   -- unix nanoseconds of the last add
		hash    TEXT NOT NULL,      -- content hash of the bundle's files
		title   TEXT NOT NULL,
		place   TEXT NOT NULL,
		start   TEXT NOT NULL,
		"end"   TEXT NOT NULL,
		items   INTEGER NOT NULL,   -- number of items
		stamp   TEXT NOT NULL DEFAULT ''  -- each file's name, size and modification time; '' unknown
	);
	INSERT INTO library_v5 SELECT id, origin, added, hash, title, place, start, "end", items, stamp FROM library;
	DROP TABLE library;
	ALTER TABLE library_v5 RENAME TO library;
	CREATE INDEX library_added ON library (added DESC);`,
	// 6: a stamp is a digest of its files' stats now (library.stamper,
	// 50 bytes, where the name, size and time lines were 400): the old
	// ones are dropped (each entry's files are hashed once and stamped
	// again) and the table is rebuilt so its rows, a third of their size,
	// share pages (listing reads half the pages).
	`CREATE TABLE library_v6 (
		id      TEXT PRIMARY KEY,
		origin  TEXT NOT NULL,      -- the absolute path it was added from
		added   INTEGER NOT NULL,   -- unix nanoseconds of the last add
		hash    TEXT NOT NULL,      -- content hash of the bundle's files
		title   TEXT NOT NULL,
		place   TEXT NOT NULL,
		start   TEXT NOT NULL,
		"end"   TEXT NOT NULL,
		items   INTEGER NOT NULL,   -- number of items
		stamp   TEXT NOT NULL DEFAULT ''  -- "s2 MASK DIGEST" of its files' stats (library.stamper); '' unknown
	);
	INSERT INTO library_v6 SELECT id, origin, added, hash, title, place, start, "end", items, '' FROM library;
	DROP TABLE library;
	ALTER TABLE library_v6 RENAME TO library;
	CREATE INDEX library_added ON library (added DESC);`,
}

// Version is the schema version this build writes.
var Version = len(migrations)

// Store is the state database. A Store whose database cannot be used (a
// read-only or full disk, no home) still answers: reads find nothing and
// writes do nothing, and Problem says why, so the reader keeps working.
type Store struct {
	db   *sql.DB
	path string

	mu  sync.Mutex
	off error // non-nil once the store has stopped writing

	// writes counts the write transactions begun, for the tests that
	// hold a reader's settled move to one.
	writes atomic.Int64
}

// Writes is the number of write transactions this Store has begun.
func (s *Store) Writes() int64 { return s.writes.Load() }

// Disabled is a store that keeps nothing, for reason.
func Disabled(reason error) *Store { return &Store{off: reason} }

// Problem is why the store keeps nothing, or nil while it works.
func (s *Store) Problem() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.off
}

// Path is the database file, "" for a disabled store.
func (s *Store) Path() string { return s.path }

// Close closes the database and keeps its stamp as checked: it passed the
// check at open and only SQLite wrote it since.
func (s *Store) Close() error {
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	if err == nil {
		recordChecked(s.path)
	}
	return err
}

// Open opens or creates the database at path and brings its schema up to
// Version. It always returns a usable Store. warning is one line for the
// user, "" when all went well: a corrupt database or one written by a newer
// brief is moved aside and a fresh one started; a database that cannot be
// written gives a disabled store.
func Open(path string, now time.Time) (s *Store, warning string) {
	s, err := open(path)
	if err == nil {
		return s, ""
	}
	var aside *asideError
	if errors.As(err, &aside) {
		moved, mvErr := moveAside(path, aside.suffix, now)
		if mvErr != nil {
			return Disabled(mvErr), fmt.Sprintf("brief: %s and could not be moved aside (%v); nothing will be remembered this time", aside.why, mvErr)
		}
		s, err = open(path)
		if err == nil {
			return s, fmt.Sprintf("brief: %s; moved it to %s and started afresh", aside.why, moved)
		}
	}
	return Disabled(err), fmt.Sprintf("brief: cannot keep state in %s (%v); nothing will be remembered this time", path, err)
}

// asideError is a database to move out of the way rather than use.
type asideError struct {
	why    string
	suffix string
}

func (e *asideError) Error() string { return e.why }

func open(path string) (*Store, error) {
	dir := dirOf(path)
	if err := MkdirPrivate(dir); err != nil {
		return nil, err
	}
	// Create the file before SQLite does, so it is private from the
	// start; SQLite gives the -wal and -shm files the same mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Path: path, RawQuery: "_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path}
	if err := s.prepareWaiting(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// busyWait is how long opening waits out other processes' locks, as the
// connection's busy_timeout does for each statement.
const busyWait = 10 * time.Second

// prepareWaiting is prepare, tried again while another process holds a
// lock it cannot wait on: SQLite answers some statements of a first open
// (the switch to WAL, a read that must become a write) with SQLITE_BUSY at
// once instead of calling its busy handler, and 20 adds at once on a new
// state folder met it.
func (s *Store) prepareWaiting() error {
	deadline := time.Now().Add(busyWait)
	for pause := 5 * time.Millisecond; ; pause = min(2*pause, 100*time.Millisecond) {
		err := s.prepare()
		if err == nil || sqliteCode(err) != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		time.Sleep(pause + time.Duration(rand.Int64N(int64(pause))))
	}
}

// prepare checks the file, switches it to WAL and migrates it.
func (s *Store) prepare() error {
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		if isCorrupt(err) {
			return &asideError{why: "the state database " + s.path + " is damaged", suffix: "corrupt"}
		}
		return err
	}
	if v > Version {
		return &asideError{why: fmt.Sprintf("the state database %s was written by a newer brief (schema %d, this one knows %d)", s.path, v, Version), suffix: fmt.Sprintf("v%d", v)}
	}
	if err := s.check(); err != nil {
		return err
	}
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode=WAL`).Scan(&mode); err != nil {
		return err
	}
	if err := s.migrate(); err != nil {
		return err
	}
	for _, p := range []string{s.path + "-wal", s.path + "-shm"} {
		if _, err := os.Stat(p); err == nil {
			os.Chmod(p, 0o600)
		}
	}
	return nil
}

// check runs the integrity check unless the file is as it was when it
// last passed one (checked.go).
func (s *Store) check() error {
	if checkedBefore(s.path) {
		return nil
	}
	quickChecks.Add(1)
	var check string
	if err := s.db.QueryRow(`PRAGMA quick_check`).Scan(&check); err != nil || check != "ok" {
		if err == nil || isCorrupt(err) {
			return &asideError{why: "the state database " + s.path + " is damaged", suffix: "corrupt"}
		}
		return err
	}
	recordChecked(s.path)
	return nil
}

// migrate applies the missing migrations, each in its own transaction with
// its version, so a crash between two leaves a database of the first.
func (s *Store) migrate() error {
	for {
		tx, err := s.db.Begin()
		if err != nil {
			return err
		}
		var v int
		if err := tx.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
			tx.Rollback()
			return err
		}
		if v >= Version {
			return tx.Rollback()
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrating the state database to version %d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
}

func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isCorrupt(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_CORRUPT || c == sqlite3.SQLITE_NOTADB
}

// moveAside renames the database and its WAL files to path.SUFFIX-TIME and
// returns the new name of the database.
func moveAside(path, suffix string, now time.Time) (string, error) {
	to := path + "." + suffix + "-" + now.UTC().Format("20060102T150405")
	if err := os.Rename(path, to); err != nil {
		return "", err
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Rename(path+ext, to+ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
	}
	return to, nil
}

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if os.IsPathSeparator(path[i]) {
			return path[:i]
		}
	}
	return "."
}

// write runs fn in a transaction. The first failure that means the disk
// will not take writes (read-only, full, I/O error) turns the store off,
// so the caller warns once and goes on.
func (s *Store) write(fn func(tx *sql.Tx) error) error {
	if err := s.Problem(); err != nil {
		return err
	}
	s.writes.Add(1)
	tx, err := s.db.Begin()
	if err == nil {
		if err = fn(tx); err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
	}
	if err != nil && diskRefuses(err) {
		s.mu.Lock()
		s.off = fmt.Errorf("the state database cannot be written: %w", err)
		s.mu.Unlock()
	}
	return err
}

func diskRefuses(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}

// live reports whether reads can go to the database.
func (s *Store) live() bool { return s.db != nil }
