package data

import (
	"cmp"
	"math/bits"
	"runtime"
	"slices"
	"sync"
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
	// Score the indexes in as many chunks as there are processors, each
	// keeping its best opt.Limit, then merge.
	chunks := min(runtime.GOMAXPROCS(0), max(1, len(ixs)/32))
	parts := make([][]manyCandidate, chunks)
	var wg sync.WaitGroup
	for c := range chunks {
		lo, hi := c*len(ixs)/chunks, (c+1)*len(ixs)/chunks
		wg.Go(func() {
			var scored []manyCandidate
			for i := lo; i < hi; i++ {
				ix := ixs[i]
				if ix == nil {
					continue
				}
				t, ok := ix.compile(q)
				if !ok {
					continue
				}
				terms[i] = t
				for w, set := range ix.candidates(t, opt.Kinds) {
					for set != 0 {
						d := int32(w*64 + bits.TrailingZeros64(set))
						set &= set - 1
						if s, ok := ix.score(d, t); ok {
							scored = append(scored, manyCandidate{i, s})
						}
					}
				}
			}
			parts[c] = best(scored, opt.Limit)
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

// best sorts candidates best first and keeps the first limit (all when
// limit is 0).
func best(scored []manyCandidate, limit int) []manyCandidate {
	slices.SortFunc(scored, func(a, b manyCandidate) int {
		return cmp.Or(cmp.Compare(b.s.score, a.s.score), cmp.Compare(a.ix, b.ix), cmp.Compare(a.s.doc, b.s.doc))
	})
	if limit > 0 && len(scored) > limit {
		scored = scored[:limit]
	}
	return scored
}
