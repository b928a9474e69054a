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
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/internal/perf/floorserve"
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
	loadGOGC     = flag.Int("load.gogc", 0, "the collector's GOGC while brief's server runs (0: the process's)")
	loadFloor    = flag.Int("load.floor", 0, "run the load this many times on the floor server and on brief's in turn, and give brief's figures as ratios to the floor's")
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
	loadAddrEnv  = "BRIEF_LOAD_ADDR"
	loadArgsEnv  = "BRIEF_LOAD_ARGS"  // sessions,keys,cycles,anysize,authkeys
	loadReadyEnv = "BRIEF_LOAD_READY" // what the server's first frame shows
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
	if *loadFloor > 0 {
		againstFloor(t, *loadFloor)
		return
	}
	f := runLoad(t, startBrief(t))
	if f.Lost > 0 {
		t.Errorf("%d keys got no frame", f.Lost)
	}
	if f.fdsAfter > f.fds0 {
		t.Errorf("descriptors: %d after the cycles, %d before", f.fdsAfter, f.fds0)
	}
	if f.perIdle > 4 {
		t.Errorf("%.2f MiB per idle session is over the 4 MiB budget", f.perIdle)
	}
}

// loadTarget is a server the load test drives: brief's or the floor's.
type loadTarget struct {
	name     string
	addr     string
	ready    string     // what its first frame shows
	sessions func() int // sessions running
	stop     func()
}

// startBrief serves brief as the load flags say: per-key state with
// -load.authkeys.
func startBrief(t *testing.T) loadTarget {
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
	stop := ts.stop
	if *loadGOGC > 0 {
		old := debug.SetGCPercent(*loadGOGC)
		stop = func() { ts.stop(); debug.SetGCPercent(old) }
	}
	return loadTarget{name: "brief", addr: ts.addr, ready: "Overview", sessions: ts.srv.count, stop: stop}
}

// startFloor serves the floor server (internal/perf/floorserve), with a
// database per key when brief has per-key state.
func startFloor(t *testing.T) loadTarget {
	var cfg floorserve.Config
	name := "floor"
	if *loadAuthKeys > 0 {
		cfg.StateDir, name = t.TempDir(), "floor, a database per key"
	}
	srv, err := floorserve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	addr, serving, err := srv.ServeLoopback()
	if err != nil {
		t.Fatal(err)
	}
	stop := func() {
		if err := serving(); err != nil {
			t.Errorf("floor server: %v", err)
		}
	}
	t.Cleanup(stop)
	return loadTarget{name: name, addr: addr, ready: "Baseline", sessions: srv.Sessions, stop: stop}
}

// loadFigures are what one run of the load measured of its server.
type loadFigures struct {
	loadReport
	perIdle          float64 // MiB of RSS per idle session
	idleCPU, keysCPU float64 // % of one core
	cpuPerKey        time.Duration
	rssIdle, rss0    int // KiB
	rssMax           int // KiB
	fds0, fdsAfter   int
}

// againstFloor runs the load on the floor server and on brief's, in turn,
// rounds times each, and gives brief's figures as ratios to the floor's
// run just before.
func againstFloor(t *testing.T, rounds int) {
	type pair struct{ floor, brief loadFigures }
	var runs []pair
	for r := range rounds {
		t.Logf("round %d of %d: %s", r+1, rounds, loadAverage())
		var p pair
		p.floor = runLoad(t, startFloor(t))
		p.brief = runLoad(t, startBrief(t))
		runs = append(runs, p)
	}
	t.Logf("brief against the floor, %d sessions × %d keys, per-key state with %d keys; %s",
		*loadSessions, *loadKeys, *loadAuthKeys, loadAverage())
	t.Logf("| round | p50 floor / brief (ratio) | p99 floor / brief (ratio) | RSS per idle session floor / brief | server CPU a key floor / brief (ratio) | CPU idle floor / brief |")
	for i, p := range runs {
		f, b := p.floor, p.brief
		t.Logf("| %d | %v / %v (%.2f×) | %v / %v (%.2f×) | %.2f / %.2f MiB | %v / %v (%.2f×) | %.1f / %.1f %% |", i+1,
			ms(f.P50), ms(b.P50), ratio(b.P50, f.P50), ms(f.P99), ms(b.P99), ratio(b.P99, f.P99),
			f.perIdle, b.perIdle, f.cpuPerKey.Round(time.Microsecond), b.cpuPerKey.Round(time.Microsecond),
			ratio(b.cpuPerKey, f.cpuPerKey), f.idleCPU, b.idleCPU)
		if b.Lost+f.Lost > 0 {
			t.Errorf("round %d: keys with no frame: %d on brief, %d on the floor", i+1, b.Lost, f.Lost)
		}
	}
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(max(b, 1)) }

func ms(d time.Duration) time.Duration { return d.Round(100 * time.Microsecond) }

