package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-reader/brief/ui"
)

// TestReaderSettingsPrecedence: config.toml sets the style, BRIEF_STYLE
// overrides it, --style overrides both; mouse and width come from the file.
func TestReaderSettingsPrecedence(t *testing.T) {
	home := t.TempDir()
	t.Setenv("BRIEF_HOME", home)
	if err := os.WriteFile(filepath.Join(home, "config.toml"), []byte("style = \"light\"\nmouse = false\nwidth = 72\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	settings := func(args ...string) ui.Options {
		t.Helper()
		cmd := newRootCmd()
		if err := cmd.ParseFlags(args); err != nil {
			t.Fatal(err)
		}
		var flag styleFlag
		if f := cmd.Flags().Lookup("style"); f.Changed {
			_ = flag.Set(f.Value.String())
		}
		o, err := readerSettings(cmd, flag)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	t.Setenv("BRIEF_STYLE", "")
	if o := settings(); o.Style != ui.StyleLight || !o.NoMouse || o.MaxWidth != 72 {
		t.Errorf("config alone: %+v, want light, no mouse, width 72", o)
	}
	t.Setenv("BRIEF_STYLE", "dark")
	if o := settings(); o.Style != ui.StyleDark {
		t.Errorf("BRIEF_STYLE=dark over the file's light: style %v", o.Style)
	}
	if o := settings("--style", "notty"); o.Style != ui.StyleNoTTY {
		t.Errorf("--style notty over both: style %v", o.Style)
	}
	if o := settings("--style", "auto"); o.Style != ui.StyleAuto {
		t.Errorf("--style auto over both: style %v", o.Style)
	}
}

// TestBadConfigIsAUsageError: a broken config.toml or BRIEF_STYLE stops the
// reader with exit status 2 and a message naming the file's line, before
// anything is drawn.
func TestBadConfigIsAUsageError(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	cfg := filepath.Join(home, "config.toml")
	if err := os.WriteFile(cfg, []byte("# mine\nstyle = \"pink\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runInTerminal(t, false, []string{"BRIEF_HOME=" + home})
	r.expect(t, 2)
	out := strings.Join(strings.Fields(r.stdout), " ") // fang wraps the message
	if !strings.Contains(out, cfg+":2:") || !strings.Contains(out, "use auto, dark, light, notty") {
		t.Errorf("want the file, its line and the values to use:\n%s", r.stdout)
	}
	if err := os.WriteFile(cfg, []byte("width = 80\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runInTerminal(t, false, []string{"BRIEF_HOME=" + home, "BRIEF_STYLE=pink"})
	r.expect(t, 2)
	if !strings.Contains(r.stdout, `BRIEF_STYLE="pink"`) {
		t.Errorf("want BRIEF_STYLE named:\n%s", r.stdout)
	}
}
