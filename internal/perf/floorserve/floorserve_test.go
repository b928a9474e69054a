package floorserve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// screen collects what a session wrote.
type screen struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// waitFor waits until the session has written want after its first from
// bytes, and returns how much it has written.
func (s *screen) waitFor(t *testing.T, from int, want string) int {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		n, ok := s.b.Len(), strings.Contains(s.b.String()[from:], want)
		s.mu.Unlock()
		if ok {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %q on the screen", want)
	return 0
}

// serve starts a floor server on loopback and opens one session to it.
func serve(t *testing.T, cfg Config) (*Server, *gossh.Session, io.Writer, *screen) {
	t.Helper()
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	addr, stop, err := srv.ServeLoopback()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := gossh.NewSignerFromKey(priv)
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "reader", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out := &screen{}
	sess.Stdout = out
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return srv, sess, in, out
}

func TestFloorServesAPageAndAnswersAKey(t *testing.T) {
	srv, sess, in, out := serve(t, Config{})
	n := out.waitFor(t, 0, "Baseline: one page of Markdown")
	if srv.Sessions() != 1 {
		t.Errorf("%d sessions counted, want 1", srv.Sessions())
	}
	// The status line changes from "key 0: " to "key 1: j"; the renderer
	// writes the cells that changed.
	in.Write([]byte("j"))
	out.waitFor(t, n, "j")
	in.Write([]byte("q"))
	if err := sess.Wait(); err != nil {
		t.Errorf("the session ended with %v after q", err)
	}
}

func TestFloorPerKeyStateWritesARowPerKey(t *testing.T) {
	dir := t.TempDir()
	_, sess, in, out := serve(t, Config{StateDir: dir})
	out.waitFor(t, 0, "Baseline")
	in.Write([]byte("\t\t"))
	dbs, _ := filepath.Glob(filepath.Join(dir, "*", "floor.db"))
	if len(dbs) != 1 {
		t.Fatalf("%d key databases (%v), want 1", len(dbs), dbs)
	}
	db, err := sql.Open("sqlite", dbs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(10 * time.Second)
	var keys int
	for keys != 2 && time.Now().Before(deadline) {
		_ = db.QueryRow(`SELECT keys FROM place WHERE id = 1`).Scan(&keys)
		time.Sleep(10 * time.Millisecond)
	}
	if keys != 2 {
		t.Errorf("the key's row says %d keys, want 2", keys)
	}
	in.Write([]byte("q"))
	_ = sess.Wait()
	if _, err := os.Stat(dbs[0]); err != nil {
		t.Error(err)
	}
}
