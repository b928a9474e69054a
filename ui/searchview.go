package ui

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/words"
)

// maxResultLines bounds the results panel so the screen it covers stays in
// sight above it.
const maxResultLines = 12

// barView is the search bar in the status bar's place: the input and a
// count of hits.
func (s *searchModel) barView(w int) string {
	count := ""
	switch {
	case s.ix == nil, s.all.on && s.all.ix == nil:
		count = " indexing…"
	case !s.query.Empty():
		count = " " + words.Count(len(s.hits), "hit")
		if len(s.hits) == searchLimit {
			count = " " + itoa(searchLimit) + "+ hits"
		}
	}
	if utf8.RuneCountInString(s.input.Value()) >= maxQuery {
		// Said here: the bar covers the status bar while search is open.
		count = " full: " + itoa(maxQuery) + " characters at most ·" + count
	}
	count = s.st.Status.Desc.Render(count)
	in := truncate(s.input.View(), max(1, w-textWidth(count)))
	return fit(in+strings.Repeat(" ", max(0, w-textWidth(in)-textWidth(count)))+count, w)
}

// cursor is where the terminal's cursor goes: in the bar, on line y.
func (s *searchModel) cursor(y int) *tea.Cursor {
	c := s.input.Cursor()
	if c == nil {
		return nil
	}
	c.Y = y
	return c
}

// overlay puts panel over the last lines of body.
func overlay(body string, panel []string) string {
	if len(panel) == 0 {
		return body
	}
	lines := strings.Split(body, "\n")
	start := max(0, len(lines)-len(panel))
	for i, p := range panel {
		if start+i < len(lines) {
			lines[start+i] = p
		}
	}
	return strings.Join(lines, "\n")
}

// panelLines are the results: a rule, then one line per hit labelled with
// its kind, or what to try when nothing matches.
func (s *searchModel) panelLines(w, h int) []string {
	room := min(h, maxResultLines+1)
	if room < 2 {
		return nil
	}
	rule := fit(s.st.Pane.Divider.Render(strings.Repeat("─", w)), w)
	msg := func(text string) []string {
		return []string{rule, fit(s.st.Search.Empty.Render(truncate(" "+text, w)), w)}
	}
	switch {
	case s.all.on && s.all.ix == nil:
		return msg("indexing every briefing of the library…")
	case s.ix == nil:
		return msg("building the search index…")
	case s.query.Empty():
		return []string{rule, fit(s.st.Search.Snippet.Render(truncate(" type a few letters: names, titles, statements, figures, terms in any language; \"phrase\", -exclude", w)), w)}
	case len(s.hits) == 0:
		return msg(noHitsText(s.input.Value()))
	}
	// The rule says where the panel is in the hits, and which way more
	// lie.
	pos := " " + itoa(s.sel+1) + "/" + itoa(len(s.hits)) + " "
	switch {
	case s.top > 0 && s.top+room-1 < len(s.hits):
		pos = " ↑↓" + pos
	case s.top > 0:
		pos = " ↑" + pos
	case s.top+room-1 < len(s.hits):
		pos = " ↓" + pos
	}
	rule = fit(s.st.Pane.Divider.Render(strings.Repeat("─", max(0, w-textWidth(pos)-2)))+s.st.Search.Kind.Render(pos)+s.st.Pane.Divider.Render("──"), w)
	out := []string{rule}
	seen := map[string]bool{}
	for i := s.top; i < len(s.hits) && len(out) < room; i++ {
		line, plain := s.hitLine(s.hits[i], "", i == s.sel, w)
		if seen[plain] {
			// Two hits that read the same (two statements of one speaker
			// at one session, cut alike) are told apart by their number.
			line, plain = s.hitLine(s.hits[i], " · "+itoa(i+1), i == s.sel, w)
		}
		seen[plain] = true
		out = append(out, line)
	}
	return out
}

