package serve

import (
	"bufio"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// The full-size load test runs only when asked:
//
//	go test ./internal/serve -run TestLoad -load -v -timeout 20m
//
// The server runs in the test process; the clients in a child process (this
// test binary again), so the server's memory, CPU and goroutines are
// measured apart from theirs.
var (
	load         = flag.Bool("load", false, "run the full-size load test")
	loadSessions = flag.Int("load.sessions", 200, "concurrent sessions in the load test")
	loadKeys     = flag.Int("load.keys", 50, "keys each session sends")
	loadCycles   = flag.Int("load.cycles", 1000, "connect/disconnect cycles after the load")
	loadAnySize  = flag.Bool("load.anysize", false, "give each session a random size (80–140×24–50) instead of a common one")
	loadAuthKeys = flag.Int("load.authkeys", 0, "serve with --authorized-keys of this many keys (per-key state on); sessions use them in turn")
)

// loadSigner is the i-th of the load test's keys, the same in both
// processes.
func loadSigner(t testing.TB, i int) gossh.Signer {
	seed := sha256.Sum256([]byte(fmt.Sprintf("brief load key %d", i)))
	s, err := gossh.NewSignerFromKey(ed25519.NewKeyFromSeed(seed[:]))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// commonSizes are the terminal sizes a team's sessions have: most readers
// keep a default window or a few usual ones.
var commonSizes = [][2]int{{80, 24}, {100, 30}, {120, 40}, {132, 43}, {160, 50}}

// The child's side of the protocol, in env: where to connect and how much.
const (
	loadAddrEnv = "BRIEF_LOAD_ADDR"
	loadArgsEnv = "BRIEF_LOAD_ARGS" // sessions,keys,cycles
)

// loadReport is what the clients measured.
type loadReport struct {
	Sessions, Keys, Frames, Lost int
	P50, P99, Max                time.Duration
	CyclesDone                   int
	ConnectErrors                int
}

func TestLoad(t *testing.T) {
	if !*load {
		t.Skip("the full-size load test runs with -load")
	}
	n := *loadSessions
	cfg := Config{MaxSessions: n + 10, MaxSessionsPerIP: n + 10}
	if k := *loadAuthKeys; k > 0 {
		signers := make([]gossh.Signer, k)
		for i := range signers {
			signers[i] = loadSigner(t, i)
		}
		cfg.AuthorizedKeys = keysFile(t, signers...)
		cfg.Store = NewKeyState(filepath.Join(t.TempDir(), "serve"), "builtin", testShared(t))
	}
	ts := startServer(t, cfg)
	// One session first: it builds what every session shares.
	warmKey := newSigner(t)
	if *loadAuthKeys > 0 {
		warmKey = loadSigner(t, 0)
	}
	warm := mustDial(t, ts.addr, warmKey)
	openTerminal(t, warm, 80, 24, true).waitFor("Overview", frameWait)
	warm.Close()
	sessionsBack(t, ts.srv)
	runtime.GC()
	g0, rss0, fd0 := runtime.NumGoroutine(), rssKiB(t), openFDs(t)

	child := exec.Command(os.Args[0], "-test.run=^TestLoadClients$", "-test.timeout=30m")
	child.Env = append(os.Environ(), loadAddrEnv+"="+ts.addr,
		fmt.Sprintf("%s=%d,%d,%d,%t,%d", loadArgsEnv, n, *loadKeys, *loadCycles, *loadAnySize, *loadAuthKeys))
	stdin, _ := child.StdinPipe()
	stdout, _ := child.StdoutPipe()
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	next := func(want string) string {
		t.Helper()
		for lines.Scan() {
			if rest, ok := strings.CutPrefix(lines.Text(), "LOAD "+want); ok {
				return strings.TrimSpace(rest)
			}
		}
		t.Fatalf("the clients stopped before %s", want)
		return ""
	}

	start := time.Now()
	next("IDLE")
	runtime.GC()
	time.Sleep(500 * time.Millisecond)
	rssIdle, gIdle := rssKiB(t), runtime.NumGoroutine()
	t.Logf("%d sessions open and idle after %v: RSS %d MiB (%d MiB before), %.2f MiB per session; goroutines %d (%d before)",
		n, time.Since(start).Round(time.Millisecond), rssIdle>>10, rss0>>10, float64(rssIdle-rss0)/1024/float64(n), gIdle, g0)

	idleCPU, idleWall := cpuTime(), time.Now()
	time.Sleep(3 * time.Second)
	t.Logf("idle: server CPU %.1f%% of one core with %d sessions open", 100*(cpuTime()-idleCPU).Seconds()/time.Since(idleWall).Seconds(), n)

	cpu0, wall0 := cpuTime(), time.Now()
	fmt.Fprintln(stdin, "GO")
	done := make(chan struct{})
	var gMax, rssMax int
	var mu sync.Mutex
	go func() {
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				mu.Lock()
				gMax = max(gMax, runtime.NumGoroutine())
				rssMax = max(rssMax, rssKiB(t))
				mu.Unlock()
			}
		}
	}()
	var rep loadReport
	if err := json.Unmarshal([]byte(next("KEYS")), &rep); err != nil {
		t.Fatal(err)
	}
	cpu, wall := cpuTime()-cpu0, time.Since(wall0)
	close(done)
	mu.Lock()
	t.Logf("keys: %d sessions × %d keys in %v: %d frames, %d lost; key-to-frame p50 %v, p99 %v, max %v; server CPU %.0f%% of one core; goroutines up to %d; RSS up to %d MiB",
		rep.Sessions, rep.Keys, wall.Round(time.Millisecond), rep.Frames, rep.Lost, rep.P50, rep.P99, rep.Max,
		100*cpu.Seconds()/wall.Seconds(), gMax, rssMax>>10)
	mu.Unlock()

	next("CLOSED")
	sessionsBack(t, ts.srv)
	goroutinesBack(t, g0)
	t.Logf("all sessions closed: goroutines %d (%d before)", runtime.NumGoroutine(), g0)

	cycles := next("CYCLES")
	if err := child.Wait(); err != nil {
		t.Fatalf("clients: %v", err)
	}
	sessionsBack(t, ts.srv)
	goroutinesBack(t, g0)
	deadline := time.Now().Add(10 * time.Second)
	for openFDs(t) > fd0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	runtime.GC()
	t.Logf("%s connect/disconnect cycles: goroutines %d (%d before), descriptors %d (%d before), RSS %d MiB",
		cycles, runtime.NumGoroutine(), g0, openFDs(t), fd0, rssKiB(t)>>10)
	if rep.Lost > 0 {
		t.Errorf("%d keys got no frame", rep.Lost)
	}
	if openFDs(t) > fd0 {
		t.Errorf("descriptors: %d after the cycles, %d before", openFDs(t), fd0)
	}
	if rep.P99 > 50*time.Millisecond {
		t.Errorf("p99 key-to-frame %v is over the 50 ms budget", rep.P99)
	}
	if per := float64(rssIdle-rss0) / 1024 / float64(n); per > 8 {
		t.Errorf("%.2f MiB per idle session is over the 8 MiB budget", per)
	}
}

