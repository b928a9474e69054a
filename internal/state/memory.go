package state

import (
	"cmp"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
)

// Opened records that briefing was opened at t: `brief` with no argument
// opens the one opened last.
func (s *Store) Opened(briefing string, t time.Time) error {
	return s.write(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO briefings (key, opened) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET opened = excluded.opened`, briefing, t.UnixNano())
		return err
	})
}

// LastOpened is the briefing opened most recently; ok is false before the
// first launch.
func (s *Store) LastOpened() (briefing string, ok bool) {
	if !s.live() {
		return "", false
	}
	err := s.db.QueryRow(`SELECT key FROM briefings WHERE opened > 0 ORDER BY opened DESC LIMIT 1`).Scan(&briefing)
	return briefing, err == nil
}

// LastRead is when each briefing was last opened, unix nanoseconds.
func (s *Store) LastRead() map[string]int64 {
	out := map[string]int64{}
	if !s.live() {
		return out
	}
	rows, err := s.db.Query(`SELECT key, opened FROM briefings`)
	if err != nil {
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var t int64
		if rows.Scan(&k, &t) == nil {
			out[k] = t
		}
	}
	return out
}

// SavePosition keeps the reader's place in briefing, as the reader encodes
// it.
func (s *Store) SavePosition(briefing string, pos []byte) error {
	return s.write(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO briefings (key, position) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET position = excluded.position`, briefing, string(pos))
		return err
	})
}

// Position is the place last saved for briefing, nil when none.
func (s *Store) Position(briefing string) []byte {
	if !s.live() {
		return nil
	}
	var p string
	if s.db.QueryRow(`SELECT position FROM briefings WHERE key = ?`, briefing).Scan(&p) != nil || p == "" {
		return nil
	}
	return []byte(p)
}

// MarkSeen records that the item's detail was shown with content hash
// and text.
func (s *Store) MarkSeen(briefing, item, hash, text string) error {
	return s.write(func(tx *sql.Tx) error { return markSeen(tx, briefing, item, SeenItem{hash, text}) })
}

func markSeen(tx *sql.Tx, briefing, item string, it SeenItem) error {
	_, err := tx.Exec(`INSERT INTO seen (briefing, item, hash, text) VALUES (?, ?, ?, ?)
		ON CONFLICT (briefing, item) DO UPDATE SET hash = excluded.hash, text = excluded.text`, briefing, item, it.Hash, it.Text)
	return err
}

// SeenItem is an item as it was when its detail was shown: its content
// hash and its text (title and body, what a word diff compares).
type SeenItem struct{ Hash, Text string }

// SaveReading records, in one transaction, what one settled move of the
// reader changed: its place (unless pos is nil) and the items shown since
// the last save, with the briefing's tallies after them (unless items is
// empty). A reader's settled move costs one write, however many pages it
// showed: several sessions of one key share the database.
func (s *Store) SaveReading(briefing string, pos []byte, items map[string]SeenItem, unseen, changed int) error {
	return s.write(func(tx *sql.Tx) error {
		if pos != nil {
			if _, err := tx.Exec(`INSERT INTO briefings (key, position) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET position = excluded.position`, briefing, string(pos)); err != nil {
				return err
			}
		}
		if len(items) == 0 {
			return nil
		}
		if err := setTally(tx, briefing, unseen, changed); err != nil {
			return err
		}
		for item, it := range items {
			if err := markSeen(tx, briefing, item, it); err != nil {
				return err
			}
		}
		return nil
	})
}

// SeenTexts maps each of items seen in briefing to its text when it was
// last seen; an item seen before schema version 3 kept none and is left
// out.
func (s *Store) SeenTexts(briefing string, items map[string]bool) map[string]string {
	out := map[string]string{}
	if !s.live() || len(items) == 0 {
		return out
	}
	rows, err := s.db.Query(`SELECT item, text FROM seen WHERE briefing = ? AND text != ''`, briefing)
	if err != nil {
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var item, text string
		if rows.Scan(&item, &text) == nil && items[item] {
			out[item] = text
		}
	}
	return out
}

