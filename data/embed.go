package data

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"io/fs"
)

//go:embed bundle/*.yaml
var bundleFS embed.FS

// snapshot is the embedded bundle as Load returns it, in JSON, with the
// hash of the files it was loaded from (snapshotFile). Decoding it takes a
// fifth of the time parsing and validating the YAML takes, time the
// reader's first frame waits for. `go test ./data/ -run
// TestEmbeddedSnapshot -update` writes it; that test fails while it is out
// of date.
//
//go:embed bundle.snapshot.json
var snapshot []byte

// snapshotFile is what bundle.snapshot.json holds.
type snapshotFile struct {
	BundleHash string    `json:"bundleHash"`
	Briefing   *Briefing `json:"briefing"`
}

// EmbeddedLabel is the name problems in the embedded bundle are reported
// under: its path in this repository, so an editor can open the file.
const EmbeddedLabel = "data/bundle"

// Embedded returns the briefing compiled into the binary: from its
// snapshot when the snapshot was made from the bundle's files as they are,
// else loaded (and validated) from the files.
func Embedded() (*Briefing, error) {
	if b, ok := fromSnapshot(snapshot, embeddedHash()); ok {
		return b, nil
	}
	return loadEmbedded()
}

// loadEmbedded parses and validates the embedded bundle's files.
func loadEmbedded() (*Briefing, error) {
	sub, err := fs.Sub(bundleFS, "bundle")
	if err != nil {
		return nil, err
	}
	return Load(sub, EmbeddedLabel)
}

// fromSnapshot decodes a snapshot made from files whose hash is hash.
func fromSnapshot(raw []byte, hash string) (*Briefing, bool) {
	var f snapshotFile
	if err := json.Unmarshal(raw, &f); err != nil || f.BundleHash != hash || f.Briefing == nil {
		return nil, false
	}
	f.Briefing.Finish()
	return f.Briefing, true
}

// encodeSnapshot is the snapshot of b, loaded from files whose hash is
// hash.
func encodeSnapshot(b *Briefing, hash string) ([]byte, error) {
	raw, err := json.MarshalIndent(snapshotFile{BundleHash: hash, Briefing: b}, "", " ")
	return append(raw, '\n'), err
}

// embeddedHash is the hash of the embedded bundle's files, names and
// contents, in the order of their names.
func embeddedHash() string {
	h := sha256.New()
	entries, _ := fs.ReadDir(bundleFS, "bundle") // sorted by name
	for _, e := range entries {
		raw, err := bundleFS.ReadFile("bundle/" + e.Name())
		if err != nil {
			return "" // no snapshot matches: load the files, which says why
		}
		h.Write([]byte(e.Name()))
		h.Write([]byte{0})
		h.Write(raw)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
