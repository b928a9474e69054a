// Package perf measures brief the way a person meets it: in a terminal.
// It runs a built binary in a pseudo-terminal that answers the queries a
// real terminal answers, keeps an emulated screen to check what is shown,
// and times the first complete frame, each keystroke's settled frame, and
// the peak resident memory. The baseline programs (./baseline and
// ./baseline/hello) are measured the same way, in the same run, because
// timings on a shared machine drift.
package perf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// DefaultQuiet is how long the output must stay silent for a burst of
// output to count as finished: three frames at Bubble Tea's 60 fps.
const DefaultQuiet = 50 * time.Millisecond

// Options say how to run a program under the harness.
type Options struct {
	// Cols and Rows are the terminal's size; 120×40 when zero.
	Cols, Rows int
	// Env is added to the harness's controlled environment (TERM,
	// COLORTERM, LANG, PATH, HOME); use it for GODEBUG or GOGC.
	Env []string
	// Quiet ends a burst of output; DefaultQuiet when zero.
	Quiet time.Duration
	// Light makes the terminal answer colour queries with a light
	// background.
	Light bool
	// Paint, when set, is text whose first appearance on screen the
	// session times, for Session.FirstPaint.
	Paint string
}

// Chunk is one read of the program's output.
type Chunk struct {
	// At is the time since the start of the process.
	At   time.Duration
	Data []byte
}

// ErrTimeout is returned when the program did not show what was waited
// for in time.
var ErrTimeout = errors.New("timed out")

// Session is one run of a program in a pseudo-terminal.
type Session struct {
	cmd   *exec.Cmd
	ptmx  *os.File
	start time.Time
	quiet time.Duration

	// writeMu keeps the keys and the terminal's replies whole.
	writeMu sync.Mutex
	chunks  chan Chunk
	// notify wakes the waiter after output, processing or exit.
	notify chan struct{}

	mu        sync.Mutex // guards the fields below
	lastOut   time.Time  // when the reader got the latest output
	bytesRead int
	bytesDone int // processed by the responder and the emulator
	exited    bool
	// firstPaint is when the output that first showed paint was read.
	firstPaint time.Duration

	// termMu guards the terminal's state: the emulated screen and the
	// responder.
	termMu sync.Mutex
	emu    *vt.Emulator
	resp   *responder
	paint  string
	// emuDrained is closed when dropEmulatorReplies has returned.
	emuDrained chan struct{}

	done      chan struct{} // closed when the process has exited
	processed chan struct{} // closed when all output is processed
	waitErr   error
	closeOnce sync.Once
}

