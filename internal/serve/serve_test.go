package serve

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/ui"
)

// frameWait is how long a key may take to be drawn before a test calls it
// lost: far beyond any real latency (the race detector on a loaded 2-core
// machine has taken over 10 s for twenty first frames), so only a lost
// frame fails.
const frameWait = 30 * time.Second

// Twenty readers at once, each in its own pty and size, each key drawn.
func TestConcurrentSessionsEveryKeyGetsAFrame(t *testing.T) {
	const sessions, keys = 20, 15
	ts := startServer(t, Config{})
	warm := mustDial(t, ts.addr, newSigner(t))
	openTerminal(t, warm, 80, 24, true).waitFor("Overview", frameWait)
	warm.Close()
	sessionsBack(t, ts.srv)
	base := runtime.NumGoroutine()
	var wg sync.WaitGroup
	errs := make(chan error, sessions)
	for i := range sessions {
		wg.Go(func() {
			c, err := dial(ts.addr, gossh.PublicKeys(newSigner(t)))
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			tm, err := tryTerminal(c, "xterm-256color", 80+i, 24+i%5, true)
			if err != nil {
				errs <- err
				return
			}
			if !tm.waitFor("Overview", frameWait) {
				errs <- fmt.Errorf("session %d: no first frame with the tabs:\n%s", i, tm.screen())
				return
			}
			tm.settle(100 * time.Millisecond)
			for k := range keys {
				// tab moves to the next tab: the header changes every time.
				if _, ok := tm.key("\t", frameWait); !ok {
					errs <- fmt.Errorf("session %d: key %d got no frame", i, k)
					return
				}
				tm.settle(20 * time.Millisecond)
			}
			if _, err := tm.in.Write([]byte("q")); err != nil {
				errs <- err
				return
			}
			if !tm.ended(frameWait) {
				errs <- fmt.Errorf("session %d: q did not end the session", i)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	sessionsBack(t, ts.srv)
	goroutinesBack(t, base)
}

// Each reader moves on its own: what one does is not seen by another.
func TestSessionsHaveTheirOwnState(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	a := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	b := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	for _, tm := range []*terminal{a, b} {
		if !tm.waitFor("Synthesis", frameWait) {
			t.Fatalf("no overview:\n%s", tm.screen())
		}
	}
	b.settle(200 * time.Millisecond)
	before := b.size()
	a.key("6", frameWait)
	if !a.waitFor("Sources 1/", frameWait) {
		t.Fatalf("6 did not open the sources in the first session:\n%s", a.screen())
	}
	b.settle(200 * time.Millisecond)
	if b.size() != before {
		t.Fatalf("the second session was redrawn when the first moved: %q", b.screen()[before:])
	}
}

func TestUnknownKeyRefusedListedKeyServed(t *testing.T) {
	t.Parallel()
	listed, stranger := newSigner(t), newSigner(t)
	keys := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(listed.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{AuthorizedKeys: keys})
	if c, err := dial(ts.addr, gossh.PublicKeys(stranger)); err == nil {
		c.Close()
		t.Fatal("a key not in --authorized-keys got in")
	}
	if c, err := dial(ts.addr, gossh.Password("hunter2"), gossh.KeyboardInteractive(
		func(string, string, []string, []bool) ([]string, error) { return []string{"hunter2"}, nil })); err == nil {
		c.Close()
		t.Fatal("a password or keyboard-interactive login got in")
	}
	c := mustDial(t, ts.addr, listed)
	defer c.Close()
	tm := openTerminal(t, c, 80, 24, true)
	if !tm.waitFor("Overview", frameWait) {
		t.Fatalf("the listed key got no reader:\n%s", tm.screen())
	}
}

func TestNoPasswordsEvenWithoutKeys(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	if c, err := dial(ts.addr, gossh.Password("")); err == nil {
		c.Close()
		t.Fatal("a password login got in")
	}
}

// Everything but the reader is refused, with a message.
func TestOnlyTheReaderIsServed(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	c := mustDial(t, ts.addr, newSigner(t))
	defer c.Close()

	run := func(name string, start func(*gossh.Session) error, want string) {
		t.Helper()
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var stderr strings.Builder
		s.Stderr = &stderr
		err = start(s)
		if err == nil {
			err = s.Wait()
		}
		var exit *gossh.ExitError
		if !errors.As(err, &exit) || exit.ExitStatus() == 0 {
			t.Errorf("%s: ended with %v, want a refusal with a non-zero status", name, err)
		}
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("%s: the client was told %q, want %q", name, stderr.String(), want)
		}
	}
	run("exec", func(s *gossh.Session) error { return s.Start("cat /etc/passwd") }, "no commands")
	run("exec with a pty", func(s *gossh.Session) error {
		if err := s.RequestPty("xterm", 24, 80, nil); err != nil {
			return err
		}
		return s.Start("sh")
	}, "no commands")
	run("shell without a pty", func(s *gossh.Session) error { return s.Shell() }, "needs a terminal")
	run("legacy scp", func(s *gossh.Session) error { return s.Start("scp -t /tmp") }, "no commands")

	// A subsystem request starts no copying: read its stderr directly.
	sftp, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	errs, err := sftp.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sftp.RequestSubsystem("sftp"); err != nil {
		t.Fatal(err)
	}
	if told, _ := io.ReadAll(errs); !strings.Contains(string(told), "no SFTP") {
		t.Errorf("sftp: the client was told %q", told)
	}
	sftp.Close()

	if conn, err := c.Dial("tcp", ts.addr); err == nil {
		conn.Close()
		t.Error("local port forwarding was allowed")
	} else if !strings.Contains(err.Error(), "refuses port forwarding") {
		t.Errorf("port forwarding refused without saying why: %v", err)
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding was allowed")
	}
	if !strings.Contains(ts.log.String(), "exec request") || strings.Contains(ts.log.String(), "passwd") {
		t.Errorf("the log should note the refused exec without its command:\n%s", ts.log.String())
	}
}

// Agent forwarding: the SSH library acknowledges the request, so the
// client is told here that it is not used, and no agent channel is opened.
func TestAgentForwardingRefused(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	c := mustDial(t, ts.addr, newSigner(t))
	defer c.Close()
	opened := c.HandleChannelOpen("auth-agent@openssh.com")
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := agent.RequestAgentForwarding(sess); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	sess.Stderr = &stderr
	if err := sess.Start("true"); err != nil {
		t.Fatal(err)
	}
	sess.Wait()
	if !strings.Contains(stderr.String(), "agent forwarding refused") {
		t.Errorf("the client was told %q", stderr.String())
	}
	select {
	case ch := <-opened:
		ch.Reject(gossh.Prohibited, "test")
		t.Error("the server opened an agent channel to the client")
	default:
	}
}

func TestNonLoopbackNeedsKeysOrOpen(t *testing.T) {
	dir := t.TempDir()
	for _, listen := range []string{"0.0.0.0:2222", ":2222", "192.0.2.1:2222", "[::]:2222"} {
		_, err := New(Config{Listen: listen, HostKeyPath: filepath.Join(dir, "k")}, testShared(t))
		if !errors.Is(err, ErrOpenWithoutKeys) {
			t.Errorf("--listen %s without keys: %v, want ErrOpenWithoutKeys", listen, err)
		}
		if _, err := New(Config{Listen: listen, Open: true, HostKeyPath: filepath.Join(dir, "k")}, testShared(t)); err != nil {
			t.Errorf("--listen %s --open: %v", listen, err)
		}
	}
	for _, listen := range []string{"127.0.0.1:2222", "localhost:2222", "[::1]:2222"} {
		if _, err := New(Config{Listen: listen, HostKeyPath: filepath.Join(dir, "k")}, testShared(t)); err != nil {
			t.Errorf("--listen %s: %v", listen, err)
		}
	}
}

func TestHostKeyMadeOnceOwnerOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "ssh_host_ed25519")
	if err := ensureHostKey(path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", fi.Mode().Perm())
	}
	first, _ := os.ReadFile(path)
	if _, err := gossh.ParsePrivateKey(first); err != nil {
		t.Fatalf("host key does not parse: %v", err)
	}
	if err := ensureHostKey(path); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(path); string(again) != string(first) {
		t.Error("the host key was replaced on the second start")
	}
}

func TestServerFullAndPerAddressCap(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{MaxSessions: 2})
	var open []*terminal
	for range 2 {
		tm := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 80, 24, true)
		if !tm.waitFor("Overview", frameWait) {
			t.Fatal("no reader below the cap")
		}
		open = append(open, tm)
	}
	c := mustDial(t, ts.addr, newSigner(t))
	defer c.Close()
	full := openTerminal(t, c, 80, 24, true)
	if !full.ended(frameWait) || !strings.Contains(full.errors(), "server full, try later") {
		t.Fatalf("the third session was told %q", full.errors())
	}
	// The sessions in are still served.
	if _, ok := open[0].key("2", frameWait); !ok {
		t.Fatal("a session stopped being served when the cap was reached")
	}
	open[1].in.Write([]byte("q"))
	open[1].ended(frameWait)
	sessionsBackTo(t, ts.srv, 1)
	again := openTerminal(t, c, 80, 24, true)
	if !again.waitFor("Overview", frameWait) {
		t.Fatalf("no reader once a place was free: %q", again.errors())
	}

	perIP := startServer(t, Config{MaxSessionsPerIP: 1})
	one := openTerminal(t, mustDial(t, perIP.addr, newSigner(t)), 80, 24, true)
	one.waitFor("Overview", frameWait)
	two := openTerminal(t, mustDial(t, perIP.addr, newSigner(t)), 80, 24, true)
	if !two.ended(frameWait) || !strings.Contains(two.errors(), "too many sessions from your address") {
		t.Fatalf("a second session from one address was told %q", two.errors())
	}
}

