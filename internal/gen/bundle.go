package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/brief-reader/brief/data"
)

// WriteBundle writes b as a bundle directory in the YAML format that
// data.LoadDir reads: briefing.yaml holds the overview, each other file one
// list. dir is created if needed; files already there are replaced.
func WriteBundle(dir string, b *data.Briefing) error {
	// An empty list is left out: the file is optional, and YAML would
	// write it as null, which is not a list. Only sources.yaml is required.
	files := []struct {
		name  string
		value any
		empty bool
	}{
		{"briefing.yaml", b.Overview, false},
		{"sources.yaml", b.Sources, false},
		{"timeline.yaml", b.Timeline, len(b.Timeline) == 0},
		{"sessions.yaml", b.Sessions, len(b.Sessions) == 0},
		{"speakers.yaml", b.Speakers, len(b.Speakers) == 0},
		{"measures.yaml", b.Measures, len(b.Measures) == 0},
		{"figures.yaml", b.Figures, len(b.Figures) == 0},
		{"glossary.yaml", b.Glossary, len(b.Glossary) == 0},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create bundle directory: %w", err)
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if f.empty {
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("cannot replace bundle: %w", err)
			}
			continue
		}
		out, err := yaml.Marshal(f.value)
		if err != nil {
			return fmt.Errorf("cannot encode %s: %w", f.name, err)
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			return fmt.Errorf("cannot write bundle: %w", err)
		}
	}
	return nil
}
