package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
)

// TestExportsUseSharedWords: a session's kind and a source's language read
// in the exports as internal/words has them, as in the reader (see ui
// TestReaderUsesSharedWords).
func TestExportsUseSharedWords(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{Markdown, Text} {
		var buf bytes.Buffer
		if err := Write(&buf, b, f); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, s := range b.Sessions {
			if !strings.Contains(out, "Kind:"+boldEnd(f)+" "+words.SessionKind(s.Kind).Long) {
				t.Errorf("%s: session kind %s does not read %q", f, s.Kind, words.SessionKind(s.Kind).Long)
			}
		}
		for _, s := range b.Sources {
			if !strings.Contains(out, "Language:"+boldEnd(f)+" "+words.Language(s.Language)+lineEnd(f)) {
				t.Errorf("%s: language %s does not read %q", f, s.Language, words.Language(s.Language))
			}
		}
	}
}

func boldEnd(f Format) string {
	if f == Markdown {
		return "**"
	}
	return ""
}

func lineEnd(f Format) string {
	if f == Markdown {
		return `\`
	}
	return "\n"
}
