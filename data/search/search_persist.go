package search

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"slices"
	"unsafe"

	"github.com/brief-reader/brief/data"
)

// indexMagic and indexVersion begin an encoded index: a file of another
// program or of another version of this encoding is refused, never read.
const (
	indexMagic   = "brief-index\x00"
	indexVersion = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errBadIndex is an encoded index that is damaged, foreign, of another
// version or of another bundle: the caller builds the index again.
var errBadIndex = errors.New("not a search index of this bundle")

// Encode is ix in the compact binary form DecodeIndex reads, made from
// the briefing whose files have the content hash bundleHash. Decoding it
// gives an index that searches exactly as ix does: the same engine runs
// on the same documents, words and postings.
func (ix *Index) Encode(bundleHash string) []byte {
	w := &indexWriter{buf: append(make([]byte, 0, 64+len(ix.words)*6+len(ix.postings)*2), indexMagic...)}
	w.uint(indexVersion)
	w.str(bundleHash)
	w.uint(uint64(len(ix.docs)))
	for _, d := range ix.docs {
		w.str(string(d.kind))
		w.str(string(d.ref.Kind))
		w.str(d.ref.ID)
		w.str(d.title)
		w.uint(uint64(len(d.sources)))
		for _, s := range d.sources {
			w.str(s)
		}
		w.uint(uint64(d.firstField))
		w.uint(uint64(d.endField - d.firstField))
		w.uint(uint64(d.description + 1))
		w.uint(uint64(d.ceiling.weight))
		w.buf = binary.LittleEndian.AppendUint64(w.buf, d.ceiling.titleLengths)
		w.buf = binary.LittleEndian.AppendUint64(w.buf, d.ceiling.metaLengths)
	}
	w.uint(uint64(len(ix.fields)))
	for _, f := range ix.fields {
		w.str(f.text)
		w.uint(uint64(f.class))
		w.uint(uint64(f.endWord - f.firstWord))
	}
	w.uint(uint64(len(ix.words)))
	for _, wd := range ix.words {
		w.uint(uint64(wd.start))
		w.uint(uint64(wd.end - wd.start))
		w.uint(uint64(wd.term))
	}
	w.uint(uint64(len(ix.vocab)))
	for _, v := range ix.vocab {
		w.str(v)
	}
	// postingStart is rebuilt from each term's count; postings are
	// ascending per term, so each is kept as its gap from the one before.
	for t := range ix.vocab {
		w.uint(uint64(ix.postingStart[t+1] - ix.postingStart[t]))
	}
	for t := range ix.vocab {
		prev := int32(-1)
		for _, d := range ix.postings[ix.postingStart[t]:ix.postingStart[t+1]] {
			w.uint(uint64(d - prev))
			prev = d
		}
	}
	return binary.LittleEndian.AppendUint32(w.buf, crc32.Checksum(w.buf, castagnoli))
}

type indexWriter struct{ buf []byte }

func (w *indexWriter) uint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

func (w *indexWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// DecodeIndex reads an index Encode wrote for the bundle whose files hash
// to bundleHash. The index holds on to raw, which must not change
// afterwards. Anything else (damaged, cut short, foreign, of another
// version or another bundle) is an error, never an index.
func DecodeIndex(raw []byte, bundleHash string) (*Index, error) {
	r, ok := checkedReader(raw, indexMagic)
	if !ok || r.uint() != indexVersion || r.str() != bundleHash {
		return nil, errBadIndex
	}
	ix := &Index{}
	r.docs(ix)
	r.fields(ix)
	r.words(ix)
	r.vocab(ix)
	r.postings(ix)
	if r.bad || r.at != len(r.all) || !ix.sound() {
		return nil, errBadIndex
	}
	return ix, nil
}

// checkedReader reads raw, a file that begins with magic and ends with
// the checksum of what precedes it; ok is false for any other. One string
// holds every text, and what the reader reads are slices of it: raw
// itself, not a copy, so raw must never be written again.
func checkedReader(raw []byte, magic string) (r *indexReader, ok bool) {
	if len(raw) < len(magic)+4 || string(raw[:len(magic)]) != magic {
		return nil, false
	}
	body, sum := raw[:len(raw)-4], binary.LittleEndian.Uint32(raw[len(raw)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, false
	}
	return &indexReader{all: unsafe.String(unsafe.SliceData(body), len(body)), at: len(magic)}, true
}

// indexReader reads what indexWriter wrote; once anything is out of
// bounds it reads zeros and bad stays set.
type indexReader struct {
	all string
	at  int
	bad bool
}

func (r *indexReader) uint() uint64 {
	if r.bad {
		return 0
	}
	var v uint64
	for shift := uint(0); r.at < len(r.all) && shift < 64; shift += 7 {
		c := r.all[r.at]
		r.at++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.bad = true // cut short, or longer than 64 bits
	return 0
}

// count reads a length, refused when more than the bytes left could hold.
func (r *indexReader) count() int {
	n := r.uint()
	if n > uint64(len(r.all)-r.at) {
		r.bad = true
		return 0
	}
	return int(n)
}

// int32 reads a number, refused when over max.
func (r *indexReader) int32(max int) int32 {
	v := r.uint()
	if v > uint64(max) {
		r.bad = true
		return 0
	}
	return int32(v)
}

func (r *indexReader) str() string {
	n := r.count()
	s := r.all[r.at : r.at+n]
	r.at += n
	return s
}

func (r *indexReader) uint64() uint64 {
	if r.bad || len(r.all)-r.at < 8 {
		r.bad = true
		return 0
	}
	v := binary.LittleEndian.Uint64([]byte(r.all[r.at : r.at+8]))
	r.at += 8
	return v
}

const maxInt32 = 1<<31 - 1

func (r *indexReader) docs(ix *Index) {
	ix.docs = make([]doc, r.count())
	for i := range ix.docs {
		d := &ix.docs[i]
		d.kind = data.Kind(r.str())
		d.ref = data.Ref{Kind: data.Kind(r.str()), ID: r.str()}
		d.title = r.str()
		if n := r.count(); n > 0 {
			d.sources = make([]string, n)
			for j := range d.sources {
				d.sources[j] = r.str()
			}
		}
		d.firstField = r.int32(maxInt32)
		d.endField = d.firstField + r.int32(maxInt32-int(d.firstField))
		d.description = r.int32(maxInt32) - 1
		d.ceiling.weight = uint8(r.int32(255))
		d.ceiling.titleLengths, d.ceiling.metaLengths = r.uint64(), r.uint64()
	}
}

func (r *indexReader) fields(ix *Index) {
	ix.fields = make([]field, r.count())
	next := int32(0)
	for i := range ix.fields {
		f := &ix.fields[i]
		f.text = r.str()
		f.class = fieldClass(r.int32(int(titleField)))
		f.firstWord = next
		f.endWord = next + r.int32(maxInt32-int(next))
		next = f.endWord
	}
}

func (r *indexReader) words(ix *Index) {
	ix.words = make([]indexedWord, r.count())
	for i := range ix.words {
		w := &ix.words[i]
		w.start = r.int32(maxInt32)
		w.end = w.start + r.int32(maxInt32-int(w.start))
		w.term = r.int32(maxInt32)
	}
}

func (r *indexReader) vocab(ix *Index) {
	ix.vocab = make([]string, r.count())
	for i := range ix.vocab {
		ix.vocab[i] = r.str()
	}
}

func (r *indexReader) postings(ix *Index) {
	ix.postingStart = make([]int32, len(ix.vocab)+1)
	total := 0
	for t := range ix.vocab {
		total += r.count()
		if total > maxInt32 {
			r.bad = true
			return
		}
		ix.postingStart[t+1] = int32(total)
	}
	if total > len(r.all)-r.at {
		r.bad = true
		return
	}
	ix.postings = make([]int32, total)
	for t := range ix.vocab {
		prev := int32(-1)
		for p := ix.postingStart[t]; p < ix.postingStart[t+1]; p++ {
			prev += r.int32(len(ix.docs))
			ix.postings[p] = prev
		}
	}
}

// sound reports whether every number of a decoded index points where it
// may, so that searching it cannot go out of bounds: a checksum catches
// damage, this catches a file made to look sound.
func (ix *Index) sound() bool {
	return ix.docsSound() && ix.fieldsSound() && slices.IsSorted(ix.vocab) && ix.postingsSound()
}

func (ix *Index) docsSound() bool {
	next := int32(0)
	for _, d := range ix.docs {
		if d.firstField != next || d.endField < d.firstField || int(d.endField) > len(ix.fields) ||
			d.description < -1 || int(d.description) >= len(ix.fields) {
			return false
		}
		next = d.endField
	}
	return int(next) == len(ix.fields)
}

func (ix *Index) fieldsSound() bool {
	for _, f := range ix.fields {
		if int(f.endWord) > len(ix.words) {
			return false
		}
		for _, w := range ix.words[f.firstWord:f.endWord] {
			if int(w.end) > len(f.text) || int(w.term) >= len(ix.vocab) {
				return false
			}
		}
	}
	return len(ix.fields) == 0 || int(ix.fields[len(ix.fields)-1].endWord) == len(ix.words)
}

func (ix *Index) postingsSound() bool {
	for t := range ix.vocab {
		ps := ix.postings[ix.postingStart[t]:ix.postingStart[t+1]]
		for i, d := range ps {
			if d < 0 || int(d) >= len(ix.docs) || (i > 0 && d <= ps[i-1]) {
				return false
			}
		}
	}
	return true
}
