package serve

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/internal/input"
)

// csi33 crashed every session of brief serve with x/ansi v0.11.9: a CSI
// with 33 parameters, one past the parser's array.
var csi33 = "\x1b[" + strings.Repeat(";", 32) + "1m"

func TestHostileInputLeavesEverySessionServed(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	witness := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	witness.waitFor("Overview", frameWait)
	attacker := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	attacker.waitFor("Overview", frameWait)
	for _, s := range []string{
		csi33, "\x9b" + strings.Repeat(";", 40) + "m", "\x1bP" + strings.Repeat("x", 5000) + "\x1b\\",
		"\x1b]52;c;" + strings.Repeat("A", 200<<10), "\x07", "\xff\xfe\xc3\x28", "\x1b[<0;99999;99999M",
		"\x1b[200~" + strings.Repeat("\x1b[", 3000) + "\x1b[201~",
	} {
		if _, err := attacker.in.Write([]byte(s)); err != nil {
			t.Fatalf("the server stopped reading: %v", err)
		}
	}
	// Both readers still answer keys.
	for _, tm := range []*terminal{attacker, witness} {
		tm.settle(50 * time.Millisecond)
		if _, ok := tm.key("3", frameWait); !ok || !tm.waitShown("Sessions", frameWait) {
			t.Fatal("a session stopped answering after hostile input")
		}
	}
	if strings.Contains(ts.log.String(), "panic") {
		t.Errorf("a panic was logged:\n%s", ts.log.String())
	}
}

// A panic in one session's reader ends that session, with a message to
// its client and a log line without content; the others read on.
func TestPanicEndsOnlyItsSession(t *testing.T) {
	wrapModel = func(m tea.Model) tea.Model { return panicOnP{m} }
	t.Cleanup(func() { wrapModel = nil })
	ts := startServer(t, Config{})
	witness := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	witness.waitFor("Overview", frameWait)
	victim := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	victim.waitFor("Overview", frameWait)
	victim.in.Write([]byte("P"))
	if !victim.ended(10 * time.Second) {
		t.Fatal("the session that panicked was not ended")
	}
	if out := victim.outSince(0); !strings.Contains(out, "internal error") || !strings.Contains(out, "\x1b[?1049l") {
		t.Errorf("the client was not told, or its terminal not restored:\n%q", out[max(0, len(out)-300):])
	}
	witness.settle(30 * time.Millisecond)
	if _, ok := witness.key("\t", frameWait); !ok {
		t.Fatal("the other session was not served after a panic")
	}
	log := ts.log.String()
	if !strings.Contains(log, "session panic") || !strings.Contains(log, "panicOnP") {
		t.Errorf("no log line names the panic and where:\n%s", log)
	}
	if strings.Contains(log, "secret") {
		t.Errorf("the panic's content is in the log:\n%s", log)
	}
}

type panicOnP struct{ tea.Model }

func (p panicOnP) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "P" {
		panic("secret text the reader typed")
	}
	m, cmd := p.Model.Update(msg)
	return panicOnP{m}, cmd
}

// A 50 MiB bracketed paste keeps the server small: the paste is cut to
// input.DefaultMaxPaste before the parser sees it, and the reader says so
// (in the status bar, which the search bar covers while search is open).
func TestHugePasteIsCutAndMemoryBounded(t *testing.T) {
	size := 50 << 20
	// The rate limit would make this take minutes; the paste limit is
	// what is under test.
	ts := startServer(t, Config{Input: input.Limits{BytesPerSecond: 1 << 30, Burst: 1 << 20}})
	tm := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	tm.waitFor("Overview", frameWait)
	chunk := []byte(strings.Repeat("convention ", 6000)) // 66 KB
	tm.in.Write([]byte("\x1b[200~"))
	peak := 0
	for sent := 0; sent < size; sent += len(chunk) {
		if _, err := tm.in.Write(chunk); err != nil {
			t.Fatal(err)
		}
		if sent%(4<<20) < len(chunk) {
			peak = max(peak, rssMiB(t))
		}
	}
	tm.in.Write([]byte("\x1b[201~"))
	if !tm.waitShown("paste cut", 20*time.Second) {
		t.Fatalf("the reader did not say the paste was cut:\n%s", tm.shown())
	}
	peak = max(peak, rssMiB(t))
	t.Logf("peak RSS during a %d MiB paste: %d MiB (server and client in this process)", size>>20, peak)
	if peak >= 200 {
		t.Errorf("RSS reached %d MiB during the paste, want < 200", peak)
	}
}

// rssMiB is this process's resident set (server and test clients).
func rssMiB(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc: ", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb >> 10
		}
	}
	return 0
}
