package search

import (
	"github.com/brief-reader/brief/data"

	"slices"
	"strings"
)

// Index is the search index of one briefing, built once by NewIndex. It is
// never modified afterwards, so any number of goroutines may Search it.
//
// Every item of the briefing is one document, in document order: the order
// of Kinds (overview, events, sessions, speakers, statements, measures,
// figures, sources, terms), then the order of the briefing's slices
// (statements by speaker, then by position). A document's fields are its
// texts, each with a class that weighs where a word was found. A word's key
// is its position in the sorted vocabulary, so the words a prefix begins
// are one range of keys.
type Index struct {
	docs   []doc
	fields []field
	words  []indexedWord
	// vocab holds every key, sorted; a key's term number is its position.
	vocab []string
	// The documents holding term t, ascending, are
	// postings[postingStart[t]:postingStart[t+1]]; in a decoded index,
	// postingStart are offsets into the encoded postings (markPostings).
	postingStart []int32
	postings     []int32
	// lazy holds the fields and words of a decoded index, each document's
	// decoded when a search first scores it; nil for an index built here,
	// whose fields and words are above.
	lazy *lazyBodies
}

// doc is one item of the briefing as search sees it.
type doc struct {
	kind    data.Kind
	ref     data.Ref
	title   string
	sources []string
	// fields are the document's fields in Index.fields.
	firstField, endField int32
	// description is the field (counted from the document's first) a
	// snippet shows when the match is in the title (already on screen), a
	// label or words borrowed from elsewhere; -1 when the item has none.
	description int32
	// ceiling bounds what score can give the document (see ceiling).
	ceiling docCeiling
}

// fieldClass says where in an item a field's words are, which decides how
// much a match there weighs.
type fieldClass uint8

const (
	derivedField fieldClass = iota // borrowed words: a statement's speaker, an item's kind
	noteField                      // notes on dates, chairs and readings
	textField                      // summaries, statements, key points
	metaField                      // role, organisation, outlet, gloss
	labelField                     // dates, ids, kinds: as meta, but no snippet shows them
	titleField                     // names, aliases, titles, headlines, terms, figure values
)

// classWeight is the score of a match in a field of each class.
var classWeight = [...]int{derivedField: 1, noteField: 2, textField: 3, metaField: 5, labelField: 5, titleField: 8}

// field is one text of a document, cleaned for display (controls escaped,
// Markdown and runs of white space removed).
type field struct {
	text  string
	class fieldClass
	// words are the field's words in Index.words.
	firstWord, endWord int32
}

// indexedWord is one word of a field: its byte span and term number.
type indexedWord struct {
	start, end int32
	term       int32
}

// NewIndex builds the search index of a briefing. The briefing must not
// change afterwards.
func NewIndex(b *data.Briefing) *Index {
	bd := &indexBuilder{ix: &Index{}, terms: map[string]int32{}, folded: map[string]string{}}
	bd.overview(&b.Overview)
	for i := range b.Timeline {
		bd.event(&b.Timeline[i])
	}
	for i := range b.Sessions {
		bd.session(&b.Sessions[i])
	}
	for i := range b.Speakers {
		bd.speaker(&b.Speakers[i])
	}
	for i := range b.Speakers {
		bd.statements(b, &b.Speakers[i])
	}
	for i := range b.Measures {
		bd.measure(b, &b.Measures[i])
	}
	for i := range b.Figures {
		bd.figure(&b.Figures[i])
	}
	for i := range b.Sources {
		bd.source(&b.Sources[i])
	}
	for i := range b.Glossary {
		bd.term(&b.Glossary[i])
	}
	bd.finish()
	return bd.ix
}

// indexBuilder adds documents and their words to an index.
type indexBuilder struct {
	ix *Index
	// terms numbers keys in order of first appearance until finish sorts
	// them; keys lists them by that number.
	terms map[string]int32
	keys  []string
	// folded caches the keys of words as written: most words recur.
	folded map[string]string
	doc    *doc
}

func (bd *indexBuilder) fold(s string) string {
	key, ok := bd.folded[s]
	if !ok {
		key = foldWord(s)
		bd.folded[s] = key
	}
	return key
}

