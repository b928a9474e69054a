package data

import (
	"sync"
	"sync/atomic"
)

// WordCounts are the words a reader reads in a briefing's overview and in
// the whole briefing, for its reading times. Counting them reads every
// text (40 ms at 10,000 items), so they are counted once per briefing and
// kept in its snapshot: a briefing opened from one shows them at once.
type WordCounts struct {
	Overview int `json:"overview"`
	Whole    int `json:"whole"`
}

// wordsOnce holds the counts once counted; done tells a snapshot whether
// there are counts to keep without counting them.
type wordsOnce struct {
	once   sync.Once
	done   atomic.Bool
	counts WordCounts
}

// Words are b's word counts, counted by count the first time (the
// counting rules are the display vocabulary's, internal/words) and kept.
func (b *Briefing) Words(count func(*Briefing) WordCounts) WordCounts {
	if b.words == nil { // a briefing that was not finished
		return count(b)
	}
	b.words.once.Do(func() {
		b.words.counts = count(b)
		b.words.done.Store(true)
	})
	return b.words.counts
}

// countedWords are b's word counts if they were counted, else nil.
func (b *Briefing) countedWords() *WordCounts {
	if b.words == nil || !b.words.done.Load() {
		return nil
	}
	c := b.words.counts
	return &c
}

// setWords gives b the counts its snapshot kept.
func (b *Briefing) setWords(c WordCounts) {
	b.Words(func(*Briefing) WordCounts { return c })
}
