package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	lru "github.com/hashicorp/golang-lru/v2"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"github.com/brief-reader/brief/internal/input"
	"github.com/brief-reader/brief/ui"
)

// wrapModel, when set (by tests), wraps each session's model.
var wrapModel func(tea.Model) tea.Model

// Why a session ended, for the client's last line and the log.
var (
	errIdle     = errors.New("closed after being idle")
	errMaxTime  = errors.New("closed: the session reached its maximum time")
	errShutdown = errors.New("brief serve is shutting down")
)

// Server serves the reader over SSH.
type Server struct {
	cfg       Config
	shared    *ui.Shared
	ssh       *ssh.Server
	log       *slog.Logger
	openToAll bool

	// stop ends every session's program when the server shuts down.
	stop    context.Context
	stopAll context.CancelFunc
	closing atomic.Bool

	// channels counts the session channels open on each connection.
	channels sync.Map // *gossh.ServerConn → *atomic.Int32
	// sessions hands each admitted session's state to its program handler.
	// Not the session's context: that is the connection's, shared by every
	// session on it.
	sessions sync.Map // ssh.Session → *session

	// keys are the authorized keys; nil lets any key in.
	keys *authorizedKeys

	mu      sync.Mutex
	total   int
	perIP   map[string]int
	limits  *lru.Cache[string, *rate.Limiter]
	running sync.WaitGroup // sessions between admission and their last line
}

// New makes a server for the readers of shared's briefing. It refuses a
// configuration that would expose the briefing unguarded
// (ErrOpenWithoutKeys) and creates the host key on first use.
func New(cfg Config, shared *ui.Shared) (*Server, error) {
	cfg = cfg.withDefaults()
	openToAll, err := cfg.checkExposure()
	if err != nil {
		return nil, err
	}
	if cfg.HostKeyPath == "" {
		if cfg.HostKeyPath, err = DefaultHostKeyPath(); err != nil {
			return nil, err
		}
	}
	if err := ensureHostKey(cfg.HostKeyPath); err != nil {
		return nil, err
	}
	limits, _ := lru.New[string, *rate.Limiter](4096) // only fails for a size ≤ 0
	s := &Server{cfg: cfg, shared: shared, log: cfg.Log, openToAll: openToAll, perIP: map[string]int{}, limits: limits}
	s.stop, s.stopAll = context.WithCancel(context.Background())

	auth := wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true })
	if cfg.AuthorizedKeys != "" {
		if s.keys, err = loadAuthorizedKeys(cfg.AuthorizedKeys, cfg.Log); err != nil {
			return nil, err
		}
		auth = wish.WithPublicKeyAuth(s.authorize)
	}
	s.ssh, err = wish.NewServer(
		ssh.HostKeyFile(cfg.HostKeyPath),
		auth, // and no password or keyboard-interactive handler: keys only
		wish.WithIdleTimeout(cfg.IdleTimeout+time.Minute), // a backstop; sessions say goodbye first
		wish.WithMaxTimeout(cfg.MaxSessionTime+time.Minute),
		wish.WithMiddleware(
			s.runReader, // innermost: runs last
			s.admit,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("SSH server: %w", err)
	}
	s.ssh.HandshakeTimeout = 20 * time.Second
	s.ssh.ConnCallback = s.accept
	s.ssh.ConnectionFailedCallback = func(c net.Conn, err error) {
		s.log.Info("handshake failed", "remote", c.RemoteAddr().String(), "err", clean(err.Error()))
	}
	s.ssh.SubsystemHandlers = map[string]ssh.SubsystemHandler{"default": s.refuseSubsystem}
	s.ssh.ChannelHandlers = map[string]ssh.ChannelHandler{
		"session":                        s.sessionChannel,
		"direct-tcpip":                   s.refuseChannel("port forwarding"),
		"direct-streamlocal@openssh.com": s.refuseChannel("socket forwarding"),
		"x11":                            s.refuseChannel("X11 forwarding"),
		"auth-agent@openssh.com":         s.refuseChannel("agent forwarding"),
	}
	// Remote forwarding is refused, and said so in the log; other global
	// requests (keep-alives) get the library's quiet no.
	s.ssh.RequestHandlers = map[string]ssh.RequestHandler{
		"tcpip-forward":                          s.refuseRequest("remote port forwarding"),
		"cancel-tcpip-forward":                   s.refuseRequest("remote port forwarding"),
		"streamlocal-forward@openssh.com":        s.refuseRequest("remote socket forwarding"),
		"cancel-streamlocal-forward@openssh.com": s.refuseRequest("remote socket forwarding"),
	}
	return s, nil
}

