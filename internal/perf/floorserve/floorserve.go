// Package floorserve is the floor `brief serve` is measured against: the
// least a Wish + Bubble Tea server can do to serve what brief serves, the
// floor program's page (internal/perf/baseline/page) full-screen in every
// SSH session, a status line changed on every key. Wish's Bubble Tea
// middleware with its defaults runs each session; the page is rendered by
// Glamour once per width for all sessions, as brief shares its renders,
// and a frame is its first lines and the status line: no viewport, which
// re-wraps its content on every frame. The load test of
// internal/serve drives it and brief's server alternately, with the same
// clients, and reports brief's figures as ratios to it.
//
// With a state folder (Config.StateDir) it is the floor of per-key state,
// what `brief serve --authorized-keys` adds: the sessions of one public
// key share one SQLite database of their own, opened by the key's first
// session and closed by its last; each session writes its key count to a
// row of it, one write at a time, off the program's update.
package floorserve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
	_ "modernc.org/sqlite" // the SQLite driver, as brief's state store

	"github.com/brief-reader/brief/internal/perf/baseline/page"
)

// Config is what the floor server needs.
type Config struct {
	// StateDir, when set, keeps one SQLite database per public key under
	// it and writes a row per key read.
	StateDir string
}

// Server is a floor server.
type Server struct {
	ssh      *ssh.Server
	stateDir string
	sessions atomic.Int64

	pagesMu sync.Mutex
	pages   map[int][]string // the page's lines per width, shared by sessions

	mu  sync.Mutex
	dbs map[string]*keyDB // per key, while a session of the key runs
}

// keyDB is one key's database and the sessions holding it.
type keyDB struct {
	db    *sql.DB
	users int
}

// New makes a floor server.
func New(cfg Config) (*Server, error) {
	s := &Server{stateDir: cfg.StateDir, pages: map[int][]string{}, dbs: map[string]*keyDB{}}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	hostKey, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, err
	}
	s.ssh, err = wish.NewServer(
		func(srv *ssh.Server) error { srv.AddHostKey(hostKey); return nil }, // a fresh one per run
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithMiddleware(bm.Middleware(s.handler), s.count),
	)
	if err != nil {
		return nil, fmt.Errorf("floor server: %w", err)
	}
	return s, nil
}

// Serve serves on ln until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	stop := context.AfterFunc(ctx, func() { _ = s.ssh.Close() })
	defer stop()
	if err := s.ssh.Serve(ln); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		return err
	}
	return nil
}

// ServeLoopback serves on a free port of 127.0.0.1 until stop, which
// returns what Serve returned.
func (s *Server) ServeLoopback() (addr string, stop func() error, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	var served error
	return ln.Addr().String(), func() error {
		once.Do(func() { cancel(); served = <-done })
		return served
	}, nil
}

// Sessions is the number of sessions running.
func (s *Server) Sessions() int { return int(s.sessions.Load()) }

// count counts the sessions in and out.
func (s *Server) count(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.sessions.Add(1)
		defer s.sessions.Add(-1)
		next(sess)
	}
}

// handler makes a session's model: the page, rendered once per width for
// every session, and with a state folder the key's row written per key.
func (s *Server) handler(sess ssh.Session) (tea.Model, []tea.ProgramOption) {
	m := pageModel{render: s.render}
	if s.stateDir != "" {
		db, release, err := s.open(sess.PublicKey())
		if err != nil {
			wish.Fatalln(sess, "floor server: "+err.Error())
			return nil, nil
		}
		w := &rowWriter{db: db, dirty: make(chan struct{}, 1)}
		go w.run(sess.Context(), release)
		m.onKey = w.key
	}
	return m, nil
}

// render is the page's lines at a width, rendered by the first session
// of that width.
func (s *Server) render(width int) []string {
	s.pagesMu.Lock()
	defer s.pagesMu.Unlock()
	if lines, ok := s.pages[width]; ok {
		return lines
	}
	out, err := page.Render(width)
	if err != nil {
		return []string{"floor server: " + err.Error()}
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	s.pages[width] = lines
	return lines
}

// rowWriter writes a session's key count to its key's database, one
// write at a time: a key that comes while a write runs is written next,
// with the keys after it, as brief writes a reader's place once it
// settles rather than once per key.
type rowWriter struct {
	db    *sql.DB
	keys  atomic.Int64
	dirty chan struct{}
}

// key notes the session's count; the writer writes it.
func (w *rowWriter) key(keys int) {
	w.keys.Store(int64(keys))
	select {
	case w.dirty <- struct{}{}:
	default:
	}
}

// run writes the count when it changes, until the session ends; then it
// lets go of the database.
func (w *rowWriter) run(ctx context.Context, release func()) {
	defer release()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.dirty:
			_, _ = w.db.Exec(`INSERT INTO place(id, keys, at) VALUES(1, ?, ?)
				ON CONFLICT(id) DO UPDATE SET keys = excluded.keys, at = excluded.at`, w.keys.Load(), time.Now().UnixNano())
		}
	}
}

// pageModel is one session: the first lines of the page at its width and
// a status line counting the keys.
type pageModel struct {
	render  func(width int) []string
	onKey   func(keys int) // per-key state
	lines   []string
	height  int
	keys    int
	lastKey string
}

func (m pageModel) Init() tea.Cmd { return nil }

func (m pageModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if page.Quits(msg) {
		return m, tea.Quit
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.lines, m.height = m.render(msg.Width), msg.Height
	case tea.KeyPressMsg:
		m.keys++
		m.lastKey = msg.String()
		if m.onKey != nil {
			m.onKey(m.keys)
		}
	}
	return m, nil
}

func (m pageModel) View() tea.View {
	shown := m.lines[:min(len(m.lines), max(m.height-1, 0))]
	v := tea.NewView(strings.Join(shown, "\n") + strings.Repeat("\n", max(m.height-1-len(shown), 0)) +
		"\n" + fmt.Sprintf(" key %d: %s", m.keys, m.lastKey))
	v.AltScreen = true
	return v
}

// open gives a session its key's database, opening it for the key's first
// session; release closes it after the last.
func (s *Server) open(key ssh.PublicKey) (*sql.DB, func(), error) {
	name := strings.NewReplacer("/", "_", "+", "-").Replace(strings.TrimPrefix(gossh.FingerprintSHA256(key), "SHA256:"))
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.dbs[name]
	if !ok {
		dir := filepath.Join(s.stateDir, name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, nil, err
		}
		db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "floor.db")+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)")
		if err == nil {
			_, err = db.Exec(`CREATE TABLE IF NOT EXISTS place(id INTEGER PRIMARY KEY, keys INTEGER, at INTEGER)`)
		}
		if err != nil {
			if db != nil {
				_ = db.Close()
			}
			return nil, nil, err
		}
		k = &keyDB{db: db}
		s.dbs[name] = k
	}
	k.users++
	return k.db, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if k.users--; k.users == 0 {
			delete(s.dbs, name)
			_ = k.db.Close()
		}
	}, nil
}
