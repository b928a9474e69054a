package serve

import (
	"context"
	"errors"
	"log/slog"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"golang.org/x/time/rate"

	"github.com/brief-reader/brief/internal/input"
)

// errCrashed ends a session whose reader panicked: that session only.
var errCrashed = errors.New("brief serve: your reader stopped on an internal error and this session was closed; other readers were not affected. Reconnect to read on")

// crashed logs a panic recovered in st's session, without its content,
// and ends that session.
func (s *Server) crashed(log *slog.Logger, st *session, where string, pe *input.PanicError) {
	log.Error("session panic", "in", where, "panic", pe.What, "at", pe.Where)
	st.cancel(errCrashed)
}

// safely runs fn on its own goroutine for st's session; a panic in it
// ends that session, not the server.
func (s *Server) safely(log *slog.Logger, st *session, where string, fn func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				s.crashed(log, st, where, input.Recovered(r))
			}
		}()
		fn()
	}()
}

// runReader is the innermost middleware: it runs the session's program,
// passes the client's window changes on, and ends the session if the
// program panicked. (Wish's Bubble Tea middleware does the same but
// swallows the program's error, so the session could not say why.)
func (s *Server) runReader(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		v, ok := s.sessions.Load(sess)
		if !ok {
			return
		}
		st := v.(*session)
		p := s.program(sess, st)
		s.safely(st.log, st, "window changes", func() {
			reads := rate.NewLimiter(windowChangesPerSecond, windowChangesPerSecond)
			forwardWindowChanges(st.ctx, st.changes, resizeEvery, reads, func(w ssh.Window) {
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			})
		})
		if _, err := p.Run(); errors.Is(err, tea.ErrProgramPanic) {
			// Bubble Tea recovered it (in a command) and restored the
			// client's terminal.
			s.crashed(st.log, st, "reader command", &input.PanicError{What: "panic", Where: "a command of the reader"})
		}
		p.Kill()
	}
}

// recovering wraps a session's model: a panic in Update or View ends that
// session with a log line that holds no content, instead of Bubble Tea's
// report (the panic's value and stack) on the server's stderr.
type recovering struct {
	m     tea.Model
	crash func(*input.PanicError)
}

func (r recovering) Init() (cmd tea.Cmd) {
	defer func() {
		if x := recover(); x != nil {
			r.crash(input.Recovered(x))
			cmd = tea.Quit
		}
	}()
	return r.m.Init()
}

func (r recovering) Update(msg tea.Msg) (out tea.Model, cmd tea.Cmd) {
	defer func() {
		if x := recover(); x != nil {
			r.crash(input.Recovered(x))
			out, cmd = r, tea.Quit
		}
	}()
	r.m, cmd = r.m.Update(msg)
	return r, cmd
}

func (r recovering) View() (v tea.View) {
	defer func() {
		if x := recover(); x != nil {
			r.crash(input.Recovered(x))
			v = tea.NewView("")
		}
	}()
	return r.m.View()
}

// SavePlace writes the inner reader's place (ui.SaveOnQuit sees only the
// outermost model).
func (r recovering) SavePlace() {
	if s, ok := r.m.(interface{ SavePlace() }); ok {
		s.SavePlace()
	}
}

// A client sending window changes without pause kept a core busy: each
// size costs its reader a layout and a frame (at a new width, renders),
// and each request the SSH layer's decryption and parsing. So the reader
// gets at most one size per resizeEvery, the latest, and the server reads
// at most windowChangesPerSecond requests (in bursts as large): past that
// it stops reading them, which stops the client's connection (TCP flow
// control) until it catches up. Dragging a window's corner sends a few
// dozen a second; a person sees no difference.
const (
	resizeEvery            = 50 * time.Millisecond
	windowChangesPerSecond = 100
)

// forwardWindowChanges passes the client's window changes to send, at most
// one per every: a change that comes sooner waits, and only the latest of
// those waiting is passed on, so the reader always ends at the client's
// last size. It reads changes no faster than reads allows. It returns when
// ctx ends or changes is closed.
func forwardWindowChanges(ctx context.Context, changes <-chan ssh.Window, every time.Duration, reads *rate.Limiter, send func(ssh.Window)) {
	var (
		last     time.Time
		pending  *ssh.Window
		timer    = time.NewTimer(every)
		wait     <-chan time.Time // the pending size's turn
		throttle <-chan time.Time // reading again, past the read rate
	)
	timer.Stop()
	defer timer.Stop()
	for {
		in := changes
		if throttle != nil {
			in = nil
		}
		select {
		case <-ctx.Done():
			return
		case <-throttle:
			throttle = nil
		case w, ok := <-in:
			if !ok {
				return
			}
			if d := reads.Reserve().Delay(); d > 0 {
				throttle = time.After(d)
			}
			if wait == nil && time.Since(last) >= every {
				send(w)
				last = time.Now()
				continue
			}
			pending = &w
			if wait == nil {
				timer.Reset(every - time.Since(last))
				wait = timer.C
			}
		case <-wait:
			wait = nil
			if pending != nil {
				send(*pending)
				pending, last = nil, time.Now()
			}
		}
	}
}
