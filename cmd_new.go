package main

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/brief-reader/brief/data"
	"github.com/spf13/cobra"
)

// skeleton is examples/minimal: the smallest valid bundle, with comments
// saying what each file holds.
//
//go:embed examples/minimal/*.yaml
var skeleton embed.FS

func newNewCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "new DIR",
		Short: "Write a skeleton bundle to start a briefing from",
		Long: `new creates DIR and writes a small, valid bundle into it: one file per
section, each with an example item and comments saying what it holds. Edit
the files, check them with brief validate DIR, and read the result with
brief --bundle DIR. docs/FORMAT.md describes the format.

new never overwrites anything: DIR must not exist, or be an empty directory.`,
		Example: `# Start a briefing, check it, read it:
brief new ./my-briefing
brief validate ./my-briefing
brief --bundle ./my-briefing`,
		Args: oneArg("brief new needs the directory to create, and only that: brief new DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			names, err := writeSkeleton(dir)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "Wrote a skeleton briefing to %s:\n", data.CleanText(dir))
			for _, name := range names {
				fmt.Fprintf(w, "  %s\n", data.CleanText(filepath.Join(dir, name)))
			}
			_, err = fmt.Fprintf(w, "Edit the files (docs/FORMAT.md describes them), check them with `brief validate %[1]s`\nand read the result with `brief --bundle %[1]s`.\n", data.CleanText(dir))
			return err
		},
	}
}

// writeSkeleton writes the skeleton's files into dir, creating it. It
// refuses a dir that holds anything, so no one's work is overwritten.
func writeSkeleton(dir string) ([]string, error) {
	switch entries, err := os.ReadDir(dir); {
	case err == nil && len(entries) > 0:
		return nil, usageError("%s already exists and is not empty: brief new writes only into a new or empty directory, so choose another name or empty it first", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		if info, statErr := os.Stat(dir); statErr == nil && !info.IsDir() {
			return nil, usageError("%s is a file: brief new needs a directory name that is not taken", dir)
		}
		return nil, failure(fmt.Errorf("cannot use %s: %w", dir, err))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, failure(fmt.Errorf("cannot create %s: %w", dir, err))
	}
	files, err := fs.Glob(skeleton, "examples/minimal/*.yaml")
	if err != nil {
		return nil, failure(err)
	}
	names := make([]string, 0, len(files))
	for _, f := range files {
		content, err := skeleton.ReadFile(f)
		if err != nil {
			return nil, failure(err)
		}
		name := strings.TrimPrefix(f, "examples/minimal/")
		// O_EXCL: a file that appeared since the check above is kept.
		out, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, failure(fmt.Errorf("cannot write the skeleton: %w", err))
		}
		_, err = out.Write(content)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, failure(fmt.Errorf("cannot write the skeleton: %w", err))
		}
		names = append(names, name)
	}
	return names, nil
}
