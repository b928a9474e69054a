package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/ui"
)

var (
	sharedOnce sync.Once
	shared     *ui.Shared
)

// testShared is the embedded briefing, prepared once for every test.
func testShared(t testing.TB) *ui.Shared {
	t.Helper()
	sharedOnce.Do(func() {
		b, err := data.Embedded()
		if err != nil {
			t.Fatalf("embedded briefing: %v", err)
		}
		shared = ui.NewShared(b)
		shared.Index()
	})
	return shared
}

// syncBuffer is a log the server writes from many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a server on a random loopback port.
type testServer struct {
	addr string
	srv  *Server
	log  *syncBuffer
	stop func() // cancels Serve and waits for it to return
}

// startServer serves on 127.0.0.1 with a fresh host key, limits loose
// enough for tests to connect quickly unless cfg says otherwise.
func startServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	cfg.HostKeyPath = filepath.Join(t.TempDir(), "host_key")
	if cfg.ConnRate == 0 {
		cfg.ConnRate, cfg.ConnBurst = 10000, 10000
	}
	if cfg.MaxSessionsPerIP == 0 {
		cfg.MaxSessionsPerIP = 1000
	}
	logs := &syncBuffer{}
	cfg.Log = slog.New(slog.NewTextHandler(logs, nil))
	srv, err := New(cfg, testShared(t))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	ts := &testServer{addr: ln.Addr().String(), srv: srv, log: logs}
	var once sync.Once
	ts.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Serve: %v", err)
			}
		})
	}
	t.Cleanup(ts.stop)
	return ts
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func dial(addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "reader",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // a test server's fresh key
		Timeout:         10 * time.Second,
	})
}

func mustDial(t testing.TB, addr string, signer gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := dial(addr, gossh.PublicKeys(signer))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	return c
}

// terminal is one client session with a pty, collecting what the server
// draws.
type terminal struct {
	sess *gossh.Session
	in   io.WriteCloser
	w, h int

	mu     sync.Mutex
	out    bytes.Buffer
	stderr bytes.Buffer
	grew   chan struct{} // a token each time out grows
	done   chan struct{} // closed when the session's output ends
}

// openTerminal starts the reader in a w×h pty on c; read=false never reads
// what the server writes.
func openTerminal(t testing.TB, c *gossh.Client, w, h int, read bool) *terminal {
	t.Helper()
	tm, err := tryTerminal(c, "xterm-256color", w, h, read)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func tryTerminal(c *gossh.Client, term string, w, h int, read bool) (*terminal, error) {
	return tryTerminalEnv(c, term, nil, w, h, read)
}

// tryTerminalEnv is tryTerminal with environment variables sent first.
func tryTerminalEnv(c *gossh.Client, term string, env map[string]string, w, h int, read bool) (*terminal, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			return nil, err
		}
	}
	tm := &terminal{sess: sess, w: w, h: h, grew: make(chan struct{}, 1), done: make(chan struct{})}
	if err := sess.RequestPty(term, h, w, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	if tm.in, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	var stdout io.Reader
	if read {
		if stdout, err = sess.StdoutPipe(); err != nil {
			return nil, err
		}
	}
	sess.Stderr = &lockedWriter{tm: tm, w: &tm.stderr}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	if read {
		go func() {
			defer close(tm.done)
			defer sess.Wait() // stderr is copied in too
			buf := make([]byte, 32<<10)
			for {
				n, err := stdout.Read(buf)
				if n > 0 {
					tm.mu.Lock()
					tm.out.Write(buf[:n])
					tm.mu.Unlock()
					select {
					case tm.grew <- struct{}{}:
					default:
					}
				}
				if err != nil {
					return
				}
			}
		}()
	}
	return tm, nil
}

type lockedWriter struct {
	tm *terminal
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.tm.mu.Lock()
	defer l.tm.mu.Unlock()
	return l.w.Write(p)
}

func (tm *terminal) size() int {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.Len()
}

// screen is everything drawn so far without escapes.
func (tm *terminal) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.Strip(tm.out.String())
}