// Seen maps each item of briefing seen so far to its hash then.
func (s *Store) Seen(briefing string) map[string]string {
	out := map[string]string{}
	if !s.live() {
		return out
	}
	rows, err := s.db.Query(`SELECT item, hash FROM seen WHERE briefing = ?`, briefing)
	if err != nil {
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var item, hash string
		if rows.Scan(&item, &hash) == nil {
			out[item] = hash
		}
	}
	return out
}

// Marks say, for each item of an edition, what the reader has to catch up
// on.
type Marks struct {
	// Unseen items have never had their detail shown in this content.
	Unseen map[string]bool
	// Changed items were seen, with other content.
	Changed map[string]bool
	// New items were not in the first edition read, and are unseen.
	New map[string]bool
}

// Sync compares an edition's items (item → content hash) with what the
// reader has seen and records the items it did not know, and returns the
// marks. Items of the first edition read are not new: all of it is.
func (s *Store) Sync(briefing string, items map[string]string) Marks {
	m := Marks{Unseen: map[string]bool{}, Changed: map[string]bool{}, New: map[string]bool{}}
	seen := s.Seen(briefing)
	known := s.known(briefing)
	first := len(known) == 0
	var unknown []string
	for item, hash := range items {
		h, wasSeen := seen[item]
		switch {
		case wasSeen && h == hash:
			continue
		case wasSeen:
			m.Changed[item] = true
		}
		m.Unseen[item] = true
		fresh, isKnown := known[item]
		if !isKnown {
			unknown = append(unknown, item)
			fresh = !first
		}
		if fresh && !wasSeen {
			m.New[item] = true
		}
	}
	s.write(func(tx *sql.Tx) error {
		if err := setTally(tx, briefing, len(m.Unseen), len(m.Changed)); err != nil {
			return err
		}
		return recordKnown(tx, briefing, unknown, !first)
	})
	return m
}

// known is every item of briefing the reader has met, and whether it was
// new when met.
func (s *Store) known(briefing string) map[string]bool {
	known := map[string]bool{}
	if !s.live() {
		return known
	}
	rows, err := s.db.Query(`SELECT item, fresh FROM known WHERE briefing = ?`, briefing)
	if err != nil {
		return known
	}
	defer rows.Close()
	for rows.Next() {
		var item string
		var fresh bool
		if rows.Scan(&item, &fresh) == nil {
			known[item] = fresh
		}
	}
	return known
}

// recordKnown records items as met, new or not.
func recordKnown(tx *sql.Tx, briefing string, items []string, fresh bool) error {
	if len(items) == 0 {
		return nil
	}
	st, err := tx.Prepare(`INSERT OR IGNORE INTO known (briefing, item, fresh) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, item := range items {
		if _, err := st.Exec(briefing, item, fresh); err != nil {
			return err
		}
	}
	return nil
}

// Counts are the unseen and changed counts of an edition, without
// recording anything.
func (s *Store) Counts(briefing string, items map[string]string) (unseen, changed int) {
	seen := s.Seen(briefing)
	for item, hash := range items {
		h, ok := seen[item]
		if ok && h == hash {
			continue
		}
		unseen++
		if ok {
			changed++
		}
	}
	return unseen, changed
}

// Forget drops everything remembered about briefing but its bookmarks.
func (s *Store) Forget(briefing string) error {
	return s.write(func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM briefings WHERE key = ?`, `DELETE FROM seen WHERE briefing = ?`, `DELETE FROM known WHERE briefing = ?`} {
			if _, err := tx.Exec(q, briefing); err != nil {
				return err
			}
		}
		return nil
	})
}

// Bookmark is one item a reader kept, with their note.
type Bookmark struct {
	Briefing string
	Item     string
	Note     string
	Created  time.Time
}

