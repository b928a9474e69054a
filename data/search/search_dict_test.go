package search

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"runtime"
	"slices"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/gen"
)

// The library's dictionary lets through every index a query can match
// (whatever compile accepts, for every query of the test tables), keeps
// out some, survives encoding, is updated for editions added and removed,
// and refuses a damaged file.
func TestDictionaryLetsThroughEveryIndexThatCanMatch(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ixs := []*Index{NewIndex(b)}
	for i := range 30 {
		ixs = append(ixs, NewIndex(gen.Briefing(20+i%9, int64(i))))
	}
	byHash := map[string]*Index{}
	var hashes []string
	for i, ix := range ixs {
		h := fmt.Sprintf("h%02d", i)
		byHash[h], hashes = ix, append(hashes, h)
	}
	vocab := func(h string) ([]string, bool) {
		ix, ok := byHash[h]
		if !ok {
			return nil, false
		}
		return ix.Vocabulary(), true
	}
	d := UpdateDictionary(nil, hashes, vocab)
	decoded, ok := DecodeDictionary(d.Encode())
	if !ok {
		t.Fatal("an encoded dictionary does not decode")
	}
	// An edition removed (h03) and one added (h31, the same briefing as
	// h05 under another hash), to an updated dictionary.
	byHash["h31"] = ixs[5]
	updated := UpdateDictionary(decoded, append(append([]string{}, hashes[:3]...), append(hashes[4:], "h31")...), func(h string) ([]string, bool) {
		if h != "h31" {
			t.Errorf("updating decoded the kept edition %s again", h)
		}
		return vocab(h)
	})
	kept := 0
	for _, query := range append(tableQueries(), "convention", "conv", "zzzz", "minister -convention", `"the convention"`) {
		q := ParseQuery(query)
		for name, dict := range map[string]*Dictionary{"built": d, "decoded": decoded, "updated": updated} {
			may := dict.MayMatch(q)
			for n, h := range dict.Hashes {
				if _, ok := byHash[h].compile(q); ok && !q.Empty() && !may[n] {
					t.Fatalf("%s dictionary: %q keeps out %s, which can match", name, query, h)
				}
				if !may[n] && len(byHash[h].Search(q, SearchOptions{})) > 0 {
					t.Fatalf("%s dictionary: %q keeps out %s, which has hits", name, query, h)
				}
				if !may[n] {
					kept++
				}
			}
		}
	}
	if kept == 0 {
		t.Error("the dictionary never keeps an index out")
	}
	if len(updated.Hashes) != len(hashes) || updated.Hashes[len(updated.Hashes)-1] != "h31" {
		t.Errorf("updated dictionary covers %v", updated.Hashes)
	}
	raw := d.Encode()
	for name, bad := range map[string][]byte{
		"cut short": raw[:len(raw)/2],
		"flipped":   append(append([]byte{}, raw[:40]...), append([]byte{raw[40] ^ 1}, raw[41:]...)...),
		"foreign":   []byte("brief-index\x00 not a dictionary"),
	} {
		if _, ok := DecodeDictionary(bad); ok {
			t.Errorf("a %s dictionary decoded", name)
		}
	}
}

// TestDictionaryMadeToLookSoundNeverPanics: a dictionary whose body was
// changed and its checksum made right again, byte by byte, decodes to
// nothing or to one whose queries answer (an impossible list keeps no
// index out), never a panic.
func TestDictionaryMadeToLookSoundNeverPanics(t *testing.T) {
	var hashes []string
	byHash := map[string][]string{}
	for i := range 3 {
		h := fmt.Sprintf("h%d", i)
		hashes = append(hashes, h)
		byHash[h] = NewIndex(gen.Briefing(3+i, int64(i))).Vocabulary()
	}
	raw := UpdateDictionary(nil, hashes, func(h string) ([]string, bool) { return byHash[h], true }).Encode()
	queries := []Query{ParseQuery("convention"), ParseQuery("con"), ParseQuery(`"the summit" -minister`), ParseQuery("zzzz")}
	for at := len(dictMagic); at < len(raw)-4; at++ {
		for _, flip := range []byte{1, 0x80, 0xff} {
			bad := append([]byte{}, raw[:len(raw)-4]...)
			bad[at] ^= flip
			bad = binary.LittleEndian.AppendUint32(bad, crc32.Checksum(bad, castagnoli))
			d, ok := DecodeDictionary(bad)
			if !ok {
				continue
			}
			for _, q := range queries {
				if may := d.MayMatch(q); len(may) != len(d.Hashes) {
					t.Fatalf("byte %d ^ %#x: %d answers for %d indexes", at, flip, len(may), len(d.Hashes))
				}
			}
		}
	}
}

