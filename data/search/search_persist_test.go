package search

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/gen"
)

var update = flag.Bool("update", false, "rewrite testdata/table-queries.txt from the test tables")

// tableQueries is every query of the search test tables: the rules, the
// embedded briefing's cases and spellings, and the fuzz seeds.
func tableQueries() []string {
	var qs []string
	for _, c := range ruleCases {
		qs = append(qs, c.query)
	}
	for _, c := range embeddedCases {
		qs = append(qs, c.query)
	}
	return append(append(qs, fuzzQueries...), "cuba", "giang", "convention", "cyber", "hanoi", "interpol", "child", "minister", "c", "e", "2025")
}

const tableQueriesFile = "testdata/table-queries.txt"

// The table's queries are kept in a file, one quoted per line, so that the
// library's tests run the same table through its persistent index.
func TestTableQueriesFile(t *testing.T) {
	var buf bytes.Buffer
	for _, q := range tableQueries() {
		buf.WriteString(strconv.Quote(q) + "\n")
	}
	if *update {
		if err := os.WriteFile(tableQueriesFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(tableQueriesFile)
	if err != nil || !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("%s is not the test tables' queries (%v): run `go test ./data/search -run TestTableQueriesFile -update`", tableQueriesFile, err)
	}
}

// roundTrip is ix encoded and decoded again.
func roundTrip(t testing.TB, ix *Index, hash string) *Index {
	t.Helper()
	back, err := DecodeIndex(ix.Encode(hash), hash)
	if err != nil {
		t.Fatalf("an index just encoded does not decode: %v", err)
	}
	return back
}

// An index read back from its encoding answers every query of the test
// tables with the very hits, snippets, marks and scores of the index it
// was made from, alone and across briefings.
func TestDecodedIndexSearchesAlike(t *testing.T) {
	embedded, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var built, decoded []*Index
	for i, b := range []*data.Briefing{ruleBriefing(), embedded, gen.Briefing(150, 1), {}} {
		ix := NewIndex(b)
		back := roundTrip(t, ix, strconv.Itoa(i))
		if !sameIndex(back, ix) {
			t.Fatalf("briefing %d: the decoded index differs from the one encoded", i)
		}
		if again := back.Encode(strconv.Itoa(i)); !bytes.Equal(again, ix.Encode(strconv.Itoa(i))) {
			t.Fatalf("briefing %d: a decoded index encodes otherwise than the one it was read from", i)
		}
		built, decoded = append(built, ix), append(decoded, back)
	}
	options := []SearchOptions{{}, {Limit: 3}, {Kinds: []data.Kind{data.KindEvent, data.KindStatement}}}
	for _, s := range tableQueries() {
		q := ParseQuery(s)
		for _, opt := range options {
			for i := range built {
				if got, want := decoded[i].Search(q, opt), built[i].Search(q, opt); !reflect.DeepEqual(got, want) {
					t.Errorf("%q in briefing %d: decoded index finds %v, want %v", s, i, got, want)
				}
			}
			if got, want := SearchMany(decoded, q, opt), SearchMany(built, q, opt); !reflect.DeepEqual(got, want) {
				t.Errorf("%q across briefings: decoded indexes find %v, want %v", s, got, want)
			}
		}
	}
}

// sameIndex reports whether two indexes hold the same documents, fields,
// words, vocabulary and postings, however each keeps them.
func sameIndex(a, b *Index) bool {
	if len(a.docs) != len(b.docs) || !reflect.DeepEqual(a.vocab, b.vocab) {
		return false
	}
	for t := range a.vocab {
		if !reflect.DeepEqual(termDocs(a, int32(t)), termDocs(b, int32(t))) {
			return false
		}
	}
	for d := range a.docs {
		da, db := *a.named(int32(d)), *b.named(int32(d))
		da.firstField, da.endField, db.firstField, db.endField = 0, 0, 0, 0
		da.ceiling, db.ceiling = a.docs[d].ceiling, b.docs[d].ceiling
		if !reflect.DeepEqual(da, db) || !reflect.DeepEqual(bodyOf(a, int32(d)), bodyOf(b, int32(d))) {
			return false
		}
	}
	return true
}

// termDocs is the documents holding term t, as a bit set.
func termDocs(ix *Index, t int32) []uint64 {
	set := make([]uint64, (len(ix.docs)+63)/64)
	ix.markPostings(set, t, t+1)
	return set
}

// bodyOf is document d's fields, each with its own words.
func bodyOf(ix *Index, d int32) []bodyField {
	fields, words := ix.body(d)
	out := make([]bodyField, len(fields))
	for i, f := range fields {
		out[i] = bodyField{f.text, f.class, words[f.firstWord:f.endWord]}
	}
	return out
}

type bodyField struct {
	text  string
	class fieldClass
	words []indexedWord
}

// An encoding of another bundle, another version, another program, or one
// damaged or cut short anywhere is refused, never searched.
func TestDecodeIndexRefusesBadFiles(t *testing.T) {
	raw := NewIndex(ruleBriefing()).Encode("abc")
	if _, err := DecodeIndex(raw, "abd"); err == nil {
		t.Error("an index of another bundle was read")
	}
	for n := 0; n < len(raw); n++ {
		if _, err := DecodeIndex(raw[:n], "abc"); err == nil {
			t.Fatalf("an index cut to %d of %d bytes was read", n, len(raw))
		}
		bad := bytes.Clone(raw)
		bad[n] ^= 0x5a
		if _, err := DecodeIndex(bad, "abc"); err == nil {
			t.Fatalf("an index with byte %d changed was read", n)
		}
	}
	other := bytes.Clone(raw[:len(raw)-4])
	other[len(indexMagic)] = indexVersion + 1
	if _, err := DecodeIndex(sealed(other), "abc"); err == nil {
		t.Error("an index of another version was read")
	}
	if _, err := DecodeIndex([]byte(`{"format":"brief-snapshot"}`), "abc"); err == nil {
		t.Error("a file that is not an index was read")
	}
}

// sealed is body with its checksum, as Encode ends it.
func sealed(body []byte) []byte {
	return binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, castagnoli))
}