// authorize lets key in if the authorized keys allow it from the client's
// address now, and logs why not.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	ok, why := s.keys.allows(key, ctx.RemoteAddr(), time.Now())
	if !ok {
		s.log.Info("key refused: "+why, "remote", ctx.RemoteAddr().String(), "key", fingerprint(key))
	}
	return ok
}

// ReloadAuthorizedKeys reads the authorized_keys file again (on SIGHUP);
// a change is also seen at the next login.
func (s *Server) ReloadAuthorizedKeys() {
	if s.keys != nil {
		s.keys.Reload()
	}
}

// Serve serves connections on ln until ctx ends, then tells every session,
// waits up to the shutdown grace for them to close and closes the rest.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.openToAll {
		s.log.Warn("serving without --authorized-keys on a non-loopback address (--open): anyone who can reach it can read the briefing", "listen", ln.Addr().String())
	}
	s.log.Info("listening", "addr", ln.Addr().String(), "host_key", s.cfg.HostKeyPath,
		"authorized_keys", s.cfg.AuthorizedKeys != "", "max_sessions", s.cfg.MaxSessions)
	served := make(chan error, 1)
	go func() { served <- s.ssh.Serve(ln) }()
	select {
	case err := <-served:
		s.stopAll()
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	s.shutdown()
	<-served
	return nil
}

// ListenAndServe listens on the configured address and serves until ctx ends.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Listen, err)
	}
	return s.Serve(ctx, ln)
}

func (s *Server) shutdown() {
	start := time.Now()
	s.closing.Store(true)
	s.mu.Lock()
	n := s.total
	s.mu.Unlock()
	s.log.Info("shutting down", "sessions", n)
	s.stopAll()
	done := make(chan struct{})
	go func() { s.running.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(s.cfg.ShutdownGrace):
		s.log.Warn("sessions still open after the shutdown grace; closing them", "grace", s.cfg.ShutdownGrace.String())
	}
	_ = s.ssh.Close()
	s.log.Info("stopped", "took", time.Since(start).Round(time.Millisecond).String())
}

// accept limits how fast one address may open connections, before the
// handshake spends any CPU on it.
func (s *Server) accept(_ ssh.Context, c net.Conn) net.Conn {
	ip := hostOf(c.RemoteAddr())
	l, ok := s.limits.Get(ip)
	if !ok {
		l = rate.NewLimiter(rate.Limit(s.cfg.ConnRate), s.cfg.ConnBurst)
		s.limits.Add(ip, l)
	}
	if !l.Allow() {
		s.log.Warn("connection refused: rate limit", "remote", c.RemoteAddr().String())
		return nil
	}
	return c
}

func hostOf(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// maxChannelsPerConn bounds the session channels one connection may hold
// open. Each costs goroutines and buffers before it asks for anything, so
// without a bound one connection could open thousands.
const maxChannelsPerConn = 4

// sessionChannel is the library's session handler, refusing a channel past
// maxChannelsPerConn on one connection.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	v, _ := s.channels.LoadOrStore(conn, new(atomic.Int32))
	n := v.(*atomic.Int32)
	if n.Add(1) > maxChannelsPerConn {
		n.Add(-1)
		s.log.Info("channel refused: sessions per connection", "remote", conn.RemoteAddr().String(),
			"key", keyOf(ctx), "max", maxChannelsPerConn)
		_ = ch.Reject(gossh.ResourceShortage, fmt.Sprintf("brief serve: at most %d sessions on one connection", maxChannelsPerConn))
		return
	}
	defer func() {
		if n.Add(-1) == 0 {
			s.channels.CompareAndDelete(conn, n)
		}
	}()
	log := s.log.With("remote", conn.RemoteAddr().String(), "key", keyOf(ctx))
	ssh.DefaultSessionHandler(srv, conn, watchedChannel{NewChannel: ch, log: log}, ctx) // returns when the channel closes
}

// session is what the server tracks of one SSH session.
type session struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	in     counter // bytes read from the client
	out    counter // bytes written to it
	last   atomic.Int64
	env    []string
	width  int
	height int
	// release lets go of the key's stored state once the reader has
	// ended, its last save written; set by program, on admit's goroutine.
	release func()
	log     *slog.Logger
	changes <-chan ssh.Window // the client's window changes
}

