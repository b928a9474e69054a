package serve

import (
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Every refusal leaves a log line with its reason, and none with what the
// client asked for (command, host, path).
func TestEveryRefusalIsLogged(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{MaxSessions: 1})
	c := mustDial(t, ts.addr, newSigner(t))
	defer c.Close()

	if s, err := c.NewSession(); err == nil {
		_ = s.Run("cat /secret/file")
		s.Close()
	}
	if s, err := c.NewSession(); err == nil {
		_ = s.Shell()
		_ = s.Wait()
		s.Close()
	}
	if s, err := c.NewSession(); err == nil {
		_ = s.RequestSubsystem("sftp")
		_ = s.Wait()
		s.Close()
	}
	if s, err := c.NewSession(); err == nil {
		// A name of the client's: nothing of it reaches the log.
		_ = s.RequestSubsystem("sftp\x1b[2J secret-content " + strings.Repeat("A", 2000))
		_ = s.Wait()
		s.Close()
	}
	if s, err := c.NewSession(); err == nil {
		_, _ = s.SendRequest("x11-req", true, gossh.Marshal(struct {
			Single        bool
			Proto, Cookie string
			ScreenNumber  uint32
		}{false, "MIT-MAGIC-COOKIE-1", "secretcookie", 0}))
		s.Close()
	}
	if conn, err := c.Dial("tcp", "127.0.0.1:9"); err == nil {
		conn.Close()
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
	}
	// The cap: one reader at a time.
	first := openTerminal(t, c, 80, 24, true)
	first.waitFor("Overview", frameWait)
	if _, err := tryTerminal(mustDial(t, ts.addr, newSigner(t)), "xterm", 80, 24, true); err != nil {
		t.Fatal(err)
	}

	want := []string{
		"session refused: exec request", "session refused: no terminal", "subsystem=sftp", "subsystem=other",
		"request refused: X11 forwarding", "channel refused: port forwarding",
		"request refused: remote port forwarding", "server full",
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, w := range want {
		for !strings.Contains(ts.log.String(), w) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if !strings.Contains(ts.log.String(), w) {
			t.Errorf("no log line says %q", w)
		}
	}
	if log := ts.log.String(); strings.Contains(log, "secret") || strings.Contains(log, "AAAA") {
		t.Errorf("the log holds what the client sent:\n%s", log)
	}
}

// A client that gives its pty no size (ssh with piped input sends 0×0)
// reads at 80×24, not in one column.
func TestZeroSizePtyGets80x24(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	tm := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 0, 0, true)
	if !tm.waitFor("Overview", frameWait) {
		t.Fatalf("no frame:\n%s", tm.screen())
	}
	if !strings.Contains(ts.log.String(), "width=80 height=24") {
		t.Errorf("the session did not start at 80×24:\n%s", ts.log.String())
	}
	tm.sess.WindowChange(0, 0)
	tm.settle(100 * time.Millisecond)
	if _, ok := tm.key("\t", frameWait); !ok {
		t.Fatal("no frame after a 0×0 window change")
	}
	if strings.Contains(tm.shown(), "too small") {
		t.Errorf("a 0×0 window change made the reader too small:\n%s", tm.shown())
	}
}
