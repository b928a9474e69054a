package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"reflect"
	"strings"
	"sync"
	"unsafe"
)

// The cache's snapshot (EncodeCachedSnapshot) holds what the JSON
// snapshot holds, in a form that decodes without copying a text: every
// string of the decoded briefing is a slice of the file as read. A
// 10,000-item briefing's JSON snapshot made 20 MB of new memory before the
// reader's first frame; on a virtual machine each new page costs a fault
// of some 10 µs, so that decode took 60–75 ms in a fresh process where a
// warm benchmark showed 35.
//
// The layout: the magic, the version, the schema (the names and kinds of
// Briefing's fields, so that a file of a program whose model differs is
// refused, never misread), the bundle hash, the word counts, the
// briefing, and the CRC-32C of all that precedes it.
const (
	cachedSnapshotMagic   = "brief-snapshot-bin\x00"
	cachedSnapshotVersion = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// EncodeCachedSnapshot is the cache's snapshot of b, loaded from files
// whose content hash is hash: what DecodeCachedSnapshot reads.
func EncodeCachedSnapshot(b *Briefing, hash string) ([]byte, error) {
	var buf bytes.Buffer
	err := WriteCachedSnapshot(&buf, b, hash)
	return buf.Bytes(), err
}

// WriteCachedSnapshot writes EncodeCachedSnapshot(b, hash) to out through
// a small buffer: a 10,000-item briefing's 4.5 MB are never in memory
// whole (grown in one buffer they took 16 MB of new memory, while the
// reader draws its first frame).
func WriteCachedSnapshot(out io.Writer, b *Briefing, hash string) error {
	plan, err := planBriefing()
	if err != nil {
		return err
	}
	w := &snapshotWriter{out: out, buf: make([]byte, 0, 2*flushAt)}
	encodeCached(w, b, plan, cachedSnapshotVersion, hash)
	return w.finish()
}

// encodeCached is WriteCachedSnapshot with the header given.
func encodeCached(w *snapshotWriter, b *Briefing, plan briefingPlan, version uint64, hash string) {
	w.buf = append(w.buf, cachedSnapshotMagic...)
	w.uint(version)
	w.str(plan.schema)
	w.str(hash)
	if words := b.countedWords(); words != nil {
		w.uint(1)
		w.int(int64(words.Overview))
		w.int(int64(words.Whole))
	} else {
		w.uint(0)
	}
	plan.c.encode(w, reflect.ValueOf(b).Elem())
}

// DecodeCachedSnapshot decodes a cache's snapshot made from files whose
// content hash is hash. One that is damaged (its checksum), cut short,
// foreign, of another version or model, or of other files is refused (ok
// false): the caller loads the files. The briefing's texts are slices of
// raw, which must never be written again.
func DecodeCachedSnapshot(raw []byte, hash string) (b *Briefing, ok bool) {
	plan, err := planBriefing()
	if err != nil || hash == "" || len(raw) < len(cachedSnapshotMagic)+4 || string(raw[:len(cachedSnapshotMagic)]) != cachedSnapshotMagic {
		return nil, false
	}
	body, sum := raw[:len(raw)-4], binary.LittleEndian.Uint32(raw[len(raw)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, false
	}
	r := &snapshotReader{buf: body, all: unsafe.String(unsafe.SliceData(body), len(body)), at: len(cachedSnapshotMagic), entries: maxValues}
	if r.uint() != cachedSnapshotVersion || r.str() != plan.schema || r.str() != hash {
		return nil, false
	}
	var words *WordCounts
	if r.uint() == 1 {
		words = &WordCounts{Overview: int(r.int()), Whole: int(r.int())}
	}
	b = &Briefing{}
	plan.c.decode(r, reflect.ValueOf(b).Elem())
	if r.bad || r.at != len(body) {
		return nil, false
	}
	b.Finish()
	if !b.idsUnique() {
		return nil, false // a file made to look sound: the loader refuses such a bundle
	}
	if words != nil {
		b.setWords(*words)
	}
	return b, true
}

// codec encodes and decodes values of one type of the model: strings,
// ints, bools, slices and structs of them (their exported fields).
type codec struct {
	kind   reflect.Kind
	typ    reflect.Type
	elem   *codec       // of a slice
	fields []fieldCodec // of a struct
	// least is the fewest bytes a value takes encoded, so a length read
	// from a file can be checked against what is left before allocating.
	least int
}

type fieldCodec struct {
	index int
	c     *codec
}

// briefingPlan is the codec of Briefing and its schema.
type briefingPlan struct {
	c      *codec
	schema string
}

// planBriefing plans Briefing's codec once.
var planBriefing = sync.OnceValues(func() (briefingPlan, error) {
	var schema strings.Builder
	c, err := planCodec(reflect.TypeFor[Briefing](), &schema)
	return briefingPlan{c, schema.String()}, err
})

// planCodec is the codec of t, whose schema it writes to schema: the
// kinds, and the names of struct fields, in encoding order.
func planCodec(t reflect.Type, schema *strings.Builder) (*codec, error) {
	c := &codec{kind: t.Kind(), typ: t, least: 1}
	switch t.Kind() {
	case reflect.String:
		schema.WriteByte('s')
	case reflect.Int:
		schema.WriteByte('i')
	case reflect.Bool:
		schema.WriteByte('b')
	case reflect.Slice:
		schema.WriteByte('[')
		elem, err := planCodec(t.Elem(), schema)
		if err != nil {
			return nil, err
		}
		c.elem = elem
	case reflect.Struct:
		return planStruct(c, t, schema)
	default:
		return nil, fmt.Errorf("the cache's snapshot cannot hold a %s (%s)", t.Kind(), t)
	}
	return c, nil
}

func planStruct(c *codec, t reflect.Type, schema *strings.Builder) (*codec, error) {
	c.least = 0
	schema.WriteByte('{')
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue // derived (the id lookup, the word counts' cell)
		}
		schema.WriteString(f.Name)
		schema.WriteByte(':')
		fc, err := planCodec(f.Type, schema)
		if err != nil {
			return nil, err
		}
		schema.WriteByte(',')
		c.fields = append(c.fields, fieldCodec{i, fc})
		c.least += fc.least
	}
	schema.WriteByte('}')
	if c.least == 0 {
		return nil, errors.New("the cache's snapshot cannot hold a struct without fields: " + t.String())
	}
	return c, nil
}

