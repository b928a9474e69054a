package data

import (
	"embed"
	"io/fs"
)

//go:embed bundle/*.yaml
var bundleFS embed.FS

// EmbeddedLabel is the name problems in the embedded bundle are reported
// under: its path in this repository, so an editor can open the file.
const EmbeddedLabel = "data/bundle"

// Embedded loads the briefing compiled into the binary.
func Embedded() (*Briefing, error) {
	sub, err := fs.Sub(bundleFS, "bundle")
	if err != nil {
		return nil, err
	}
	return Load(sub, EmbeddedLabel)
}
