package ui

import (
	"sync"

	"github.com/brief-reader/brief/data"
)

// maxSharedPages bounds the pages a Shared keeps per Glamour style (a long
// page with its renderer is up to ~0.2 MiB): past it the style's pages are
// dropped and rendered again on demand, so clients resizing through every
// width cannot grow the server without end. It holds every page of the
// built-in briefing at several widths.
const maxSharedPages = 512

// Shared is what every reader of one briefing can share when many run in
// one process (brief serve): the search index, built once, and the pages
// rendered per Glamour style and width. Readers only read what it hands
// out; it is safe for concurrent use. Each reader keeps its own state
// (tab, position, search, highlights).
type Shared struct {
	b *data.Briefing

	indexOnce sync.Once
	index     *data.Index

	// mu guards caches; a render happens under it, so one page at one
	// width is rendered once however many readers ask for it together.
	mu     sync.Mutex
	caches map[string]*renderCache // by Glamour style
}

// NewShared prepares b for sharing between readers.
func NewShared(b *data.Briefing) *Shared {
	// Lookups build the briefing's id index on first use: build it now,
	// before readers on many goroutines look things up.
	b.Has(data.Ref{Kind: data.KindSource})
	return &Shared{b: b, caches: map[string]*renderCache{}}
}

// Briefing is the briefing the readers share.
func (s *Shared) Briefing() *data.Briefing { return s.b }

// Index is the briefing's search index, built by the first caller.
func (s *Shared) Index() *data.Index {
	s.indexOnce.Do(func() { s.index = data.NewIndex(s.b) })
	return s.index
}

// page returns ref rendered at width in a Glamour style, rendering it on
// first use.
func (s *Shared) page(style string, ref data.Ref, width int) *rendered {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.caches[style]
	if c == nil {
		c = newRenderCache(s.b, style)
		s.caches[style] = c
	}
	if len(c.pages) >= maxSharedPages {
		c.reset()
	}
	return c.get(ref, width)
}

// Pages is how many rendered pages s holds, over every style.
func (s *Shared) Pages() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.caches {
		n += len(c.pages)
	}
	return n
}
