package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

// everyCommand is brief and every command under it, as their paths
// without "brief": "", "search", "library add"...
func everyCommand() [][]string {
	var out [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		out = append(out, path)
		for _, sub := range c.Commands() {
			walk(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	walk(newRootCmd(), nil)
	return out
}

// TestHelpHasNoTrailingSpaces: brief --help and every COMMAND --help, on a
// pipe, on a colour terminal and with NO_COLOR, end no line with spaces.
func TestHelpHasNoTrailingSpaces(t *testing.T) {
	t.Parallel()
	cmds := everyCommand()
	if len(cmds) < 9 {
		t.Fatalf("found %d commands: the walk is broken", len(cmds))
	}
	for _, path := range cmds {
		name := strings.Join(append([]string{"brief"}, path...), " ")
		for _, run := range []struct {
			how string
			res func(args ...string) result
		}{
			{"pipe", func(args ...string) result { return brief(t, nil, args...) }},
			{"terminal", func(args ...string) result { return briefInTerminal(t, false, nil, args...) }},
			{"NO_COLOR terminal", func(args ...string) result { return briefInTerminal(t, false, []string{"NO_COLOR=1"}, args...) }},
		} {
			for _, flag := range []string{"--help", "-h"} {
				r := run.res(append(append([]string(nil), path...), flag)...)
				r.expect(t, 0)
				if !strings.Contains(r.stdout, "Usage") && !strings.Contains(r.stdout, "USAGE") {
					t.Errorf("%s %s (%s): no usage in\n%s", name, flag, run.how, r.stdout)
				}
				for i, l := range strings.Split(stripANSI(r.stdout), "\n") {
					if strings.HasSuffix(l, " ") || strings.HasSuffix(l, "\t") {
						t.Errorf("%s %s (%s): line %d ends with spaces: %q", name, flag, run.how, i+1, l)
						break
					}
				}
			}
		}
	}
}

// TestDidYouMean: a mistyped command or flag is a usage error (exit 2)
// that names the nearest.
func TestDidYouMean(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serch", "giang"}, "did you mean search?"},
		{[]string{"libary", "list"}, "did you mean library?"},
		{[]string{"library", "lst"}, "did you mean list?"},
		{[]string{"exprot"}, "did you mean export?"},
		{[]string{"search", "--jsn", "giang"}, "did you mean --json?"},
		{[]string{"search", "--limt", "3", "giang"}, "did you mean --limit?"},
		{[]string{"--styel", "dark"}, "did you mean --style?"},
		{[]string{"export", "--fromat", "json"}, "did you mean --format?"},
		{[]string{"zzzz"}, "the commands are"},
		{[]string{"search", "--zzzzzz", "x"}, "lists its flags"},
		{[]string{"help", "serch"}, `unknown help topic "serch"; did you mean search?`},
		{[]string{"help", "library", "ad"}, `unknown help topic "library ad"; did you mean library add?`},
		{[]string{"help", "zzzz"}, "the topics are completion, export, library"},
	} {
		r := brief(t, nil, tc.args...)
		r.expect(t, 2)
		if !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("brief %s: stderr %q, want %q and nothing on stdout", strings.Join(tc.args, " "), r.stderr, tc.want)
		}
	}
	// On a terminal, fang's styled error says the same.
	r := briefInTerminal(t, false, nil, "serch", "giang")
	r.expect(t, 2)
	if !strings.Contains(strings.Join(strings.Fields(stripANSI(r.stdout)), " "), "did you mean search?") {
		t.Errorf("brief serch on a terminal:\n%s", r.stdout)
	}
}

// stripANSI is s without its escape sequences.
func stripANSI(s string) string { return ansi.Strip(s) }
