package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// panicky is the reader with a bug: it panics on the key p.
type panicky struct{ Model }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "p" {
		panic("test panic")
	}
	m, cmd := p.Model.Update(msg)
	return panicky{m.(Model)}, cmd
}

// A panic restores the terminal (leaves the alternate screen, shows the
// cursor) and prints how to report it.
func TestPanicRestoresTerminalAndReports(t *testing.T) {
	var out, report bytes.Buffer
	m := panicky{New(testBriefing(t), Options{Style: StyleDark})}
	stderr := captureStderr(t)
	err := run(context.Background(), m, &report,
		tea.WithInput(slowReader("3jp")), tea.WithOutput(&out), tea.WithWindowSize(80, 24))
	trace := stderr()
	if !errors.Is(err, ErrCrashed) {
		t.Fatalf("run returned %v, want ErrCrashed", err)
	}
	if !strings.Contains(trace, "test panic") {
		t.Errorf("Bubble Tea's trace is missing from stderr:\n%s", trace)
	}
	if !strings.Contains(report.String(), "issue tracker") || !strings.Contains(report.String(), "restored") {
		t.Errorf("the report does not say how to file the bug:\n%s", report.String())
	}
	o := out.String()
	if !strings.Contains(o, "\x1b[?1049h") || !strings.Contains(o, "\x1b[?1049l") {
		t.Error("the alternate screen was not entered and left")
	}
	if !strings.Contains(o, "\x1b[?25h") {
		t.Error("the cursor was not shown again")
	}
}

func TestRunQuitsCleanly(t *testing.T) {
	var out bytes.Buffer
	m := New(testBriefing(t), Options{Style: StyleDark})
	err := run(context.Background(), m, io.Discard,
		tea.WithInput(slowReader("3jjq")), tea.WithOutput(&out), tea.WithWindowSize(80, 24))
	if err != nil {
		t.Fatalf("q: run returned %v, want nil", err)
	}
	if !strings.Contains(out.String(), "Sessions") {
		t.Fatal("the sessions tab was never drawn")
	}
}

// slowReader gives one key at a time, as a person types, so each is read
// as a key rather than as a paste.
func slowReader(keys string) io.Reader {
	r, w := io.Pipe()
	go func() {
		time.Sleep(100 * time.Millisecond)
		for _, k := range keys {
			_, _ = w.Write([]byte(string(k)))
			time.Sleep(20 * time.Millisecond)
		}
		// Leave the pipe open: closing it would end the program before the
		// last key is handled.
	}()
	return r
}

// captureStderr sends os.Stderr to a pipe until the returned function is
// called, which returns what was written.
func captureStderr(t *testing.T) func() string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	restored := false
	restore := func() string {
		if restored {
			return ""
		}
		restored = true
		os.Stderr = saved
		w.Close()
		return <-done
	}
	t.Cleanup(func() { restore() })
	return restore
}
