package cache

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/words"
)

// bundle is a copy of examples/minimal in a folder of its own.
func bundle(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bundle")
	if err := os.CopyFS(dir, os.DirFS("../../examples/minimal")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, file)
	src, err := os.ReadFile(p)
	if err != nil || !bytes.Contains(src, []byte(old)) {
		t.Fatalf("%s has no %q (%v)", file, old, err)
	}
	if err := os.WriteFile(p, bytes.Replace(src, []byte(old), []byte(new), 1), 0o600); err != nil {
		t.Fatal(err)
	}
}

// load is c.LoadDir, which must give what the loader gives.
func load(t *testing.T, c Cache, dir string) (*data.Briefing, string) {
	t.Helper()
	b, hash, err := c.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := data.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !sameBriefing(b, want) {
		t.Fatal("the cache gives another briefing than the loader")
	}
	return b, hash
}

// The first open writes a snapshot, the second reads it; a bundle edited
// by hand (even to the same size) is loaded from its files again, and its
// new content gets its own snapshot.
func TestHandEditedBundleIsNeverServedStale(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	dir := bundle(t)
	_, hash := load(t, c, dir)
	if _, ok := c.Briefing(hash); !ok {
		t.Fatal("the first open kept no snapshot")
	}
	load(t, c, dir) // from the snapshot
	edit(t, dir, "briefing.yaml", "title: Example Summit on Open Data", "title: Example Summit on Open Dada")
	b, again := load(t, c, dir)
	if again == hash || !strings.HasSuffix(b.Overview.Title, "Dada") {
		t.Fatalf("the edited bundle was read as %q (hash %s, was %s)", b.Overview.Title, again, hash)
	}
	if _, ok := c.Briefing(again); !ok {
		t.Error("the edited content kept no snapshot")
	}
	// An edit that breaks the bundle is reported, never hidden by a
	// snapshot of what it was.
	edit(t, dir, "briefing.yaml", "title: Example Summit on Open Dada", "title: [")
	if _, _, err := c.LoadDir(dir); err == nil {
		t.Error("a bundle broken by hand loaded from the cache")
	}
}

