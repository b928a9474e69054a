package state

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// Key names a briefing in the state: the built-in one ("builtin"), a
// library entry ("library:ID") or a bundle opened by its folder
// ("path:/abs/dir"). Its String is what the state stores; ParseKey reads
// it back. Nothing else takes a key apart.
type Key struct {
	id  string // the library id; BuiltinID for the built-in briefing
	dir string // the folder of a bundle opened by path
}

// BuiltinID is the library id of the briefing compiled into brief.
const BuiltinID = "builtin"

// Prefixes of a stored key.
const (
	libraryPrefix = "library:"
	pathPrefix    = "path:"
)

// libraryID is the one grammar of a library id: lower-case letters,
// digits and dashes, not starting with a dash.
var libraryID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ValidID reports whether id is a library id.
func ValidID(id string) bool { return libraryID.MatchString(id) }

// LibraryKey is the key of library entry id (BuiltinID for the built-in
// briefing).
func LibraryKey(id string) Key { return Key{id: id} }

// PathKey is the key of the bundle in the absolute folder dir.
func PathKey(dir string) Key { return Key{dir: dir} }

// ParseKey reads a key written by Key.String.
func ParseKey(s string) (Key, error) {
	switch {
	case s == BuiltinID:
		return LibraryKey(BuiltinID), nil
	case strings.HasPrefix(s, libraryPrefix):
		id := strings.TrimPrefix(s, libraryPrefix)
		if !ValidID(id) || id == BuiltinID {
			return Key{}, fmt.Errorf("%q is not a briefing: %q is no library id", s, id)
		}
		return LibraryKey(id), nil
	case strings.HasPrefix(s, pathPrefix):
		dir := strings.TrimPrefix(s, pathPrefix)
		if !filepath.IsAbs(dir) {
			return Key{}, fmt.Errorf("%q is not a briefing: the folder is not absolute", s)
		}
		return PathKey(dir), nil
	}
	return Key{}, errors.New("not a briefing key (builtin, library:ID or path:/dir): " + s)
}

// String is the key as the state stores it.
func (k Key) String() string {
	switch {
	case k.dir != "":
		return pathPrefix + k.dir
	case k.id == BuiltinID:
		return BuiltinID
	}
	return libraryPrefix + k.id
}

// LibraryID is the library id the key names (BuiltinID for the built-in
// briefing); ok is false for a bundle opened by path.
func (k Key) LibraryID() (id string, ok bool) { return k.id, k.dir == "" }

// Dir is the folder of a bundle opened by path; ok is false for the
// library's briefings.
func (k Key) Dir() (dir string, ok bool) { return k.dir, k.dir != "" }
