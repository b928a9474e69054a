package search

import (
	"encoding/binary"
	"hash/crc32"
	"slices"
	"sort"
	"strings"
)

// Dictionary is a library-wide prefilter: every key of a set of indexes,
// each with the indexes whose vocabulary holds it. A query's required words
// must each be in an index's vocabulary for the index to match (compile),
// so MayMatch names the only indexes worth decoding; the others cannot
// match, and the hits stay exactly those of searching every index.
type Dictionary struct {
	// Hashes are the bundle hashes of the indexes covered; an index's
	// number is its position here.
	Hashes []string
	// A dictionary UpdateDictionary built holds its keys and lists;
	keys  []string
	lists [][]int32 // ascending numbers of the indexes holding keys[i]
	// one DecodeDictionary read finds them in place, in its file: key i
	// and its list begin at records[starts[i]] (a query reads a few
	// dozen of its hundred thousand keys).
	records, starts string
}

// dictMagic and dictVersion begin an encoded dictionary.
const (
	dictMagic   = "brief-dict\x00"
	dictVersion = 2
)

// len is the number of keys.
func (d *Dictionary) len() int {
	if d.keys != nil || d.starts == "" {
		return len(d.keys)
	}
	return len(d.starts) / 4
}

// record reads key i of a decoded dictionary; the list follows. It reads
// no further than where the next key's record begins, so the records of
// a file made to overlap (each key followed by one long list) cannot make
// reading every list cost keys × lists.
func (d *Dictionary) record(i int) *indexReader {
	at, end := d.start(i), len(d.records)
	if i+1 < d.len() {
		end = d.start(i + 1)
	}
	if at > end || end > len(d.records) { // DecodeDictionary refuses such a file
		return &indexReader{bad: true}
	}
	return &indexReader{all: d.records[:end], at: at}
}

// start is where key i's record begins in a decoded dictionary's records.
func (d *Dictionary) start(i int) int {
	return int(binary.LittleEndian.Uint32([]byte(d.starts[4*i : 4*i+4])))
}

// key is key i.
func (d *Dictionary) key(i int) string {
	if d.keys != nil {
		return d.keys[i]
	}
	return d.record(i).str()
}

// list is the numbers of the indexes holding key i; ok is false when a
// decoded file says something impossible there.
func (d *Dictionary) list(i int) (list []int32, ok bool) {
	if d.keys != nil {
		return d.lists[i], true
	}
	r := d.record(i)
	r.str()
	list = r.numbers(len(d.Hashes))
	return list, !r.bad && r.at == len(r.all) // the record is the key and its list, whole
}

// Vocabulary is the index's keys, sorted.
func (ix *Index) Vocabulary() []string { return ix.vocab }

// UpdateDictionary is the dictionary of the indexes whose bundle hashes
// are hashes, numbered in that order: d's lists for the hashes it already
// covers (d may be nil), and the vocabulary of each other one from vocab;
// a hash vocab cannot give is left out (its briefing is then searched
// whatever the query, as the caller decides). A d with a list it cannot
// read is not used: every vocabulary is read again.
func UpdateDictionary(d *Dictionary, hashes []string, vocab func(hash string) ([]string, bool)) *Dictionary {
	oldNumber := map[string]int32{}
	if d != nil {
		for i, h := range d.Hashes {
			oldNumber[h] = int32(i)
		}
	}
	out := &Dictionary{}
	renumber := map[int32]int32{}
	lists := map[string][]int32{}
	for _, h := range hashes {
		if n, ok := oldNumber[h]; ok {
			renumber[n] = int32(len(out.Hashes))
			out.Hashes = append(out.Hashes, h)
			continue
		}
		words, ok := vocab(h)
		if !ok {
			continue
		}
		n := int32(len(out.Hashes))
		out.Hashes = append(out.Hashes, h)
		for _, k := range words {
			lists[k] = append(lists[k], n)
		}
	}
	if len(renumber) > 0 {
		for i := range d.len() {
			l, ok := d.list(i)
			if !ok {
				return UpdateDictionary(nil, hashes, vocab)
			}
			k := d.key(i)
			for _, n := range l {
				if m, ok := renumber[n]; ok {
					lists[k] = append(lists[k], m)
				}
			}
		}
	}
	out.keys = make([]string, 0, len(lists))
	for k := range lists {
		out.keys = append(out.keys, k)
	}
	slices.Sort(out.keys)
	out.lists = make([][]int32, len(out.keys))
	for i, k := range out.keys {
		// Ascending and each once, as Encode and the reader need: the
		// numbers follow hashes, whose order need not be d's, and a file
		// made to look sound may hold a key twice.
		slices.Sort(lists[k])
		out.lists[i] = slices.Compact(lists[k])
	}
	return out
}

