package main

import (
	"fmt"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/words"
	"github.com/spf13/cobra"
)

func newValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check a bundle and list every problem in it",
		Long: `validate loads the bundle in DIR, or the built-in briefing when no DIR is
given, and checks it: YAML syntax, unknown and missing fields, duplicate ids,
references to speakers, sessions and sources that do not exist, dates outside
the event, URLs that are not http(s), empty summaries, measures not numbered
1..n, and every source cited.

Every problem is printed on standard error as file:line:col: message, with a
hint on the next line. The exit status is 0 when the bundle is valid and 2
otherwise.`,
		Example: `# Check a bundle you are writing:
brief validate ./my-briefing

# Check the built-in briefing:
brief validate`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			b, err := validateBriefing(dir)
			if err != nil {
				return err
			}
			where := dir
			if dir == "" {
				where = "built-in briefing"
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s: OK: %s\n", data.CleanText(where), summary(b))
			return err
		},
	}
}

// summary counts what a briefing holds, in the order of the reader's tabs.
func summary(b *data.Briefing) string {
	statements := 0
	for _, sp := range b.Speakers {
		statements += len(sp.Statements)
	}
	return fmt.Sprintf("%s, %s, %s, %s (%s), %s, %s, %s",
		words.Count(len(b.Sources), "source"), words.Count(len(b.Timeline), "timeline event"),
		words.Count(len(b.Sessions), "session"), words.Count(len(b.Speakers), "speaker"),
		words.Count(statements, "statement"), words.Count(len(b.Measures), "measure"),
		words.Count(len(b.Figures), "figure"), words.Count(len(b.Glossary), "glossary term"))
}