func sessionsBackTo(t testing.TB, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for s.count() > n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
}

func TestConnectionRateLimit(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{ConnRate: 0.001, ConnBurst: 3})
	var refused int
	for range 6 {
		c, err := dial(ts.addr, gossh.PublicKeys(newSigner(t)))
		if err != nil {
			refused++
			continue
		}
		c.Close()
	}
	if refused != 3 {
		t.Fatalf("%d of 6 quick connections refused with a burst of 3, want 3", refused)
	}
	if !strings.Contains(ts.log.String(), "rate limit") {
		t.Error("the log does not say why connections were refused")
	}
}

func TestIdleSessionIsToldAndClosed(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{IdleTimeout: 400 * time.Millisecond})
	tm := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 80, 24, true)
	if !tm.waitFor("closed after being idle", frameWait) || !tm.ended(frameWait) {
		t.Fatalf("an idle session was not told and closed:\n%s", tm.screen())
	}
	if !strings.Contains(ts.log.String(), "reason=\"closed after being idle") {
		t.Errorf("the log does not give the reason:\n%s", ts.log.String())
	}
}

// SIGTERM (Serve's context ending) tells every session and closes it.
func TestShutdownTellsEverySession(t *testing.T) {
	ts := startServer(t, Config{})
	var tms []*terminal
	for range 3 {
		tm := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 80, 24, true)
		tm.waitFor("Overview", frameWait)
		tms = append(tms, tm)
	}
	start := time.Now()
	ts.stop()
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("shutdown took %v, want at most 5s", took)
	}
	for i, tm := range tms {
		if !tm.ended(time.Second) {
			t.Errorf("session %d still open after shutdown", i)
		}
		if !strings.Contains(tm.screen(), "brief serve is shutting down") {
			t.Errorf("session %d was not told:\n%s", i, tm.screen()[max(0, len(tm.screen())-300):])
		}
	}
}

