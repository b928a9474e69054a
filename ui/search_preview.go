package ui

import (
	"strings"

	"github.com/brief-reader/brief/data/search"
)

// searchPanel is the search results panel: the hits alone, or from
// searchPreviewWidth columns the hits on the left and, beside them, the
// selected hit's context with its matches marked, as fzf shows.
func (m *Model) searchPanel() []string {
	s := &m.search
	l := m.lay
	listW, previewW, ok := l.searchSplit()
	if !ok || len(s.hits) == 0 || s.sel >= len(s.hits) {
		return s.panelLines(l.width, l.bodyH)
	}
	list := s.panelLines(listW, l.bodyH)
	rows := min(l.bodyH, maxResultLines+1)
	if len(list) < 2 || rows < 2 {
		return s.panelLines(l.width, l.bodyH)
	}
	h := s.hits[s.sel]
	preview := m.hitPreview(h, previewW, rows-1)
	div := m.st.Pane.Divider
	label := " preview "
	out := make([]string, rows)
	out[0] = list[0] + div.Render("┬──") + m.st.Search.Kind.Render(label) +
		div.Render(strings.Repeat("─", max(0, previewW-2-textWidth(label))))
	for i := 1; i < rows; i++ {
		left, right := fit("", listW), fit("", previewW)
		if i < len(list) {
			left = list[i]
		}
		if i-1 < len(preview) {
			right = preview[i-1]
		}
		out[i] = left + div.Render("│") + right
	}
	return out
}

// hitPreview is up to rows lines of h's context in w cells: its page in
// this briefing from a little before the first line with a match, or,
// for a hit in another briefing (whose pages this reader does not have),
// its title and snippet wrapped; the matches marked in the accent.
func (m *Model) hitPreview(h search.Hit, w, rows int) []string {
	q := m.search.query
	mark := m.st.Search.PreviewMark
	pl, ok := placeOf(m.b, h.Ref)
	if m.search.all.on && !m.hitHere() || !ok {
		var out []string
		text := oneLine(h.Title)
		if h.Snippet != "" {
			text += " — " + oneLine(h.Snippet)
		}
		for _, line := range wrapText(text, w-2, w-2) {
			out = append(out, fit(" "+markSpans(line, q.Highlight(line), m.st.Search.Snippet, mark), w))
		}
		return out[:min(len(out), rows)]
	}
	r := m.cache.get(pl.item, w)
	start := 0
	if a, ok := r.anchors[h.Ref]; ok {
		start = a
	}
	top := start
	for i := start; i < len(r.plain); i++ {
		if len(q.Highlight(r.plain[i])) > 0 {
			// Two lines before the match, within the hit's own block.
			start = max(start, i-2)
			break
		}
	}
	var out []string
	if start > top {
		// The page is shown from its match on: its title first, whole,
		// since the list beside may have cut it.
		for _, line := range wrapText(oneLine(h.Title), w-2, w-2) {
			out = append(out, fit(" "+markSpans(line, q.Highlight(line), m.st.Search.Title, mark), w))
		}
	}
	for i := start; i < len(r.lines) && len(out) < rows; i++ {
		out = append(out, fit(markLine(r.lines[i], r.plain[i], q.Highlight(r.plain[i]), mark), w))
	}
	return out
}

// hitHere reports whether the selected hit of an all-briefings search is
// in the briefing shown.
func (m *Model) hitHere() bool {
	s := &m.search
	return s.sel < len(s.all.hits) && s.all.hits[s.sel].Briefing == m.id
}
