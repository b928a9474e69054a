package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/ansitrim"
)

// lineTrimmer writes each line without the spaces (and the styles around
// them) that end it: fang pads every line of help to the terminal's width.
type lineTrimmer struct {
	w    io.Writer
	line []byte
}

func (t *lineTrimmer) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			t.line = append(t.line, p...)
			break
		}
		t.line = append(t.line, p[:i]...)
		if _, err := io.WriteString(t.w, ansitrim.TrimRight(string(t.line))+"\n"); err != nil {
			return 0, err
		}
		t.line, p = t.line[:0], p[i+1:]
	}
	return n, nil
}

// Flush writes the last line when it did not end with a newline.
func (t *lineTrimmer) Flush() error {
	if len(t.line) == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, ansitrim.TrimRight(string(t.line)))
	t.line = t.line[:0]
	return err
}

// trimmedFile is a terminal's file whose writes go through a lineTrimmer:
// it still has the file's descriptor, so fang still sees a terminal and
// styles its help.
type trimmedFile struct {
	*os.File
	t *lineTrimmer
}

func (f trimmedFile) Write(p []byte) (int, error) { return f.t.Write(p) }

// trimmedOutput wraps out, which colourable made from f, so that help has
// no trailing spaces; flush writes what is left at the end.
func trimmedOutput(f *os.File, out io.Writer) (io.Writer, func() error) {
	t := &lineTrimmer{w: out}
	if out == io.Writer(f) {
		return trimmedFile{File: f, t: t}, t.Flush
	}
	return t, t.Flush
}

// wantsHelp reports whether args ask for help (--help, -h, or the help
// command), the output trimmedOutput is for; flags after "--" are a
// search's words, not brief's.
func wantsHelp(args []string) bool {
	for i, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--help" || a == "-h" || (a == "help" && i == 0):
			return true
		}
	}
	return false
}

// addSuggestions makes brief answer a mistyped command or flag with the
// nearest names ("did you mean"), as a usage error (exit status 2).
func addSuggestions(root *cobra.Command) {
	root.SetFlagErrorFunc(flagError)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.HasSubCommands() {
			c.Args = unknownCommand
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	// The help command's topics are command paths: a mistyped one is a
	// usage error with the nearest names, not the root's help.
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			c.Args = helpTopic
		}
	}
}

// helpTopic accepts a help command's arguments when they name a command,
// and names the nearest for a word that is not one.
func helpTopic(c *cobra.Command, args []string) error {
	parent := c.Root()
	for _, a := range args {
		next, _, err := parent.Find([]string{a})
		if err != nil || next == parent {
			msg := fmt.Sprintf("unknown help topic %q", strings.Join(args, " "))
			if s := nearest(a, commandNames(parent)); len(s) > 0 {
				// "library ad" → "library add": the whole topic.
				path := strings.TrimPrefix(strings.TrimPrefix(parent.CommandPath(), c.Root().Name()), " ")
				if path != "" {
					path += " "
				}
				return usageError("%s; did you mean %s?", msg, orList(s, path))
			}
			return usageError("%s; the topics are %s", msg, orList(commandNames(parent), ""))
		}
		parent = next
	}
	return nil
}

// unknownCommand accepts no arguments for a command whose arguments are
// its subcommands, and names the nearest for one it does not know.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
	if s := nearest(args[0], commandNames(c)); len(s) > 0 {
		return usageError("%s; did you mean %s?", msg, orList(s, ""))
	}
	return usageError("%s; the commands are %s (`%s --help` says more)", msg, orList(commandNames(c), ""), c.CommandPath())
}

func commandNames(c *cobra.Command) []string {
	var out []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			out = append(out, sub.Name())
		}
	}
	return out
}

// flagError turns pflag's unknown flag into a usage error that names the
// nearest flags of the command.
func flagError(c *cobra.Command, err error) error {
	var ne *pflag.NotExistError
	if !errors.As(err, &ne) || ne.GetSpecifiedShortnames() != "" {
		return err
	}
	typed := ne.GetSpecifiedName()
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if !slices.Contains(names, "help") {
		names = append(names, "help")
	}
	if s := nearest(typed, names); len(s) > 0 {
		return usageError("unknown flag --%s for %q; did you mean %s?", typed, c.CommandPath(), orList(s, "--"))
	}
	return usageError("unknown flag --%s for %q (`%s --help` lists its flags)", typed, c.CommandPath(), c.CommandPath())
}

// nearest are the names nearest typed within two edits, and those that
// start with it.
func nearest(typed string, names []string) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	lower := strings.ToLower(typed)
	for _, n := range names {
		d := data.EditDistance(lower, strings.ToLower(n))
		if d <= 2 || (len(typed) >= 2 && strings.HasPrefix(n, lower)) {
			cs = append(cs, cand{n, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	var out []string
	for _, c := range cs {
		// The nearest, and any the typed name begins: "serch" is search,
		// not serve too.
		if c.d == cs[0].d || strings.HasPrefix(c.name, lower) {
			out = append(out, c.name)
		}
	}
	return out
}

// orList is names, each after prefix, as "a", "a or b", "a, b or c".
func orList(names []string, prefix string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = prefix + n
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