// noHitsText says there is nothing and what to try.
func noHitsText(typed string) string {
	tip := "try fewer words or the start of a word"
	switch {
	case strings.ContainsAny(typed, "\"“”„"):
		tip = "try without the quotes, or fewer words"
	case strings.Contains(" "+typed, " -"):
		tip = "try without the -excluded words"
	}
	return "no matches for \"" + oneLine(typed) + "\": " + tip
}

// kindWidth aligns the kind labels of the results: the longest kind and a
// space.
var kindWidth = func() int {
	w := 0
	for _, k := range data.Kinds {
		w = max(w, len(k))
	}
	return w + 1
}()

// snippetLead is how many cells of context a snippet keeps before its
// first match.
const snippetLead = 12

// hitLine draws one hit in w cells, and returns it plain too: the kind,
// the title with its matched words marked, and the snippet around its
// first match. The title is cut before the match in the snippet is, so
// every row shows why it matched.
func (s *searchModel) hitLine(h search.Hit, suffix string, selected bool, w int) (string, string) {
	st := s.st
	marker := "  "
	base, titleSt, kindSt, snipSt := st.Search.Snippet, st.Search.Title, st.Search.Kind, st.Search.Snippet
	if selected {
		marker = "▸ "
		base, titleSt, kindSt, snipSt = st.Search.Selected, st.Search.Selected, st.Search.Selected, st.Search.Selected
	}
	kind := words.ItemKind(h.Kind).Short
	kind += strings.Repeat(" ", max(1, kindWidth-textWidth(kind)))
	title := oneLine(h.Title) + suffix
	full := s.numberCitations(h, oneLine(h.Snippet))
	tmarks := s.query.Highlight(title)
	fullMarks := s.query.Highlight(full)
	room := w - textWidth(marker+kind)
	// Narrow rows keep less context before the match.
	snippet, smarks := leadTo(full, fullMarks, clamp(room/6, 0, snippetLead))

	if room <= 0 {
		plain := truncate(marker+kind, w)
		return fit(base.Render(plain), w), plain
	}
	titleW, snipW := textWidth(title), textWidth(snippet)
	titleRoom := room
	if snippet != "" {
		// The snippet needs its first match and a little after it; a
		// title with the match in it keeps that much of itself.
		need := min(snipW, room/3)
		if len(smarks) > 0 {
			need = max(need, textWidth(snippet[:firstRunEnd(snippet, smarks)])+4)
		}
		keep := min(titleW, 12)
		if len(tmarks) > 0 {
			// and a cell for the "…" after it
			keep = max(keep, min(titleW, textWidth(title[:firstRunEnd(title, tmarks)])+1))
		}
		titleRoom = clamp(room-3-need, min(keep, room), room)
	}
	title, tmarks = showMatch(title, tmarks, titleRoom)
	shownTitle := truncate(title, titleRoom)
	plain := marker + kind + shownTitle
	line := st.List.Marker.Render(marker) + kindSt.Render(kind) + markSpans(shownTitle, tmarks, titleSt, st.Search.Mark)
	if rest := room - textWidth(shownTitle) - 3; snippet != "" && rest > 4 {
		snippet, smarks = showMatch(snippet, smarks, rest)
		shown := truncate(snippet, rest)
		plain += " — " + shown
		line += base.Render(" — ") + markSpans(shown, smarks, snipSt, st.Search.Mark)
	}
	if selected {
		// The selection runs the whole width.
		line += base.Render(strings.Repeat(" ", max(0, w-textWidth(plain))))
	}
	return fit(line, w), plain
}

// firstRunEnd is where the first run of matches ends: spans one space
// apart read as one ("Đặng Hoàng Giang").
func firstRunEnd(text string, spans []search.Span) int {
	end := spans[0].End
	for _, sp := range spans[1:] {
		if strings.TrimSpace(text[end:sp.Start]) != "" {
			break
		}
		end = sp.End
	}
	return end
}

