package search

import (
	"cmp"
	"container/heap"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/brief-reader/brief/data"
)

// ManyHit is a hit of SearchMany: the position of its index in the list
// searched, and the hit.
type ManyHit struct {
	Index int
	Hit
}

// SearchMany runs q on every index and returns the best hits across them
// all, best first; equal scores keep the order of the indexes, then of the
// documents. Snippets are cut only for the hits returned, so searching a
// thousand briefings for their best 50 hits costs 50 snippets, not 50,000.
func SearchMany(ixs []*Index, q Query, opt SearchOptions) []ManyHit {
	hits, _ := SearchManyCounted(ixs, q, opt)
	return hits
}

// SearchManyCounted is SearchMany, and also how many hits there are in
// all, as many as SearchMany without a limit returns. A document a query
// of single words matches is counted from the postings alone: neither its
// fields nor its words are read unless it may be among the best.
func SearchManyCounted(ixs []*Index, q Query, opt SearchOptions) (hits []ManyHit, total int) {
	if q.Empty() {
		return nil, 0
	}
	terms := make([][]compiledTerm, len(ixs))
	// Workers take the indexes a batch at a time (briefings differ in
	// size, so fixed halves would leave one core idle), each keeping only
	// its best opt.Limit candidates; then the bests are merged.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(ixs)/32))
	parts := make([]manyWorker, workers)
	var next atomic.Int64
	const batch = 8
	var wg sync.WaitGroup
	for worker := range workers {
		wg.Go(func() {
			w := &parts[worker]
			w.top.limit = opt.Limit
			for {
				lo := int(next.Add(batch)) - batch
				if lo >= len(ixs) {
					break
				}
				for i := lo; i < min(lo+batch, len(ixs)); i++ {
					terms[i] = w.search(i, ixs[i], q, opt.Kinds)
				}
			}
		})
	}
	wg.Wait()
	var all []manyCandidate
	for _, w := range parts {
		all = append(all, w.top.list...)
		total += w.total
	}
	scored := best(all, opt.Limit)
	hits = make([]ManyHit, len(scored))
	buf := &markBuffer{all: make([]Span, 0, 2*len(scored))}
	for i, c := range scored {
		hits[i] = ManyHit{Index: c.ix, Hit: ixs[c.ix].hit(c.s, terms[c.ix], buf)}
	}
	return hits, total
}

// manyWorker is one worker of SearchManyCounted: the best candidates of
// the indexes it searched, and how many matched in all.
type manyWorker struct {
	top   topCandidates
	total int
}

// search adds the matches of index i, ix, and returns the query compiled
// for it (nil when nothing can match).
func (w *manyWorker) search(i int, ix *Index, q Query, kinds []data.Kind) []compiledTerm {
	if ix == nil {
		return nil
	}
	t, ok := ix.compile(q)
	if !ok {
		return nil
	}
	qc := ceilingOf(t)
	words := singleWords(t)
	for set, found := range ix.candidates(t, kinds) {
		for found != 0 {
			d := int32(set*64 + bits.TrailingZeros64(found))
			found &= found - 1
			// This worker takes indexes and documents in order, so a
			// later candidate loses a tie with any it keeps: equal is
			// not enough.
			if w.top.full() && ix.ceiling(d, qc) <= w.top.list[0].s.score {
				if words {
					w.total++ // a candidate holds every word: it matches
				} else if _, ok := ix.score(d, t); ok {
					w.total++
				}
				continue
			}
			if s, ok := ix.score(d, t); ok {
				w.total++
				w.top.add(manyCandidate{i, s})
			}
		}
	}
	return t
}

// singleWords reports whether every term is one word: then every
// candidate matches, as the postings say it holds each and none excluded.
func singleWords(terms []compiledTerm) bool {
	for _, t := range terms {
		if len(t.words) > 1 {
			return false
		}
	}
	return true
}

type manyCandidate struct {
	ix int
	s  scoredDoc
}

// before is the order of hits: higher score first, then the order of the
// indexes, then of the documents. No two candidates are equal.
func before(a, b manyCandidate) int {
	return cmp.Or(cmp.Compare(b.s.score, a.s.score), cmp.Compare(a.ix, b.ix), cmp.Compare(a.s.doc, b.s.doc))
}

// topCandidates keeps the best limit candidates added (all of them when
// limit is 0), as a heap whose root is the worst kept, so a one-letter
// query over 75,000 matching items holds 50 of them, not 75,000.
type topCandidates struct {
	limit int
	list  []manyCandidate
}

func (t *topCandidates) Len() int           { return len(t.list) }
func (t *topCandidates) Less(i, j int) bool { return before(t.list[i], t.list[j]) > 0 }
func (t *topCandidates) Swap(i, j int)      { t.list[i], t.list[j] = t.list[j], t.list[i] }
func (t *topCandidates) Push(x any)         { t.list = append(t.list, x.(manyCandidate)) }
func (t *topCandidates) Pop() any {
	last := t.list[len(t.list)-1]
	t.list = t.list[:len(t.list)-1]
	return last
}

// full reports whether a candidate must beat the worst kept to be kept.
func (t *topCandidates) full() bool { return t.limit > 0 && len(t.list) == t.limit }

func (t *topCandidates) add(c manyCandidate) {
	switch {
	case t.limit <= 0:
		t.list = append(t.list, c)
	case len(t.list) < t.limit:
		heap.Push(t, c)
	case before(c, t.list[0]) < 0:
		t.list[0] = c
		heap.Fix(t, 0)
	}
}

// best sorts candidates best first and keeps the first limit (all when
// limit is 0).
func best(scored []manyCandidate, limit int) []manyCandidate {
	slices.SortFunc(scored, before)
	if limit > 0 && len(scored) > limit {
		scored = scored[:limit]
	}
	return scored
}