// admit decides whether a session may run the reader, runs it, and says
// goodbye with why it ended. Everything but a shell request with a pty is
// refused with a message.
func (s *Server) admit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		ip := hostOf(sess.RemoteAddr())
		log := s.log.With("remote", sess.RemoteAddr().String(), "key", fingerprint(sess.PublicKey()))
		defer func() {
			// The last resort: a panic on this session's own goroutine
			// (making its reader) ends this session only.
			if r := recover(); r != nil {
				pe := input.Recovered(r)
				log.Error("session panic", "in", "session", "panic", pe.What, "at", pe.Where)
				fmt.Fprintf(sess, "\r\n%s.\r\n", errCrashed)
				_ = sess.Exit(1)
			}
		}()
		// Pty is read once: the SSH library writes the window size on
		// every change without a lock, so each call races with a storm.
		pty, changes, hasPty := sess.Pty()
		defer drainWindowChanges(changes)
		if ssh.AgentRequested(sess) {
			log.Info("agent forwarding refused")
			fmt.Fprint(sess.Stderr(), "brief serve: agent forwarding refused; the reader does not need it.\r\n")
		}
		switch {
		case sess.RawCommand() != "":
			// The command is the client's text: it is neither logged nor echoed.
			log.Info("session refused: exec request")
			refuse(sess, "brief serve runs the reader only and no commands: connect with `ssh -t` and no command.")
			return
		case !hasPty:
			log.Info("session refused: no terminal")
			refuse(sess, "brief serve needs a terminal to draw the reader: connect with `ssh -t`.")
			return
		}
		if why := s.take(ip); why != "" {
			log.Info("session refused: "+why, "sessions", s.count())
			refuse(sess, why)
			return
		}
		defer s.release(ip)

		st := &session{env: safeEnv(sess.Environ(), pty.Term)}
		st.width, st.height = clampSize(pty.Window.Width, pty.Window.Height)
		st.last.Store(time.Now().UnixNano())
		ctx, cancel := context.WithCancelCause(sess.Context())
		ctx, cancelTime := context.WithTimeoutCause(ctx, s.cfg.MaxSessionTime, errMaxTime)
		defer cancelTime()
		stopWatch := context.AfterFunc(s.stop, func() { cancel(errShutdown) })
		defer stopWatch()
		st.ctx, st.cancel, st.log, st.changes = ctx, cancel, log, changes
		s.safely(log, st, "idle watch", func() { s.watchIdle(st) })
		s.sessions.Store(sess, st)
		defer s.sessions.Delete(sess)

		log.Info("session start", "term", termOf(st.env), "width", st.width, "height", st.height, "sessions", s.count())
		next(sess)
		if st.release != nil {
			st.release()
		}
		why := context.Cause(ctx)
		cancel(nil) // ends the idle watch
		if why != nil && !errors.Is(why, context.Canceled) {
			// The reader has left the alternate screen: this is the
			// client's last line.
			fmt.Fprintf(sess, "\r\n%s.\r\n", why)
		} else {
			why = nil
		}
		reason := "quit"
		if why != nil {
			reason = why.Error()
		}
		log.Info("session end", "reason", reason, "duration", time.Since(start).Round(time.Millisecond).String(),
			"bytes_in", st.in.Load(), "bytes_out", st.out.Load())
	}
}

// drainWindowChanges reads the window changes a client still sends once
// its reader has ended, until the session's requests end. The SSH library
// hands each to a channel of one; unread, the next blocks the connection
// for good, even past the server's Close.
func drainWindowChanges(changes <-chan ssh.Window) {
	if changes == nil {
		return
	}
	go func() {
		for range changes {
		}
	}()
}

// watchIdle ends the session when the client has sent nothing for the
// idle timeout.
func (s *Server) watchIdle(st *session) {
	timer := time.NewTimer(s.cfg.IdleTimeout)
	defer timer.Stop()
	for {
		select {
		case <-st.ctx.Done():
			return
		case <-timer.C:
			quiet := time.Since(time.Unix(0, st.last.Load()))
			if quiet >= s.cfg.IdleTimeout {
				st.cancel(fmt.Errorf("%w for %s", errIdle, s.cfg.IdleTimeout))
				return
			}
			timer.Reset(s.cfg.IdleTimeout - quiet)
		}
	}
}

// take counts a session in, or says why it cannot start.
func (s *Server) take(ip string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing.Load():
		return errShutdown.Error() + "; try again in a moment."
	case s.total >= s.cfg.MaxSessions:
		return "brief serve: server full, try later."
	case s.perIP[ip] >= s.cfg.MaxSessionsPerIP:
		return fmt.Sprintf("brief serve: too many sessions from your address (%d): close one and try again.", s.cfg.MaxSessionsPerIP)
	}
	s.total++
	s.perIP[ip]++
	s.running.Add(1)
	return ""
}

func (s *Server) release(ip string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total--
	if s.perIP[ip]--; s.perIP[ip] <= 0 {
		delete(s.perIP, ip)
	}
	s.running.Done()
}