// A snapshot or index that is damaged (any byte flipped), cut short (at
// any length), foreign, of another version or of another bundle is
// ignored, and written again. The version and model checks are tested
// where the format is (data).
func TestBadCacheFilesAreIgnoredAndRebuilt(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	dir := bundle(t)
	b, hash := load(t, c, dir)
	good, _ := os.ReadFile(c.path(hash, snapshotExt))
	other, _ := data.EncodeCachedSnapshot(b, strings.Repeat("0", len(hash)))
	legacy, _ := data.EncodeSnapshot(b, hash) // the embedded briefing's format, and earlier caches'
	bad := map[string][]byte{
		"empty":        {},
		"not ours":     []byte("\x00\x01garbage"),
		"JSON":         legacy,
		"other bundle": other,
		"longer":       append(slices.Clip(good), 0),
	}
	// data's TestCachedSnapshotRefused cuts and flips every byte of a
	// snapshot at the decoder; here, that the cache trusts none of what it
	// refuses: the header's bytes, the checksum's, and every 31st between.
	for n := range len(good) {
		if n >= 64 && n < len(good)-8 && n%31 != 0 {
			continue
		}
		bad[fmt.Sprintf("cut to %d bytes", n)] = good[:n]
		flipped := slices.Clone(good)
		flipped[n] ^= 1 << (n % 8)
		bad[fmt.Sprintf("byte %d flipped", n)] = flipped
	}
	for name, raw := range bad {
		if err := os.WriteFile(c.path(hash, snapshotExt), raw, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Briefing(hash); ok {
			t.Fatalf("%s: the snapshot was trusted", name)
		}
	}
	// Rebuilding is the same for every kind of damage: a few of them.
	for _, name := range []string{"empty", "JSON", "other bundle", "cut to 93 bytes", "byte 217 flipped"} {
		os.WriteFile(c.path(hash, snapshotExt), bad[name], 0o600)
		load(t, c, dir)
		if raw, _ := os.ReadFile(c.path(hash, snapshotExt)); !bytes.Equal(raw, good) {
			t.Errorf("%s: the snapshot was not written again", name)
		}
	}
	ix := search.NewIndex(b)
	if err := c.PutIndex(hash, ix); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Index(hash); !ok {
		t.Fatal("an index just kept does not read back")
	}
	raw, _ := os.ReadFile(c.path(hash, indexExt))
	raw[len(raw)/2] ^= 1
	os.WriteFile(c.path(hash, indexExt), raw, 0o600)
	if _, ok := c.Index(hash); ok {
		t.Error("a damaged index was trusted")
	}
	c.Remove(hash)
	if _, ok := c.Briefing(hash); ok {
		t.Error("a removed snapshot is still read")
	}
}

// The JSON snapshot earlier versions kept is never read; writing the
// snapshot of its hash removes it, and so does pruning the bundles' cache.
func TestLegacySnapshotsGo(t *testing.T) {
	c := Cache{Dir: t.TempDir(), Keep: 4}
	dir := bundle(t)
	b, err := data.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := data.HashBundle(dir)
	legacy, _ := data.EncodeSnapshot(b, hash)
	stray := c.path(strings.Repeat("a", len(hash)), legacySnapshotExt)
	for _, p := range []string{c.path(hash, legacySnapshotExt), stray} {
		if err := os.WriteFile(p, legacy, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := c.Briefing(hash); ok {
		t.Fatal("a JSON snapshot was read")
	}
	load(t, c, dir)
	for _, p := range []string{c.path(hash, legacySnapshotExt), stray} {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is still there (%v)", filepath.Base(p), err)
		}
	}
}

// writerEnv names the bundle a helper process loads into the cache.
const writerEnv = "BRIEF_CACHE_TEST_WRITER"

// TestCacheWriter is the helper process of TestTwentyWriters.
func TestCacheWriter(t *testing.T) {
	spec := os.Getenv(writerEnv)
	if spec == "" {
		t.Skip("helper process of TestTwentyWriters")
	}
	cacheDir, dir, _ := strings.Cut(spec, "\n")
	c := Cache{Dir: cacheDir}
	for range 5 {
		b, hash, err := c.LoadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.PutBriefing(hash, b); err != nil {
			t.Fatal(err)
		}
		if err := c.PutIndex(hash, search.NewIndex(b)); err != nil {
			t.Fatal(err)
		}
	}
}

// 20 processes writing the snapshot and index of one bundle at once: each
// reads a sound briefing, and what is left is one sound snapshot and one
// sound index, with no temporary file.
func TestTwentyWriters(t *testing.T) {
	c := Cache{Dir: filepath.Join(t.TempDir(), "cache")}
	dir := bundle(t)
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range errs {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestCacheWriter$", "-test.count=1")
			cmd.Env = append(os.Environ(), writerEnv+"="+c.Dir+"\n"+dir)
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("writer %d: %v\n%s", i, err, out)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	_, hash := load(t, c, dir)
	if _, ok := c.Briefing(hash); !ok {
		t.Error("no sound snapshot after 20 writers")
	}
	if _, ok := c.Index(hash); !ok {
		t.Error("no sound index after 20 writers")
	}
	names, _ := os.ReadDir(c.Dir)
	if len(names) != 2 {
		t.Errorf("the cache holds %d files, want the snapshot and the index: %v", len(names), names)
	}
}

// LoadDirThenKeep gives the briefing at once and writes its snapshot in
// the background; Wait lets the writing finish.
func TestLoadDirThenKeep(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	dir := bundle(t)
	b, err := c.LoadDirThenKeep(dir)
	if err != nil {
		t.Fatal(err)
	}
	Wait()
	files, _ := data.ReadBundle(dir)
	kept, ok := c.Briefing(files.Hash())
	if !ok || !sameBriefing(kept, b) {
		t.Fatal("no snapshot of the briefing after Wait")
	}
	if _, err := c.LoadDirThenKeep(filepath.Join(dir, "nowhere")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a missing bundle: %v", err)
	}
}

// A cache without a folder keeps nothing and still loads.
func TestNoFolderKeepsNothing(t *testing.T) {
	dir := bundle(t)
	b, _ := load(t, Cache{}, dir)
	if err := (Cache{}).PutBriefing("ab", b); err == nil {
		t.Error("a cache without a folder wrote")
	}
	if _, ok := (Cache{Dir: t.TempDir()}).Briefing("../etc"); ok {
		t.Error("a hash that is not one was read")
	}
}

// A cache that keeps two snapshots keeps the two bundles opened last.
func TestKeepBoundsTheSnapshots(t *testing.T) {
	c := Cache{Dir: t.TempDir(), Keep: 2}
	dirs := make([]string, 3)
	hashes := make([]string, 3)
	for i := range dirs {
		dirs[i] = bundle(t)
		edit(t, dirs[i], "briefing.yaml", "title: Example Summit on Open Data", fmt.Sprintf("title: Example Summit on Open Data %d", i))
	}
	at := time.Now().Add(-time.Hour)
	open := func(i int) {
		t.Helper()
		_, hashes[i] = load(t, c, dirs[i])
		// Each open a minute after the one before, whatever the clock's
		// grain.
		at = at.Add(time.Minute)
		os.Chtimes(c.path(hashes[i], snapshotExt), at, at)
	}
	open(0)
	open(1)
	open(0) // opened again: now the newest
	open(2)
	for i, want := range []bool{true, false, true} {
		if _, ok := c.Briefing(hashes[i]); ok != want {
			t.Errorf("bundle %d kept: %v, want %v", i, ok, want)
		}
	}
}

// sameBriefing: a and b hold the same briefing and the same word counts
// (kept in the snapshot, counted from the files).
func sameBriefing(a, b *data.Briefing) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb) && words.Counts(a) == words.Counts(b)
}

// TestHugeFileIsIgnoredUnread: a cached file far larger than any brief
// writes (a sparse file left by a crash of the file system, or one made
// to exhaust memory) is ignored without being read: before, it was read
// whole into memory (a file of hundreds of gigabytes ended the process).
func TestHugeFileIsIgnoredUnread(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	const hash = "0123456789abcdef"
	for _, ext := range []string{snapshotExt, indexExt} {
		f, err := os.Create(c.path(hash, ext))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no disk used
			t.Fatal(err)
		}
		f.Close()
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, okB := c.Briefing(hash)
	_, okI := c.Index(hash)
	runtime.ReadMemStats(&after)
	if okB || okI {
		t.Fatal("a huge file of zeros was read as a cached file")
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("ignoring two files over %d bytes allocated %d bytes", MaxFileSize, grew)
	}
}
