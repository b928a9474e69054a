package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
)

// hostile is text a bundle could carry to take over the terminal: set the
// window title, write the clipboard, clear the screen, move the cursor,
// reverse the text direction, start a DCS, use a C1 CSI.
const hostile = "\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[H\u202eevil\u202c\x9b31m\x1bP+q\x1b\\ok"

// hostileMarkdown tries to become a link or HTML through the Markdown.
const hostileMarkdown = "[click](javascript:alert(1)) <b>bold</b> <https://evil.example> www.evil.example mail@evil.example ftp://evil.example ![img](file:///etc/passwd) | a | b |"

func hostileBriefing(t *testing.T) *data.Briefing {
	return briefingWith(t, func(b *data.Briefing) {
		b.Overview.Title = hostile + " title"
		b.Overview.Place = hostile
		b.Overview.Synthesis = hostileMarkdown + "\n\n" + hostile
		b.Sources = append([]data.Source(nil), b.Sources...)
		b.Sources[0].Outlet = hostile
		b.Sources[0].Headline = hostileMarkdown
		b.Sources[0].URL = "https://ok.example/\x1b]8;;https://evil.example\x07x"
		b.Sources[1].URL = "javascript:alert(1)"
		b.Sources[0].Summary = hostile + "\n" + hostileMarkdown
		b.Sessions[0].Title = hostile
		b.Sessions[0].Summary = hostileMarkdown
		b.Speakers[0].Name = hostile
		b.Speakers[0].Statements = []data.Statement{{Session: b.Sessions[0].ID, Text: hostileMarkdown + hostile, Sources: []string{b.Sources[0].ID}}}
		b.Timeline[0].Title = hostile
		b.Measures[0].Title = hostile
		b.Figures[0].Value = hostile
		b.Glossary[0].Term = hostile
	})
}

// allowed is what the reader itself writes: SGR styles and OSC 8 links to
// http(s) addresses (or the empty link that ends one).
var allowed = regexp.MustCompile(`\x1b\[[0-9;:]*m|\x1b\]8;[^;\x07\x1b]*;(?:https?://[^\x07\x1b]*)?(?:\x07|\x1b\\)`)

var osc8 = regexp.MustCompile(`\x1b\]8;[^\x07]*\x07`)

// checkSafe fails on any control sequence or invisible control the reader
// did not write itself.
func checkSafe(t *testing.T, where, view string) {
	t.Helper()
	rest := allowed.ReplaceAllString(view, "")
	for _, r := range rest {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' || r == '\u202c' {
			i := strings.IndexRune(rest, r)
			t.Fatalf("%s: control %U reaches the terminal near %q", where, r, rest[max(0, i-30):min(len(rest), i+30)])
		}
	}
	// Bare www addresses become http links, which is allowed; the bad URL
	// of the first source must not become a link to where it tries to
	// break out to.
	for _, bad := range []string{"javascript:", "file://", "ftp://", "mailto:", ";https://evil.example\x07"} {
		for _, m := range osc8.FindAllString(view, -1) {
			if strings.Contains(m, bad) {
				t.Fatalf("%s: a link to %q: %q", where, bad, m)
			}
		}
	}
}

// Every screen of a briefing full of escape sequences shows them as text
// and sends none of them to the terminal.
func TestHostileTextIsNeutralised(t *testing.T) {
	t.Parallel()
	b := hostileBriefing(t)
	for _, size := range [][2]int{{120, 40}, {60, 20}} {
		tt := newTestModelWith(t, b, Options{Style: StyleDark}, size[0], size[1])
		checkSafe(t, "overview", tt.m.View().Content)
		tt.press("G")
		checkSafe(t, "overview end", tt.m.View().Content)
		for id := tabTimeline; id < tabCount; id++ {
			tt.press(itoa(int(id) + 1))
			for range tt.m.tabs[id].list.Len() {
				tt.press("enter")
				for range 8 {
					checkSafe(t, id.String(), tt.m.View().Content)
					tt.press("space")
				}
				tt.press("esc", "j")
			}
		}
		tt.press("/")
		tt.typeText("pwned")
		checkSafe(t, "search", tt.m.View().Content)
		if !strings.Contains(tt.screen(), `\x1b`) {
			t.Fatal("escaped controls should be visible as \\x1b")
		}
	}
	// The first source's URL carries an escape: it is shown as text and
	// never made a link.
	tt := newTestModelWith(t, b, Options{Style: StyleDark}, 120, 40)
	tt.showSource(b.Sources[0].ID)
	view := tt.m.View().Content
	if !strings.Contains(ansi.Strip(view), "ok.example") {
		t.Fatal("the source's URL is not shown")
	}
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, "\x1b]8;") && strings.Contains(l, "ok.example") {
			t.Fatalf("a URL with escapes became a link: %q", l)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"a*b*c":                  "a&#42;b&#42;c",
		`back\slash`:             `back\\slash`,
		"1. not a list":          "1&#46; not a list",
		"2000) not a list":       "2000&#41; not a list",
		"- not a list either":    "&#45; not a list either",
		"# not a heading":        "&#35; not a heading",
		"x\x1b[2Jy":              `x\\x1b&#91;2Jy`,
		"Đặng Hoàng, 100,000.":   "Đặng Hoàng, 100,000.",
		"line one\n two":         "line one\ntwo",
		"see https://x.org":      "see https&#58;//x.org",
		"or www.x.org, a@b.org":  "or www&#46;x.org, a&#64;b.org",
		"[x](javascript:alert)":  "&#91;x&#93;(javascript:alert)",
		"<b>not html</b> & more": "&#60;b&#62;not html&#60;/b&#62; &#38; more",
	}
	for in, want := range tests {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeURL(t *testing.T) {
	t.Parallel()
	for u, want := range map[string]bool{
		"https://example.org/a?b=c":           true,
		"HTTP://example.org":                  true,
		"javascript:alert(1)":                 false,
		"file:///etc/passwd":                  false,
		"/relative":                           false,
		"https://x.org/\x1b]8;;http://evil\a": false,
		"https://x.org/a b":                   false,
	} {
		if got := safeURL(u); got != want {
			t.Errorf("safeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// Wide characters and combining marks line up: every line of every tab is
// exactly as wide as the terminal.
func TestWideAndCombiningText(t *testing.T) {
	t.Parallel()
	b := briefingWith(t, func(b *data.Briefing) {
		b.Speakers[0].Name = "Đặng Hoàng Giang 北京市 Nguyễn Thị Ánh" // precomposed, CJK
		b.Speakers[1].Name = "Le\u0301 Xua\u0302n Minh 한국어"        // combining marks
	})
	for _, w := range []int{120, 80, 41} {
		tt := newTestModelWith(t, b, Options{Style: StyleDark}, w, 24)
		tt.press("4")
		for range 3 {
			for i, l := range strings.Split(tt.m.View().Content, "\n") {
				if got := textWidth(l); got != w {
					t.Fatalf("width %d: line %d is %d wide: %q", w, i, got, l)
				}
			}
			tt.press("j", "enter", "esc")
		}
	}
}
