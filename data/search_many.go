package data

import (
	"cmp"
	"math/bits"
	"slices"
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
	type candidate struct {
		ix int
		s  scoredDoc
	}
	terms := make([][]compiledTerm, len(ixs))
	var scored []candidate
	for i, ix := range ixs {
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
					scored = append(scored, candidate{i, s})
				}
			}
		}
	}
	slices.SortFunc(scored, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.s.score, a.s.score), cmp.Compare(a.ix, b.ix), cmp.Compare(a.s.doc, b.s.doc))
	})
	if opt.Limit > 0 && len(scored) > opt.Limit {
		scored = scored[:opt.Limit]
	}
	hits := make([]ManyHit, len(scored))
	buf := &markBuffer{all: make([]Span, 0, 2*len(scored))}
	for i, c := range scored {
		hits[i] = ManyHit{Index: c.ix, Hit: ixs[c.ix].hit(c.s, terms[c.ix], buf)}
	}
	return hits
}