// Logs say who and how much, never what was read or typed, and never a
// client's escape codes.
func TestLogsCarryNoTextKeysOrEscapes(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	c := mustDial(t, ts.addr, newSigner(t))
	tm, err := tryTerminal(c, "xterm\x1b]0;owned\x07", 80, 24, true)
	if err != nil {
		t.Fatal(err)
	}
	tm.waitFor("Overview", frameWait)
	tm.key("/", frameWait)
	tm.key("zqxsecretword", frameWait)
	tm.in.Write([]byte("\x1b"))
	tm.settle(100 * time.Millisecond)
	tm.in.Write([]byte("q"))
	tm.ended(frameWait)
	sessionsBack(t, ts.srv)
	log := ts.log.String()
	for _, bad := range []string{"zqxsecretword", "\x1b", "owned", "Hanoi", "Convention"} {
		if strings.Contains(log, bad) {
			t.Errorf("the log holds %q:\n%s", bad, log)
		}
	}
	for _, want := range []string{"session start", "session end", "key=SHA256:", "remote=127.0.0.1:", "duration=", "bytes_in=", "bytes_out=", "term=xterm-256color"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
}

var faultsSeed = flag.Uint64("faults.seed", 0, "the seed of TestFaultsDoNotHurtOtherSessions's random sizes and garbage (0: a new one)")

// A client that vanishes mid-frame, one that never reads, a storm of
// window changes, garbage input, absurd sizes: the others keep being
// served and nothing is left behind.
func TestFaultsDoNotHurtOtherSessions(t *testing.T) {
	// The storm's sizes and the garbage come from one seed, given in every
	// failure: -faults.seed replays them.
	seed := *faultsSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	ts := startServer(t, Config{})
	base := runtime.NumGoroutine()
	heapBefore := heapInUse()

	witness := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	witness.waitFor("Overview", frameWait)
	served := func(when string) {
		t.Helper()
		witness.settle(30 * time.Millisecond)
		if _, ok := witness.key("\t", frameWait); !ok {
			t.Fatalf("the other session was not served %s (-faults.seed=%d)", when, seed)
		}
	}

	// Vanishes mid-frame: keys sent, then the TCP connection cut.
	vc := mustDial(t, ts.addr, newSigner(t))
	vanish := openTerminal(t, vc, 200, 60, true)
	vanish.waitFor("Overview", frameWait)
	vanish.in.Write([]byte("\t\t\t\t/hanoi"))
	vc.Conn.Close()
	served("after a client vanished mid-frame")

	// Never reads: the server's writes to it block on the SSH window, and
	// what it types then must not pile up in the server.
	deaf := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 300, 200, false)
	typeDeaf := func(n int) {
		for range n {
			if _, err := deaf.in.Write([]byte("\tj")); err != nil {
				t.Fatalf("the server stopped reading a client that does not read: %v", err)
			}
		}
	}
	// First every item of every tab, each tab's digit then j down its
	// list, so that the shared pages it renders on the way are all made
	// before measuring. It works through them at its own pace (the
	// server reads a client's keys at a bounded rate), rendering pages as
	// it goes: measure once it has done (or has blocked on its window), so
	// that the pages are not counted as the keys' pile, and measure again
	// only when it has done with the next keys too.
	if _, err := deaf.in.Write(visitEveryItem(testShared(t).Briefing())); err != nil {
		t.Fatalf("the server stopped reading a client that does not read: %v", err)
	}
	served("while a client never reads")
	pagesSettled(t, testShared(t))
	heapDeaf := heapInUse()
	typeDeaf(3000)
	for range 3 {
		served("while a client never reads")
	}
	pagesSettled(t, testShared(t))
	if grown := heapInUse() - heapDeaf; grown > 8<<20 {
		t.Errorf("the heap grew by %d MiB while a client that never reads typed 6000 more keys", grown>>20)
	}

	// Window-change storm, including 1×1 and 10000×10000.
	storm := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 80, 24, true)
	storm.waitFor("Overview", frameWait)
	for i := range 500 {
		w, h := 1+rng.IntN(400), 1+rng.IntN(200)
		switch i % 100 {
		case 0:
			w, h = 1, 1
		case 1:
			w, h = 10000, 10000
		}
		if err := storm.sess.WindowChange(h, w); err != nil {
			t.Fatal(err)
		}
	}
	storm.sess.WindowChange(24, 80)
	served("during a window-change storm")
	if !storm.waitFor("Overview", frameWait) {
		t.Fatal("the storm session was not drawn again")
	}

	// Garbage and invalid UTF-8: the session survives and still answers.
	junk := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 80, 24, true)
	junk.waitFor("Overview", frameWait)
	garbage := []byte{0xff, 0xfe, 0xc3, 0x28, 0x1b, '[', '9', '9', '9', '9', '9', '9', '9', '9', 0x1b, ']', '5', '2', ';', 'c', ';', 0xe2, 0x82, 0x1b, 'P', 0x90, 0x9b, 0x00, 0x7f}
	for range 50 {
		junk.in.Write(garbage)
		b := make([]byte, 64)
		for i := range b {
			b[i] = byte(rng.IntN(256))
			switch b[i] {
			case 'q', 'Q', 0x1b, 3, 0x1a, '/':
				// Not quit, not a lone esc, not ctrl+c, not suspend; and
				// not the search bar, which would take the rest as a query
				// until it is full, where ? has nothing new to say.
				b[i] = 0xff
			}
		}
		junk.in.Write(b)
	}
	served("after garbage input")
	// End any control string the garbage left open (BEL ends an OSC, ST a
	// DCS), so that the next key reads as a key.
	junk.in.Write([]byte("\x07\x1b\\"))
	junk.settle(200 * time.Millisecond)
	if _, ok := junk.key("?", frameWait); !ok {
		t.Fatalf("the session fed garbage (-faults.seed=%d) no longer answers ?; it shows:\n%s", seed, junk.shown())
	}

	// Absurd first sizes are clamped.
	tiny := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 1, 1, true)
	huge := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 10000, 10000, true)
	for _, tm := range []*terminal{tiny, huge} {
		if _, ok := tm.waitGrowth(0, time.Now(), frameWait); !ok {
			t.Fatal("no frame for a 1×1 or 10000×10000 window")
		}
	}
	if !strings.Contains(ts.log.String(), "width=1 height=1") || !strings.Contains(ts.log.String(), fmt.Sprintf("width=%d height=%d", maxCols, maxRows)) {
		t.Errorf("sizes not logged as clamped:\n%s", ts.log.String())
	}
	served("with the absurd sizes open")

	// Seven sessions up to 320×120 and pages rendered at the storm's
	// widths: bounded, well under what the clamps allow.
	if grown := heapInUse() - heapBefore; grown > 128<<20 {
		t.Errorf("the heap grew by %d MiB with seven sessions", grown>>20)
	}

	// Close everything; nothing may stay behind.
	for _, tm := range []*terminal{witness, deaf, storm, junk, tiny, huge} {
		tm.sess.Close()
	}
	ts.stop()
	sessionsBack(t, ts.srv)
	goroutinesBack(t, base-1) // Serve's own goroutine has returned too
}

