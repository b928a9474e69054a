package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/brief-reader/brief/internal/export"
	"github.com/brief-reader/brief/ui"
	"github.com/spf13/cobra"
)

// readerOptions are the flags of the bare `brief` command.
type readerOptions struct {
	bundle string
	style  styleFlag
}

func newRootCmd() *cobra.Command {
	var opts readerOptions
	cmd := &cobra.Command{
		Use:   "brief",
		Short: "Read a briefing in the terminal: one event, every fact with its source",
		Long: `brief opens a briefing in a keyboard-driven reader: the event's overview,
timeline, sessions, speakers, measures, figures, glossary and sources, each
fact citing the news source it comes from.

Without --bundle it opens the briefing built into brief: the signing of the
UN Convention against Cybercrime in Hanoi, 25–26 October 2025.

When standard output is not a terminal (brief | less, brief > briefing.md),
or the terminal cannot draw a full-screen reader (TERM=dumb or unset), brief
prints the briefing as Markdown instead. When standard input is not a
terminal the reader reads keys from the controlling terminal; without one,
brief stops with an error.`,
		Example: `# Read the built-in briefing:
brief

# Read another bundle, in the light theme:
brief --bundle ./my-briefing --style light

# Save the briefing as Markdown, or page through it:
brief > briefing.md
brief | less`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReader(cmd, opts)
		},
	}
	addBundleFlag(cmd, &opts.bundle)
	cmd.Flags().Var(&opts.style, "style", "colour theme: "+styleList+"; auto follows the terminal's background")
	cmd.AddCommand(newValidateCmd(), newExportCmd(), newNewCmd(), newSearchCmd(), newServeCmd())
	return cmd
}

// runReader opens the reader on the bundle, or prints it as Markdown where
// no reader can run.
func runReader(cmd *cobra.Command, opts readerOptions) error {
	b, err := loadBriefing(opts.bundle)
	if err != nil {
		return err
	}
	if !canDraw(os.Stdout) {
		return export.Write(cmd.OutOrStdout(), b, export.Markdown)
	}
	if !isTerminal(os.Stdin) && !controllingTerminal() {
		return usageError("the reader needs a terminal to read keys from, and standard input is not one: run brief in a terminal, or print the briefing with `brief export`")
	}
	if err := ui.Run(cmd.Context(), b, ui.Options{Style: ui.Style(opts.style)}); err != nil {
		return failure(fmt.Errorf("the reader stopped: %w", err))
	}
	return nil
}

// controllingTerminal reports whether the process has a terminal the
// reader can read keys from when standard input is redirected, as Bubble
// Tea does then.
func controllingTerminal() bool {
	if runtime.GOOS == "windows" {
		return true // Bubble Tea opens CONIN$, which every console has
	}
	f, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}
