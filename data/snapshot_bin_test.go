package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

const testHash = "0123456789abcdef"

// edgeBriefing has what the format must keep apart: a nil list and an
// empty one, false and true, negative and large numbers, empty texts and
// texts with any bytes.
func edgeBriefing() *Briefing {
	b := &Briefing{
		Overview: Overview{Title: "T\x00itle ✓", Background: []string{}, Outlook: []string{"", "Hà Nội"}},
		Timeline: []Event{{ID: "e", LeadUp: true, Sources: []string{}}, {ID: "f", PartOfDay: Morning}},
		Measures: []Measure{{ID: "m", Number: -3}, {ID: "n", Number: 1 << 40}},
		Speakers: []Speaker{{ID: "s", Statements: []Statement{{Session: "x", Quote: Quote{Text: "q", Lang: "vi"}}}}},
		Glossary: []GlossaryEntry{},
	}
	b.Finish()
	return b
}

// The cache's snapshot decodes to the briefing it was made of, the word
// counts too when they were counted.
func TestCachedSnapshotRoundTrip(t *testing.T) {
	embedded, err := loadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	counted := edgeBriefing()
	counted.setWords(WordCounts{Overview: 12, Whole: 3456})
	for name, b := range map[string]*Briefing{"embedded": embedded, "edge cases": edgeBriefing(), "words counted": counted} {
		raw, err := EncodeCachedSnapshot(b, testHash)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := DecodeCachedSnapshot(raw, testHash)
		if !ok {
			t.Fatalf("%s: its own snapshot is refused", name)
		}
		if !reflect.DeepEqual(got, b) {
			t.Errorf("%s: decodes to another briefing", name)
		}
		if name == "words counted" && got.countedWords() == nil {
			t.Error("the word counts were not kept")
		}
	}
}

// A snapshot of another version, model or bundle is refused even with a
// sound checksum; so is anything damaged, cut short or followed by more.
func TestCachedSnapshotRefused(t *testing.T) {
	b := edgeBriefing()
	plan, err := planBriefing()
	if err != nil {
		t.Fatal(err)
	}
	otherModel := plan
	otherModel.schema += "X:s,"
	encode := func(plan briefingPlan, version uint64, hash string) []byte {
		var buf bytes.Buffer
		w := &snapshotWriter{out: &buf}
		encodeCached(w, b, plan, version, hash)
		if err := w.finish(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	good := encode(plan, cachedSnapshotVersion, testHash)
	for name, raw := range map[string][]byte{
		"other version": encode(plan, cachedSnapshotVersion+1, testHash),
		"other model":   encode(otherModel, cachedSnapshotVersion, testHash),
		"other bundle":  encode(plan, cachedSnapshotVersion, "fedcba9876543210"),
		"more after":    withChecksum(append(good[:len(good)-4:len(good)-4], 0)),
		"one field cut": withChecksum(good[: len(good)-5 : len(good)-5]),
	} {
		if _, ok := DecodeCachedSnapshot(raw, testHash); ok {
			t.Errorf("%s: decoded", name)
		}
	}
	for n := range len(good) {
		if _, ok := DecodeCachedSnapshot(good[:n], testHash); ok {
			t.Errorf("cut to %d bytes: decoded", n)
		}
		flipped := append([]byte(nil), good...)
		flipped[n] ^= 0x10
		if _, ok := DecodeCachedSnapshot(flipped, testHash); ok {
			t.Errorf("byte %d flipped: decoded", n)
		}
	}
	if _, ok := DecodeCachedSnapshot(good, ""); ok {
		t.Error("decoded for no bundle")
	}
}

// withChecksum is body followed by its checksum, as the format ends.
func withChecksum(body []byte) []byte {
	return binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, castagnoli))
}

// Whatever a file holds under a sound checksum, decoding it returns (a
// briefing or a refusal) and never panics or allocates beyond what the
// file could hold.
func FuzzDecodeCachedSnapshot(f *testing.F) {
	raw, err := EncodeCachedSnapshot(edgeBriefing(), testHash)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw[:len(raw)-4])
	f.Add(raw[:len(raw)/2])
	f.Fuzz(func(t *testing.T, body []byte) {
		if b, ok := DecodeCachedSnapshot(withChecksum(body), testHash); ok {
			if _, err := EncodeCachedSnapshot(b, testHash); err != nil {
				t.Fatal(err)
			}
			// What the reader does with every item: look it up, and
			// what it cites.
			for _, ref := range b.Items() {
				if !b.Has(ref) {
					t.Fatalf("item %v is listed and cannot be found", ref)
				}
				b.SourcesOf(ref)
			}
			for _, sp := range b.Speakers {
				b.SessionsOf(sp.ID)
			}
		}
	})
}

