package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// panicAfter reads keys, then panics as a broken terminal parser would.
type panicAfter struct {
	keys   io.Reader
	before func() // called just before the panic, if set
}

func (p *panicAfter) Read(b []byte) (int, error) {
	n, err := p.keys.Read(b)
	if err == io.EOF {
		time.Sleep(300 * time.Millisecond) // the keys are drawn first
		if p.before != nil {
			p.before()
		}
		var params []int
		_ = params[33]
	}
	return n, err
}

// A panic on the input path (the terminal parser, in x/ansi v0.11.9)
// restores the terminal, then reports. (Raw mode is restored by the same
// shutdown; the tmux tests read the shell after the reader.)
func TestInputPanicRestoresTerminalAndReports(t *testing.T) {
	var out, report bytes.Buffer
	in := &terminalInput{r: &panicAfter{keys: strings.NewReader("3")}, term: "xterm-256color"}
	m := New(testBriefing(t), Options{Style: StyleDark})
	err := runWith(context.Background(), m, &report, in, tea.WithOutput(&out), tea.WithWindowSize(80, 24))
	if !errors.Is(err, ErrCrashed) {
		t.Fatalf("run returned %v, want ErrCrashed", err)
	}
	r := report.String()
	if !strings.Contains(r, "index out of range") || !strings.Contains(r, "issue tracker") {
		t.Errorf("the report does not say what happened and how to file it:\n%s", r)
	}
	o := out.String()
	for what, seq := range map[string]string{
		"entered the alternate screen": "\x1b[?1049h", "left the alternate screen": "\x1b[?1049l",
		"showed the cursor": "\x1b[?25h", "turned mouse tracking on": "\x1b[?1002h", "turned it off": "\x1b[?1002l",
	} {
		if !strings.Contains(o, seq) {
			t.Errorf("the reader never %s", what)
		}
	}
	if !strings.Contains(o, "Sessions") {
		t.Error("the key before the panic was not read")
	}
}
