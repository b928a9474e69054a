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
	keys   []string
	lists  [][]int32 // ascending numbers of the indexes holding keys[i]
}

// dictMagic and dictVersion begin an encoded dictionary.
const (
	dictMagic   = "brief-dict\x00"
	dictVersion = 1
)

// Vocabulary is the index's keys, sorted.
func (ix *Index) Vocabulary() []string { return ix.vocab }

// UpdateDictionary is the dictionary of the indexes whose bundle hashes
// are hashes: d's lists for the hashes it already covers (d may be nil),
// and the vocabulary of each other one from vocab; a hash vocab cannot
// give is left out (its briefing is then searched whatever the query, as
// the caller decides).
func UpdateDictionary(d *Dictionary, hashes []string, vocab func(hash string) ([]string, bool)) *Dictionary {
	oldNumber := map[string]int32{}
	if d != nil {
		for i, h := range d.Hashes {
			oldNumber[h] = int32(i)
		}
	}
	out := &Dictionary{}
	renumber := map[int32]int32{}
	var fresh []string
	for _, h := range hashes {
		if n, ok := oldNumber[h]; ok {
			renumber[n] = int32(len(out.Hashes))
			out.Hashes = append(out.Hashes, h)
		} else {
			fresh = append(fresh, h)
		}
	}
	lists := map[string][]int32{}
	if d != nil {
		for i, k := range d.keys {
			for _, n := range d.lists[i] {
				if m, ok := renumber[n]; ok {
					lists[k] = append(lists[k], m)
				}
			}
		}
	}
	for _, h := range fresh {
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
	out.keys = make([]string, 0, len(lists))
	for k := range lists {
		out.keys = append(out.keys, k)
	}
	slices.Sort(out.keys)
	out.lists = make([][]int32, len(out.keys))
	for i, k := range out.keys {
		out.lists[i] = lists[k] // ascending: kept numbers keep their order, new ones come after
	}
	return out
}

// MayMatch reports, by number, the indexes q may match: those holding
// every key of every required word or phrase (or, for a word being typed,
// a key it begins). The others cannot match.
func (d *Dictionary) MayMatch(q Query) []bool {
	may := make([]bool, len(d.Hashes))
	if q.Empty() {
		return may
	}
	for i := range may {
		may[i] = true
	}
	for i, t := range q.terms {
		if t.negative {
			continue
		}
		for k, key := range t.keys {
			holds := d.holding(key, q.isPrefix(i, k))
			for n := range may {
				may[n] = may[n] && holds[n]
			}
		}
	}
	return may
}

// holding is, by number, the indexes whose vocabulary holds key (or, for
// a prefix, a key it begins).
func (d *Dictionary) holding(key string, prefix bool) []bool {
	holds := make([]bool, len(d.Hashes))
	lo := sort.SearchStrings(d.keys, key)
	hi := lo
	if lo < len(d.keys) && d.keys[lo] == key {
		hi = lo + 1
	}
	if prefix {
		rest := d.keys[lo:]
		hi = lo + sort.Search(len(rest), func(i int) bool { return !strings.HasPrefix(rest[i], key) })
	}
	for _, l := range d.lists[lo:hi] {
		for _, n := range l {
			holds[n] = true
		}
	}
	return holds
}

// Encode is d in the checksummed form DecodeDictionary reads.
func (d *Dictionary) Encode() []byte {
	w := &indexWriter{buf: append([]byte{}, dictMagic...)}
	w.uint(dictVersion)
	w.uint(uint64(len(d.Hashes)))
	for _, h := range d.Hashes {
		w.str(h)
	}
	w.uint(uint64(len(d.keys)))
	for i, k := range d.keys {
		w.str(k)
		w.uint(uint64(len(d.lists[i])))
		prev := int32(-1)
		for _, n := range d.lists[i] {
			w.uint(uint64(n - prev))
			prev = n
		}
	}
	return binary.LittleEndian.AppendUint32(w.buf, crc32.Checksum(w.buf, castagnoli))
}

// DecodeDictionary reads a dictionary Encode wrote; raw must not change
// afterwards. Anything else is refused (ok false), never a dictionary.
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
	d.keys, d.lists = make([]string, n), make([][]int32, n)
	for i := range d.keys {
		d.keys[i] = r.str()
		d.lists[i] = r.numbers(len(d.Hashes))
	}
	if r.bad || r.at != len(r.all) || !slices.IsSorted(d.keys) {
		return nil, false
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