func (s *Server) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// program makes the session's reader: its own model over the shared
// briefing, with the client's window size, colour profile and a cleaned
// environment.
func (s *Server) program(sess ssh.Session, st *session) *tea.Program {
	opts := ui.Options{Style: s.cfg.Style, Remote: true, Shared: s.shared, Env: st.env}
	if s.cfg.Store != nil && s.cfg.AuthorizedKeys != "" {
		release, err := s.cfg.Store.Reader(fingerprint(sess.PublicKey()), &opts)
		if err != nil {
			s.log.Warn("reader state not loaded", "key", fingerprint(sess.PublicKey()), "err", clean(err.Error()))
		} else {
			st.release = release
		}
	}
	var m tea.Model = ui.New(s.shared.Briefing(), opts)
	profile := colorprofile.Env(st.env)
	if profile == colorprofile.ANSI256 {
		// Colours converted once per frame rather than per cell (colour.go).
		m, profile = newServed256(m), colorprofile.TrueColor
	}
	if wrapModel != nil {
		m = wrapModel(m)
	}
	m = recovering{m: m, crash: func(pe *input.PanicError) { s.crashed(st.log, st, "reader", pe) }}
	out := &countingWriter{w: sess, n: &st.out}
	popts := append(bm.MakeOptions(sess),
		// Later options win: these replace what MakeOptions took from the
		// client as it was. The input is pumped in by input.Pump.
		tea.WithInput(nil),
		tea.WithOutput(out),
		tea.WithEnvironment(st.env),
		tea.WithColorProfile(profile),
		tea.WithWindowSize(st.width, st.height),
		tea.WithFilter(clampFilter),
		// The server's signals are the server's: SIGTERM reaches sessions
		// through Serve's context.
		tea.WithoutSignalHandler(),
		// Each frame is drawn whole into a buffer and compared with the
		// last, up to 2 ms at 320×120, only when the view changed.
		tea.WithFPS(servedFPS),
	)
	p := tea.NewProgram(m, popts...)
	// When the session must end (idle, time, shutdown, the client gone),
	// quit as q does, so the terminal is restored before the last line;
	// kill a program too stuck to quit (a client that stopped reading).
	context.AfterFunc(st.ctx, func() {
		time.AfterFunc(2*time.Second, p.Kill)
		p.Quit()
	})
	s.safely(st.log, st, "input", func() {
		in := &countingReader{r: sess, n: &st.in, last: &st.last}
		var pe *input.PanicError
		if err := input.Pump(st.ctx, in, termOf(st.env), s.cfg.Input, p.Send); errors.As(err, &pe) {
			s.crashed(st.log, st, "input", pe)
			return
		}
		// The client closed its input (or the session ended): nobody can
		// press a key any more, so the reader ends.
		st.cancel(nil)
	})
	if s.cfg.Style == ui.StyleAuto {
		// Bubble Tea sends no terminal query when it reads no input
		// itself; ask for the background here, the answer comes in
		// through input.Pump.
		_, _ = io.WriteString(out, ansi.RequestBackgroundColor)
	}
	return p
}

// clampFilter writes the reader's place when its program ends, bounds
// every window size a client reports and, as Wish's own
// filter does, turns suspend (ctrl+z) into resume: there is no shell to
// suspend to.
func clampFilter(m tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.QuitMsg, tea.InterruptMsg:
		// The session ends (q, idle, shutdown, the client gone): its place
		// is written now, before its key's database is let go.
		return ui.SaveOnQuit(m, msg)
	case tea.WindowSizeMsg:
		msg.Width, msg.Height = clampSize(msg.Width, msg.Height)
		return msg
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// clampSize bounds a window size; a client that gives none (0×0, as ssh
// with piped input does) gets 80×24, a terminal's classic size.
func clampSize(w, h int) (int, int) {
	if w <= 0 {
		w = 80
	}
	if h <= 0 {
		h = 24
	}
	return min(w, maxCols), min(h, maxRows)
}

func refuse(sess ssh.Session, msg string) {
	fmt.Fprint(sess.Stderr(), msg+"\r\n")
	_ = sess.Exit(1)
	_ = sess.Close()
}

func fingerprint(k ssh.PublicKey) string {
	if k == nil {
		return ""
	}
	return gossh.FingerprintSHA256(k)
}

type counter = atomic.Int64

type countingReader struct {
	r    io.Reader
	n    *counter
	last *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.n.Add(int64(n))
		c.last.Store(time.Now().UnixNano())
	}
	return n, err
}

type countingWriter struct {
	w io.Writer
	n *counter
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}
