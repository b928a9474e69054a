package data

import (
	"embed"
	"io/fs"
)

//go:embed bundle/*.yaml
var bundleFS embed.FS

// snapshot is the embedded bundle as Load returns it, in JSON, with the
// hash of the files it was loaded from (EncodeSnapshot). Decoding it takes a
// fifth of the time parsing and validating the YAML takes, time the
// reader's first frame waits for. `go test ./data/ -run
// TestEmbeddedSnapshot -update` writes it; that test fails while it is out
// of date.
//
//go:embed bundle.snapshot.json
var snapshot []byte

// EmbeddedLabel is the name problems in the embedded bundle are reported
// under: its path in this repository, so an editor can open the file.
const EmbeddedLabel = "data/bundle"

// Embedded returns the briefing compiled into the binary: from its
// snapshot when the snapshot was made from the bundle's files as they are,
// else loaded (and validated) from the files.
func Embedded() (*Briefing, error) {
	if b, ok := DecodeSnapshot(snapshot, embeddedHash()); ok {
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

// embeddedHash is the content hash of the embedded bundle's files.
func embeddedHash() string {
	sub, err := fs.Sub(bundleFS, "bundle")
	if err != nil {
		return ""
	}
	files, err := readBundleFS(sub)
	if err != nil {
		return "" // no snapshot matches: load the files, which says why
	}
	return files.Hash()
}