// loadAverage is /proc/loadavg's first three figures: the machine is
// shared, and they say how much.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load average unknown"
	}
	f := strings.Fields(string(b))
	return "load average " + strings.Join(f[:min(3, len(f))], " ")
}

// runLoad drives ts with the load test's clients, in a child process,
// and logs and returns what the server cost. It stops the server.
func runLoad(t *testing.T, ts loadTarget) loadFigures {
	n := *loadSessions
	defer ts.stop()
	// One session first: it builds what every session shares.
	warmKey := newSigner(t)
	if *loadAuthKeys > 0 {
		warmKey = loadSigner(t, 0)
	}
	warm := mustDial(t, ts.addr, warmKey)
	openTerminal(t, warm, 80, 24, true).waitFor(ts.ready, frameWait)
	warm.Close()
	backTo(t, ts)
	runtime.GC()
	debug.FreeOSMemory() // what an earlier run left mapped
	var f loadFigures
	g0, fd0 := runtime.NumGoroutine(), openFDs(t)
	f.rss0, f.fds0 = rssKiB(t), fd0

	child := exec.Command(os.Args[0], "-test.run=^TestLoadClients$", "-test.timeout=30m")
	child.Env = append(os.Environ(), loadAddrEnv+"="+ts.addr, loadReadyEnv+"="+ts.ready,
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
	gIdle := runtime.NumGoroutine()
	f.rssIdle = rssKiB(t)
	f.perIdle = float64(f.rssIdle-f.rss0) / 1024 / float64(n)
	t.Logf("%s: %d sessions open and idle after %v: RSS %d MiB (%d MiB before), %.2f MiB per session; goroutines %d (%d before)",
		ts.name, n, time.Since(start).Round(time.Millisecond), f.rssIdle>>10, f.rss0>>10, f.perIdle, gIdle, g0)

	idleCPU, idleWall := cpuTime(), time.Now()
	time.Sleep(3 * time.Second)
	f.idleCPU = 100 * (cpuTime() - idleCPU).Seconds() / time.Since(idleWall).Seconds()
	t.Logf("%s idle: server CPU %.1f%% of one core with %d sessions open", ts.name, f.idleCPU, n)

	cpu0, wall0 := cpuTime(), time.Now()
	fmt.Fprintln(stdin, "GO")
	peak := watchPeak(t)
	if err := json.Unmarshal([]byte(next("KEYS")), &f.loadReport); err != nil {
		t.Fatal(err)
	}
	cpu, wall := cpuTime()-cpu0, time.Since(wall0)
	gMax, rssMax := peak()
	f.keysCPU, f.rssMax = 100*cpu.Seconds()/wall.Seconds(), rssMax
	f.cpuPerKey = cpu / time.Duration(max(f.Frames, 1))
	t.Logf("%s keys: %d sessions × %d keys in %v: %d frames, %d lost; key-to-frame p50 %v, p99 %v, max %v; server CPU %.0f%% of one core, %v a key; goroutines up to %d; RSS up to %d MiB",
		ts.name, f.Sessions, f.Keys, wall.Round(time.Millisecond), f.Frames, f.Lost, ms(f.P50), ms(f.P99), ms(f.Max),
		f.keysCPU, f.cpuPerKey.Round(time.Microsecond), gMax, rssMax>>10)

	next("CLOSED")
	backTo(t, ts)
	goroutinesBack(t, g0)
	t.Logf("%s: all sessions closed: goroutines %d (%d before)", ts.name, runtime.NumGoroutine(), g0)

	cycles := next("CYCLES")
	if err := child.Wait(); err != nil {
		t.Fatalf("clients: %v", err)
	}
	backTo(t, ts)
	goroutinesBack(t, g0)
	deadline := time.Now().Add(10 * time.Second)
	for openFDs(t) > fd0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	runtime.GC()
	f.fdsAfter = openFDs(t)
	t.Logf("%s: %s connect/disconnect cycles: goroutines %d (%d before), descriptors %d (%d before), RSS %d MiB",
		ts.name, cycles, runtime.NumGoroutine(), g0, f.fdsAfter, fd0, rssKiB(t)>>10)
	return f
}

// watchPeak samples the goroutines and RSS every 250 ms until the
// returned function is called, which gives their peaks.
func watchPeak(t *testing.T) func() (goroutines, rssKiB int) {
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
	return func() (int, int) {
		close(done)
		mu.Lock()
		defer mu.Unlock()
		return gMax, rssMax
	}
}

// backTo waits for the server to count no session.
func backTo(t *testing.T, ts loadTarget) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for ts.sessions() > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := ts.sessions(); n > 0 {
		t.Fatalf("%s still counts %d sessions", ts.name, n)
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
	ready := os.Getenv(loadReadyEnv)
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
			if err == nil && !terms[i].waitFor(ready, time.Minute) {
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
			if err == nil && tm.waitFor(ready, time.Minute) {
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
