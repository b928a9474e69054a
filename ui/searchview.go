package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
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
		count = " " + plural(len(s.hits), "hit")
		if len(s.hits) == searchLimit {
			count = " " + itoa(searchLimit) + "+ hits"
		}
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
	out := []string{rule}
	for i := s.top; i < len(s.hits) && len(out) < room; i++ {
		out = append(out, s.hitLine(s.hits[i], i == s.sel, w))
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

func (s *searchModel) hitLine(h data.Hit, selected bool, w int) string {
	st := s.st
	marker := "  "
	if selected {
		marker = "▸ "
	}
	kind := string(h.Kind)
	kind += strings.Repeat(" ", max(1, kindWidth-textWidth(kind)))
	title := oneLine(h.Title)
	snippet := oneLine(h.Snippet)
	if selected {
		plain := marker + kind + title
		if snippet != "" {
			plain += " — " + snippet
		}
		return fit(st.Search.Selected.Render(truncate(plain, w)), w)
	}
	room := w - textWidth(marker+kind)
	if room <= 0 {
		return fit(truncate(marker+kind, w), w)
	}
	line := marker + st.Search.Kind.Render(kind) + st.Search.Title.Render(truncate(title, room))
	room -= textWidth(title) + 3
	if snippet != "" && room > 4 {
		marks := h.Marks
		if snippet != h.Snippet {
			marks = s.query.Highlight(snippet)
		}
		line += st.Search.Snippet.Render(" — ") + markPlain(truncate(snippet, room), marks, st)
	}
	return fit(line, w)
}

// markPlain styles a plain text with its matched spans highlighted; spans
// past a cut end are dropped.
func markPlain(text string, spans []data.Span, st *styles) string {
	var sb strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.Start < at || sp.End > len(text) || sp.Start >= sp.End {
			continue
		}
		sb.WriteString(st.Search.Snippet.Render(text[at:sp.Start]))
		sb.WriteString(st.Search.Mark.Render(text[sp.Start:sp.End]))
		at = sp.End
	}
	sb.WriteString(st.Search.Snippet.Render(text[at:]))
	return sb.String()
}
