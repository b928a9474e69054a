package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/export"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/services"
	"github.com/brief-reader/brief/internal/state"
	"github.com/spf13/cobra"
)

// exportOptions are brief export's flags.
type exportOptions struct {
	bundle, briefing, output string
	bookmarks, changes       bool
	format                   formatFlag
}

func newExportCmd() *cobra.Command {
	opts := exportOptions{format: formatFlag(export.Markdown)}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the whole briefing as Markdown, JSON or plain text",
		Long: `export writes the whole briefing, every section with its citations, to
standard output or to FILE.

  markdown  headings per section, tables for figures and glossary terms,
            citations as footnotes ([^source-id]) defined at the end
  json      the bundle's structure with ids, under "schema": "brief/2"
  text      plain text wrapped at 80 columns, citations as [source-id]

--changes writes instead what changed since you last read the briefing in
the reader: each changed item with its words added and removed (**bold**
and ~~struck~~ in Markdown, [+added+] and [-removed-] in text, "parts" in
JSON). It exits with status 1, saying why, when nothing changed.

docs/EXPORT.md describes the Markdown layout and the JSON schemas.`,
		Example: `# Save the built-in briefing as Markdown:
brief export -o briefing.md

# Read the JSON export with another tool:
brief export --format json | python3 -m json.tool

# Plain text of another bundle:
brief export --format text --bundle ./my-briefing > briefing.txt

# What changed in a library briefing since you last read it:
brief export --changes --briefing my-briefing --format text`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runExport(cmd, opts)
		},
	}
	cmd.Flags().VarP(&opts.format, "format", "f", "output format: "+names(export.Formats))
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&opts.bookmarks, "bookmarks", false, "write your bookmarks, from every briefing, each with its sources' full citations")
	cmd.Flags().BoolVar(&opts.changes, "changes", false, "write what changed since you last read the briefing, word by word")
	cmd.Flags().StringVar(&opts.briefing, "briefing", "", "export this briefing of the library, by id (`brief library list` shows them)")
	addBundleFlag(cmd, &opts.bundle)
	cmd.MarkFlagsMutuallyExclusive("bundle", "briefing")
	cmd.MarkFlagsMutuallyExclusive("bookmarks", "changes")
	return cmd
}

// runExport renders what opts ask for, whole, then writes it: an export
// that failed half-way writes nothing, but JSON's empty list of changes
// is written before its exit status 1.
func runExport(cmd *cobra.Command, opts exportOptions) error {
	var buf bytes.Buffer
	err := renderExport(&buf, cmd.ErrOrStderr(), opts)
	if err != nil && buf.Len() == 0 {
		return err
	}
	if opts.output == "" || opts.output == "-" {
		if _, werr := buf.WriteTo(cmd.OutOrStdout()); werr != nil {
			return werr
		}
		return err
	}
	if werr := os.WriteFile(opts.output, buf.Bytes(), 0o644); werr != nil {
		return failure(fmt.Errorf("cannot write the export: %w", werr))
	}
	return err
}

// renderExport writes the export opts ask for to w.
func renderExport(w, stderr io.Writer, opts exportOptions) error {
	format := export.Format(opts.format)
	switch {
	case opts.bookmarks:
		if opts.bundle != "" || opts.briefing != "" {
			return usageError("--bookmarks exports the bookmarks of every briefing: leave out --bundle and --briefing")
		}
		return writeBookmarks(w, stderr, format)
	case opts.changes:
		return writeChanges(w, stderr, opts)
	}
	b, _, err := exportedBriefing(opts)
	if err != nil {
		return err
	}
	return export.Write(w, b, format)
}

// exportedBriefing is the briefing --bundle or --briefing names, else the
// built-in one, with its state key.
func exportedBriefing(opts exportOptions) (*data.Briefing, string, error) {
	switch {
	case opts.bundle != "":
		return loadBundleDir(opts.bundle)
	case opts.briefing != "":
		b, err := loadLibraryEntry(opts.briefing)
		return b, state.LibraryKey(opts.briefing).String(), err
	}
	b, err := loadBriefing("")
	return b, library.BuiltinID, err
}

// writeChanges writes the word diff of each item changed since the reader
// last read the briefing; with none, it says why on stderr and exits 1.
func writeChanges(w, stderr io.Writer, opts exportOptions) error {
	b, key, err := exportedBriefing(opts)
	if err != nil {
		return err
	}
	lib, err := openStateToRead(stderr, "what you have read")
	if err != nil {
		return err
	}
	defer lib.Store.Close()
	changed, read := services.Changes(lib.Store, key, b)
	changes := make([]export.Change, len(changed))
	for i, c := range changed {
		changes[i] = export.Change(c)
	}
	format := export.Format(opts.format)
	var none error
	if len(changes) == 0 {
		fmt.Fprintln(stderr, nothingChanged(b, read))
		none = &exitError{code: exitFailure}
		if format != export.JSON {
			return none
		}
	}
	if err := export.WriteChanges(w, b.Overview.Title, changes, format); err != nil {
		return err
	}
	return none
}

// nothingChanged says why there are no changes to export.
func nothingChanged(b *data.Briefing, read bool) string {
	title := data.CleanText(b.Overview.Title)
	if !read {
		return "Nothing to compare yet: you have not read anything of “" + title + "” in the reader. " +
			"What you open there is remembered, and --changes shows what a later edition changed in it."
	}
	return "Nothing changed in “" + title + "” since you last read it."
}
