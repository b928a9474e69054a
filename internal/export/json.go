package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/brief-reader/brief/data"
)

// Schema names the version of the JSON export's structure. It changes only
// when a field is removed or changes meaning; new fields may appear within
// a version (docs/EXPORT.md).
const Schema = "brief/2"

// document is the top level of the JSON export: the schema marker, then the
// briefing's own fields (promoted from the embedded pointer).
type document struct {
	Schema string `json:"schema"`
	*data.Briefing
}

// writeJSON writes the briefing as indented JSON. Lists a bundle may leave
// out are written as [] rather than null, so readers need no null checks at
// the top level. Strings keep the bundle's text exactly: encoding/json
// escapes C0 controls, and escapeInvisible the rest a terminal could act on.
func writeJSON(w io.Writer, b *data.Briefing) error {
	c := *b
	c.Sources = orEmpty(c.Sources)
	c.Timeline = orEmpty(c.Timeline)
	c.Sessions = orEmpty(c.Sessions)
	c.Speakers = orEmpty(c.Speakers)
	c.Measures = orEmpty(c.Measures)
	c.Figures = orEmpty(c.Figures)
	c.Glossary = orEmpty(c.Glossary)
	return WriteJSON(w, document{Schema: Schema, Briefing: &c})
}

// WriteJSON writes v as indented JSON that is safe to print on a terminal:
// besides the C0 controls encoding/json escapes, DEL, C1 controls and
// invisible format characters are escaped too (see escapeInvisible).
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep "&" and "<" readable in headlines
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeInvisible(buf.Bytes()))
	return err
}

// escapeInvisible rewrites DEL, C1 controls and invisible format characters
// (bidi overrides, zero-width spaces) as \uXXXX escapes. encoding/json
// leaves them raw, and `brief export --format json` may well be read on a
// terminal. Outside strings JSON is ASCII, so every such rune is inside a
// string, where the escape decodes to the same text.
func escapeInvisible(js []byte) []byte {
	if bytes.IndexFunc(js, invisible) < 0 {
		return js
	}
	out := make([]byte, 0, len(js)+16)
	for len(js) > 0 {
		r, size := utf8.DecodeRune(js)
		switch {
		case !invisible(r):
			out = append(out, js[:size]...)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, hi, lo)
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		js = js[size:]
	}
	return out
}

// invisible matches the runes data.CleanText escapes that encoding/json
// writes raw: it escapes those below 0x20 itself.
func invisible(r rune) bool { return r >= 0x20 && data.Unsafe(r) }

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// AppendJSONString appends s as WriteJSON writes a string, for a caller
// that writes many rows of a known shape without reflection: quoted,
// escaped as encoding/json escapes it (without HTML escapes), and its
// invisible characters escaped (escapeInvisible).
func AppendJSONString(buf []byte, s string) []byte {
	if plainJSON(s) {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return append(buf, escapeInvisible(bytes.TrimSuffix(b.Bytes(), []byte("\n")))...)
}

// plainJSON reports whether s is written as it is between the quotes:
// valid UTF-8 with nothing encoding/json or escapeInvisible would escape.
func plainJSON(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || invisible(rune(c)) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' || invisible(r) {
			return false
		}
		i += size
	}
	return true
}
