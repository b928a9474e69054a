package library

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/state"
)

// originFile, in each copy, keeps what of its index row the files cannot
// tell: where it was added from, and when. The index lives in the state
// database; if that is damaged and moved aside, every copy would
// otherwise drop out of the library, and the next add of a folder of the
// same name would replace one of them.
const originFile = ".origin.json"

type origin struct {
	Origin string    `json:"origin"`
	Added  time.Time `json:"added"`
}

func originOf(e state.Entry) []byte {
	raw, _ := json.Marshal(origin{Origin: e.Origin, Added: e.Added.UTC()}) // cannot fail
	return raw
}

// orphans are the copies in the library folder that have no row in the
// index.
func (l *Library) orphans() []string {
	names, err := os.ReadDir(l.Dir)
	if err != nil {
		return nil
	}
	indexed, err := l.Store.EntryIDs()
	if err != nil {
		return nil // no index to put them in
	}
	var out []string
	for _, d := range names {
		id := d.Name()
		if d.IsDir() && !indexed[id] && slug(id) == id {
			out = append(out, id)
		}
	}
	return out
}

// adoptOrphans writes the index row of every copy that has none (its
// database was damaged and started afresh), from its files and
// originFile; a copy from before originFile gets no origin and its
// folder's time. A copy that no longer validates is left as it is. The
// library's lock is held.
func (l *Library) adoptOrphans() {
	for _, id := range l.orphans() {
		dir := filepath.Join(l.Dir, id)
		b, err := data.LoadDir(dir)
		if err != nil {
			continue
		}
		files, err := data.ReadBundle(dir)
		if err != nil {
			continue
		}
		var o origin
		if raw, err := os.ReadFile(filepath.Join(dir, originFile)); err == nil {
			_ = json.Unmarshal(raw, &o)
		}
		if o.Added.IsZero() {
			if fi, err := os.Stat(dir); err == nil {
				o.Added = fi.ModTime()
			}
		}
		e := state.Entry{
			ID: id, Origin: o.Origin, Added: o.Added, Hash: files.Hash(),
			Title: b.Overview.Title, Place: b.Overview.Place, Start: b.Overview.Start, End: b.Overview.End,
			Hashes: ItemHashes(b),
		}
		e.Items = len(e.Hashes)
		_ = l.Store.PutEntry(e)
	}
}
