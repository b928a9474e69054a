package input

import (
	"context"
	"errors"
	"io"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

func pumpAll(t *testing.T, in io.Reader, lim Limits) ([]tea.Msg, error) {
	t.Helper()
	var msgs []tea.Msg
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := Pump(ctx, in, "xterm-256color", lim, func(m tea.Msg) { msgs = append(msgs, m) })
	return msgs, err
}

func TestPumpReadsKeysAfterA33ParameterCSI(t *testing.T) {
	msgs, err := pumpAll(t, strings.NewReader(csi33+"q"), Local())
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) == 0 {
		t.Fatal("no events")
	}
	if k, ok := msgs[len(msgs)-1].(tea.KeyPressMsg); !ok || k.String() != "q" {
		t.Errorf("last event %#v, want the q key", msgs[len(msgs)-1])
	}
}

func TestPumpTellsOfACutPaste(t *testing.T) {
	lim := Local()
	big := strings.Repeat("x", 10*lim.MaxPaste)
	msgs, err := pumpAll(t, strings.NewReader("\x1b[200~"+big+"\x1b[201~"), lim)
	if err != nil {
		t.Fatal(err)
	}
	var paste string
	var cut *PasteCut
	for _, m := range msgs {
		switch m := m.(type) {
		case tea.PasteMsg:
			paste = m.Content
		case PasteCut:
			cut = &m
		}
	}
	if paste != big[:lim.MaxPaste] {
		t.Errorf("paste of %d bytes, want %d", len(paste), lim.MaxPaste)
	}
	if cut == nil || cut.Dropped != len(big)-lim.MaxPaste {
		t.Errorf("cut %+v, want %d dropped", cut, len(big)-lim.MaxPaste)
	}
}

type panickyReader struct{}

func (panickyReader) Read([]byte) (int, error) { var a []int; _ = a[3]; return 0, nil }

func TestPumpRecoversAPanic(t *testing.T) {
	for name, c := range map[string]struct {
		in   io.Reader
		send func(tea.Msg)
	}{
		"in the reader": {panickyReader{}, func(tea.Msg) {}},
		"in the model":  {strings.NewReader("q"), func(tea.Msg) { panic("the model") }},
	} {
		err := Pump(context.Background(), c.in, "xterm", Local(), c.send)
		var pe *PanicError
		if !errors.As(err, &pe) {
			t.Errorf("%s: err %v, want a PanicError", name, err)
			continue
		}
		if strings.Contains(pe.Error(), "the model") {
			t.Errorf("%s: the panic's content is in %q", name, pe.Error())
		}
		if !strings.Contains(pe.Where, "input.") {
			t.Errorf("%s: where %q does not name the panicking function", name, pe.Where)
		}
	}
}

