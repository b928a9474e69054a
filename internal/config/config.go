// Package config reads the reader's lasting settings: config.toml in
// brief's configuration folder. The file is optional; every key in it is.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Config is what config.toml may set. Zero values mean "not set".
type Config struct {
	// Style is the colour theme, one of Styles; "" leaves the default.
	Style string `toml:"style"`
	// Mouse, when set, starts the reader with mouse capture on or off.
	Mouse *bool `toml:"mouse"`
	// Width is the widest the detail's text wraps at, in columns; 0 leaves
	// the default.
	Width int `toml:"width"`
}

// Styles are the values style accepts, as --style does.
var Styles = []string{"auto", "dark", "light", "notty"}

// The bounds of width: narrower than MinWidth a page is mostly its
// margins; MaxWidth is as wide as the reader will wrap.
const (
	MinWidth = 40
	MaxWidth = 400
)

// Path is where config.toml is read from: $BRIEF_HOME/config.toml when
// BRIEF_HOME is set (as for state), otherwise
// $XDG_CONFIG_HOME/brief/config.toml, falling back to
// ~/.config/brief/config.toml. "" when there is no home at all.
func Path(getenv func(string) string) string {
	if h := getenv("BRIEF_HOME"); h != "" {
		return filepath.Join(h, "config.toml")
	}
	if x := getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "brief", "config.toml")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".config", "brief", "config.toml")
	}
	return ""
}

// Load reads the file at path. A missing file (or path "") is no
// configuration, not an error.
func Load(path string) (Config, error) {
	if path == "" {
		return Config{}, nil
	}
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return Parse(path, src)
}

// maxSize bounds the file: a configuration of three keys is a few lines.
const maxSize = 64 << 10

// Parse reads a configuration; name is the file's path for messages, which
// read "name:line: what is wrong" followed by what to do.
func Parse(name string, src []byte) (Config, error) {
	var c Config
	if len(src) > maxSize {
		return c, fmt.Errorf("%s: %d bytes is too large for a configuration file (at most %d); %s", name, len(src), maxSize, fixHint)
	}
	md, err := toml.Decode(string(src), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return c, fmt.Errorf("%s:%d: %s; %s", name, pe.Position.Line, pe.Message, fixHint)
		}
		// A value of the wrong type: BurntSushi names the line and the key
		// in its message.
		if m := typeError.FindStringSubmatch(err.Error()); m != nil {
			if want, ok := wantType[m[2]]; ok {
				return c, fmt.Errorf("%s:%s: %s must be %s; %s", name, m[1], m[2], want, fixHint)
			}
		}
		return c, fmt.Errorf("%s: %s; %s", name, strings.TrimPrefix(err.Error(), "toml: "), fixHint)
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		k := extra[0]
		return c, fmt.Errorf("%s:%d: unknown setting %q: the settings are style, mouse and width; %s", name, lineOf(src, k[0]), k.String(), fixHint)
	}
	if c.Style != "" && !slices.Contains(Styles, c.Style) {
		return c, fmt.Errorf("%s:%d: style = %q: use %s; %s", name, lineOf(src, "style"), c.Style, strings.Join(Styles, ", "), fixHint)
	}
	if md.IsDefined("width") && (c.Width < MinWidth || c.Width > MaxWidth) {
		return c, fmt.Errorf("%s:%d: width = %d: use a number of columns from %d to %d; %s", name, lineOf(src, "width"), c.Width, MinWidth, MaxWidth, fixHint)
	}
	return c, nil
}

// typeError matches BurntSushi's message for a value of the wrong type:
// its line and key.
var typeError = regexp.MustCompile(`line (\d+) \(last key "([^"]+)"\): incompatible types`)

// wantType says what each setting takes.
var wantType = map[string]string{
	"style": `a name in quotes, such as "light"`,
	"mouse": "true or false",
	"width": "a whole number of columns, such as 80",
}

const fixHint = "fix or remove the line (docs/CONFIG.md lists the settings)"

// lineOf is the line where key is set or its table opens, counting from 1;
// 0 when it cannot be found.
func lineOf(src []byte, key string) int {
	re := regexp.MustCompile(`^\s*(\[\s*)?["']?` + regexp.QuoteMeta(key) + `["']?\s*[=.\]]`)
	for i, l := range strings.Split(string(src), "\n") {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}