// ToggleBookmark bookmarks the item, or removes its bookmark; it reports
// whether the item is bookmarked now.
func (s *Store) ToggleBookmark(briefing, item string, t time.Time) (bool, error) {
	var on bool
	err := s.write(func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM bookmarks WHERE briefing = ? AND item = ?`, briefing, item)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		on = true
		_, err = tx.Exec(`INSERT INTO bookmarks (briefing, item, created) VALUES (?, ?, ?)`, briefing, item, t.UnixNano())
		return err
	})
	return on, err
}

// ErrNoBookmark is a note for an item that is not bookmarked.
var ErrNoBookmark = errors.New("that item is not bookmarked")

// SetNote sets a bookmark's one-line note.
func (s *Store) SetNote(briefing, item, note string) error {
	return s.write(func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE bookmarks SET note = ? WHERE briefing = ? AND item = ?`, note, briefing, item)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNoBookmark
		}
		return nil
	})
}

// Bookmarks lists every bookmark, oldest first.
func (s *Store) Bookmarks() []Bookmark {
	var out []Bookmark
	if !s.live() {
		return out
	}
	rows, err := s.db.Query(`SELECT briefing, item, note, created FROM bookmarks ORDER BY created, briefing, item`)
	if err != nil {
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var b Bookmark
		var t int64
		if rows.Scan(&b.Briefing, &b.Item, &b.Note, &t) == nil {
			b.Created = time.Unix(0, t)
			out = append(out, b)
		}
	}
	return out
}

// Entry is one briefing of the library, as recorded when it was added.
type Entry struct {
	ID     string
	Origin string
	Added  time.Time
	Hash   string
	Title  string
	Place  string
	Start  string
	End    string
	// Items is the number of items; Hashes maps each ("kind:id") to its
	// content hash, and is filled only by PutEntry's caller and
	// EntryHashes.
	Items  int
	Hashes map[string]string
	// Unseen and Changed are the tallies the reader last recorded for
	// it; Unseen is -1 when none was.
	Unseen, Changed int
	// Stamp tells, from their stats, that its files are as they were
	// when they last hashed to Hash (library.stamper); "" when unknown.
	Stamp string
}