// begin starts a document; the fields added next belong to it.
func (bd *indexBuilder) begin(kind data.Kind, ref data.Ref, title string, sources []string) {
	bd.ix.docs = append(bd.ix.docs, doc{
		kind: kind, ref: ref,
		title:      displayText(title),
		sources:    slices.Clone(sources),
		firstField: int32(len(bd.ix.fields)), endField: int32(len(bd.ix.fields)),
		description: -1,
	})
	bd.doc = &bd.ix.docs[len(bd.ix.docs)-1]
	bd.add(derivedField, string(kind))
}

// add adds a field to the current document and returns its number, or -1
// for a blank text.
func (bd *indexBuilder) add(class fieldClass, text string) int32 {
	text = displayText(text)
	if text == "" {
		return -1
	}
	ix := bd.ix
	f := field{text: text, class: class, firstWord: int32(len(ix.words))}
	scanWords(text, true, bd.fold, func(w word) {
		t, ok := bd.terms[w.key]
		if !ok {
			t = int32(len(bd.keys))
			bd.terms[w.key] = t
			bd.keys = append(bd.keys, w.key)
		}
		ix.words = append(ix.words, indexedWord{start: int32(w.start), end: int32(w.end), term: t})
	})
	f.endWord = int32(len(ix.words))
	ix.fields = append(ix.fields, f)
	bd.doc.endField = int32(len(ix.fields))
	bd.doc.ceiling.note(f)
	return int32(len(ix.fields) - 1)
}

// describe adds a field that also describes the document in snippets.
func (bd *indexBuilder) describe(class fieldClass, text string) {
	if f := bd.add(class, text); f >= 0 && bd.doc.description < 0 {
		bd.doc.description = f - bd.doc.firstField
	}
}

func (bd *indexBuilder) addAll(class fieldClass, texts []string) {
	for _, t := range texts {
		bd.add(class, t)
	}
}

func (bd *indexBuilder) addOriginals(class fieldClass, os []data.Original) {
	for _, o := range os {
		bd.add(class, o.Text)
	}
}

// finish sorts the vocabulary, renumbers the words by it and builds the
// postings.
func (bd *indexBuilder) finish() {
	ix := bd.ix
	order := make([]int32, len(bd.keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(bd.keys[a], bd.keys[b]) })
	rank := make([]int32, len(order))
	ix.vocab = make([]string, len(order))
	for r, t := range order {
		rank[t] = int32(r)
		ix.vocab[r] = bd.keys[t]
	}
	for i := range ix.words {
		ix.words[i].term = rank[ix.words[i].term]
	}
	// Count each term once per document, then fill.
	lastDoc := make([]int32, len(ix.vocab))
	for i := range lastDoc {
		lastDoc[i] = -1
	}
	counts := make([]int32, len(ix.vocab)+1)
	ix.eachTerm(func(d, t int32) {
		if lastDoc[t] != d {
			lastDoc[t] = d
			counts[t+1]++
		}
	})
	for t := 1; t < len(counts); t++ {
		counts[t] += counts[t-1]
	}
	ix.postingStart = counts
	ix.postings = make([]int32, counts[len(counts)-1])
	next := slices.Clone(counts[:len(counts)-1])
	for i := range lastDoc {
		lastDoc[i] = -1
	}
	ix.eachTerm(func(d, t int32) {
		if lastDoc[t] != d {
			lastDoc[t] = d
			ix.postings[next[t]] = d
			next[t]++
		}
	})
	bd.terms, bd.keys, bd.folded = nil, nil, nil
}

// body is document d's fields and the words they point into.
func (ix *Index) body(d int32) ([]field, []indexedWord) {
	if ix.lazy != nil {
		b := ix.lazy.body(d, len(ix.vocab), ix.docs[d].kind)
		return b.fields, b.words
	}
	dc := &ix.docs[d]
	return ix.fields[dc.firstField:dc.endField], ix.words
}

// named is document d with what its hit shows: its ref, title, sources
// and description (in a decoded index, read with its fields).
func (ix *Index) named(d int32) *doc {
	if ix.lazy != nil {
		return &ix.lazy.body(d, len(ix.vocab), ix.docs[d].kind).named
	}
	return &ix.docs[d]
}

// eachTerm calls fn with every word's document and term, in order.
func (ix *Index) eachTerm(fn func(d, t int32)) {
	for d := range ix.docs {
		for _, f := range ix.fields[ix.docs[d].firstField:ix.docs[d].endField] {
			for _, w := range ix.words[f.firstWord:f.endWord] {
				fn(int32(d), w.term)
			}
		}
	}
}