// TestDictionaryUpdatedNewestFirst: the library lists its editions
// newest first, so an edition added comes before those the dictionary
// covers. The updated dictionary numbers them in that order, its lists
// stay ascending through encoding and further updates (a list out of
// order was unreadable, and the update after it lost every older
// edition's keys), and it lets through every index that can match.
func TestDictionaryUpdatedNewestFirst(t *testing.T) {
	byHash := map[string]*Index{}
	var hashes []string
	for i := range 6 {
		h := fmt.Sprintf("h%d", i)
		byHash[h] = NewIndex(gen.Briefing(10+i, int64(i)))
		hashes = append(hashes, h)
	}
	vocab := func(h string) ([]string, bool) { return byHash[h].Vocabulary(), true }
	d, ok := DecodeDictionary(UpdateDictionary(nil, hashes[3:], vocab).Encode())
	if !ok {
		t.Fatal("does not decode")
	}
	// Editions added one at a time, each the newest; then one removed.
	for _, covered := range [][]string{hashes[2:], hashes[1:], hashes[0:], append([]string{hashes[0]}, hashes[2:]...)} {
		u := UpdateDictionary(d, covered, vocab)
		if fmt.Sprint(u.Hashes) != fmt.Sprint(covered) {
			t.Fatalf("updated to cover %v, numbered %v", covered, u.Hashes)
		}
		if d, ok = DecodeDictionary(u.Encode()); !ok {
			t.Fatalf("the dictionary updated to %v does not decode", covered)
		}
		for i := range d.len() {
			if _, ok := d.list(i); !ok {
				t.Fatalf("covering %v, the list of %q cannot be read", covered, d.key(i))
			}
		}
		for _, query := range []string{"convention", "con", "minister", `"the summit"`, "zzzz"} {
			q := ParseQuery(query)
			may := d.MayMatch(q)
			for n, h := range d.Hashes {
				if !may[n] && len(byHash[h].Search(q, SearchOptions{})) > 0 {
					t.Fatalf("covering %v: %q keeps out %s, which has hits", covered, query, h)
				}
			}
		}
	}
}

// FuzzDecodeDictionary: any bytes with a sound checksum either decode to
// a dictionary whose queries answer for every index it covers (an
// impossible list lets every index through), that updates to one that
// decodes again, or are refused; never a panic.
func FuzzDecodeDictionary(f *testing.F) {
	vocab := map[string][]string{
		"h0": {"convention", "hanoi", "signing"},
		"h1": {"con", "convention", "minister"},
		"h2": {"summit", "the"},
	}
	d := UpdateDictionary(nil, []string{"h0", "h1", "h2"}, func(h string) ([]string, bool) { return vocab[h], true })
	raw := d.Encode()
	f.Add(raw[len(dictMagic) : len(raw)-4])
	f.Add([]byte{dictVersion, 1, 1, 'h', 1, 0, 0, 0, 0, 1, 'a', 1, 1})
	overlapping := overlappingDictionary(8, 12)
	f.Add(overlapping[len(dictMagic) : len(overlapping)-4])
	queries := []Query{ParseQuery("convention"), ParseQuery("con"), ParseQuery(`"the summit" -minister`), ParseQuery("a"), ParseQuery("zzzz")}
	f.Fuzz(func(t *testing.T, body []byte) {
		d, ok := DecodeDictionary(sealed(append([]byte(dictMagic), body...)))
		if !ok {
			return
		}
		for _, q := range queries {
			may, sound := d.MayMatchChecked(q)
			if len(may) != len(d.Hashes) {
				t.Fatalf("%d answers for %d indexes", len(may), len(d.Hashes))
			}
			if !sound && slices.Contains(may, false) {
				t.Fatal("a list that cannot be read kept an index out")
			}
		}
		hashes := append(slices.Clone(d.Hashes), "new")
		u := UpdateDictionary(d, hashes, func(string) ([]string, bool) { return []string{"convention"}, true })
		again, ok := DecodeDictionary(u.Encode())
		if !ok {
			t.Fatal("an updated dictionary does not decode")
		}
		for i := range again.len() {
			if _, ok := again.list(i); !ok {
				t.Fatalf("the updated dictionary's list of %q cannot be read", again.key(i))
			}
		}
	})
}

