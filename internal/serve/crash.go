package serve

import (
	"errors"
	"log/slog"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"

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
			for {
				select {
				case <-st.ctx.Done():
					return
				case w, ok := <-st.changes:
					if !ok {
						return
					}
					p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
				}
			}
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
