package ui

import (
	"sync"

	glamouransi "charm.land/glamour/v2/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
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
	index     *search.Index

	// mu guards pages. Renders happen outside it, each page at each width
	// once however many readers ask for it together, so one reader's render
	// never holds up another reader's page.
	mu    sync.Mutex
	pages map[sharedKey]*sharedPage
	count map[string]int // pages per Glamour style
}

type sharedKey struct {
	style string
	page  pageKey
}

// sharedPage is one render, done by the first reader to ask.
type sharedPage struct {
	once sync.Once
	r    *rendered
}

// NewShared prepares b for sharing between readers.
func NewShared(b *data.Briefing) *Shared {
	return &Shared{b: b, pages: map[sharedKey]*sharedPage{}, count: map[string]int{}}
}

// Briefing is the briefing the readers share.
func (s *Shared) Briefing() *data.Briefing { return s.b }

// Index is the briefing's search index, built by the first caller.
func (s *Shared) Index() *search.Index {
	s.indexOnce.Do(func() { s.index = search.NewIndex(s.b) })
	return s.index
}

// page returns ref rendered at width in a Glamour style, rendering it on
// first use.
func (s *Shared) page(style string, config glamouransi.StyleConfig, ref data.Ref, width int) *rendered {
	key := sharedKey{style, pageKey{ref, clamp(width, 1, maxRenderWidth)}}
	s.mu.Lock()
	p := s.pages[key]
	if p == nil {
		if s.count[style] >= maxSharedPages {
			for k := range s.pages {
				if k.style == style {
					delete(s.pages, k)
				}
			}
			s.count[style] = 0
		}
		p = &sharedPage{}
		s.pages[key] = p
		s.count[style]++
	}
	s.mu.Unlock()
	p.once.Do(func() {
		// A renderer of its own: Glamour's are not safe to share between
		// goroutines, and making one costs far less than a render.
		// The reader's own cache has capped the width already.
		c := newStyleCache(s.b, style, config)
		c.maxWidth = maxRenderWidth
		p.r = c.get(ref, width)
	})
	return p.r
}

// Pages is how many rendered pages s holds, over every style.
func (s *Shared) Pages() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pages)
}
