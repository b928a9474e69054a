// Package export writes a whole briefing as Markdown, JSON or plain text.
// Markdown and text share one walk over the briefing (walk.go), so both
// present the same sections in the same order; JSON mirrors the bundle.
// docs/EXPORT.md describes the JSON schema and the Markdown layout.
package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/brief-reader/brief/data"
)

// Format is an export format.
type Format string

// The export formats.
const (
	Markdown Format = "markdown"
	JSON     Format = "json"
	Text     Format = "text"
)

// Formats lists the formats in the order help text presents them.
var Formats = []Format{Markdown, JSON, Text}

// ParseFormat returns the format named s, or an error listing the formats.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q: use one of %s", s, formatList())
}

func formatList() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// Write writes b to w in format f. The whole export is rendered before the
// first byte is written, so a failing writer never leaves half a section
// behind an error that went unseen.
func Write(w io.Writer, b *data.Briefing, f Format) error {
	var buf bytes.Buffer
	switch f {
	case Markdown:
		walk(b, newMarkdown(&buf, b))
	case Text:
		walk(b, newText(&buf))
	case JSON:
		if err := writeJSON(&buf, b); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown format %q: use one of %s", f, formatList())
	}
	_, err := w.Write(buf.Bytes())
	return err
}
