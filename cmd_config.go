package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/internal/config"
	"github.com/brief-reader/brief/ui"
)

// readerSettings are the reader's lasting settings resolved for this run:
// config.toml, then BRIEF_STYLE over its style, then --style over both.
func readerSettings(cmd *cobra.Command, flag styleFlag) (ui.Options, error) {
	path := config.Path(os.Getenv)
	c, err := config.Load(path)
	if err != nil {
		// Worded so fang's capital falls on a word, not on the path.
		return ui.Options{}, usageError("your settings cannot be used: %v", err)
	}
	opts := ui.Options{MaxWidth: c.Width}
	if c.Mouse != nil {
		opts.NoMouse = !*c.Mouse
	}
	var style styleFlag
	if c.Style != "" {
		if err := style.Set(c.Style); err != nil { // config.Styles are styleNames
			return ui.Options{}, usageError("your settings cannot be used: %s: style = %q: %v", path, c.Style, err)
		}
	}
	if v := os.Getenv("BRIEF_STYLE"); v != "" {
		if err := style.Set(v); err != nil {
			return ui.Options{}, usageError("the environment's BRIEF_STYLE=%q is not a style: %v, or unset it", v, err)
		}
	}
	if cmd.Flags().Changed("style") {
		style = flag
	}
	opts.Style = ui.Style(style)
	return opts, nil
}
