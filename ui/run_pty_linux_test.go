package ui

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// A panic on the input path leaves a real terminal as it found it: out of
// raw mode (echo and line editing back), whatever the reader had set.
func TestInputPanicLeavesRawMode(t *testing.T) {
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pty: ", err)
	}
	defer ptm.Close()
	defer tty.Close()
	go io.Copy(io.Discard, ptm) //nolint:errcheck // drain what the reader draws
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if before.Lflag&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO {
		t.Fatal("a new pty should start in cooked mode")
	}
	h := &ttyHandle{f: tty, closed: make(chan struct{})}
	defer h.Close()
	var rawDuring bool
	keys := &panicAfter{keys: strings.NewReader("3"), before: func() {
		during, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
		rawDuring = err == nil && during.Lflag&(unix.ICANON|unix.ECHO) == 0
	}}
	in := &terminalInput{r: keys, term: "xterm-256color", tty: h}
	var report strings.Builder
	m := New(testBriefing(t), Options{Style: StyleDark})
	err = runWith(context.Background(), m, &report, in, tea.WithOutput(tty), tea.WithWindowSize(80, 24))
	if !errors.Is(err, ErrCrashed) {
		t.Fatalf("run returned %v, want ErrCrashed", err)
	}
	if !rawDuring {
		t.Error("the terminal was not in raw mode while the reader ran")
	}
	after, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("the terminal was left changed: lflag %#x→%#x, iflag %#x→%#x, oflag %#x→%#x",
			before.Lflag, after.Lflag, before.Iflag, after.Iflag, before.Oflag, after.Oflag)
	}
	if !strings.Contains(report.String(), "index out of range") {
		t.Errorf("no report:\n%s", report.String())
	}
}
