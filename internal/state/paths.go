// Package state keeps what a reader of brief should not lose: where they
// were in each briefing, what they have seen, their bookmarks and the index
// of their library. It is one SQLite database (modernc.org/sqlite, no cgo)
// in the state folder; see docs/STATE.md for the layout.
package state

import (
	"errors"
	"os"
	"path/filepath"
)

// Paths are the folders brief writes to.
type Paths struct {
	// State holds the database, brief.db.
	State string
	// Data holds the library, under Data/library.
	Data string
}

// ErrNoHome means there is nowhere to keep state: no BRIEF_HOME, no XDG
// folder and no HOME.
var ErrNoHome = errors.New("no folder to keep brief's state in: set HOME, XDG_STATE_HOME and XDG_DATA_HOME, or BRIEF_HOME")

// DefaultPaths finds the folders from the environment:
//
//   - BRIEF_HOME set: state in $BRIEF_HOME/state, data in $BRIEF_HOME/data,
//     whatever the XDG variables say;
//   - otherwise $XDG_STATE_HOME/brief and $XDG_DATA_HOME/brief, each
//     falling back to ~/.local/state/brief and ~/.local/share/brief.
//
// Relative XDG paths are ignored, as the XDG spec asks.
func DefaultPaths() (Paths, error) {
	return pathsFrom(os.Getenv)
}

func pathsFrom(getenv func(string) string) (Paths, error) {
	if h := getenv("BRIEF_HOME"); h != "" {
		abs, err := filepath.Abs(h)
		if err != nil {
			return Paths{}, err
		}
		return Paths{State: filepath.Join(abs, "state"), Data: filepath.Join(abs, "data")}, nil
	}
	home := getenv("HOME")
	dir := func(xdg, fallback string) string {
		if v := getenv(xdg); v != "" && filepath.IsAbs(v) {
			return filepath.Join(v, "brief")
		}
		if home == "" {
			return ""
		}
		return filepath.Join(home, fallback, "brief")
	}
	p := Paths{State: dir("XDG_STATE_HOME", ".local/state"), Data: dir("XDG_DATA_HOME", ".local/share")}
	if p.State == "" || p.Data == "" {
		return Paths{}, ErrNoHome
	}
	return p, nil
}

// DB is the path of the state database.
func (p Paths) DB() string { return filepath.Join(p.State, "brief.db") }

// Cache is the folder of snapshots of bundles opened by path
// (internal/cache).
func (p Paths) Cache() string { return filepath.Join(p.State, "cache") }

// Library is the folder of the library's bundles.
func (p Paths) Library() string { return filepath.Join(p.Data, "library") }

// MkdirPrivate makes dir and its missing parents readable by the owner
// only (0700): what a person reads is their business.
func MkdirPrivate(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}
