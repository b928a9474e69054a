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
	bundle   string
	briefing string
	fresh    bool
	style    styleFlag
}

func newRootCmd() *cobra.Command {
	var opts readerOptions
	cmd := &cobra.Command{
		Use:   "brief",
		Short: "Read a briefing in the terminal: one event, every fact with its source",
		Long: `brief opens a briefing in a keyboard-driven reader: the event's overview,
timeline, sessions, speakers, measures, figures, glossary and sources, each
fact citing the news source it comes from.

Without --bundle or --briefing it opens the briefing you read last, and on
the first run the briefing built into brief: the signing of the UN
Convention against Cybercrime in Hanoi, 25–26 October 2025. It comes back
where you left it (the tab, the item of each tab, the scroll), marks what
you have not seen and what changed since you read it; --fresh starts at the
overview. See ` + "`brief library --help`" + ` to keep briefings by id.

When standard output is not a terminal (brief | less, brief > briefing.md),
or the terminal cannot draw a full-screen reader (TERM=dumb or unset), brief
prints the briefing as Markdown instead. When standard input is not a
terminal the reader reads keys from the controlling terminal; without one,
brief stops with an error.

Lasting settings (style, mouse, width) live in config.toml, in
$XDG_CONFIG_HOME/brief/ (~/.config/brief/), or $BRIEF_HOME when it is set;
BRIEF_STYLE in the environment overrides its style, and --style both. See
docs/CONFIG.md.`,
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
	cmd.Flags().StringVar(&opts.briefing, "briefing", "", "open this briefing of the library, by id (`brief library list` shows them)")
	cmd.Flags().BoolVar(&opts.fresh, "fresh", false, "start at the overview instead of where you left this briefing")
	cmd.MarkFlagsMutuallyExclusive("bundle", "briefing")
	cmd.Flags().Var(&opts.style, "style", "colour theme: "+styleList+"; auto follows the terminal's background (overrides BRIEF_STYLE and config.toml)")
	cmd.AddCommand(newValidateCmd(), newExportCmd(), newNewCmd(), newSearchCmd(), newLibraryCmd(), newServeCmd())
	return cmd
}

// runReader opens the reader on the bundle, or prints it as Markdown where
// no reader can run.
func runReader(cmd *cobra.Command, opts readerOptions) error {
	if !canDraw(os.Stdout) && opts.briefing == "" {
		// Printing stays predictable: the bundle named, else the
		// built-in briefing, whatever was read last.
		b, err := loadBriefing(opts.bundle)
		if err != nil {
			return err
		}
		return export.Write(cmd.OutOrStdout(), b, export.Markdown)
	}
	uopts, err := readerSettings(cmd, opts.style)
	if err != nil {
		return err
	}
	b, key, err := chooseBriefing(cmd.ErrOrStderr(), opts)
	if err != nil {
		return err
	}
	if !canDraw(os.Stdout) {
		return export.Write(cmd.OutOrStdout(), b, export.Markdown)
	}
	if !isTerminal(os.Stdin) && !controllingTerminal() {
		return usageError("the reader needs a terminal to read keys from, and standard input is not one: run brief in a terminal, or print the briefing with `brief export`")
	}
	svc, openMemory := readerServices(b, key, opts.fresh)
	uopts.OpenMemory, uopts.BriefingID = openMemory, libraryIDOf(key)
	if svc != nil {
		uopts.Library = svc
		// After the reader's last save: ui.Run writes it before returning.
		defer svc.Close()
	}
	if err := ui.Run(cmd.Context(), b, uopts); err != nil {
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
