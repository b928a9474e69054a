package input

import (
	"bytes"
	"strings"
	"testing"
)

func filterAll(g *guard, chunks ...string) string {
	var out []byte
	for _, c := range chunks {
		out = g.filter(out, []byte(c))
	}
	return string(out)
}

// csi33 is the 36 bytes that crashed x/ansi v0.11.9: a CSI with 33
// parameters, one past the parser's array.
var csi33 = "\x1b[" + strings.Repeat(";", 32) + "1m"

func TestGuardPassesWhatTerminalsSend(t *testing.T) {
	for _, in := range []string{
		"hello, ngày ký Đặng", "\x1b[A", "\x1b[<0;12;5M", "\x1b]11;rgb:0000/0000/0000\x07",
		"\x1b]11;rgb:ffff/ffff/ffff\x1b\\", "\x1bP>|xterm\x1b\\", "\x1b[97;5u", "\x1bx", "\x1b[2$a",
		"\x1b[1;5A\x1b[B", "q\r\t\x7f\x03", "👍🏽",
	} {
		if got := filterAll(newGuard(Local()), in); got != in {
			t.Errorf("%q came out as %q", in, got)
		}
	}
}

// A character or a sequence split across reads is passed whole once its
// last byte comes.
func TestGuardJoinsWhatReadsSplit(t *testing.T) {
	g := newGuard(Local())
	var out []byte
	for _, c := range []string{"\x1b", "[", "1", ";", "5", "A", "\xe1", "\xbb", "\x87"} {
		out = g.filter(out, []byte(c))
	}
	if string(out) != "\x1b[1;5Aệ" {
		t.Errorf("got %q", out)
	}
}

// After a pause, a lone ESC is the Escape key; any other unfinished start
// is dropped.
func TestGuardFlushesALoneEscape(t *testing.T) {
	for in, want := range map[string]string{"\x1b": "\x1b", "\x1b[1;": "", "\x1b]52;c;AAAA": "", "a\xe1\xbb": "a", "\x1bP": "", "\x1b[2$": "\x1b[2$"} {
		g := newGuard(Local())
		out := g.filter(nil, []byte(in))
		if !g.pending() {
			t.Errorf("%q: nothing held", in)
		}
		if got := string(g.flush(out)); got != want {
			t.Errorf("%q then a pause: %q, want %q", in, got, want)
		}
		if got := filterAll(g, "q"); got != "q" {
			t.Errorf("%q: the next key came out as %q", in, got)
		}
	}
}

// What the parser could not read, and would hold until the client pauses,
// never reaches it: invalid UTF-8, malformed sequences, a CSI with more
// parameters than the parser reads (the 33-parameter CSI among them).
func TestGuardDropsWhatTheParserWouldHold(t *testing.T) {
	for in, want := range map[string]string{
		"\xffq": "q", "\xe2q": "q", "\xc0\xafq": "q", "\xed\xa0\x80q": "q", "\x9b31mq": "31mq", "\x80\xbfq": "q",
		"\x1b[1;2\x01q": "\x01q", "\x1b[1;2\x7fq": "\x7fq", "\x1b[1 2mq": "2mq", csi33 + "q": "q",
		"\x1b]0;title\x18q": "q", "\x1bP1\x1aq": "q", "\x1b]0;t\x1bxq": "\x1bxq",
	} {
		if got := filterAll(newGuard(Local()), in); got != want {
			t.Errorf("%q came out as %q, want %q", in, got, want)
		}
	}
}

func TestGuardDropsAnEndlessSequence(t *testing.T) {
	lim := Local()
	for _, intro := range []string{"\x1b]52;c;", "\x1bP", "\x1b_G", "\x1b^", "\x1bX", "\x1b["} {
		g := newGuard(lim)
		body := "A"
		if intro == "\x1b[" {
			body = "1"
		}
		out := g.filter(nil, []byte(intro))
		chunk := []byte(strings.Repeat(body, 4096))
		for range 2048 { // 8 MiB
			out = g.filter(out, chunk)
		}
		if len(out) != 0 || len(g.held) > lim.MaxEscape {
			t.Errorf("%q: %d bytes reached the parser, %d held", intro, len(out), len(g.held))
		}
		// What follows the sequence's end is read again.
		after := "\x07q"
		if body == "1" {
			after = "mq"
		}
		if got := filterAll(g, after); got != "q" {
			t.Errorf("%q: after its end %q came out as %q", intro, after, got)
		}
	}
}

func TestGuardCutsALongPaste(t *testing.T) {
	lim := Local()
	g := newGuard(lim)
	paste := strings.Repeat("é", 3*lim.MaxPaste) // 2 bytes each
	got := filterAll(g, "\x1b[200~", paste[:1001], paste[1001:], "\x1b[201~", "q")
	want := "\x1b[200~" + paste[:lim.MaxPaste] + "\x1b[201~q"
	if got != want {
		t.Fatalf("got %d bytes, want %d", len(got), len(want))
	}
	if c := g.takeCut(); c != len(paste)-lim.MaxPaste {
		t.Errorf("cut %d, want %d", c, len(paste)-lim.MaxPaste)
	}
	if c := g.takeCut(); c != 0 {
		t.Errorf("cut counted twice: %d", c)
	}
}

func TestGuardCutsAPasteWithinARune(t *testing.T) {
	lim := Limits{MaxPaste: 3}
	g := newGuard(lim)
	// a, then 日 (3 bytes) straddles the limit: kept whole; 本 is dropped;
	// stray continuation bytes are dropped anywhere.
	got := filterAll(g, "\x1b[200~a日本\x80\x80\x80\x1b[201~")
	if want := "\x1b[200~a日\x1b[201~"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGuardFindsThePasteEndAcrossReads(t *testing.T) {
	g := newGuard(Local())
	got := filterAll(g, "\x1b[200~ab\x1b", "[20", "1~", "q")
	if want := "\x1b[200~ab\x1b[201~q"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// An ESC in a paste that is not its end is dropped, what follows it
	// kept; a character cut short by the end is dropped.
	g = newGuard(Local())
	got = filterAll(g, "\x1b[200~a\x1b[20x\x1bb\xe1\x1b[201~")
	if want := "\x1b[200~a[20xb\x1b[201~"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGuardEndlessPasteStaysSmall(t *testing.T) {
	lim := Local()
	g := newGuard(lim)
	out := g.filter(nil, []byte("\x1b[200~"))
	chunk := bytes.Repeat([]byte("x"), 1<<16)
	for range 256 { // 16 MiB, never ended
		out = g.filter(out, chunk)
	}
	if len(out) != len(pasteStart)+lim.MaxPaste {
		t.Errorf("%d bytes reached the parser, want %d", len(out), len(pasteStart)+lim.MaxPaste)
	}
}
