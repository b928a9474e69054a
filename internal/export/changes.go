package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/worddiff"
	"github.com/brief-reader/brief/internal/words"
)

// Change is one item changed since the reader last saw it: what it said
// then (Before, "" when those words were not kept) and what it says now.
type Change struct {
	Ref         data.Ref
	Title       string
	Before, Now string
}

// notKept stands for the word diff of an item whose earlier words were
// not kept (it was read by a brief older than schema version 3).
const notKept = "its earlier words were not kept (an older brief read it), so here is what it says now"

// WriteChanges writes the word diff of each changed item of the briefing
// titled title: Markdown (added words **bold**, removed ones
// ~~struck~~), plain text ([+added+] and [-removed-], wrapped at 80
// columns) or JSON ({"schema": "brief-changes/1", ...} with each item's
// parts).
func WriteChanges(w io.Writer, title string, changes []Change, f Format) error {
	switch f {
	case JSON:
		return writeChangesJSON(w, title, changes)
	case Markdown, Text:
	default:
		return fmt.Errorf("unknown format %q: use one of %s", f, formatList())
	}
	md := f == Markdown
	var sb strings.Builder
	n := words.Count(len(changes), "item")
	if md {
		sb.WriteString("# What changed in " + mdEscape(oneLine(title)) + "\n\n" + n +
			" changed since you last read them: words added are **in bold**, words removed ~~struck through~~.\n")
	} else {
		sb.WriteString(strings.ToUpper(oneLine(title)) + ": WHAT CHANGED\n\n" +
			wrap(n+" changed since you last read them: words added are marked [+like this+], words removed [-like this-].", "") + "\n")
	}
	for _, c := range changes {
		writeChange(&sb, c, md)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// writeChange writes one changed item: its kind and title, how many words
// changed, then its words with the changes marked.
func writeChange(sb *strings.Builder, c Change, md bool) {
	head := oneLine(c.Title)
	if kind := words.ItemKind(c.Ref.Kind).Long; !strings.HasPrefix(head, kind) {
		head = kind + ": " + head
	}
	if md {
		sb.WriteString("\n## " + mdEscape(head) + "\n\n")
	} else {
		sb.WriteString("\n" + strings.ToUpper(head) + "\n\n")
	}
	if c.Before == "" {
		sb.WriteString(words.Capitalise(notKept) + ":\n\n")
		if md {
			sb.WriteString(mdEscape(oneLine(c.Now)) + "\n")
		} else {
			sb.WriteString(wrap(oneLine(c.Now), "") + "\n")
		}
		return
	}
	spans := worddiff.Words(c.Before, c.Now)
	added, removed := worddiff.Count(spans)
	sb.WriteString(words.Count(added, "word") + " added, " + strconv.Itoa(removed) + " removed:\n\n")
	if md {
		sb.WriteString(markdownDiff(spans) + "\n")
	} else {
		sb.WriteString(wrap(textDiff(spans), "") + "\n")
	}
}

// diffMarks are the marks around a word diff's added and removed words,
// and how its words are written, in one format.
type diffMarks struct {
	added, removed [2]string
	words          func(string) string
}

var (
	markdownMarks = diffMarks{[2]string{"**", "**"}, [2]string{"~~", "~~"}, mdEscape}
	textMarks     = diffMarks{[2]string{"[+", "+]"}, [2]string{"[-", "-]"}, data.CleanText}
)

// markdownDiff is the spans as one Markdown paragraph.
func markdownDiff(spans []worddiff.Span) string { return markedDiff(spans, markdownMarks) }

// textDiff is the spans as plain text, marked as in a word diff.
func textDiff(spans []worddiff.Span) string { return markedDiff(spans, textMarks) }

func markedDiff(spans []worddiff.Span, m diffMarks) string {
	parts := make([]string, len(spans))
	for i, sp := range spans {
		text := m.words(sp.Text)
		switch sp.Op {
		case worddiff.Added:
			parts[i] = m.added[0] + text + m.added[1]
		case worddiff.Removed:
			parts[i] = m.removed[0] + text + m.removed[1]
		default:
			parts[i] = text
		}
	}
	return strings.Join(parts, " ")
}

// mdEscape keeps an item's words from being read as Markdown: the marks
// around them are ours, so the Markdown inside a bundle text (emphasis,
// citations, links) is shown as written.
func mdEscape(s string) string {
	s = data.CleanText(s)
	var sb strings.Builder
	for i, r := range s {
		if strings.ContainsRune("\\`*_~[]<>|#", r) || (i == 0 && strings.ContainsRune("-+>=", r)) {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// changeJSON is one changed item in the JSON of WriteChanges.
type changeJSON struct {
	Kind    data.Kind `json:"kind"`
	ID      string    `json:"id,omitempty"`
	Title   string    `json:"title"`
	Added   int       `json:"added"`
	Removed int       `json:"removed"`
	// Parts are the item's words now with those removed put back, in
	// order; absent when the earlier words were not kept (Kept false).
	Parts []partJSON `json:"parts,omitempty"`
	Kept  bool       `json:"kept"`
	// Text is the item's words now, when the earlier ones were not kept.
	Text string `json:"text,omitempty"`
}

type partJSON struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

var opNames = map[worddiff.Op]string{worddiff.Same: "same", worddiff.Added: "added", worddiff.Removed: "removed"}

func writeChangesJSON(w io.Writer, title string, changes []Change) error {
	out := make([]changeJSON, len(changes))
	for i, c := range changes {
		j := changeJSON{Kind: c.Ref.Kind, ID: c.Ref.ID, Title: c.Title, Kept: c.Before != ""}
		if !j.Kept {
			j.Text = c.Now
		} else {
			spans := worddiff.Words(c.Before, c.Now)
			j.Added, j.Removed = worddiff.Count(spans)
			for _, sp := range spans {
				j.Parts = append(j.Parts, partJSON{opNames[sp.Op], sp.Text})
			}
		}
		out[i] = j
	}
	return WriteJSON(w, struct {
		Schema   string       `json:"schema"`
		Briefing string       `json:"briefing"`
		Changes  []changeJSON `json:"changes"`
	}{"brief-changes/1", title, out})
}
