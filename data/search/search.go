package search

import (
	"github.com/brief-reader/brief/data"

	"cmp"
	"math/bits"
	"slices"
	"sort"
	"strings"
)

// Hit is one item of the briefing that a query matches.
type Hit struct {
	// Kind is what matched: speaker, statement, session, event, measure,
	// figure, source, term or overview.
	Kind data.Kind `json:"kind"`
	// Ref is the matched item; a statement's is StatementRef(speaker, n),
	// which names its speaker. Where a hit opens is the reader's business.
	Ref data.Ref `json:"ref"`
	// Title names the item: a speaker's label, a session's title,
	// "Measure 3: …", a figure's value and what it counts, a term and its
	// gloss, a source's outlet and headline.
	Title string `json:"title"`
	// Snippet is one line of plain text around the best match, at most
	// snippetRunes runes, "…" where it was cut.
	Snippet string `json:"snippet"`
	// Marks are the matched words in Snippet, as byte spans.
	Marks []Span `json:"marks"`
	// Sources are the ids of the sources the item cites; shared with the
	// index, not to be modified.
	Sources []string `json:"sources"`
	// Score orders hits, higher first; equal scores keep document order.
	Score int `json:"score"`
}

// SearchOptions narrow a search.
type SearchOptions struct {
	Kinds []data.Kind // only hits of these kinds; empty means all
	Limit int         // at most this many hits, the best; 0 means no limit
}

// rank is what orders hits. Each part outweighs all the parts after it.
type rank struct {
	// exact is the weight of the best title-like field (a name, title,
	// role, gloss…) whose words are exactly the query's; 0 when none is.
	exact int
	// whole counts the query's words and phrases that match whole words,
	// not only the beginning of one.
	whole int
	// completes is the weight of the best title-like field whose words are
	// the query's, the last one completed: "cybercrimina" for the term
	// "cybercriminalité".
	completes int
	// fields sums, for each word or phrase, the weight of the best field
	// it matches in: titles before long texts.
	fields int
	// together is the most of the query's words found in one field.
	together int
}

// score packs a rank into an int, each part in bits above those of the
// parts after it: at most maxTerms terms, weights at most 8.
func (r rank) score() int {
	return r.exact<<26 | r.whole<<20 | r.completes<<16 | r.fields<<7 | r.together
}

// wordRange is the terms that one word of a query matches: the terms in
// [lo, hi) begin with it, and exact is the term equal to it, or -1.
type wordRange struct {
	lo, hi, exact int32
}

// compiledTerm is a query term resolved against an index's vocabulary.
type compiledTerm struct {
	words    []wordRange
	negative bool
}

// compile resolves the query's words. ok is false when some required word
// appears nowhere, so nothing can match.
func (ix *Index) compile(q Query) (terms []compiledTerm, ok bool) {
	terms = make([]compiledTerm, 0, len(q.terms))
	for i, t := range q.terms {
		ct := compiledTerm{words: make([]wordRange, len(t.keys)), negative: t.negative}
		empty := false
		for k, key := range t.keys {
			ct.words[k] = ix.lookup(key, q.isPrefix(i, k))
			empty = empty || ct.words[k].lo == ct.words[k].hi
		}
		switch {
		case empty && !t.negative:
			return nil, false
		case empty:
			continue // excludes nothing
		}
		terms = append(terms, ct)
	}
	return terms, true
}

// lookup finds the terms a key matches: itself, and the words it begins
// when it is a prefix.
func (ix *Index) lookup(key string, prefix bool) wordRange {
	lo := sort.SearchStrings(ix.vocab, key)
	r := wordRange{lo: int32(lo), hi: int32(lo), exact: -1}
	if lo < len(ix.vocab) && ix.vocab[lo] == key {
		r.exact, r.hi = int32(lo), int32(lo+1)
	}
	if prefix {
		rest := ix.vocab[lo:]
		r.hi = int32(lo + sort.Search(len(rest), func(i int) bool { return !strings.HasPrefix(rest[i], key) }))
	}
	return r
}

func (r wordRange) quality(term int32) matchQuality {
	switch {
	case term == r.exact:
		return wholeMatch
	case term >= r.lo && term < r.hi:
		return prefixMatch
	}
	return noMatch
}

// Search returns the items of the briefing that q matches, best first.
func (ix *Index) Search(q Query, opt SearchOptions) []Hit {
	if ix == nil || q.Empty() {
		return nil
	}
	terms, ok := ix.compile(q)
	if !ok {
		return nil
	}
	found := ix.candidates(terms, opt.Kinds)
	scored := make([]scoredDoc, 0, 16)
	for w, set := range found {
		for set != 0 {
			d := int32(w*64 + bits.TrailingZeros64(set))
			set &= set - 1
			if s, ok := ix.score(d, terms); ok {
				scored = append(scored, s)
			}
		}
	}
	slices.SortFunc(scored, func(a, b scoredDoc) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc))
	})
	if opt.Limit > 0 && len(scored) > opt.Limit {
		scored = scored[:opt.Limit]
	}
	hits := make([]Hit, len(scored))
	buf := &markBuffer{all: make([]Span, 0, 2*len(scored))}
	for i, s := range scored {
		hits[i] = ix.hit(s, terms, buf)
	}
	return hits
}

