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
		"hello, ngày ký", "\x1b", "\x1b[A", "\x1b[<0;12;5M", "\x1b]11;rgb:0000/0000/0000\x07",
		"\x1b]11;rgb:ffff/ffff/ffff\x1b\\", "\x1bP>|xterm\x1b\\", "\x1b[97;5u", csi33, "\x1bx",
	} {
		if got := filterAll(newGuard(Local()), in); got != in {
			t.Errorf("%q came out as %q", in, got)
		}
	}
}

func TestGuardPassesEachByteAsItComes(t *testing.T) {
	// A lone ESC is the Escape key: holding it back would lose the key.
	g := newGuard(Local())
	for _, c := range []string{"\x1b", "[", "1", ";", "5", "A"} {
		if got := filterAll(g, c); got != c {
			t.Fatalf("%q came out as %q", c, got)
		}
	}
}

func TestGuardEndsAnEndlessSequence(t *testing.T) {
	lim := Local()
	for _, intro := range []string{"\x1b]52;c;", "\x1bP", "\x1b_G", "\x1b^", "\x1bX", "\x1b[", "\x9d", "\x9b"} {
		g := newGuard(lim)
		body := "A"
		if strings.HasSuffix(intro, "[") || intro == "\x9b" {
			body = "1"
		}
		out := g.filter(nil, []byte(intro))
		chunk := []byte(strings.Repeat(body, 4096))
		for range 2048 { // 8 MiB
			out = g.filter(out, chunk)
		}
		if len(out) > lim.MaxEscape+1 {
			t.Errorf("%q: %d bytes reached the parser, want at most %d", intro, len(out), lim.MaxEscape+1)
		}
		if out[len(out)-1] != can {
			t.Errorf("%q: the sequence was not ended with CAN", intro)
		}
		// What follows the sequence's end is read again.
		after := "\x07q"
		if body == "1" {
			after = "mq"
		}
		if got := filterAll(g, after); !strings.HasSuffix(got, "q") {
			t.Errorf("%q: after its end %q came out as %q", intro, after, got)
		}
	}
}

func TestGuardCutsALongPaste(t *testing.T) {
	lim := Local()
	g := newGuard(lim)
	paste := strings.Repeat("é", 3*lim.MaxPaste) // 2 bytes each
	got := filterAll(g, "\x1b[200~", paste[:1000], paste[1000:], "\x1b[201~", "q")
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
	// stray continuation bytes past the limit are dropped too.
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
	// An ESC in a paste that is not its end is kept.
	g = newGuard(Local())
	got = filterAll(g, "\x1b[200~a\x1b[20x\x1b\x1b[201~")
	if want := "\x1b[200~a\x1b[20x\x1b\x1b[201~"; got != want {
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
