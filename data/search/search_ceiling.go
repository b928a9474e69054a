package search

// docCeiling is what a document's fields allow score to give it at most,
// whatever the query: library search skips a candidate whose ceiling
// cannot beat the hits it already keeps, without scoring it.
type docCeiling struct {
	// weight is the weight of the document's heaviest field.
	weight uint8
	// titleLengths and metaLengths have bit n set when a title field, or
	// a meta or label field, has n words (n < 64); a field with 64 words
	// or more sets bit 63. Only such fields can be exactly the query.
	titleLengths, metaLengths uint64
}

// note adds a field of the document.
func (c *docCeiling) note(f field) {
	c.weight = max(c.weight, uint8(classWeight[f.class]))
	bit := uint64(1) << min(f.endWord-f.firstWord, 63)
	switch {
	case f.class == titleField:
		c.titleLengths |= bit
	case f.class >= metaField:
		c.metaLengths |= bit
	}
}

// queryCeiling is what a compiled query can score at most in an index,
// before the document is known.
type queryCeiling struct {
	// terms counts the required terms; words their words.
	terms, words int
	// whole counts the required terms whose every word is a whole word of
	// the index's vocabulary, the only ones that can match whole.
	whole int
}

func ceilingOf(terms []compiledTerm) queryCeiling {
	var q queryCeiling
	for _, t := range terms {
		if t.negative {
			continue
		}
		q.terms++
		q.words += len(t.words)
		whole := true
		for _, w := range t.words {
			whole = whole && w.exact >= 0
		}
		if whole {
			q.whole++
		}
	}
	return q
}

// ceiling is the highest score the query can give document d: each part
// of score's rank at its most for what the document holds. score(d) never
// exceeds it.
func (ix *Index) ceiling(d int32, q queryCeiling) int {
	c := &ix.docs[d].ceiling
	bit := uint64(1) << min(q.words, 63)
	completes := 0
	switch {
	case c.titleLengths&bit != 0:
		completes = classWeight[titleField]
	case c.metaLengths&bit != 0:
		completes = max(classWeight[metaField], classWeight[labelField])
	}
	exact := 0
	if q.whole == q.terms { // a field is exactly the query only if each word matches whole
		exact = completes
	}
	r := rank{exact: exact, whole: q.whole, completes: completes, fields: q.terms * int(c.weight), together: q.terms}
	return r.score()
}
