package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	yes := true
	c, err := Parse("config.toml", []byte("# mine\nstyle = \"light\"\nmouse = false\nwidth = 80\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Style != "light" || c.Mouse == nil || *c.Mouse != false || c.Width != 80 {
		t.Errorf("got %+v", c)
	}
	c, err = Parse("config.toml", []byte("mouse = true\n"))
	if err != nil || c.Mouse == nil || *c.Mouse != yes || c.Style != "" || c.Width != 0 {
		t.Errorf("got %+v, %v", c, err)
	}
}

// TestParseErrors: every mistake names the file and its line, says what
// is wrong and what to do, and never panics.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"style = \"light\"\nstyle = 'dark'\n", "f.toml:2:"},
		{"style = light\n", "f.toml:1:"},
		{"\n\nstyle = \"pink\"\n", `f.toml:3: style = "pink": use auto, dark, light, notty`},
		{"mouse = \"yes\"\n", "f.toml:1: mouse must be true or false"},
		{"# c\nstyle = 1\n", `f.toml:2: style must be a name in quotes, such as "light"`},
		{"width = 10\n", "f.toml:1: width = 10: use a number of columns from 40 to 400"},
		{"# c\nwidth = 100000\n", "f.toml:2: width = 100000"},
		{"\ncolour = \"dark\"\n", `f.toml:2: unknown setting "colour"`},
		{"style = \"dark\"\n[reader]\nwidth = 80\n", `f.toml:2: unknown setting "reader`},
		{"width = 80.5\n", "f.toml:1: width must be a whole number of columns"},
		{"\x00\xff", "f.toml:1:"},
	} {
		_, err := Parse("f.toml", []byte(tc.src))
		if err == nil {
			t.Errorf("%q: no error", tc.src)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "fix or remove the line") {
			t.Errorf("%q: error %q, want it to contain %q and what to do", tc.src, err, tc.want)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if c, err := Load(filepath.Join(dir, "none.toml")); err != nil || c != (Config{}) {
		t.Errorf("missing file: %+v, %v; want no configuration and no error", c, err)
	}
	p := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(p, []byte("width = 5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil || !strings.HasPrefix(err.Error(), p+":1:") {
		t.Errorf("bad file: %v, want it to start with %s:1:", err, p)
	}
}

func TestPath(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		getenv func(string) string
		want   string
	}{
		{env("BRIEF_HOME", "/b", "XDG_CONFIG_HOME", "/x", "HOME", "/h"), "/b/config.toml"},
		{env("XDG_CONFIG_HOME", "/x", "HOME", "/h"), "/x/brief/config.toml"},
		{env("XDG_CONFIG_HOME", "rel", "HOME", "/h"), "/h/.config/brief/config.toml"},
		{env("HOME", "/h"), "/h/.config/brief/config.toml"},
		{env(), ""},
	} {
		if got := Path(tc.getenv); got != tc.want {
			t.Errorf("Path = %q, want %q", got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("style = \"dark\"\nmouse = true\nwidth = 90\n"))
	f.Add([]byte("[x]\ny = 1"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _ = Parse("f.toml", src)
	})
}