// outSince is what the server drew after the first n bytes.
func (tm *terminal) outSince(n int) string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()[n:]
}

// shown is the screen as the client's terminal shows it now: everything
// drawn so far, replayed in a terminal emulator of the session's size.
func (tm *terminal) shown() string {
	tm.mu.Lock()
	out := slices.Clone(tm.out.Bytes())
	tm.mu.Unlock()
	emu := vt.NewEmulator(tm.w, tm.h)
	// The emulator answers the server's queries on its input; unread, an
	// answer would block it. The answer to a last status report tells the
	// reader to stop (Emulator.Close would race with the blocked Read).
	var stop atomic.Bool
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		buf := make([]byte, 1024)
		for {
			n, err := emu.Read(buf)
			if err != nil || stop.Load() && bytes.HasSuffix(buf[:n], []byte("0n")) {
				return
			}
		}
	}()
	_, _ = emu.Write(out)
	screen := emu.String()
	stop.Store(true)
	// CAN first: the output may end inside a sequence, which would
	// swallow the report.
	_, _ = emu.Write([]byte("\x18\x1b[5n"))
	select {
	case <-drained:
	case <-time.After(5 * time.Second):
		panic("the terminal emulator did not answer a status report")
	}
	return screen
}

// waitShown waits until the screen, as the terminal shows it, has want.
func (tm *terminal) waitShown(want string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for !strings.Contains(tm.shown(), want) {
		if time.Now().After(deadline) {
			return false
		}
		select {
		case <-tm.grew:
		case <-time.After(50 * time.Millisecond):
		}
	}
	return true
}

func (tm *terminal) errors() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.stderr.String()
}

// key sends s and waits for the server to draw past what it had drawn:
// the key's frame. It returns how long that took.
func (tm *terminal) key(s string, timeout time.Duration) (time.Duration, bool) {
	before := tm.size()
	start := time.Now()
	if _, err := io.WriteString(tm.in, s); err != nil {
		return 0, false
	}
	return tm.waitGrowth(before, start, timeout)
}

func (tm *terminal) waitGrowth(before int, start time.Time, timeout time.Duration) (time.Duration, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for tm.size() <= before {
		select {
		case <-tm.grew:
		case <-deadline.C:
			return 0, false
		}
	}
	return time.Since(start), true
}

// waitFor waits until the screen shows want.
func (tm *terminal) waitFor(want string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(tm.screen(), want) {
			return true
		}
		select {
		case <-tm.grew:
		case <-time.After(50 * time.Millisecond):
		}
	}
	return strings.Contains(tm.screen(), want)
}

// settle waits until nothing more arrives for quiet: the frame is done.
func (tm *terminal) settle(quiet time.Duration) {
	for {
		select {
		case <-tm.grew:
		case <-time.After(quiet):
			return
		}
	}
}

// ended waits for the server to end the session.
func (tm *terminal) ended(timeout time.Duration) bool {
	// done closes once stdout ends and stderr has been copied.
	select {
	case <-tm.done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// pagesSettled waits until sh has rendered no new page for half a second:
// the sessions have rendered what the keys sent so far ask for, or are
// blocked.
func pagesSettled(t testing.TB, sh *ui.Shared) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	last, since := sh.Pages(), time.Now()
	for time.Since(since) < 500*time.Millisecond {
		if time.Now().After(deadline) {
			t.Fatalf("the sessions were still rendering pages after 30 s (%d pages)", sh.Pages())
		}
		time.Sleep(50 * time.Millisecond)
		if n := sh.Pages(); n != last {
			last, since = n, time.Now()
		}
	}
}

// goroutinesBack waits for the goroutine count to come back to base.
func goroutinesBack(t testing.TB, base int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Fatalf("%d goroutines after the sessions closed, %d before:\n%s", n, base, buf)
	}
}

func openFDs(t testing.TB) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd to count descriptors")
	}
	return len(ents)
}

// sessionsBack waits for the server to count no session.
func sessionsBack(t testing.TB, s *Server) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for s.count() > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := s.count(); n > 0 {
		t.Fatalf("the server still counts %d sessions", n)
	}
}