// PutEntry adds or replaces a library entry.
func (s *Store) PutEntry(e Entry) error {
	hashes, err := json.Marshal(e.Hashes)
	if err != nil {
		return err
	}
	return s.write(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO library (id, origin, added, hash, title, place, start, "end", items, stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, added = excluded.added, hash = excluded.hash, title = excluded.title,
			place = excluded.place, start = excluded.start, "end" = excluded."end", items = excluded.items, stamp = excluded.stamp`,
			e.ID, e.Origin, e.Added.UnixNano(), e.Hash, e.Title, e.Place, e.Start, e.End, len(e.Hashes), e.Stamp)
		if err != nil {
			return err
		}
		_, err = tx.Exec(`INSERT INTO library_hashes (id, hashes) VALUES (?, ?)
			ON CONFLICT (id) DO UPDATE SET hashes = excluded.hashes`, e.ID, string(hashes))
		return err
	})
}

// Entries lists the library, newest first, with the reader's tallies of
// each (from its LibraryKey's row), without the item hashes.
func (s *Store) Entries() ([]Entry, error) {
	if !s.live() {
		return nil, s.Problem()
	}
	tallies, err := s.tallies()
	if err != nil {
		return nil, err
	}
	out, err := s.queryEntries(`SELECT id, origin, added, hash, title, place, start, "end", items, stamp FROM library`,
		func(e *Entry, added *int64) []any {
			return []any{&e.ID, &e.Origin, added, &e.Hash, &e.Title, &e.Place, &e.Start, &e.End, &e.Items, &e.Stamp}
		})
	for i := range out {
		e := &out[i]
		e.Unseen, e.Changed = -1, 0
		if t, ok := tallies[LibraryKey(e.ID).String()]; ok {
			e.Unseen, e.Changed = t[0], t[1]
		}
	}
	return out, err
}

// EntriesToSearch lists the library as Entries does, each entry with
// only what a search needs: ID, Added, Hash, Title and Stamp (a third of
// the columns, and no tallies).
func (s *Store) EntriesToSearch() ([]Entry, error) {
	if !s.live() {
		return nil, s.Problem()
	}
	return s.queryEntries(`SELECT id, added, hash, title, stamp FROM library`, func(e *Entry, added *int64) []any {
		return []any{&e.ID, added, &e.Hash, &e.Title, &e.Stamp}
	})
}

// queryEntries runs query, a select of library rows, and scans each into
// an Entry through the destinations fields gives, newest first then by
// id. They are sorted here: SQLite's order by the index cost a lookup of
// each row in the table, a third of the query.
func (s *Store) queryEntries(query string, fields func(e *Entry, added *int64) []any) ([]Entry, error) {
	rows, err := s.db.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var added int64
		if err := rows.Scan(fields(&e, &added)...); err != nil {
			return nil, err
		}
		e.Added = time.Unix(0, added)
		out = append(out, e)
	}
	sortEntries(out)
	return out, rows.Err()
}

// sortEntries puts entries newest first, then by id.
func sortEntries(entries []Entry) {
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Or(b.Added.Compare(a.Added), strings.Compare(a.ID, b.ID))
	})
}

// tallies are the unseen and changed counts recorded per briefing key.
func (s *Store) tallies() (map[string][2]int, error) {
	rows, err := s.db.Query(`SELECT key, unseen, changed FROM briefings`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][2]int{}
	for rows.Next() {
		var key string
		var t [2]int
		if err := rows.Scan(&key, &t[0], &t[1]); err != nil {
			return nil, err
		}
		out[key] = t
	}
	return out, rows.Err()
}

// EntryIDs are the ids of the library's entries, read from the id index
// alone.
func (s *Store) EntryIDs() (map[string]bool, error) {
	if !s.live() {
		return nil, s.Problem()
	}
	rows, err := s.db.Query(`SELECT id FROM library`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// EntryHashes are the item hashes of library entry id.
func (s *Store) EntryHashes(id string) (map[string]string, error) {
	if !s.live() {
		return nil, s.Problem()
	}
	var raw string
	if err := s.db.QueryRow(`SELECT hashes FROM library_hashes WHERE id = ?`, id).Scan(&raw); err != nil {
		return nil, err
	}
	out := map[string]string{}
	return out, json.Unmarshal([]byte(raw), &out)
}

// SetTally records a briefing's unseen and changed counts, for lists that
// must not recount every item of every briefing.
func (s *Store) SetTally(briefing string, unseen, changed int) error {
	return s.write(func(tx *sql.Tx) error {
		return setTally(tx, briefing, unseen, changed)
	})
}

func setTally(tx *sql.Tx, briefing string, unseen, changed int) error {
	_, err := tx.Exec(`INSERT INTO briefings (key, unseen, changed) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET unseen = excluded.unseen, changed = excluded.changed`, briefing, unseen, changed)
	return err
}

// Stamp is the stamp of library entry ID's files, which hash to Hash.
type Stamp struct{ ID, Hash, Stamp string }

// SetStamps records stamps, in one write; an entry whose hash is another
// now keeps its own.
func (s *Store) SetStamps(stamps []Stamp) error {
	return s.write(func(tx *sql.Tx) error {
		st, err := tx.Prepare(`UPDATE library SET stamp = ? WHERE id = ? AND hash = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, e := range stamps {
			if _, err := st.Exec(e.Stamp, e.ID, e.Hash); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveEntry removes a library entry; it reports whether there was one.
func (s *Store) RemoveEntry(id string) (bool, error) {
	var found bool
	err := s.write(func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM library WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM library_hashes WHERE id = ?`, id); err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		found = n > 0
		return nil
	})
	return found, err
}
