package data

import (
	"strings"
	"testing"
)

// minimalBriefing is examples/minimal as loaded, for tests that break one
// thing in code.
func minimalBriefing(t *testing.T) *Briefing {
	t.Helper()
	b, err := LoadDir("../examples/minimal")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestValidateMinimalIsClean(t *testing.T) {
	if ps := Validate(minimalBriefing(t)); len(ps) != 0 {
		t.Errorf("examples/minimal has problems:\n%v", ps)
	}
}

// TestValidateBuiltInCode checks a briefing that has no files is reported
// by file and path, since it has no lines.
func TestValidateBuiltInCode(t *testing.T) {
	b := minimalBriefing(t)
	b.Sources[0].URL = "javascript:alert(1)"
	b.Speakers[0].Statements[0].Session = "closing"
	b.Measures[0].Number = 3
	want := `measures.yaml: [0].number: measure numbered 3 where 1 is expected
	hint: number the measures 1, 2, 3 … in the order they were given
sources.yaml: [0].url: URL "javascript:alert(1)" is not http or https
	hint: only web addresses are allowed; leave url out when the source gives none
speakers.yaml: [0].statements[0].session: unknown session "closing"
	hint: ids in sessions.yaml: opening-ceremony`
	if got := Validate(b).Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestURLs(t *testing.T) {
	tests := []struct {
		url  string
		want string // "" when the URL is accepted
	}{
		{"https://example.org/news/open-data-summit", ""},
		{"http://example.org/a?b=c&d=e#top", ""},
		{"HTTPS://EXAMPLE.ORG/", ""},
		{"https://dantri.com.vn/thời-sự/công-ước.htm", ""},
		{"https://example.org/open%20data", ""},
		{"javascript:alert(1)", "is not http or https"},
		{"JavaScript:alert(1)", "is not http or https"},
		{"file:///etc/passwd", "is not http or https"},
		{"data:text/html,<b>x</b>", "is not http or https"},
		{"mailto:news@example.org", "is not http or https"},
		{"ftp://example.org/file", "is not http or https"},
		{"/news/open-data-summit", "is not http or https"},
		{"//example.org/news", "is not http or https"},
		{"example.org/news", "is not http or https"},
		{"http:example.org", "has no host"},
		{"https:///news", "has no host"},
		{"https://user:secret@example.org/", "holds a user name before the host"},
		{"https://example.org@evil.example/", "holds a user name before the host"},
		{"https://example.org/open data", `holds " "`},
		{" https://example.org/", `holds " "`},
		{"https://example.org/\n", `holds "\n"`},
		{"https://example.org/\x1b]8;;https://evil.example\x07", `holds "\x1b"`},
		{"https://example.org/\u009b2J", `holds "\u009b"`},
		{"https://example.org/\u202egnp.exe", `holds "\u202e"`},
		{"https://exa\u200bmple.org/", `holds "\u200b"`},
		{"https://example.org:port/", "does not parse"},
	}
	for _, tt := range tests {
		empty := &Briefing{}
		empty.Finish()
		c := &checker{b: empty}
		c.url("sources.yaml", []any{0, "url"}, tt.url)
		switch {
		case tt.want == "" && len(c.ps) > 0:
			t.Errorf("%q refused: %v", tt.url, c.ps)
		case tt.want != "" && (len(c.ps) != 1 || !strings.Contains(c.ps[0].Message, tt.want)):
			t.Errorf("%q: got %v, want one problem saying %q", tt.url, c.ps, tt.want)
		}
	}
}

func TestCitations(t *testing.T) {
	got := Citations("Met [a-news] and [b2]; see [the site](https://x.example) and [Not-An-Id] [c]")
	want := []string{"a-news", "b2", "c"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Citations = %q, want %q", got, want)
	}
}

func TestQuoteShortensLongValues(t *testing.T) {
	long := strings.Repeat("é", 500)
	got := quote(long)
	if want := `"` + strings.Repeat("é", 59) + `…"`; got != want {
		t.Errorf("quote(500 runes) = %s, want %s", got, want)
	}
	if got := quote("a\x1b[2Jb"); got != `"a\x1b[2Jb"` {
		t.Errorf("quote kept a control character: %s", got)
	}
}

func TestClosest(t *testing.T) {
	tests := []struct {
		name  string
		known []string
		want  string
	}{
		{"organization", []string{"organisation", "country"}, `; did you mean "organisation"?`},
		{"sesions.yaml", BundleFiles(), `; did you mean "sessions.yaml"?`},
		{"zzzzzz", []string{"organisation"}, ""},
		{strings.Repeat("x", 40), []string{strings.Repeat("x", 39)}, ""},
	}
	for _, tt := range tests {
		if got := closest(tt.name, tt.known); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestProblemStringCleansText checks what `brief validate` prints is
// neutralised even where a file name or library message carries controls.
func TestProblemStringCleansText(t *testing.T) {
	p := Problem{Pos: Pos{File: "b/\x1b]0;x\x07.yaml"}, Message: "bad \x9b", Hint: "\u202efix"}
	if got, want := p.String(), `b/\x1b]0;x\x07.yaml: bad \x9b`+"\n\thint: "+`\u202efix`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Links between items (conflictsWith, compareWith, overlapsWith) must name
// another item of their kind.
func TestValidateLinks(t *testing.T) {
	b := minimalBriefing(t)
	if len(b.Figures) == 0 || len(b.Sessions) == 0 {
		t.Fatal("examples/minimal should have a figure and a session")
	}
	fig, ses := &b.Figures[0], &b.Sessions[0]
	fig.ConflictsWith = []string{fig.ID}
	fig.CompareWith = []string{"nowhere"}
	ses.OverlapsWith = []string{ses.ID}
	got := Validate(b).Error()
	for _, want := range []string{
		`figures.yaml: [0].conflictsWith[0]: figure "` + fig.ID + `" conflicts with itself`,
		`hint: name the other figure's id`,
		`figures.yaml: [0].compareWith[0]: unknown figure "nowhere"`,
		`sessions.yaml: [0].overlapsWith[0]: session "` + ses.ID + `" overlaps with itself`,
		`hint: name the other session's id`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the problems lack %q:\n%s", want, got)
		}
	}
}
