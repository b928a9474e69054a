package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/export"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/words"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// searchOptions are the flags of `brief search`.
type searchOptions struct {
	bundle string
	json   bool
	limit  int
	kinds  kindsFlag
	all    bool
}

func newSearchCmd() *cobra.Command {
	opts := searchOptions{limit: 20}
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the briefing and print the ranked hits",
		Long: `search finds every item of the briefing that matches QUERY (speakers,
statements, sessions, timeline events, measures, figures, sources, glossary
terms and the overview), the best first, as the reader's search does.

Matching ignores case and accents (dang hoang giang finds Đặng Hoàng Giang);
every word must match; the last word may be the start of a word; "quoted
words" must appear side by side; -word excludes items holding it; numbers
match however they are written (1000, 1,000 and 1.000 are one number).

Each hit prints its kind, title, a snippet with the matched words marked and
the ids of its sources. The exit status is 0 with hits, 1 with none and 2
on an error.`,
		Example: `# Find a person, with or without accents:
brief search dang hoang giang

# Only statements and sessions, as JSON:
brief search --kind statement,session --json cybercrime

# A phrase, without the hits that mention Cuba (-- ends the flags, so
# -cuba is read as part of the query):
brief search -n 5 -- '"electronic evidence"' -cuba`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("brief search needs something to search for: brief search QUERY")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSearch(cmd, strings.Join(args, " "), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the hits as a JSON list")
	cmd.Flags().IntVarP(&opts.limit, "limit", "n", opts.limit, "print at most this many hits, the best; 0 prints all")
	cmd.Flags().Var(&opts.kinds, "kind", "only hits of these kinds, comma-separated: "+names(data.Kinds))
	cmd.Flags().BoolVar(&opts.all, "all", false, "search every briefing of the library (see `brief library`); each hit names its briefing")
	addBundleFlag(cmd, &opts.bundle)
	cmd.MarkFlagsMutuallyExclusive("all", "bundle")
	return cmd
}

func runSearch(cmd *cobra.Command, query string, opts searchOptions) error {
	if opts.limit < 0 {
		return usageError("--limit must be 0 (all hits) or more, not %d", opts.limit)
	}
	q := search.ParseQuery(query)
	if q.Empty() {
		return usageError("the query %q has no word to search for: give at least one word that is not excluded with -", query)
	}
	hits, from, total, err := findHits(cmd, q, opts)
	if err != nil {
		return err
	}
	if opts.limit > 0 && len(hits) > opts.limit {
		hits = hits[:opts.limit]
	}
	if err := writeHits(cmd.OutOrStdout(), q, hits, from, opts.json); err != nil {
		return err
	}
	switch {
	case total == 0:
		if !opts.json {
			fmt.Fprintf(cmd.ErrOrStderr(), "No hits for %s. Try fewer words, no quotes, or the start of a word.\n", quoteQuery(q))
		}
		return &exitError{code: exitFailure}
	case len(hits) < total:
		fmt.Fprintf(cmd.ErrOrStderr(), "Showing the best %d of %d hits; --limit 0 shows them all.\n", len(hits), total)
	}
	return nil
}

// findHits searches the briefing opts names or, with --all, the whole
// library, and returns the best hits (with --all, at most --limit), from,
// with --all, each hit's briefing in the same order, and how many hits
// there are in all.
func findHits(cmd *cobra.Command, q search.Query, opts searchOptions) (hits []search.Hit, from []library.Hit, total int, err error) {
	if !opts.all {
		b, err := loadBriefing(opts.bundle)
		if err != nil {
			return nil, nil, 0, err
		}
		hits = search.NewIndex(b).Search(q, search.SearchOptions{Kinds: opts.kinds})
		return hits, nil, len(hits), nil
	}
	lib, err := openState(cmd.ErrOrStderr())
	if err != nil {
		return nil, nil, 0, err
	}
	defer lib.Store.Close()
	s, err := lib.SearcherFor(q)
	if err != nil {
		return nil, nil, 0, failure(err)
	}
	// Only the hits printed are scored and cut into snippets.
	from, total = s.SearchCounted(q, search.SearchOptions{Kinds: opts.kinds, Limit: opts.limit})
	for _, h := range from {
		hits = append(hits, h.Hit)
	}
	return hits, from, total, nil
}

// writeHits prints hits as JSON or as blocks for a terminal or a pipe;
// from, with --all, names each hit's briefing.
func writeHits(out io.Writer, q search.Query, hits []search.Hit, from []library.Hit, asJSON bool) error {
	switch {
	case asJSON && from != nil:
		libHits := make([]librarySearchHit, len(hits))
		for i, h := range jsonHits(q, hits) {
			libHits[i] = librarySearchHit{Briefing: from[i].Briefing, BriefingTitle: from[i].BriefingTitle, searchHit: h}
		}
		return export.WriteJSON(out, libHits)
	case asJSON:
		return export.WriteJSON(out, jsonHits(q, hits))
	}
	var briefings []string
	for _, h := range from[:min(len(from), len(hits))] {
		briefings = append(briefings, h.Briefing)
	}
	return printHits(colorprofile.NewWriter(out, os.Environ()), q, hits, briefings, plainOutput(os.Stdout), terminalWidth(os.Stdout))
}

// searchHit is a hit as `brief search --json` prints it (docs/EXPORT.md):
// match positions count characters (Unicode code points), not bytes, in
// the snippet (marks) and in the title (titleMarks); lists are [], never
// null.
type searchHit struct {
	Kind       data.Kind     `json:"kind"`
	Ref        data.Ref      `json:"ref"`
	Title      string        `json:"title"`
	TitleMarks []search.Span `json:"titleMarks"`
	Snippet    string        `json:"snippet"`
	Marks      []search.Span `json:"marks"`
	Sources    []string      `json:"sources"`
	Score      int           `json:"score"`
}

// librarySearchHit is a searchHit of `search --all`, with its briefing.
type librarySearchHit struct {
	Briefing      string `json:"briefing"`
	BriefingTitle string `json:"briefingTitle"`
	searchHit
}

func jsonHits(q search.Query, hits []search.Hit) []searchHit {
	out := make([]searchHit, len(hits))
	for i, h := range hits {
		sources := h.Sources
		if sources == nil {
			sources = []string{}
		}
		out[i] = searchHit{
			Kind: h.Kind, Ref: h.Ref, Title: h.Title, TitleMarks: charSpans(h.Title, q.Highlight(h.Title)),
			Snippet: h.Snippet, Marks: charSpans(h.Snippet, h.Marks), Sources: sources, Score: h.Score,
		}
	}
	return out
}

// charSpans turns byte spans of s into spans of characters.
func charSpans(s string, spans []search.Span) []search.Span {
	out := make([]search.Span, 0, len(spans))
	for _, sp := range spans {
		start := utf8.RuneCountInString(s[:sp.Start])
		out = append(out, search.Span{Start: start, End: start + utf8.RuneCountInString(s[sp.Start:sp.End])})
	}
	return out
}

// hitStyles mark up a hit on a colour terminal, in basic ANSI colours and
// attributes that read on dark and light backgrounds alike.
var hitStyles = struct {
	kind, title, mark, sources lipgloss.Style
}{
	kind:    lipgloss.NewStyle().Foreground(lipgloss.Magenta),
	title:   lipgloss.NewStyle().Bold(true),
	mark:    lipgloss.NewStyle().Reverse(true),
	sources: lipgloss.NewStyle().Faint(true),
}

// printHits writes one block per hit: its rank, kind and title, the
// snippet with matched words marked, and its sources. w downsamples the
// styles to what the terminal shows, and strips them where it is no
// terminal; plain marks matches with *asterisks* there instead. Lines wrap
// at width, with the block's indent; width 0 (a pipe) keeps one line per
// field, for grep and friends.
// briefings, with --all, names each hit's briefing.
func printHits(w io.Writer, q search.Query, hits []search.Hit, briefings []string, plain bool, width int) error {
	var sb strings.Builder
	for i, h := range hits {
		if i > 0 {
			sb.WriteString("\n")
		}
		prefix := fmt.Sprintf("%d. ", i+1)
		indent := strings.Repeat(" ", len(prefix))
		line := func(s string) {
			if width > len(indent)+10 {
				s = strings.ReplaceAll(ansi.Wordwrap(s, width-len(indent), ""), "\n", "\n"+indent)
			}
			sb.WriteString(s + "\n")
		}
		kind := words.ItemKind(h.Kind).Short
		if i < len(briefings) {
			kind = data.CleanText(briefings[i]) + " · " + kind
		}
		line(prefix + hitStyles.kind.Render(kind) + "  " + marked(h.Title, q.Highlight(h.Title), plain, hitStyles.title))
		if h.Snippet != "" {
			line(indent + marked(h.Snippet, h.Marks, plain, lipgloss.NewStyle()))
		}
		if len(h.Sources) > 0 {
			line(indent + hitStyles.sources.Render("sources: "+data.CleanText(strings.Join(h.Sources, ", "))))
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// terminalWidth is the width of the terminal f is, or 0 when it is none.
func terminalWidth(f *os.File) int {
	if !isTerminal(f) {
		return 0
	}
	w, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return w
}

// quoteQuery quotes a query for a message, in quotes it does not use.
func quoteQuery(q search.Query) string {
	s := data.CleanText(q.String())
	if strings.Contains(s, `"`) {
		return "‘" + s + "’"
	}
	return `"` + s + `"`
}

// joinMarks merges marks separated only by spaces, so a matched name reads
// as one mark ("*Đặng Hoàng Giang*") rather than three.
func joinMarks(text string, spans []search.Span) []search.Span {
	var out []search.Span
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start >= out[n-1].End && s.Start <= len(text) && strings.TrimSpace(text[out[n-1].End:s.Start]) == "" {
			out[n-1].End = s.End
			continue
		}
		out = append(out, s)
	}
	return out
}

// marked neutralises text, styles it with base and marks the spans in it.
// Spans are byte offsets into the raw text, so each piece is cleaned after
// cutting, and styled on its own so a mark does not end the base style.
func marked(text string, spans []search.Span, plain bool, base lipgloss.Style) string {
	var sb strings.Builder
	mark := base.Inherit(hitStyles.mark)
	at := 0
	for _, s := range joinMarks(text, spans) {
		if s.Start < at || s.End <= s.Start || s.End > len(text) {
			continue // out of order or out of range: leave the text unmarked
		}
		sb.WriteString(base.Render(data.CleanText(text[at:s.Start])))
		match := data.CleanText(text[s.Start:s.End])
		if plain {
			sb.WriteString("*" + match + "*")
		} else {
			sb.WriteString(mark.Render(match))
		}
		at = s.End
	}
	sb.WriteString(base.Render(data.CleanText(text[at:])))
	return sb.String()
}

// kindsFlag is --kind: item kinds, comma-separated, the flag repeatable.
type kindsFlag []data.Kind

func (k *kindsFlag) String() string {
	names := make([]string, len(*k))
	for i, kind := range *k {
		names[i] = string(kind)
	}
	return strings.Join(names, ",")
}

func (k *kindsFlag) Set(v string) error {
	for name := range strings.SplitSeq(v, ",") {
		name = strings.TrimSpace(name)
		if !slices.Contains(data.Kinds, data.Kind(name)) {
			return fmt.Errorf("unknown kind %q: use %s", name, names(data.Kinds))
		}
		*k = append(*k, data.Kind(name))
	}
	return nil
}

func (k *kindsFlag) Type() string { return "kinds" }