// HashBundle reads the files as ReadBundle does, and hashes them alike.
func TestHashBundle(t *testing.T) {
	files, err := ReadBundle("bundle")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := HashBundle("bundle"); err != nil || got != files.Hash() || got != embeddedHash() {
		t.Errorf("HashBundle = %s, %v; ReadBundle's hash is %s", got, err, files.Hash())
	}
	if _, err := HashBundle(filepath.Join(t.TempDir(), "nowhere")); err == nil {
		t.Error("a missing folder hashed")
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "briefing.yaml"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := HashBundle(dir); err == nil {
		t.Error("a folder in place of a file hashed")
	}
}

// failingWriter takes n bytes, then fails.
type failingWriter struct{ n int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}

// A snapshot written in pieces is the one encoded whole, and a write
// that fails is reported.
func TestWriteCachedSnapshot(t *testing.T) {
	b := edgeBriefing()
	for i := range 3000 {
		b.Timeline = append(b.Timeline, Event{ID: strconv.Itoa(i), Title: strings.Repeat("word ", 10), Sources: []string{"a"}})
	}
	b.Finish()
	raw, err := EncodeCachedSnapshot(b, testHash)
	if err != nil || len(raw) < 3*flushAt {
		t.Fatalf("the embedded briefing's snapshot is %d bytes (%v), want several pieces", len(raw), err)
	}
	for _, n := range []int{0, flushAt, len(raw) - 1} {
		if err := WriteCachedSnapshot(&failingWriter{n: n}, b, testHash); err == nil {
			t.Errorf("a writer failing after %d bytes: no error", n)
		}
	}
	if err := WriteCachedSnapshot(&failingWriter{n: len(raw)}, b, testHash); err != nil {
		t.Error(err)
	}
	if got, ok := DecodeCachedSnapshot(raw, testHash); !ok || !reflect.DeepEqual(got, b) {
		t.Error("a snapshot written in pieces does not decode to its briefing")
	}
}

// A snapshot holding more list entries than the loader lets a bundle
// have (each entry of a list is a value of its files) is refused before
// its lists are made: a crafted file could otherwise make some 19 bytes
// of briefing per byte of file (an empty session is 14 bytes encoded and
// 256 in memory), 4.8 GB from the largest file the cache reads.
func TestCachedSnapshotOverTheValueLimitIsRefused(t *testing.T) {
	b := edgeBriefing()
	for i := range 40 {
		b.Glossary = append(b.Glossary, GlossaryEntry{ID: strconv.Itoa(i)})
	}
	b.Finish()
	raw, err := EncodeCachedSnapshot(b, testHash)
	if err != nil {
		t.Fatal(err)
	}
	defer func(saved int) { maxValues = saved }(maxValues)
	maxValues = 60
	if _, ok := DecodeCachedSnapshot(raw, testHash); !ok {
		t.Fatal("a snapshot within the limit is refused")
	}
	maxValues = 40
	if _, ok := DecodeCachedSnapshot(raw, testHash); ok {
		t.Error("a snapshot of more list entries than the loader allows values decoded")
	}
}

// A snapshot whose items of one kind share an id is refused: the loader
// refuses such a bundle, and code past it counts on ids being unique
// (library.ItemHashes panicked on a snapshot with two speakers "s", the
// second with a statement, looking "statement:s#0" up in the first).
func TestCachedSnapshotWithARepeatedIDIsRefused(t *testing.T) {
	b := &Briefing{Speakers: []Speaker{{ID: "s"}, {ID: "s", Statements: []Statement{{Text: "x"}}}}}
	b.Finish()
	raw, err := EncodeCachedSnapshot(b, testHash)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := DecodeCachedSnapshot(raw, testHash); ok {
		t.Error("a snapshot of two speakers of one id decoded")
	}
	b.Speakers[1].ID = "t"
	b.Finish()
	if raw, _ = EncodeCachedSnapshot(b, testHash); !decodes(raw) {
		t.Error("a snapshot of two speakers of their own ids is refused")
	}
}

func decodes(raw []byte) bool {
	_, ok := DecodeCachedSnapshot(raw, testHash)
	return ok
}
