package serve

import (
	"encoding/base64"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/services"
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
	dir    string
	served *services.Served

	mu  sync.Mutex
	dbs map[string]*keyServices // by folder name, while a session of the key runs
}

// keyServices are one key's services, opened by its first session's
// reader and closed when its last session ends.
type keyServices struct {
	*services.Services
	users int // sessions holding it; under KeyState.mu
}

// NewKeyState keeps per-key state under dir (the state folder's serve/)
// for the readers of shared's briefing, whose state key is briefing
// ("builtin", "library:ID" or "path:/abs/dir", as the local reader's).
func NewKeyState(dir, briefing string, shared *ui.Shared) *KeyState {
	id := ""
	if k, err := state.ParseKey(briefing); err == nil {
		id, _ = k.LibraryID()
	}
	b := shared.Briefing()
	return &KeyState{dir: dir, dbs: map[string]*keyServices{}, served: &services.Served{
		Key: briefing, ID: id, B: b, Hashes: library.ItemHashes(b), Index: shared.Index}}
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
	svc, ok := k.dbs[name]
	if !ok {
		svc = &keyServices{Services: services.Serving(services.NewStore(filepath.Join(k.dir, name, "brief.db")), k.served)}
		k.dbs[name] = svc
	}
	svc.users++
	k.mu.Unlock()

	opts.OpenMemory = svc.Memory(k.served.Key, k.served.B, false)
	opts.Library = svc.Services
	opts.BriefingID = k.served.ID
	release := func() {
		k.mu.Lock()
		defer k.mu.Unlock()
		if svc.users--; svc.users == 0 {
			delete(k.dbs, name)
			svc.Close()
		}
	}
	return release, nil
}
