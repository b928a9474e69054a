package search

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"slices"
	"sync/atomic"
	"unsafe"

	"github.com/brief-reader/brief/data"
)

// indexMagic and indexVersion begin an encoded index: a file of another
// program or of another version of this encoding is refused, never read.
// Version 3 keeps what each document's hit shows and its fields and words
// in a block of its own after the postings, so that a search decodes
// only the documents it scores, and each term's postings as bytes a
// search reads in place
// (version 1 decoded every field, word and posting of every briefing).
const (
	indexMagic   = "brief-index\x00"
	indexVersion = 3
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errBadIndex is an encoded index that is damaged, foreign, of another
// version or of another bundle: the caller builds the index again.
var errBadIndex = errors.New("not a search index of this bundle")

// Encode is ix in the compact binary form DecodeIndex reads, made from
// the briefing whose files have the content hash bundleHash. Decoding it
// gives an index that searches exactly as ix does: the same engine runs
// on the same documents, words and postings.
//
// The layout: the documents (kind, the ceiling of its score and the
// length of its block), the vocabulary, the postings, then one block per
// document with what its hit shows, its fields and their words, and the
// checksum of all that precedes it.
func (ix *Index) Encode(bundleHash string) []byte {
	blocks := make([][]byte, len(ix.docs))
	size := 0
	for d := range ix.docs {
		blocks[d] = ix.encodeBody(int32(d))
		size += len(blocks[d])
	}
	w := &indexWriter{buf: append(make([]byte, 0, 64+size+len(ix.docs)*32+len(ix.vocab)*10+len(ix.postings)*2), indexMagic...)}
	w.uint(indexVersion)
	w.str(bundleHash)
	w.uint(uint64(len(ix.docs)))
	for d, dc := range ix.docs {
		w.str(string(dc.kind))
		w.uint(uint64(dc.ceiling.weight))
		w.buf = binary.LittleEndian.AppendUint64(w.buf, dc.ceiling.titleLengths)
		w.buf = binary.LittleEndian.AppendUint64(w.buf, dc.ceiling.metaLengths)
		w.uint(uint64(len(blocks[d])))
	}
	w.uint(uint64(len(ix.vocab)))
	for _, v := range ix.vocab {
		w.str(v)
	}
	// Postings are ascending per term, so each is kept as its gap from
	// the one before; each term's are preceded by their length in bytes.
	lists := make([][]byte, len(ix.vocab))
	for t := range ix.vocab {
		lists[t] = ix.postingBytes(int32(t))
		w.uint(uint64(len(lists[t])))
	}
	for _, l := range lists {
		w.buf = append(w.buf, l...)
	}
	for _, b := range blocks {
		w.buf = append(w.buf, b...)
	}
	return binary.LittleEndian.AppendUint32(w.buf, crc32.Checksum(w.buf, castagnoli))
}

// postingBytes is term t's postings as Encode writes them.
func (ix *Index) postingBytes(t int32) []byte {
	if ix.lazy != nil {
		return []byte(ix.lazy.postings[ix.postingStart[t]:ix.postingStart[t+1]])
	}
	var b []byte
	prev := int32(-1)
	for _, d := range ix.postings[ix.postingStart[t]:ix.postingStart[t+1]] {
		b = binary.AppendUvarint(b, uint64(d-prev))
		prev = d
	}
	return b
}

// encodeBody is document d's block: what its hit shows (ref, title,
// sources, the field its snippet falls back on), its word count, then
// each field's text, class and words (start, length, term).
func (ix *Index) encodeBody(d int32) []byte {
	dc := ix.named(d)
	fields, words := ix.body(d)
	w := &indexWriter{}
	w.str(string(dc.ref.Kind))
	w.str(dc.ref.ID)
	w.str(dc.title)
	w.uint(uint64(len(dc.sources)))
	for _, s := range dc.sources {
		w.str(s)
	}
	w.uint(uint64(dc.description + 1))
	n := 0
	for _, f := range fields {
		n += int(f.endWord - f.firstWord)
	}
	w.uint(uint64(n))
	w.uint(uint64(len(fields)))
	for _, f := range fields {
		w.str(f.text)
		w.uint(uint64(f.class))
		w.uint(uint64(f.endWord - f.firstWord))
		for _, wd := range words[f.firstWord:f.endWord] {
			w.uint(uint64(wd.start))
			w.uint(uint64(wd.end - wd.start))
			w.uint(uint64(wd.term))
		}
	}
	return w.buf
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
//
// The whole file's checksum is verified here, so that any damage is
// refused at once; what is decoded are the documents, the vocabulary and
// the lengths of the postings. Each term's postings are read where they
// are when a search asks for them, and each document's fields and words
// are decoded when a search first scores it.
func DecodeIndex(raw []byte, bundleHash string) (*Index, error) {
	r, ok := checkedReader(raw, indexMagic)
	if !ok || r.uint() != indexVersion || r.str() != bundleHash {
		return nil, errBadIndex
	}
	ix := &Index{lazy: &lazyBodies{}}
	blockEnds := r.docs(ix)
	r.vocab(ix)
	r.postings(ix)
	if r.bad || blockEnds[len(blockEnds)-1] != uint64(len(r.all)-r.at) || !slices.IsSorted(ix.vocab) {
		return nil, errBadIndex
	}
	ix.lazy.all, ix.lazy.ends, ix.lazy.done = r.all[r.at:], make([]int, len(blockEnds)), make([]atomic.Pointer[docBody], len(ix.docs))
	for i, e := range blockEnds {
		ix.lazy.ends[i] = int(e)
	}
	return ix, nil
}

// lazyBodies are the blocks of a decoded index's documents, each decoded
// once, when first asked for. Searches in any number of goroutines may
// ask at once: both decode the same block, and either keeps its body.
type lazyBodies struct {
	// postings holds the postings of every term, as Encode wrote them;
	// Index.postingStart are offsets into it.
	postings string
	// all holds the blocks; document d's is all[ends[d]:ends[d+1]].
	all  string
	ends []int
	done []atomic.Pointer[docBody]
}

// docBody is what a decoded document's hit shows (named: all of doc but
// its kind, ceiling and fields), and its fields, whose words are its own.
type docBody struct {
	named  doc
	fields []field
	words  []indexedWord
}

func (l *lazyBodies) body(d int32, terms int, kind data.Kind) *docBody {
	if b := l.done[d].Load(); b != nil {
		return b
	}
	b := decodeBody(l.all[l.ends[d]:l.ends[d+1]], terms)
	b.named.kind = kind
	l.done[d].Store(b)
	return b
}

// decodeBody reads a block encodeBody wrote for an index of terms terms.
// A block that points out of bounds, which a file made to look sound may
// hold, is a document without fields: found by nothing, never a panic.
func decodeBody(block string, terms int) *docBody {
	r := &indexReader{all: block}
	b := &docBody{}
	n := &b.named
	n.ref = data.Ref{Kind: data.Kind(r.str()), ID: r.str()}
	n.title = r.str()
	if k := r.count(); k > 0 {
		n.sources = make([]string, k)
		for j := range n.sources {
			n.sources[j] = r.str()
		}
	}
	n.description = r.int32(maxInt32) - 1
	b.words = make([]indexedWord, 0, r.count())
	b.fields = make([]field, r.count())
	for i := range b.fields {
		f := &b.fields[i]
		f.text = r.str()
		f.class = fieldClass(r.int32(int(titleField)))
		f.firstWord = int32(len(b.words))
		for range r.count() {
			start := r.int32(len(f.text))
			end := start + r.int32(len(f.text)-int(start))
			term := r.int32(terms - 1)
			b.words = append(b.words, indexedWord{start: start, end: end, term: term})
		}
		f.endWord = int32(len(b.words))
	}
	if r.bad || r.at != len(r.all) || (terms == 0 && len(b.words) > 0) {
		return &docBody{named: doc{description: -1}}
	}
	return b
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

// countOf reads a number of things each at least least bytes long,
// refused when more than the bytes left could hold: a count made to
// look sound must not make more memory than the file could fill.
func (r *indexReader) countOf(least int) int {
	n := r.count()
	if n > (len(r.all)-r.at)/least {
		r.bad = true
		return 0
	}
	return n
}

// docLeast is the fewest bytes a document takes before its block: its
// kind's length, its weight, its two lengths' bounds (8 bytes each) and
// its block's length.
const docLeast = 1 + 1 + 8 + 8 + 1

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

// docs reads the documents, and returns where each one's block ends
// (counted from the first block's start), after a 0.
func (r *indexReader) docs(ix *Index) []uint64 {
	ix.docs = make([]doc, r.countOf(docLeast))
	ends := make([]uint64, len(ix.docs)+1)
	for i := range ix.docs {
		d := &ix.docs[i]
		d.kind = data.Kind(r.str())
		d.ceiling.weight = uint8(r.int32(255))
		d.ceiling.titleLengths, d.ceiling.metaLengths = r.uint64(), r.uint64()
		ends[i+1] = ends[i] + uint64(r.count())
	}
	return ends
}

func (r *indexReader) vocab(ix *Index) {
	ix.vocab = make([]string, r.countOf(2)) // its text's length, its postings' length
	for i := range ix.vocab {
		ix.vocab[i] = r.str()
	}
}

func (r *indexReader) postings(ix *Index) {
	ix.postingStart = make([]int32, len(ix.vocab)+1)
	total := 0
	for t := range ix.vocab {
		total += r.count()
		if total > len(r.all)-r.at || total > maxInt32 {
			r.bad = true
			return
		}
		ix.postingStart[t+1] = int32(total)
	}
	ix.lazy.postings = r.all[r.at : r.at+total]
	r.at += total
}

// markPostings sets in set the documents holding a term in [lo, hi).
// Postings that point out of bounds, which a file made to look sound may
// hold, end their term's list: never a panic.
func (ix *Index) markPostings(set []uint64, lo, hi int32) {
	if ix.lazy == nil {
		for _, d := range ix.postings[ix.postingStart[lo]:ix.postingStart[hi]] {
			set[d/64] |= 1 << (d % 64)
		}
		return
	}
	for t := lo; t < hi; t++ {
		r := indexReader{all: ix.lazy.postings[ix.postingStart[t]:ix.postingStart[t+1]]}
		d := int32(-1)
		for r.at < len(r.all) {
			gap := r.uint()
			if gap == 0 || gap >= uint64(len(ix.docs)-int(d)) {
				break
			}
			d += int32(gap)
			set[d/64] |= 1 << (d % 64)
		}
	}
}