// TestLoadClients is the load test's other process: the SSH clients.
func TestLoadClients(t *testing.T) {
	addr := os.Getenv(loadAddrEnv)
	if addr == "" {
		t.Skip("run by TestLoad")
	}
	var n, keys, cycles int
	var anySize bool
	var authKeys int
	fmt.Sscanf(os.Getenv(loadArgsEnv), "%d,%d,%d,%t,%d", &n, &keys, &cycles, &anySize, &authKeys)
	signer := newSigner(t)
	signerOf := func(i int) gossh.Signer {
		if authKeys > 0 {
			return loadSigner(t, i%authKeys)
		}
		return signer
	}

	// Open every session, at most 16 handshakes at a time.
	terms := make([]*terminal, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	var connectErrs int
	var mu sync.Mutex
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := dial(addr, gossh.PublicKeys(signerOf(i)))
			if err == nil {
				size := commonSizes[i%len(commonSizes)]
				if anySize {
					size = [2]int{80 + rand.IntN(61), 24 + rand.IntN(27)}
				}
				terms[i], err = tryTerminal(c, "xterm-256color", size[0], size[1], true)
			}
			if err == nil && !terms[i].waitFor("Overview", time.Minute) {
				err = fmt.Errorf("no first frame")
			}
			if err != nil {
				mu.Lock()
				connectErrs++
				mu.Unlock()
				fmt.Fprintln(os.Stderr, "session", i, err)
				terms[i] = nil
			}
		})
	}
	wg.Wait()
	for _, tm := range terms {
		if tm != nil {
			tm.settle(50 * time.Millisecond)
		}
	}
	fmt.Println("LOAD IDLE")
	in := bufio.NewScanner(os.Stdin)
	in.Scan() // GO

	var lat []time.Duration
	lost := 0
	for _, tm := range terms {
		if tm == nil {
			continue
		}
		wg.Go(func() {
			time.Sleep(rand.N(300 * time.Millisecond)) // not all in step
			var mine []time.Duration
			miss := 0
			for range keys {
				// Human pace: a key every 150–350 ms.
				time.Sleep(150*time.Millisecond + rand.N(200*time.Millisecond))
				tm.settle(0)
				if d, ok := tm.key("\t", frameWait); ok {
					mine = append(mine, d)
				} else {
					miss++
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			lost += miss
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	rep := loadReport{Sessions: n - connectErrs, Keys: keys, Frames: len(lat), Lost: lost,
		P50: pct(0.50), P99: pct(0.99), ConnectErrors: connectErrs}
	if len(lat) > 0 {
		rep.Max = lat[len(lat)-1]
	}
	b, _ := json.Marshal(rep)
	fmt.Println("LOAD KEYS " + string(b))

	for _, tm := range terms {
		if tm != nil {
			tm.in.Write([]byte("q"))
		}
	}
	for _, tm := range terms {
		if tm != nil {
			tm.ended(frameWait)
		}
	}
	fmt.Println("LOAD CLOSED")

	// Connect, draw, leave, many times, 16 at a time.
	var ok int
	for i := range cycles {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := dial(addr, gossh.PublicKeys(signerOf(i)))
			if err != nil {
				return
			}
			defer c.Close()
			tm, err := tryTerminal(c, "xterm-256color", 80, 24, true)
			if err == nil && tm.waitFor("Overview", time.Minute) {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	fmt.Println("LOAD CYCLES " + strconv.Itoa(ok))
}

// rssKiB is this process's resident memory.
func rssKiB(t testing.TB) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
