package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
)

// WriteBookmarks prints bookmarks (resolved by bookmarks.Resolve) in
// format: Markdown (a section per briefing, sources as a list under each
// item), JSON ({"schema": "brief-bookmarks/1",
// "bookmarks": [...]}) or plain text.
func WriteBookmarks(w io.Writer, items []bookmarks.Item, format Format) error {
	if format == JSON {
		if items == nil {
			items = []bookmarks.Item{}
		}
		return WriteJSON(w, struct {
			Schema    string           `json:"schema"`
			Bookmarks []bookmarks.Item `json:"bookmarks"`
		}{"brief-bookmarks/1", items})
	}
	md := format == Markdown
	var sb strings.Builder
	if md {
		sb.WriteString("# Bookmarks\n")
	} else {
		sb.WriteString("BOOKMARKS\n")
	}
	if len(items) == 0 {
		sb.WriteString("\nNo bookmarks yet: press * on an item in the reader to keep it.\n")
	}
	last := "\x00"
	for _, it := range items {
		if it.Briefing != last {
			last = it.Briefing
			writeBookmarksBriefing(&sb, it, md)
		}
		writeBookmark(&sb, it, md)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// writeBookmarksBriefing heads the bookmarks of it's briefing.
func writeBookmarksBriefing(sb *strings.Builder, it bookmarks.Item, md bool) {
	title := data.CleanText(it.BriefingTitle)
	if title == "" {
		title = data.CleanText(it.Briefing)
	}
	if md {
		sb.WriteString("\n## " + title + "\n")
	} else {
		sb.WriteString("\n" + strings.ToUpper(title) + "\n")
	}
}

// writeBookmark writes one bookmark: its title, text, note and sources, or
// why the item it names is missing.
func writeBookmark(sb *strings.Builder, it bookmarks.Item, md bool) {
	if it.Missing != "" {
		fmt.Fprintf(sb, "\n%s: %s\n", data.CleanText(string(it.Kind)+":"+it.ID), data.CleanText(it.Missing))
		return
	}
	if md {
		fmt.Fprintf(sb, "\n### %s\n", data.CleanText(it.Title))
	} else {
		fmt.Fprintf(sb, "\n%s\n", data.CleanText(it.Title))
	}
	if it.Text != "" {
		sb.WriteString("\n" + data.CleanText(it.Text) + "\n")
	}
	if it.Note != "" {
		if md {
			sb.WriteString("\n> Note: " + data.CleanText(it.Note) + "\n")
		} else {
			sb.WriteString("\nNote: " + data.CleanText(it.Note) + "\n")
		}
	}
	if len(it.Sources) > 0 {
		sb.WriteString("\nSources:\n")
		for _, c := range it.Sources {
			sb.WriteString("- " + data.CleanText(c.String()) + "\n")
		}
	}
}