func (c *codec) encode(w *snapshotWriter, v reflect.Value) {
	switch c.kind {
	case reflect.String:
		w.str(v.String())
	case reflect.Int:
		w.int(v.Int())
	case reflect.Bool:
		w.bool(v.Bool())
	case reflect.Slice:
		// 0 is nil, n+1 a slice of n: the loader's empty lists and
		// missing ones stay apart, as in the JSON snapshot.
		if v.IsNil() {
			w.uint(0)
			return
		}
		w.uint(uint64(v.Len()) + 1)
		for i := range v.Len() {
			c.elem.encode(w, v.Index(i))
			w.flushIfFull()
		}
	case reflect.Struct:
		for _, f := range c.fields {
			f.c.encode(w, v.Field(f.index))
		}
	}
}

func (c *codec) decode(r *snapshotReader, v reflect.Value) {
	switch c.kind {
	case reflect.String:
		v.SetString(r.str())
	case reflect.Int:
		v.SetInt(r.int())
	case reflect.Bool:
		v.SetBool(r.bool())
	case reflect.Slice:
		c.decodeSlice(r, v)
	case reflect.Struct:
		for _, f := range c.fields {
			if r.bad {
				return
			}
			f.c.decode(r, v.Field(f.index))
		}
	}
}

func (c *codec) decodeSlice(r *snapshotReader, v reflect.Value) {
	n := r.uint()
	if n == 0 {
		return // nil
	}
	n--
	if n > uint64((len(r.buf)-r.at)/c.elem.least) || n > uint64(r.entries) {
		r.bad = true // longer than what is left could hold, or than a bundle may be
		return
	}
	r.entries -= int(n)
	s := reflect.MakeSlice(c.typ, int(n), int(n))
	for i := range int(n) {
		if r.bad {
			return
		}
		c.elem.decode(r, s.Index(i))
	}
	v.Set(s)
}

// snapshotWriter writes what snapshotReader reads to out, in pieces of
// about flushAt bytes, and the checksum of all it wrote at the end.
type snapshotWriter struct {
	out io.Writer
	buf []byte
	crc uint32
	err error
}

const flushAt = 32 << 10

func (w *snapshotWriter) flushIfFull() {
	if len(w.buf) >= flushAt {
		w.flush()
	}
}

func (w *snapshotWriter) flush() {
	w.crc = crc32.Update(w.crc, castagnoli, w.buf)
	if w.err == nil {
		_, w.err = w.out.Write(w.buf)
	}
	w.buf = w.buf[:0]
}

// finish writes what is left and the checksum; err is the first error
// out returned.
func (w *snapshotWriter) finish() error {
	w.flush()
	w.buf = binary.LittleEndian.AppendUint32(w.buf, w.crc)
	if w.err == nil {
		_, w.err = w.out.Write(w.buf)
	}
	return w.err
}

func (w *snapshotWriter) uint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

func (w *snapshotWriter) int(v int64) { w.buf = binary.AppendVarint(w.buf, v) }

func (w *snapshotWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *snapshotWriter) bool(v bool) {
	if v {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// snapshotReader reads buf, whose bytes all is; once anything is out of
// bounds it reads zeros and bad stays set.
type snapshotReader struct {
	buf []byte
	all string
	at  int
	bad bool
	// entries is how many more list entries the briefing may have: each
	// is a value of its files, of which the loader allows maxValues. A
	// crafted file of empty entries would otherwise make up to 19 bytes
	// of briefing per byte of file.
	entries int
}

func (r *snapshotReader) uint() uint64 { return readVarint(r, binary.Uvarint) }

func (r *snapshotReader) int() int64 { return readVarint(r, binary.Varint) }

// readVarint reads a number with read (binary.Uvarint or Varint).
func readVarint[T uint64 | int64](r *snapshotReader, read func([]byte) (T, int)) T {
	if r.bad {
		return 0
	}
	v, n := read(r.buf[r.at:])
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.at += n
	return v
}

func (r *snapshotReader) str() string {
	n := r.uint()
	if r.bad || n > uint64(len(r.buf)-r.at) {
		r.bad = true
		return ""
	}
	s := r.all[r.at : r.at+int(n)]
	r.at += int(n)
	return s
}

func (r *snapshotReader) bool() bool {
	if r.bad || r.at >= len(r.buf) || r.buf[r.at] > 1 {
		r.bad = true
		return false
	}
	r.at++
	return r.buf[r.at-1] == 1
}