// Start runs bin with args in a new pseudo-terminal. The clock starts just
// before the process is started.
func Start(bin string, args []string, opts Options) (*Session, error) {
	cols, rows := opts.Cols, opts.Rows
	if cols == 0 || rows == 0 {
		cols, rows = 120, 40
	}
	quiet := opts.Quiet
	if quiet == 0 {
		quiet = DefaultQuiet
	}
	ptmx, tty, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("opening a pseudo-terminal: %w", err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		ptmx.Close()
		tty.Close()
		return nil, fmt.Errorf("sizing the pseudo-terminal: %w", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(controlledEnv(), opts.Env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}

	s := &Session{
		cmd:        cmd,
		ptmx:       ptmx,
		quiet:      quiet,
		paint:      opts.Paint,
		chunks:     make(chan Chunk, 4096),
		notify:     make(chan struct{}, 1),
		emu:        vt.NewEmulator(cols, rows),
		emuDrained: make(chan struct{}),
		done:       make(chan struct{}),
		processed:  make(chan struct{}),
	}
	s.resp = newResponder(s.cursor, opts.Light)
	go s.dropEmulatorReplies()

	s.start = time.Now()
	err = cmd.Start()
	tty.Close() // the child has its own copy
	if err != nil {
		ptmx.Close()
		s.stopEmulatorReplies()
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	go s.read()
	go s.process()
	go s.wait()
	return s, nil
}

// controlledEnv is the environment every program runs in: a colour
// terminal, UTF-8, and nothing that changes how Bubble Tea or brief
// behave (no NO_COLOR, TERM_PROGRAM, TMUX or SSH_TTY).
func controlledEnv() []string {
	env := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8"}
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "BRIEF_HOME"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// Started is when the process was started.
func (s *Session) Started() time.Time { return s.start }

// read timestamps the output as it arrives and hands it on; it does
// nothing else, so the time of the last byte is not delayed by parsing.
func (s *Session) read() {
	defer close(s.chunks)
	buf := make([]byte, 64<<10)
	for {
		n, err := s.ptmx.Read(buf)
		if n > 0 {
			now := time.Now()
			data := append([]byte(nil), buf[:n]...)
			s.mu.Lock()
			s.lastOut = now
			s.bytesRead += n
			s.mu.Unlock()
			s.chunks <- Chunk{At: now.Sub(s.start), Data: data}
			s.wake()
		}
		if err != nil {
			return // EIO once the process and its terminal are gone
		}
	}
}

// process answers the queries in the output and updates the screen.
func (s *Session) process() {
	defer close(s.processed)
	for c := range s.chunks {
		data := c.Data
		s.termMu.Lock()
		replies := s.resp.answer(data)
		_, _ = s.emu.Write(data)
		painted := s.paint != "" && s.firstPaint == 0 && s.screenLocked().Contains(s.paint)
		s.termMu.Unlock()
		if painted {
			s.mu.Lock()
			s.firstPaint = c.At
			s.mu.Unlock()
		}
		if len(replies) > 0 {
			s.writeMu.Lock()
			_, _ = s.ptmx.Write(replies)
			s.writeMu.Unlock()
		}
		s.mu.Lock()
		s.bytesDone += len(data)
		s.mu.Unlock()
		s.wake()
	}
}

func (s *Session) wait() {
	err := s.cmd.Wait()
	s.mu.Lock()
	s.waitErr = err
	s.exited = true
	s.mu.Unlock()
	close(s.done)
	s.wake()
}

func (s *Session) wake() {
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

// cursor is the emulated cursor position, 1-based, for position reports.
// The caller holds termMu.
func (s *Session) cursor() (row, col int) {
	p := s.emu.CursorPosition()
	return p.Y + 1, p.X + 1
}

// FirstPaint is the time from the start to the output that first put the
// Options.Paint text on screen; 0 if it has not appeared (yet). It is the
// first frame a person sees, which may be followed by more output before
// the screen settles.
func (s *Session) FirstPaint() time.Duration {
	s.syncScreen()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.firstPaint
}

// Done is closed when the process has exited.
func (s *Session) Done() <-chan struct{} { return s.done }

func (s *Session) exitErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waitErr
}

// closeWait bounds how long Close waits for the screen to take in the
// last output.
const closeWait = 10 * time.Second

// Close kills the process if it is still running and releases the
// terminal. It is safe to call more than once.
func (s *Session) Close() {
	s.closeOnce.Do(func() {
		select {
		case <-s.done:
		default:
			_ = s.cmd.Process.Kill()
			<-s.done
		}
		s.ptmx.Close()
		select {
		case <-s.processed:
			s.stopEmulatorReplies()
		case <-time.After(closeWait):
			// Once seen on a machine at load 10: the goroutine feeding the
			// screen did not finish. Leave it (and the emulator it may
			// hold) rather than hang the whole run.
		}
	})
}

// dropEmulatorReplies reads and drops what the emulator answers to the
// queries it sees (the responder's answers are the ones sent): unread, the
// emulator would block on its next answer.
func (s *Session) dropEmulatorReplies() {
	defer close(s.emuDrained)
	buf := make([]byte, 4096)
	var tail []byte // the end of what was read, for a reply split across reads
	for {
		n, err := s.emu.Read(buf)
		if err != nil {
			return
		}
		tail = append(tail, buf[:n]...)
		if bytes.Contains(tail, []byte(lastReply)) {
			return
		}
		tail = tail[max(0, len(tail)-len(lastReply)+1):]
	}
}

// lastQuery asks the emulator for a mode no program asks for (7777), so
// that its answer, lastReply, can only be the answer to stopEmulatorReplies.
const (
	lastQuery = "\x1b[?7777$p"
	lastReply = "\x1b[?7777;0$y"
)

// stopEmulatorReplies ends dropEmulatorReplies once no more output is fed
// to the emulator. Emulator.Close would race with the blocked Read (vt
// v0.1.0 sets its closed flag unguarded), so the reader is woken instead by
// one last query that the emulator answers; it returns when it reads that
// answer. (A flag it checked after each read once hung a run: a read of an
// earlier answer that returned just before the flag was set, checked just
// after, made it return, and the last query's answer then waited for a
// reader for ever.)
func (s *Session) stopEmulatorReplies() {
	s.termMu.Lock()
	_, _ = s.emu.Write([]byte(lastQuery))
	s.termMu.Unlock()
	<-s.emuDrained
}
