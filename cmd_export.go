package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/brief-reader/brief/internal/export"
	"github.com/spf13/cobra"
)

func newExportCmd() *cobra.Command {
	var bundle, output string
	var withBookmarks bool
	format := formatFlag(export.Markdown)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the whole briefing as Markdown, JSON or plain text",
		Long: `export writes the whole briefing, every section with its citations, to
standard output or to FILE.

  markdown  headings per section, tables for figures and glossary terms,
            citations as footnotes ([^source-id]) defined at the end
  json      the bundle's structure with ids, under "schema": "brief/2"
  text      plain text wrapped at 80 columns, citations as [source-id]

docs/EXPORT.md describes the Markdown layout and the JSON schema.`,
		Example: `# Save the built-in briefing as Markdown:
brief export -o briefing.md

# Read the JSON export with another tool:
brief export --format json | python3 -m json.tool

# Plain text of another bundle:
brief export --format text --bundle ./my-briefing > briefing.txt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var buf bytes.Buffer
			if withBookmarks {
				if bundle != "" {
					return usageError("--bookmarks exports the bookmarks of every briefing: leave out --bundle")
				}
				if err := writeBookmarks(&buf, cmd.ErrOrStderr(), export.Format(format)); err != nil {
					return err
				}
			} else {
				b, err := loadBriefing(bundle)
				if err != nil {
					return err
				}
				if err := export.Write(&buf, b, export.Format(format)); err != nil {
					return err
				}
			}
			if output == "" || output == "-" {
				_, err := buf.WriteTo(cmd.OutOrStdout())
				return err
			}
			if err := os.WriteFile(output, buf.Bytes(), 0o644); err != nil {
				return failure(fmt.Errorf("cannot write the export: %w", err))
			}
			return nil
		},
	}
	cmd.Flags().VarP(&format, "format", "f", "output format: "+names(export.Formats))
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&withBookmarks, "bookmarks", false, "write your bookmarks, from every briefing, each with its sources' full citations")
	addBundleFlag(cmd, &bundle)
	return cmd
}
