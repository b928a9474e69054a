package serve

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/data"
)

// unseenCount is a tab's unseen count in the tab bar: it shows once the
// reader's memory has loaded.
var unseenCount = regexp.MustCompile(`·\d`)

// bookmarkedSource is the status line after * on a source: it names the
// source by its outlet (this briefing's outlets are unique).
var bookmarkedSource = regexp.MustCompile(`bookmarked ([^:·\n]+?)(?::| ·)`)

// bookmarkedOn is the source the status line on screen says * bookmarked.
func bookmarkedOn(t *testing.T, screen string) (*data.Source, bool) {
	t.Helper()
	m := bookmarkedSource.FindStringSubmatch(screen)
	if m == nil {
		return nil, false
	}
	for i := range testShared(t).Briefing().Sources {
		if src := &testShared(t).Briefing().Sources[i]; src.Outlet == m[1] {
			return src, true
		}
	}
	return nil, false
}

// keysFile writes an authorized_keys file for signers.
func keysFile(t *testing.T, signers ...gossh.Signer) string {
	t.Helper()
	var b []byte
	for _, s := range signers {
		b = append(b, gossh.MarshalAuthorizedKey(s.PublicKey())...)
	}
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// readerOf connects with signer and waits for the reader's memory: the
// tab bar's unseen counts.
func readerOf(t *testing.T, addr string, signer gossh.Signer) (*gossh.Client, *terminal) {
	t.Helper()
	c := mustDial(t, addr, signer)
	tm := openTerminal(t, c, 120, 30, true)
	deadline := time.Now().Add(frameWait)
	for !unseenCount.MatchString(tm.screen()) && time.Now().Before(deadline) {
		tm.settle(50 * time.Millisecond)
	}
	if !unseenCount.MatchString(tm.screen()) {
		t.Fatalf("the reader's memory never loaded (no unseen counts in the tab bar):\n%s", tm.screen())
	}
	return c, tm
}

// quit presses Q (quit now, whatever view is open) and waits for the server to count the session out, so
// its state has been let go.
func quit(t *testing.T, ts *testServer, c *gossh.Client, tm *terminal) {
	t.Helper()
	tm.key("Q", frameWait)
	if !tm.ended(frameWait) {
		t.Fatal("Q did not end the session")
	}
	c.Close()
	sessionsBack(t, ts.srv)
}

// bookmark presses * until it bookmarks: the key's memory may still be
// opening (the tab bar counts everything unseen until it arrives, so
// readerOf cannot tell).
func bookmark(tm *terminal) bool {
	deadline := time.Now().Add(frameWait)
	for time.Now().Before(deadline) {
		n := tm.size()
		tm.key("*", frameWait)
		if tm.waitFor("bookmarked ", 200*time.Millisecond) {
			return true
		}
		if !strings.Contains(ansi.Strip(tm.outSince(n)), "still opening") {
			return tm.waitFor("bookmarked ", frameWait)
		}
	}
	return false
}

// bookmarksShown opens the Bookmarks view (M) and returns its screen.
func bookmarksShown(t *testing.T, tm *terminal) string {
	t.Helper()
	n := tm.size()
	tm.key("M", frameWait)
	if !tm.waitFor("Bookmarks · y copies", frameWait) {
		t.Fatalf("M did not open the Bookmarks view:\n%s", tm.screen())
	}
	tm.settle(200 * time.Millisecond)
	return tm.outSince(n)
}

// With --authorized-keys each key finds its own place and bookmarks again,
// and sees no other key's.
func TestEachKeyKeepsItsPlaceAndBookmarks(t *testing.T) {
	t.Parallel()
	alice, bob := newSigner(t), newSigner(t)
	dir := filepath.Join(t.TempDir(), "serve")
	ts := startServer(t, Config{AuthorizedKeys: keysFile(t, alice, bob), Store: NewKeyState(dir, "builtin", testShared(t))})

	c, a := readerOf(t, ts.addr, alice)
	a.key("6", frameWait)
	if !a.waitFor("Sources 1/", frameWait) {
		t.Fatalf("6 did not open the sources:\n%s", a.screen())
	}
	a.key("j", frameWait)
	if !a.waitShown("Sources 2/", frameWait) {
		t.Fatalf("j did not select the second source:\n%s", a.shown())
	}
	if !bookmark(a) {
		t.Fatalf("* did not bookmark the source:\n%s", a.screen())
	}
	src, ok := bookmarkedOn(t, a.screen())
	if !ok {
		t.Fatalf("the bookmark message names no source:\n%s", a.screen())
	}
	quit(t, ts, c, a)

	c, a = readerOf(t, ts.addr, alice)
	if !a.waitShown("Sources 2/", frameWait) {
		t.Fatalf("the same key did not come back to the second source:\n%s", a.shown())
	}
	if got := ansi.Strip(bookmarksShown(t, a)); !strings.Contains(got, src.Outlet) {
		t.Errorf("the Bookmarks view does not list the bookmark of %s made by the same key:\n%s", src.Outlet, got)
	}
	quit(t, ts, c, a)

	c, b := readerOf(t, ts.addr, bob)
	b.settle(300 * time.Millisecond)
	if got := b.shown(); !strings.Contains(got, "Overview · ") {
		t.Fatalf("another key did not start at the overview:\n%s", got)
	}
	if got := ansi.Strip(bookmarksShown(t, b)); !strings.Contains(got, "no bookmarks yet") {
		t.Errorf("another key sees bookmarks it did not make:\n%s", got)
	}
	quit(t, ts, c, b)

	// Each key has its own private folder and database.
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 2 {
		t.Errorf("%d folders in %s, want one per key (2)", len(ents), dir)
	}
	want, _ := KeyFolder(gossh.FingerprintSHA256(alice.PublicKey()))
	if _, err := os.Stat(filepath.Join(dir, want, "brief.db")); err != nil {
		t.Errorf("no database for the first key: %v", err)
	}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		perm, wantPerm := info.Mode().Perm(), fs.FileMode(0o600)
		if d.IsDir() {
			wantPerm = 0o700
		}
		if perm != wantPerm {
			t.Errorf("%s has mode %v, want %v", path, perm, wantPerm)
		}
		return nil
	})
}