// FuzzDecodeIndex: any bytes with a sound checksum either decode to an
// index that can be searched without a panic, or are refused.
func FuzzDecodeIndex(f *testing.F) {
	f.Add(NewIndex(ruleBriefing()).Encode("h")[len(indexMagic):])
	f.Add([]byte{1, 1, 'h', 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, body []byte) {
		ix, err := DecodeIndex(sealed(append([]byte(indexMagic), body...)), "h")
		if err != nil {
			return
		}
		for _, s := range []string{"giang", "g", `"hoang giang"`, "1325", "treaty -signature"} {
			ix.Search(ParseQuery(s), SearchOptions{})
			SearchMany([]*Index{ix, ix}, ParseQuery(s), SearchOptions{Limit: 3})
		}
	})
}

// TestDecodeIndexBoundsDocumentsByTheBytesLeft: a file made to look sound
// that claims a document, or a term, for every byte left is refused
// before they are made: a document takes at least 19 bytes in the file
// and some 128 in memory, and the claim made 136 bytes of memory per byte
// of file (a gigabyte from an index of an ordinary 8 MB); a term 2 and 16.
func TestDecodeIndexBoundsDocumentsByTheBytesLeft(t *testing.T) {
	w := &indexWriter{buf: []byte(indexMagic)}
	w.uint(indexVersion)
	w.str("h")
	const left = 1 << 20
	docs := binary.AppendUvarint(append([]byte{}, w.buf...), left)
	// No document, then a vocabulary of a term for every byte left.
	vocab := binary.AppendUvarint(binary.AppendUvarint(append([]byte{}, w.buf...), 0), left)
	for name, head := range map[string][]byte{"documents": docs, "terms": vocab} {
		raw := sealed(append(head, make([]byte, left)...))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := DecodeIndex(raw, "h")
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Fatalf("%s: decoded", name)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 8*uint64(len(raw)) {
			t.Errorf("%s: refusing a %d-byte index allocated %d bytes", name, len(raw), grew)
		}
	}
}
