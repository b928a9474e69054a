package perf

import (
	"io"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
)

func TestResponderAnswersTerminalQueries(t *testing.T) {
	cursorAt := func() (int, int) { return 3, 7 }
	for _, c := range []struct {
		name, output, want string
	}{
		{"primary device attributes", "\x1b[c", replyDA1},
		{"primary device attributes with 0", "\x1b[0c", replyDA1},
		{"secondary device attributes", "\x1b[>c", replyDA2},
		{"background colour", "\x1b]11;?\x07", "\x1b]11;" + background + "\x07"},
		{"background colour, ST-terminated", "\x1b]11;?\x1b\\", "\x1b]11;" + background + "\x07"},
		{"foreground colour", "\x1b]10;?\x07", "\x1b]10;" + foreground + "\x07"},
		{"synchronized output mode", "\x1b[?2026$p", "\x1b[?2026;2$y"},
		{"unicode core mode, unknown", "\x1b[?2027$p", "\x1b[?2027;0$y"},
		{"ANSI mode", "\x1b[4$p", "\x1b[4;0$y"},
		{"cursor position", "\x1b[6n", "\x1b[3;7R"},
		{"status", "\x1b[5n", "\x1b[0n"},
		{"terminal version", "\x1b[>q", replyVersion},
		{"kitty keyboard, nothing pushed", "\x1b[?u", "\x1b[?0u"},
		{"kitty keyboard, pushed", "\x1b[>1u\x1b[?u", "\x1b[?1u"},
		{"kitty keyboard, pushed and popped", "\x1b[>1u\x1b[>3u\x1b[<1u\x1b[?u", "\x1b[?1u"},
		{"kitty keyboard, set", "\x1b[>1u\x1b[=4;2u\x1b[?u", "\x1b[?5u"},
		{"capability query", "\x1bP+q544e\x1b\\", "\x1bP0+r\x1b\\"},
		{"Bubble Tea's start-up, answered in order", "\x1b[?2026$p\x1b[?2027$p\x1b[?1049h\x1b[>1u\x1b[?u\x1b[H\x1b[2Jhello\x1b]11;?\x07",
			"\x1b[?2026;2$y\x1b[?2027;0$y\x1b[?1u\x1b]11;" + background + "\x07"},
		{"text and drawing get no answer", "\x1b[1;1Hhello \x1b[38;5;63mworld\x1b[m\r\n", ""},
		{"a colour being set gets no answer", "\x1b]11;#000000\x07", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newResponder(cursorAt, false)
			if got := string(r.answer([]byte(c.output))); got != c.want {
				t.Errorf("answer(%q) = %q, want %q", c.output, got, c.want)
			}
		})
	}
}

func TestLightTerminalReportsALightBackground(t *testing.T) {
	r := newResponder(func() (int, int) { return 1, 1 }, true)
	want := "\x1b]11;" + foreground + "\x07\x1b]10;" + background + "\x07"
	if got := string(r.answer([]byte("\x1b]11;?\x07\x1b]10;?\x07"))); got != want {
		t.Errorf("a light terminal answers %q, want %q", got, want)
	}
}

// A query split across reads is answered once it is whole, as a terminal
// that parses a stream does.
func TestResponderAnswersSplitQueries(t *testing.T) {
	out := "\x1b[?2026$p\x1b]11;?\x07\x1b[c"
	want := "\x1b[?2026;2$y\x1b]11;" + background + "\x07" + replyDA1
	for cut := 1; cut < len(out); cut++ {
		r := newResponder(func() (int, int) { return 1, 1 }, false)
		got := string(r.answer([]byte(out[:cut]))) + string(r.answer([]byte(out[cut:])))
		if got != want {
			t.Errorf("split at %d: answers %q, want %q", cut, got, want)
		}
	}
}

func TestKeysAreEncodedForTheKeyboardProtocolInForce(t *testing.T) {
	for _, c := range []struct {
		key   string
		flags int
		want  string
	}{
		{"j", 0, "j"},
		{"j", 1, "j"},
		{"2", 1, "2"},
		{"enter", 0, "\r"},
		{"enter", 1, "\r"},
		{"esc", 0, "\x1b"},
		{"esc", 1, "\x1b[27u"},
		{"ctrl+c", 0, "\x03"},
		{"ctrl+c", 1, "\x1b[99;5u"},
		{"shift+tab", 1, "\x1b[Z"},
		{"down", 0, "\x1b[B"},
		{"hanoi", 0, "hanoi"},
	} {
		if got := encodeKey(c.key, c.flags); got != c.want {
			t.Errorf("encodeKey(%q, %d) = %q, want %q", c.key, c.flags, got, c.want)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []int64
		want int64
	}{
		{nil, 0},
		{[]int64{5}, 5},
		{[]int64{9, 1, 5}, 5},
		{[]int64{4, 1, 3, 2}, 2}, // (2+3)/2 in integers
		{[]int64{10, 30, 20, 40}, 25},
	} {
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %d, want %d", c.in, got, c.want)
		}
	}
}

// Session.Close waits for the emulator's answer to its last query: an
// emulator that answered otherwise (or not at all) would hang every Close.
func TestEmulatorAnswersTheLastQuery(t *testing.T) {
	e := vt.NewEmulator(80, 24)
	got := make(chan string, 1)
	go func() {
		b := make([]byte, 64)
		n, _ := e.Read(b)
		got <- string(b[:n])
	}()
	if _, err := io.WriteString(e, lastQuery); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-got:
		if r != lastReply {
			t.Fatalf("the emulator answered %q to %q, want %q", r, lastQuery, lastReply)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the emulator did not answer %q", lastQuery)
	}
}