// showMatch cuts text from the left when its first run of matches would
// not show whole in room cells, so that the run sits in the middle of what
// shows, from a word's start, after "…"; the spans move with it. A row
// always shows why it matched, even when the match ends a long title.
func showMatch(text string, spans []search.Span, room int) (string, []search.Span) {
	if len(spans) == 0 || textWidth(text) <= room || textWidth(text[:firstRunEnd(text, spans)]) < room {
		return text, spans
	}
	start, end := spans[0].Start, firstRunEnd(text, spans)
	before := max(0, (room-textWidth(text[start:end]))/2-1) // cells of context, "…" aside
	cut := start
	for cut > 0 && textWidth(text[cut:start]) < before {
		_, size := utf8.DecodeLastRuneInString(text[:cut])
		cut -= size
	}
	for cut < start && cut > 0 && text[cut-1] != ' ' {
		_, size := utf8.DecodeRuneInString(text[cut:])
		cut += size
	}
	if cut == 0 {
		return text, spans
	}
	var out []search.Span
	shift := cut - len("…")
	for _, sp := range spans {
		if sp.Start >= cut {
			out = append(out, search.Span{Start: sp.Start - shift, End: sp.End - shift})
		}
	}
	return "…" + text[cut:], out
}

// leadTo cuts text so its first marked span starts at most lead cells in,
// at a word's start, with "…" for what was cut; the spans move with it.
func leadTo(text string, spans []search.Span, lead int) (string, []search.Span) {
	if len(spans) == 0 || textWidth(text[:spans[0].Start]) <= lead {
		return text, spans
	}
	cut := spans[0].Start
	for cut > 0 && textWidth(text[cut:spans[0].Start]) < lead {
		cut--
	}
	for cut > 0 && cut < spans[0].Start && text[cut-1] != ' ' {
		cut++
	}
	out := make([]search.Span, len(spans))
	shift := cut - len("…")
	for i, sp := range spans {
		out[i] = search.Span{Start: sp.Start - shift, End: sp.End - shift}
	}
	return "…" + text[cut:], out
}

// markSpans styles text with base, and the spans in it with mark; spans
// past a cut end are dropped.
func markSpans(text string, spans []search.Span, base, mark lipgloss.Style) string {
	var sb strings.Builder
	at := 0
	limit := len(strings.TrimSuffix(text, "…"))
	for _, sp := range spans {
		if sp.Start < at || sp.End > limit || sp.Start >= sp.End {
			continue
		}
		sb.WriteString(base.Render(text[at:sp.Start]))
		sb.WriteString(mark.Render(text[sp.Start:sp.End]))
		at = sp.End
	}
	sb.WriteString(base.Render(text[at:]))
	return sb.String()
}

// numberCitations writes a snippet's [source-id] markers as the page the
// hit opens numbers them, [n]; a source that page does not number is
// named by outlet.
func (s *searchModel) numberCitations(h search.Hit, text string) string {
	if !strings.Contains(text, "[") || s.b == nil {
		return text
	}
	nums := s.pageNumbers(h.Ref)
	var sb strings.Builder
	last := 0
	for _, c := range data.ScanCitations(text) {
		sb.WriteString(text[last:c.Start])
		switch n, ok := nums[c.ID]; {
		case ok:
			sb.WriteString("[" + itoa(n) + "]")
		default:
			if src, ok := s.b.Source(c.ID); ok {
				sb.WriteString("[" + oneLine(src.Outlet) + "]")
			} else {
				sb.WriteString(text[c.Start:c.End])
			}
		}
		last = c.End
	}
	sb.WriteString(text[last:])
	return sb.String()
}

// pageNumbers maps source ids to their [n] on the page ref opens on,
// built once per page: the page's Markdown only, never rendered.
func (s *searchModel) pageNumbers(ref data.Ref) map[string]int {
	pl, ok := placeOf(s.b, ref)
	if !ok {
		return nil
	}
	if nums, ok := s.citeNums[pl.item]; ok {
		return nums
	}
	p := buildPage(s.b, pl.item)
	nums := map[string]int{}
	for r, n := range p.refNums {
		if r.Kind == data.KindSource {
			nums[r.ID] = n
		}
	}
	if s.citeNums == nil {
		s.citeNums = map[data.Ref]map[string]int{}
	}
	s.citeNums[pl.item] = nums
	return nums
}