// Two sessions of one key at once share its state: a bookmark made in
// each is kept.
func TestTwoSessionsOfOneKeyLoseNoWrite(t *testing.T) {
	t.Parallel()
	alice := newSigner(t)
	ts := startServer(t, Config{AuthorizedKeys: keysFile(t, alice), Store: NewKeyState(filepath.Join(t.TempDir(), "serve"), "builtin", testShared(t))})
	var wg sync.WaitGroup
	headlines := make([]string, 2)
	for i := range 2 {
		c, tm := readerOf(t, ts.addr, alice)
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Not tm.key: the second session may open at the Sources
			// tab already, where the first one's place was saved, and 6
			// then draws nothing new.
			io.WriteString(tm.in, "6")
			if !tm.waitFor("Sources 1/", frameWait) {
				t.Errorf("6 did not open the sources in session %d:\n%s", i+1, tm.screen())
				return
			}
			for range i {
				tm.key("j", frameWait)
			}
			if !bookmark(tm) {
				t.Errorf("* did not bookmark in session %d:\n%s", i+1, tm.screen())
				return
			}
			src, ok := bookmarkedOn(t, tm.screen())
			if !ok {
				t.Errorf("the bookmark message names no source:\n%s", tm.screen())
				return
			}
			headlines[i] = src.Outlet
			tm.key("Q", frameWait)
			tm.ended(frameWait)
			c.Close()
		}()
	}
	wg.Wait()
	sessionsBack(t, ts.srv)
	if headlines[0] == headlines[1] {
		t.Fatalf("both sessions bookmarked the same source %q", headlines[0])
	}
	c, tm := readerOf(t, ts.addr, alice)
	got := ansi.Strip(bookmarksShown(t, tm))
	for _, h := range headlines {
		if !strings.Contains(got, firstWords(h, 3)) {
			t.Errorf("the bookmark of %q made in one of two sessions at once was lost:\n%s", h, got)
		}
	}
	quit(t, ts, c, tm)
}

// Without --authorized-keys nothing is stored per client, even with a
// store configured.
func TestWithoutKeysNothingIsStored(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "serve")
	ts := startServer(t, Config{Store: NewKeyState(dir, "builtin", testShared(t))})
	c := mustDial(t, ts.addr, newSigner(t))
	tm := openTerminal(t, c, 120, 30, true)
	if !tm.waitFor("Synthesis", frameWait) {
		t.Fatalf("no overview:\n%s", tm.screen())
	}
	tm.key("6", frameWait)
	tm.key("j", frameWait)
	tm.key("*", frameWait)
	if !tm.waitFor("bookmarks are not available", frameWait) {
		t.Errorf("* on a server without keys did not say bookmarks are not kept:\n%s", tm.screen())
	}
	tm.settle(300 * time.Millisecond)
	quit(t, ts, c, tm)
	if unseenCount.MatchString(tm.screen()) {
		t.Errorf("a reader without a key was given a memory (unseen counts):\n%s", tm.screen())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		ents, _ := os.ReadDir(dir)
		t.Fatalf("a server without keys wrote client state in %s: %v", dir, ents)
	}
}