// candidates returns, as a bit set, the documents of the wanted kinds that
// hold every required word and no excluded one. Phrases are checked word
// by word here, side by side in score.
func (ix *Index) candidates(terms []compiledTerm, kinds []data.Kind) []uint64 {
	n := (len(ix.docs) + 63) / 64
	set := make([]uint64, 2*n)
	found, words := set[:n], set[n:]
	ix.kindMask(found, kinds)
	for _, t := range terms {
		if t.negative && len(t.words) > 1 {
			continue // an excluded phrase needs its words side by side
		}
		for _, w := range t.words {
			clear(words)
			ix.markPostings(words, w.lo, w.hi)
			for i := range found {
				if t.negative {
					found[i] &^= words[i]
				} else {
					found[i] &= words[i]
				}
			}
		}
	}
	return found
}

// kindMask sets the bits of the documents of the wanted kinds.
func (ix *Index) kindMask(set []uint64, kinds []data.Kind) {
	for d := range ix.docs {
		if len(kinds) == 0 || slices.Contains(kinds, ix.docs[d].kind) {
			set[d/64] |= 1 << (d % 64)
		}
	}
}

// scoredDoc is a document that matched, with its score and the field its
// snippet comes from (counted from the document's first).
type scoredDoc struct {
	doc, field int32
	score      int
}

// termBest is the best match of one term over a document's fields so far:
// its quality, and the weight of the field it was found in.
type termBest struct {
	quality matchQuality
	weight  int
}

// score checks a candidate against every term and ranks it. ok is false
// when a phrase is not found side by side, or an excluded phrase is.
func (ix *Index) score(d int32, terms []compiledTerm) (s scoredDoc, ok bool) {
	fields, all := ix.body(d)
	var best [maxTerms]termBest
	var r rank
	s = scoredDoc{doc: d, field: -1}
	for fi := range fields {
		f := &fields[fi]
		words := all[f.firstWord:f.endWord]
		weight := classWeight[f.class]
		together, excluded := matchField(words, weight, terms, &best)
		if excluded {
			return s, false
		}
		if f.class >= metaField {
			switch isExactly(words, terms) {
			case wholeMatch:
				r.exact = max(r.exact, weight)
			case prefixMatch:
				r.completes = max(r.completes, weight)
			}
		}
		if together > r.together || (together == r.together && together > 0 && weight > classWeight[fields[s.field].class]) {
			r.together, s.field = together, int32(fi)
		}
	}
	if !tallyTerms(terms, &best, &r) {
		return s, false
	}
	s.score = r.score()
	return s, true
}

// matchField looks for every term in one field's words, keeping in best
// each term's best match so far. together counts the terms found here (the
// snippet's field is the one holding most); excluded is true as soon as an
// excluded phrase is found, which rules the document out.
func matchField(words []indexedWord, weight int, terms []compiledTerm, best *[maxTerms]termBest) (together int, excluded bool) {
	for ti, t := range terms {
		if t.negative && len(t.words) == 1 {
			continue // candidates left out the documents holding it
		}
		q := phraseIn(words, t.words)
		if q == noMatch {
			continue
		}
		if t.negative {
			return together, true
		}
		together++
		b := &best[ti]
		if q > b.quality || (q == b.quality && weight > b.weight) {
			b.quality, b.weight = q, weight
		}
	}
	return together, false
}

// tallyTerms adds each required term's best match to the rank, once all
// fields are seen. It is false when a required term was found nowhere.
func tallyTerms(terms []compiledTerm, best *[maxTerms]termBest, r *rank) bool {
	for ti, t := range terms {
		switch {
		case t.negative:
		case best[ti].quality == noMatch:
			return false
		default:
			if best[ti].quality == wholeMatch {
				r.whole++
			}
			r.fields += best[ti].weight
		}
	}
	return true
}

// phraseIn returns the best match of a phrase (or single word) in a
// field's words: whole when every word matches whole.
func phraseIn(words []indexedWord, phrase []wordRange) matchQuality {
	best := noMatch
	for at := 0; at+len(phrase) <= len(words); at++ {
		q := wholeMatch
		for k, w := range phrase {
			q = min(q, w.quality(words[at+k].term))
			if q == noMatch {
				break
			}
		}
		if q > best {
			best = q
			if best == wholeMatch {
				break
			}
		}
	}
	return best
}

// isExactly reports whether a field's words are exactly the query's
// required words, in order: wholeMatch when each is the same word,
// prefixMatch when the last only begins its word.
func isExactly(words []indexedWord, terms []compiledTerm) matchQuality {
	n := 0
	q := wholeMatch
	for _, t := range terms {
		if t.negative {
			continue
		}
		for _, w := range t.words {
			if n >= len(words) {
				return noMatch
			}
			if q = min(q, w.quality(words[n].term)); q == noMatch {
				return noMatch
			}
			n++
		}
	}
	if n != len(words) {
		return noMatch
	}
	return q
}
