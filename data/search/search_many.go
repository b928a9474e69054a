package search

import (
	"cmp"
	"container/heap"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
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
	if q.Empty() {
		return nil
	}
	terms := make([][]compiledTerm, len(ixs))
	// Workers take the indexes a batch at a time (briefings differ in
	// size, so fixed halves would leave one core idle), each keeping only
	// its best opt.Limit candidates; then the bests are merged.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(ixs)/32))
	parts := make([][]manyCandidate, workers)
	var next atomic.Int64
	const batch = 8
	var wg sync.WaitGroup
	for worker := range workers {
		wg.Go(func() {
			top := topCandidates{limit: opt.Limit}
			for {
				lo := int(next.Add(batch)) - batch
				if lo >= len(ixs) {
					break
				}
				for i := lo; i < min(lo+batch, len(ixs)); i++ {
					ix := ixs[i]
					if ix == nil {
						continue
					}
					t, ok := ix.compile(q)
					if !ok {
						continue
					}
					terms[i] = t
					qc := ceilingOf(t)
					for w, set := range ix.candidates(t, opt.Kinds) {
						for set != 0 {
							d := int32(w*64 + bits.TrailingZeros64(set))
							set &= set - 1
							// This worker takes indexes and documents in
							// order, so a later candidate loses a tie
							// with any it keeps: equal is not enough.
							if top.full() && ix.ceiling(d, qc) <= top.list[0].s.score {
								continue
							}
							if s, ok := ix.score(d, t); ok {
								top.add(manyCandidate{i, s})
							}
						}
					}
				}
			}
			parts[worker] = top.list
		})
	}
	wg.Wait()
	scored := best(slices.Concat(parts...), opt.Limit)
	hits := make([]ManyHit, len(scored))
	buf := &markBuffer{all: make([]Span, 0, 2*len(scored))}
	for i, c := range scored {
		hits[i] = ManyHit{Index: c.ix, Hit: ixs[c.ix].hit(c.s, terms[c.ix], buf)}
	}
	return hits
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
