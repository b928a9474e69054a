package ui

import (
	"io"
	"sync"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/term"
)

// terminalInput is the terminal the local reader reads keys from.
type terminalInput struct {
	r    io.Reader // the terminal's bytes, for the input pump
	term string    // its TERM
	// tty is the terminal as Bubble Tea sees it (nil in tests): Bubble Tea
	// puts it in raw mode and restores it, on a panic too, but reads
	// nothing from it; the pump reads r.
	tty   term.File
	close func() // ends a read in progress, closes what was opened
}

// terminalOf reads f (a terminal) through a reader that can be cancelled,
// so no read outlives the reader.
func terminalOf(f term.File, termName string, closeFile func()) (*terminalInput, error) {
	cr, err := uv.NewCancelReader(f)
	if err != nil {
		return nil, err
	}
	h := &ttyHandle{f: f, closed: make(chan struct{})}
	return &terminalInput{r: cr, term: termName, tty: h, close: func() {
		cr.Cancel()
		_ = cr.Close()
		_ = h.Close()
		closeFile()
	}}, nil
}

// ttyHandle is a terminal that Bubble Tea can set modes on by its file
// descriptor and write to, and whose reads wait until it is closed: the
// keys go through the input pump instead.
type ttyHandle struct {
	f      term.File
	closed chan struct{}
	once   sync.Once
}

func (t *ttyHandle) Read([]byte) (int, error) {
	<-t.closed
	return 0, io.EOF
}

func (t *ttyHandle) Write(p []byte) (int, error) { return t.f.Write(p) }
func (t *ttyHandle) Fd() uintptr                 { return t.f.Fd() }

func (t *ttyHandle) Close() error {
	t.once.Do(func() { close(t.closed) })
	return nil
}
