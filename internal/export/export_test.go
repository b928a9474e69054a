package export

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/brief-reader/brief/data"
	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden pins the three formats of the example bundle and of the
// briefing built into brief. Regenerate with `go test ./internal/export
// -update` and review the diff.
func TestGolden(t *testing.T) {
	minimal, err := data.LoadDir("../../examples/minimal")
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := data.Embedded()
	if err != nil {
		t.Fatalf("the built-in briefing does not load: %v", err)
	}
	for name, b := range map[string]*data.Briefing{"minimal": minimal, "embedded": embedded} {
		for _, f := range Formats {
			t.Run(name+"/"+string(f), func(t *testing.T) {
				golden.RequireEqual(t, render(t, b, f))
			})
		}
	}
}

func render(t *testing.T, b *data.Briefing, f Format) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b, f); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestMarkdownFootnotesResolve checks every footnote reference has its
// definition and every source is defined once, so no citation is lost in
// a Markdown viewer.
func TestMarkdownFootnotesResolve(t *testing.T) {
	for name, b := range briefings(t) {
		md := render(t, b, Markdown)
		defs := map[string]int{}
		for _, m := range regexp.MustCompile(`(?m)^\[\^([a-z0-9-]+)\]: `).FindAllStringSubmatch(md, -1) {
			defs[m[1]]++
		}
		for _, s := range b.Sources {
			if defs[s.ID] != 1 {
				t.Errorf("%s: source %s is defined %d times", name, s.ID, defs[s.ID])
			}
		}
		for _, m := range regexp.MustCompile(`\[\^([a-z0-9-]+)\](?:[^:]|$)`).FindAllStringSubmatch(md, -1) {
			if defs[m[1]] == 0 {
				t.Errorf("%s: [^%s] has no definition", name, m[1])
			}
		}
	}
}

// TestTextExport checks the plain-text promises: 80 columns (a single word
// longer than that, such as a URL, stays whole) and no Markdown.
func TestTextExport(t *testing.T) {
	for name, b := range briefings(t) {
		txt := render(t, b, Text)
		for i, line := range strings.Split(txt, "\n") {
			if utf8.RuneCountInString(line) > textWidth && strings.Contains(strings.TrimSpace(line), " ") && !strings.Contains(line, "://") {
				t.Errorf("%s: line %d is %d columns: %q", name, i+1, utf8.RuneCountInString(line), line)
			}
		}
		for _, md := range []string{"**", "[^", "](", "| --- |"} {
			if strings.Contains(txt, md) {
				t.Errorf("%s: text export holds Markdown %q", name, md)
			}
		}
	}
}

func briefings(t *testing.T) map[string]*data.Briefing {
	t.Helper()
	out := map[string]*data.Briefing{"hostile": hostile()}
	if b, err := data.LoadDir("../../examples/minimal"); err == nil {
		out["minimal"] = b
	} else {
		t.Fatal(err)
	}
	if b, err := data.Embedded(); err == nil {
		out["embedded"] = b
	} else {
		t.Fatalf("the built-in briefing does not load: %v", err)
	}
	return out
}

// hostile is a briefing built in code, so none of the loader's cleaning
// applies: the exports must neutralise its text themselves.
func hostile() *data.Briefing {
	const evil = "Evil\x1b]0;owned\x07 \x1b[2J\u202eevil\u009b31m"
	b := &data.Briefing{
		Overview: data.Overview{
			Title: "Title " + evil, Place: "Place", Start: "2025-10-25", End: "2025-10-26",
			Theme:     data.Theme{English: "Theme"},
			Synthesis: "Cited inline [news], a [link](https://example.org) and [unknown].\n<script>alert(1)</script> <https://example.org/auto>",
		},
		Sources: []data.Source{{
			ID: "news", Outlet: "Outlet " + evil, Headline: "Headline | with pipe", Language: "vi", Published: "2025-10-26",
			URL: "https://example.org/a-very-long-path/that-goes-on-and-on-and-on/and-on/well-past-eighty-columns-of-text", Summary: "Summary " + evil, KeyPoints: []string{"Point " + evil},
		}, {ID: "nourl", Outlet: "Radio", Language: "fr", Published: "2025-10-25", Summary: "No URL.", KeyPoints: []string{"One."}}},
		Speakers: []data.Speaker{{ID: "sp", Kind: data.Person, Name: "Name " + evil, Sources: []string{"news"},
			Statements: []data.Statement{{Session: "s", Text: "Said " + evil, Sources: []string{"news", "nourl"}}}}},
		Sessions: []data.Session{{ID: "s", Kind: data.Plenary, Date: "2025-10-26", Title: "Session " + evil, Summary: "Sum.", Sources: []string{"news"}}},
		Figures: []data.Figure{
			{ID: "a", Value: "72", Counts: "signatories | states", AsOf: "25 Oct", Sources: []string{"news"}, ConflictsWith: []string{"b"}},
			{ID: "b", Value: "65", Counts: "signatories", AsOf: "26 Oct", Sources: []string{"nourl"}},
		},
	}
	b.Finish()
	return b
}

func TestExportsNeutraliseControls(t *testing.T) {
	b := hostile()
	for _, f := range []Format{Markdown, Text} {
		out := render(t, b, f)
		if i := strings.IndexAny(out, "\x1b\x07\u009b\u202e"); i >= 0 {
			t.Errorf("%s: raw control at byte %d: %q", f, i, out[max(0, i-10):min(len(out), i+10)])
		}
		if !strings.Contains(out, `Evil\x1b]0;owned\x07 \x1b[2J\u202eevil\x9b31m`) {
			t.Errorf("%s: controls should show as visible escapes", f)
		}
	}
	js := render(t, b, JSON)
	if i := strings.IndexAny(js, "\x1b\x07\u009b\u202e"); i >= 0 {
		t.Errorf("json: raw control at byte %d: %q", i, js[max(0, i-10):min(len(js), i+10)])
	}
	var doc struct {
		Schema   string
		Overview data.Overview
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != Schema || doc.Overview.Title != b.Overview.Title {
		t.Errorf("json must keep the text exactly: schema %q, title %q", doc.Schema, doc.Overview.Title)
	}
}

func TestMarkdownCitationsAndEscaping(t *testing.T) {
	md := render(t, hostile(), Markdown)
	for _, want := range []string{
		"Cited inline [^news], a [link](https://example.org) and [unknown].", // only known sources become footnotes
		`\<script>alert(1)\</script> <https://example.org/auto>`,             // raw HTML shown, autolinks kept
		"| 1 | 72 ⚠ | signatories \\| states | 25 Oct | Conflicts with #2 (65). | [^news] |",
		"| 2 | 65 ⚠ | signatories | 26 Oct | Conflicts with #1 (72). | [^nourl] |",
		"[^news][^nourl]\n", // a statement cites both sources
		"\n[^nourl]: Radio, 2025-10-25\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

func TestTextKeepsURLsWhole(t *testing.T) {
	txt := render(t, hostile(), Text)
	url := hostile().Sources[0].URL
	if !strings.Contains(txt, "URL: "+url+"\n") && !strings.Contains(txt, "\n  "+url+"\n") {
		t.Errorf("the URL is broken across lines:\n%s", txt)
	}
	if !strings.Contains(txt, "[news] [nourl]") {
		t.Error("text citations should read [news] [nourl]")
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(string(f)); got != f || err != nil {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil || !strings.Contains(err.Error(), "markdown, json, text") {
		t.Errorf("ParseFormat(pdf) should list the formats, got %v", err)
	}
}