// overlappingDictionary is a dictionary file made to look sound whose
// keys' records overlap: over the first bytes of its records, each 2-byte
// key length is followed by a key that runs to the same place, so every
// key is followed by one list, of all its editions. Read as it says, its
// keys' lists are keys × editions numbers from a file of about
// 4 × keys + 2 × editions bytes.
func overlappingDictionary(keys, editions int) []byte {
	w := &indexWriter{buf: append([]byte{}, dictMagic...)}
	w.uint(dictVersion)
	w.uint(uint64(editions))
	for range editions {
		w.str("")
	}
	w.uint(uint64(keys))
	listAt := 2 * keys
	for i := range keys {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(2*i))
	}
	for i := range keys {
		n := listAt - 2*i - 2 // the key runs from after its length to the list
		w.buf = append(w.buf, byte(n)|0x80, byte(n>>7))
	}
	w.uint(uint64(editions))
	for range editions {
		w.uint(1)
	}
	return sealed(w.buf)
}

// TestDictionaryRecordsMayNotOverlap: each key's record ends where the
// next begins, so reading every list of a file (as an update does) reads
// each byte once. A file whose records overlap made an update allocate
// keys × editions numbers: 32 MB from this 20 KB file, gigabytes from a
// megabyte.
func TestDictionaryRecordsMayNotOverlap(t *testing.T) {
	raw := overlappingDictionary(2000, 4000)
	d, ok := DecodeDictionary(raw)
	if !ok {
		return // refused whole: as good
	}
	if _, ok := d.list(0); ok {
		t.Error("the list of a record that runs into the next one was read")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	UpdateDictionary(d, append(slices.Clone(d.Hashes), "new"), func(string) ([]string, bool) { return []string{"convention"}, true })
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 100*uint64(len(raw)) {
		t.Errorf("updating a %d-byte dictionary allocated %d bytes", len(raw), grew)
	}
}

// TestDictionaryUpdateOfRepeatedKey: a file made to look sound that holds
// one key twice updates to a dictionary that reads (the key's list once,
// each edition once), not to one whose list repeats an edition.
func TestDictionaryUpdateOfRepeatedKey(t *testing.T) {
	raw := sealed([]byte(dictMagic + "\x02\x01\x01h\x02\x00\x00\x00\x00\x04\x00\x00\x00\x01a\x01\x01\x01a\x01\x01"))
	d, ok := DecodeDictionary(raw)
	if !ok {
		return // refused whole: as good
	}
	u, ok := DecodeDictionary(UpdateDictionary(d, []string{"h", "new"}, func(string) ([]string, bool) { return []string{"a"}, true }).Encode())
	if !ok {
		t.Fatal("the updated dictionary does not decode")
	}
	if may, ok := u.MayMatchChecked(ParseQuery("a")); !ok || !may[0] || !may[1] {
		t.Errorf("the updated dictionary's list of a: %v, readable %v", may, ok)
	}
}