func TestKeyFolderIsOnePathElement(t *testing.T) {
	t.Parallel()
	// A fingerprint whose base64 has both / and +.
	fp := "SHA256:" + strings.Repeat("a/+b", 10) + "xyz"
	name, err := KeyFolder(fp)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(name, `/+\.`) || name != filepath.Base(name) {
		t.Errorf("folder %q of %s is not one safe path element", name, fp)
	}
	for _, bad := range []string{"", "MD5:aa:bb", "SHA256:../../etc", "SHA256:" + strings.Repeat("A", 20)} {
		if _, err := KeyFolder(bad); err == nil {
			t.Errorf("KeyFolder(%q) gave a folder", bad)
		}
	}
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

// speakersThenQuit opens the Speakers tab (4), waits for its first page,
// then sends keys, which end the session, in one write, and waits for the
// server to let the session go.
func speakersThenQuit(t *testing.T, ts *testServer, c *gossh.Client, a *terminal, keys string) {
	t.Helper()
	a.key("4", frameWait)
	if !a.waitShown("Speakers 1/", frameWait) {
		t.Fatalf("4 did not open the speakers:\n%s", a.shown())
	}
	a.key(keys, frameWait)
	if !a.ended(frameWait) {
		t.Fatalf("%q did not end the session", keys)
	}
	c.Close()
	sessionsBack(t, ts.srv)
}

// A move made just before the session ends, inside the save delay (150 ms),
// is kept: the end (Q, or the client vanishing) writes the last place
// before the key's database is let go.
func TestQuitInsideTheSaveDelayKeepsTheLastMove(t *testing.T) {
	alice := newSigner(t)
	dir := filepath.Join(t.TempDir(), "serve")
	ts := startServer(t, Config{AuthorizedKeys: keysFile(t, alice), Store: NewKeyState(dir, "builtin", testShared(t))})

	c, a := readerOf(t, ts.addr, alice)
	// j and Q in one write: Q arrives well inside the save delay.
	speakersThenQuit(t, ts, c, a, "jQ")

	c, a = readerOf(t, ts.addr, alice)
	if !a.waitShown("Speakers 2/", frameWait) {
		t.Fatalf("the move just before Q was lost:\n%s", a.shown())
	}
	// j, then the client vanishes as soon as its frame shows the move (the
	// server must have read the key: a key still in flight when the
	// connection drops is never read), well inside the save delay on a
	// machine that is not overloaded. No key quits this reader.
	if _, err := io.WriteString(a.in, "j"); err != nil {
		t.Fatal(err)
	}
	if !a.waitShown("Speakers 3/", frameWait) {
		t.Fatalf("j did not move:\n%s", a.shown())
	}
	c.Close()
	sessionsBack(t, ts.srv)

	c, a = readerOf(t, ts.addr, alice)
	if !a.waitShown("Speakers 3/", frameWait) {
		t.Fatalf("the move just before the client vanished was lost:\n%s", a.shown())
	}
	quit(t, ts, c, a)
}

// speakersUnseen is the Speakers tab's unseen count in the tab bar.
var speakersUnseen = regexp.MustCompile(`Speakers ?·(\d+)`)

// A page shown and the session quit at once, inside the save delay, is
// seen when the key comes back: Q writes the seen marks waiting for the
// next save with the place.
func TestPageShownThenQuitIsSeenOnReopen(t *testing.T) {
	alice := newSigner(t)
	dir := filepath.Join(t.TempDir(), "serve")
	ts := startServer(t, Config{AuthorizedKeys: keysFile(t, alice), Store: NewKeyState(dir, "builtin", testShared(t))})
	count := func(a *terminal) int {
		t.Helper()
		m := speakersUnseen.FindStringSubmatch(a.shown())
		if m == nil {
			t.Fatalf("no unseen count on the Speakers tab:\n%s", a.shown())
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}

	c, a := readerOf(t, ts.addr, alice)
	before := count(a)
	// * bookmarks once the key's memory is open: a reader that quits
	// before then has nothing to write to.
	if !bookmark(a) {
		t.Fatalf("* did not bookmark:\n%s", a.shown())
	}
	// 4 shows the first speaker's page; 1 goes back to the Overview (so
	// the next session does not show it again) and Q quits, in one write.
	speakersThenQuit(t, ts, c, a, "1Q")

	// The tab bar counts everything unseen until the memory arrives.
	c, a = readerOf(t, ts.addr, alice)
	deadline := time.Now().Add(frameWait)
	for count(a) != before-1 && time.Now().Before(deadline) {
		a.settle(50 * time.Millisecond)
	}
	if got := count(a); got != before-1 {
		t.Errorf("the Speakers tab counts %d unseen after the first speaker was shown, want %d:\n%s", got, before-1, a.shown())
	}
	quit(t, ts, c, a)
}