// visitEveryItem is the keys that show every item of every tab of b once:
// each tab's digit, then j down its list.
func visitEveryItem(b *data.Briefing) []byte {
	var keys []byte
	for i, n := range []int{1, len(b.Timeline), len(b.Sessions), len(b.Speakers), len(b.Measures), len(b.Sources), len(b.Figures), len(b.Glossary)} {
		keys = append(keys, byte('1'+i))
		keys = append(keys, bytes.Repeat([]byte("j"), n-1)...)
	}
	return keys
}

// Connecting and leaving over and over leaks neither descriptors nor
// goroutines.
func TestRepeatedConnectDisconnectLeaksNothing(t *testing.T) {
	const cycles = 60
	ts := startServer(t, Config{})
	signer := newSigner(t)
	cycle := func() {
		c := mustDial(t, ts.addr, signer)
		tm := openTerminal(t, c, 80, 24, true)
		tm.waitFor("Overview", frameWait)
		c.Close()
	}
	cycle() // the first session builds what every session shares
	sessionsBack(t, ts.srv)
	base, fds := runtime.NumGoroutine(), openFDs(t)
	for range cycles {
		cycle()
	}
	sessionsBack(t, ts.srv)
	goroutinesBack(t, base)
	deadline := time.Now().Add(5 * time.Second)
	for openFDs(t) > fds && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := openFDs(t); n > fds {
		t.Fatalf("%d descriptors open after %d connections, %d before", n, cycles, fds)
	}
}