// MayMatch reports, by number, the indexes q may match: those holding
// every key of every required word or phrase (or, for a word being typed,
// a key it begins). The others cannot match.
func (d *Dictionary) MayMatch(q Query) []bool {
	may, _ := d.MayMatchChecked(q)
	return may
}

// MayMatchChecked is MayMatch, and whether the lists it read could be
// read: when one could not (a file made to look sound), every index may
// match, and the dictionary is best built again.
func (d *Dictionary) MayMatchChecked(q Query) (may []bool, ok bool) {
	may = make([]bool, len(d.Hashes))
	if q.Empty() {
		return may, true
	}
	for i := range may {
		may[i] = true
	}
	for i, t := range q.terms {
		if t.negative {
			continue
		}
		for k, key := range t.keys {
			holds, ok := d.holding(key, q.isPrefix(i, k))
			if !ok {
				for n := range may {
					may[n] = true
				}
				return may, false
			}
			for n := range may {
				may[n] = may[n] && holds[n]
			}
		}
	}
	return may, true
}

// holding is, by number, the indexes whose vocabulary holds key (or, for
// a prefix, a key it begins).
func (d *Dictionary) holding(key string, prefix bool) (holds []bool, ok bool) {
	holds = make([]bool, len(d.Hashes))
	n := d.len()
	lo := sort.Search(n, func(i int) bool { return d.key(i) >= key })
	hi := lo
	if lo < n && d.key(lo) == key {
		hi = lo + 1
	}
	if prefix {
		hi = lo + sort.Search(n-lo, func(i int) bool { return !strings.HasPrefix(d.key(lo+i), key) })
	}
	for i := lo; i < hi; i++ {
		l, ok := d.list(i)
		if !ok {
			return nil, false
		}
		for _, n := range l {
			holds[n] = true
		}
	}
	return holds, true
}

// Encode is d in the checksummed form DecodeDictionary reads: the
// hashes, the number of keys, where each key's record begins (4 bytes
// each), then the records, each a key and its list.
func (d *Dictionary) Encode() []byte {
	w := &indexWriter{buf: append([]byte{}, dictMagic...)}
	w.uint(dictVersion)
	w.uint(uint64(len(d.Hashes)))
	for _, h := range d.Hashes {
		w.str(h)
	}
	records := &indexWriter{}
	starts := make([]byte, 0, 4*d.len())
	for i := range d.len() {
		starts = binary.LittleEndian.AppendUint32(starts, uint32(len(records.buf)))
		records.str(d.key(i))
		l, _ := d.list(i)
		records.uint(uint64(len(l)))
		prev := int32(-1)
		for _, n := range l {
			records.uint(uint64(n - prev))
			prev = n
		}
	}
	w.uint(uint64(d.len()))
	w.buf = append(w.buf, starts...)
	w.buf = append(w.buf, records.buf...)
	return binary.LittleEndian.AppendUint32(w.buf, crc32.Checksum(w.buf, castagnoli))
}

// DecodeDictionary reads a dictionary Encode wrote; raw must not change
// afterwards. Anything damaged, cut short, foreign or of another version
// is refused (ok false), never a dictionary. Only the hashes and where
// each key's record begins are read here: the keys and lists are read in
// place when a query looks for them.
func DecodeDictionary(raw []byte) (d *Dictionary, ok bool) {
	r, ok := checkedReader(raw, dictMagic)
	if !ok || r.uint() != dictVersion {
		return nil, false
	}
	d = &Dictionary{Hashes: make([]string, r.count())}
	for i := range d.Hashes {
		d.Hashes[i] = r.str()
	}
	n := r.count()
	if r.bad || n > (len(r.all)-r.at)/4 {
		return nil, false
	}
	d.starts, d.records = r.all[r.at:r.at+4*n], r.all[r.at+4*n:]
	// The records begin in order, inside the file.
	prev := -1
	for i := range n {
		at := d.start(i)
		if at <= prev || at >= len(d.records) {
			return nil, false
		}
		prev = at
	}
	return d, true
}

// numbers reads an ascending list of numbers below max, each kept as its
// gap from the one before.
func (r *indexReader) numbers(max int) []int32 {
	list := make([]int32, r.count())
	prev := int64(-1)
	for j := range list {
		v := prev + int64(r.uint())
		if v <= prev || v >= int64(max) {
			r.bad = true
			return nil
		}
		list[j], prev = int32(v), v
	}
	return list
}