func TestPumpSlowsAFastClient(t *testing.T) {
	t.Parallel()
	lim := Limits{BytesPerSecond: 64 << 10, Burst: 64 << 10}
	r := &countingReader{r: strings.NewReader(strings.Repeat("x", 1<<20))}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	_ = Pump(ctx, r, "xterm", lim, func(tea.Msg) {})
	took := time.Since(start).Seconds()
	// At most the burst and the rate for the time it ran (and one read).
	if limit := float64(lim.Burst) + took*float64(lim.BytesPerSecond) + float64(lim.Burst); float64(r.n) > limit {
		t.Errorf("read %d bytes in %.2fs, over the limit %.0f", r.n, took, limit)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// An endless OSC costs time linear in its length: the parser never holds
// more than MaxEscape of it. Without the guard, 8 MiB in 32 KiB reads is
// 256 re-scans of a growing buffer, a gigabyte of scanning.
func TestPumpEndlessOSCCostsBoundedCPU(t *testing.T) {
	size := 8 << 20
	if testing.Short() {
		size = 2 << 20
	}
	osc := "\x1b]52;c;" + strings.Repeat("A", size)
	before := cpuTime()
	msgs, err := pumpAll(t, strings.NewReader(osc+"\x07q"), Local())
	if err != nil {
		t.Fatal(err)
	}
	used := cpuTime() - before
	if k, ok := msgs[len(msgs)-1].(tea.KeyPressMsg); !ok || k.String() != "q" {
		t.Errorf("last event %#v, want the q key", msgs[len(msgs)-1])
	}
	// A generous bound, far below the quadratic cost: a second per MiB.
	if limit := time.Duration(size>>20) * time.Second; used > limit {
		t.Errorf("%d MiB of OSC took %v of CPU, over %v", size>>20, used, limit)
	}
	t.Logf("%d MiB of unterminated OSC: %v of CPU", size>>20, used)
}

// smallReads reads at most n bytes at a time from r.
type smallReads struct {
	r io.Reader
	n int
}

func (s smallReads) Read(p []byte) (int, error) { return s.r.Read(p[:min(len(p), s.n)]) }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// What the parser cannot read (invalid UTF-8, a malformed CSI) followed by
// a stream that never pauses costs what the stream alone costs: without
// the guard the parser held it all and re-scanned it on every read, and 4
// MiB after one 0xFF byte took 28 s of CPU against 4 s.
//
// The input comes 256 bytes a read, as a client's keys do, not in the
// pump's 32 KiB reads: the re-scans grow with the number of reads, so 256
// KiB in small reads shows them where 1 MiB in large reads (this test
// before) did not. With the guard taken out (the chunk passed to the
// parser as read), 256 KiB in 256-byte reads cost 2.1–2.7 s of CPU
// against 0.23 s for the stream alone, and fails below; 1 MiB in 32 KiB
// reads cost 2.3–3.0 s against 0.99 s, and passed.
func TestPumpUnreadableInputCostsWhatTheStreamCosts(t *testing.T) {
	const size, readSize = 256 << 10, 256
	stream := strings.Repeat("a", size)
	cost := func(prefix string) (time.Duration, int) {
		before := cpuTime()
		msgs, err := pumpAll(t, smallReads{strings.NewReader(prefix + stream), readSize}, Local())
		if err != nil {
			t.Fatal(err)
		}
		return cpuTime() - before, len(msgs)
	}
	floor, n := cost("")
	for _, prefix := range []string{"\xff", "\xe2", "\x1b[1;2\x01", "\x1b]0;x\x1bx", csi33} {
		used, got := cost(prefix)
		t.Logf("%q then %d KiB: %v of CPU, %v for the stream alone", prefix, size>>10, used, floor)
		if got < n {
			t.Errorf("%q: %d of %d keys arrived", prefix, got, n)
		}
		if used > 3*floor+200*time.Millisecond {
			t.Errorf("%q then %d KiB cost %v of CPU, over 3× the stream alone (%v)", prefix, size>>10, used, floor)
		}
	}
}

// Past its events a second the input waits (nothing is dropped): a served
// client sending keys as fast as its bytes allow (65,000 a second) made its
// reader draw a frame for each, most of a core at 320×120; a person sends
// 30–50.
func TestPumpBoundsEventsASecond(t *testing.T) {
	t.Parallel()
	lim := Limits{EventsPerSecond: 100}
	start := time.Now()
	msgs, err := pumpAll(t, strings.NewReader(strings.Repeat("j", 150)), lim)
	if err != nil {
		t.Fatal(err)
	}
	keys := 0
	for _, m := range msgs {
		if k, ok := m.(tea.KeyPressMsg); ok && k.String() == "j" {
			keys++
		}
	}
	if keys != 150 {
		t.Errorf("%d of 150 keys arrived; past the rate keys wait, none is dropped", keys)
	}
	if took := time.Since(start); took < 400*time.Millisecond {
		t.Errorf("150 keys at 100 a second (bursts of 100) arrived in %v, want about 0.5 s", took)
	}
	if Served().EventsPerSecond == 0 || Local().EventsPerSecond != 0 {
		t.Errorf("served sessions must bound events a second and the local reader not: served %d, local %d",
			Served().EventsPerSecond, Local().EventsPerSecond)
	}
}