func heapInUse() int64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// Each session gets the colours its own terminal says it can show.
func TestColourProfilePerSession(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	open := func(env map[string]string) string {
		t.Helper()
		c := mustDial(t, ts.addr, newSigner(t))
		t.Cleanup(func() { c.Close() })
		tm, err := tryTerminalEnv(c, "xterm-256color", env, 100, 30, true)
		if err != nil {
			t.Fatal(err)
		}
		if !tm.waitFor("Overview", frameWait) {
			t.Fatalf("no reader with %v", env)
		}
		tm.key("6", frameWait)
		tm.settle(200 * time.Millisecond)
		tm.mu.Lock()
		defer tm.mu.Unlock()
		return tm.out.String()
	}
	truecolor := open(map[string]string{"COLORTERM": "truecolor"})
	ansi256 := open(map[string]string{})
	mono := open(map[string]string{"NO_COLOR": "1"})
	if !strings.Contains(truecolor, "38;2;") {
		t.Error("COLORTERM=truecolor got no 24-bit colour")
	}
	if strings.Contains(ansi256, "38;2;") || !strings.Contains(ansi256, "38;5;") {
		t.Error("TERM=xterm-256color alone should get 256 colours, not 24-bit")
	}
	if strings.Contains(mono, "38;2;") || strings.Contains(mono, "38;5;") {
		t.Error("NO_COLOR=1 still got colours")
	}
}

