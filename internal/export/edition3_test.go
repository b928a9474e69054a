package export

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
)

// TestEmbeddedMarkdownReadsInTime holds the built-in briefing's Markdown
// export to the five-minute promise of issue 18 (at most 5,500 words as
// `wc -w` counts them), and checks it shows what the third edition added:
// the reading time, the notes about the sources and the four marked
// quotes.
func TestEmbeddedMarkdownReadsInTime(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	md := render(t, b, Markdown)
	if n := len(strings.Fields(md)); n > 5500 {
		t.Errorf("the Markdown export has %d words, want at most 5,500", n)
	}
	for _, want := range []string{"**Reading time:** overview ", "### About the sources"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown export lacks %q", want)
		}
	}
	if n := strings.Count(md, "” (quoted, translated from "); n != 4 {
		t.Errorf("the Markdown export marks %d quotes, want 4", n)
	}
	for _, f := range []Format{Text, JSON} {
		out := render(t, b, f)
		if !strings.Contains(out, "About the sources") && !strings.Contains(out, `"aboutSources"`) {
			t.Errorf("the %s export lacks the notes about the sources", f)
		}
		if !strings.Contains(out, "quoted, translated from Indonesian") && !strings.Contains(out, `"quote": {`) {
			t.Errorf("the %s export lacks the quotes", f)
		}
	}
}