// With --style auto the server asks each terminal for its background and
// redraws in the theme that suits the answer.
func TestBackgroundColourAnswerRethemes(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{Style: ui.StyleAuto})
	tm := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 100, 30, true)
	if !tm.waitFor("Overview", frameWait) {
		t.Fatal("no reader")
	}
	tm.settle(200 * time.Millisecond)
	tm.mu.Lock()
	asked := strings.Contains(tm.out.String(), "\x1b]11;?")
	dark := tm.out.String()
	tm.mu.Unlock()
	if !asked {
		t.Fatal("the server did not ask the terminal for its background colour")
	}
	// A light background: the reader redraws in the light theme.
	if _, ok := tm.key("\x1b]11;rgb:ffff/ffff/ffff\x1b\\", frameWait); !ok {
		t.Fatal("no redraw after the terminal said its background is light")
	}
	tm.settle(200 * time.Millisecond)
	tm.mu.Lock()
	light := tm.out.String()[len(dark):]
	tm.mu.Unlock()
	if !strings.Contains(ansi.Strip(light), "Overview") {
		t.Errorf("the redraw after the answer is not a whole new frame: %q", ansi.Strip(light))
	}
}

// One connection cannot hoard session channels that never ask for anything.
func TestSessionChannelsPerConnectionBounded(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	c := mustDial(t, ts.addr, newSigner(t))
	defer c.Close()
	var open []*gossh.Session
	var refused error
	for range maxChannelsPerConn + 3 {
		s, err := c.NewSession()
		if err != nil {
			refused = err
			continue
		}
		open = append(open, s)
	}
	if len(open) != maxChannelsPerConn || refused == nil || !strings.Contains(refused.Error(), "at most") {
		t.Fatalf("%d session channels open on one connection (want %d), refusal: %v", len(open), maxChannelsPerConn, refused)
	}
	open[0].Close()
	deadline := time.Now().Add(frameWait)
	for {
		s, err := c.NewSession()
		if err == nil {
			s.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new channel once one closed: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// o shows the address rather than starting a browser on the server; y
// copies the citation to the client's own clipboard with OSC 52.
func TestOpenAndCopyActOnTheClient(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	tm := openTerminal(t, mustDial(t, ts.addr, newSigner(t)), 160, 40, true)
	tm.waitFor("Overview", frameWait)
	tm.key("6", frameWait)
	tm.key("j", frameWait) // the second source by date: the first has no URL
	tm.settle(100 * time.Millisecond)
	before := tm.size()
	tm.key("o", frameWait)
	tm.settle(200 * time.Millisecond)
	// The status bar is what changes: it shows the address.
	shown := ansi.Strip(tm.outSince(before))
	if !strings.Contains(shown, "https://") {
		t.Fatalf("o did not show the source's address: %q", shown)
	}
	if strings.Contains(shown, "opening") || strings.Contains(shown, "opener") {
		t.Fatalf("o tried to open a browser on the server: %q", shown)
	}
	before = tm.size()
	tm.key("y", frameWait)
	tm.settle(200 * time.Millisecond)
	if after := tm.outSince(before); !strings.Contains(after, "\x1b]52;c;") {
		t.Fatalf("y sent no OSC 52 to the client: %q", after)
	}
}

// Two readers on one connection are two sessions, each with its own size
// and state.
func TestTwoSessionsOnOneConnection(t *testing.T) {
	t.Parallel()
	ts := startServer(t, Config{})
	c := mustDial(t, ts.addr, newSigner(t))
	defer c.Close()
	a := openTerminal(t, c, 90, 25, true)
	b := openTerminal(t, c, 130, 35, true)
	for _, tm := range []*terminal{a, b} {
		if !tm.waitFor("Overview", frameWait) {
			t.Fatal("no reader")
		}
	}
	log := ts.log.String()
	if !strings.Contains(log, "width=90 height=25") || !strings.Contains(log, "width=130 height=35") {
		t.Fatalf("the sessions did not get their own sizes:\n%s", log)
	}
	b.settle(200 * time.Millisecond)
	before := b.size()
	a.key("3", frameWait)
	b.settle(200 * time.Millisecond)
	if b.size() != before {
		t.Fatal("a key in one session redrew the other")
	}
	// Closing one session's input ends that reader only.
	a.in.Close()
	if !a.ended(frameWait) {
		t.Fatal("a session whose client closed its input did not end")
	}
	if _, ok := b.key("2", frameWait); !ok {
		t.Fatal("the other session on the connection stopped")
	}
}
