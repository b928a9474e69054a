package data

import (
	"encoding/json"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, with ünïcode and emoji 🇻🇳", "plain text, with ünïcode and emoji 🇻🇳"},
		{"lines\nand\ttabs stay", "lines\nand\ttabs stay"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`},
		{"\x1b]52;c;Y2xpcA==\x1b\\", `\x1b]52;c;Y2xpcA==\x1b\`},
		{"\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;https://evil.example/\x1b\click\x1b]8;;\x1b\`},
		{"\x1bP+q\x1b\\", `\x1bP+q\x1b\`},
		{"\u009b2J \u009d0;t\u009c", `\x9b2J \x9d0;t\x9c`},
		{"a\rb\bc\x00d\x7fe\x0bf\x0cg", `a\x0db\x08c\x00d\x7fe\x0bf\x0cg`},
		{"\u202eexe.txt\u202c \u2066x\u2069 \u200e\u200f", `\u202eexe.txt\u202c \u2066x\u2069 \u200e\u200f`},
		{"zero\u200bwidth\u2060join\u200d\u200c\ufeff\u00ad", `zero\u200bwidth\u2060join\u200d\u200c\ufeff\u00ad`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{"tag\U000e0041chars", `tag\ue0041chars`},
		// A byte that is not UTF-8 is CSI to an 8-bit terminal.
		{"raw \x9b2J and \xff", `raw \x9b2J and \xff`},
		{"replacement \ufffd stays", "replacement \ufffd stays"},
	}
	for _, tt := range tests {
		got := CleanText(tt.in)
		if got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := CleanText(got); again != got {
			t.Errorf("CleanText is not idempotent on %q: %q", got, again)
		}
	}
}

func TestCleanTextDoesNotCopyCleanText(t *testing.T) {
	s := strings.Repeat("Hà Nội, tiếng Việt. ", 100)
	if got := CleanText(s); unsafe.StringData(got) != unsafe.StringData(s) {
		t.Error("CleanText copied a text that needed no change")
	}
}

// assertClean fails for any rune a terminal could act on or that hides
// text: C0 other than newline and tab, DEL, C1, format characters, line
// and paragraph separators, and bytes that are not UTF-8.
func assertClean(t testing.TB, where, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s is not valid UTF-8: %q", where, s)
	}
	for i, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			t.Errorf("%s holds %U at byte %d: %q", where, r, i, s)
			return
		}
	}
}

// allStrings lists every string in v with its path, found through JSON
// rather than the walk that cleans them, so a field the walk misses shows.
func allStrings(t testing.TB, v any) map[string]string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(data, &tree); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var walk func(path string, x any)
	walk = func(path string, x any) {
		switch x := x.(type) {
		case string:
			out[path] = x
		case []any:
			for i, e := range x {
				walk(path+"["+strconv.Itoa(i)+"]", e)
			}
		case map[string]any:
			for k, e := range x {
				walk(path+"."+k, e)
			}
		}
	}
	walk("", tree)
	return out
}

// TestHostileBundles loads bundles whose texts carry each class of
// terminal attack; they are valid, so they load, and every text comes out
// with the attack visible and inert.
func TestHostileBundles(t *testing.T) {
	titles := map[string]string{
		"esc-csi":         `Example Summit \x1b[2J\x1b[1;1H\x1b[8mhidden\x1b[0m`,
		"osc-title":       `Example Summit \x1b]0;pwned\x07`,
		"osc52-clipboard": `Example Summit \x1b]52;c;cm0gLXJmIH4K\x1b\`,
		"osc8-hyperlink":  `Example Summit \x1b]8;;https://evil.example/\x1b\click\x1b]8;;\x1b\`,
		"dcs":             `Example Summit \x1bP+q544e\x1b\`,
		"c1-csi":          `Example Summit \x9b2J\x9d0;pwned\x07`,
		"bidi":            `Example Summit \u202eevil.exe\u202c \u2066isolated\u2069 \u2067rtl\u2069 \u2068first\u2069`,
		"zero-width":      `Example Summit ad\u200bmin \u200d\u200c\ufeff\u2060`,
		"bel-bs-cr":       `Example Summit safe\x07\x08\x08\x08\x08EVIL\x0dover\x7f`,
	}
	entries, err := os.ReadDir("../testdata/hostile")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(titles) {
		t.Errorf("testdata/hostile has %d bundles, the test knows %d", len(entries), len(titles))
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			b, err := LoadDir("../testdata/hostile/" + e.Name())
			if err != nil {
				t.Fatalf("does not load:\n%v", err)
			}
			if want, ok := titles[e.Name()]; !ok || b.Overview.Title != want {
				t.Errorf("title = %s, want %s", b.Overview.Title, want)
			}
			escaped := 0
			for path, s := range allStrings(t, b) {
				assertClean(t, path, s)
				if strings.Contains(s, `\x`) || strings.Contains(s, `\u`) {
					escaped++
				}
			}
			if escaped != 10 {
				t.Errorf("%d texts show an escape, want the 10 the bundle carries the attack in", escaped)
			}
		})
	}
}

// TestCleanStringsReachesEveryField fills every string of a briefing, in
// every field of every type, with an escape sequence and checks none is
// left after cleaning. It fails when the model gains a field of a kind
// neither fill nor cleanStrings handles.
func TestCleanStringsReachesEveryField(t *testing.T) {
	var b Briefing
	n := fill(t, reflect.ValueOf(&b).Elem(), "\x1b]0;x\x07")
	cleanStrings(reflect.ValueOf(&b).Elem())
	strs := allStrings(t, &b)
	if len(strs) != n {
		t.Fatalf("JSON shows %d strings, fill set %d: a field is missing a json tag or fill skipped it", len(strs), n)
	}
	for path, s := range strs {
		if s != `\x1b]0;x\x07` {
			t.Errorf("%s = %q after cleaning", path, s)
		}
	}
}

// fill sets every string reachable from v to s, growing each list to one
// element, and returns how many it set.
func fill(t *testing.T, v reflect.Value, s string) int {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
		return 1
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += fill(t, v.Field(i), s)
			}
		}
		return n
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		return fill(t, v.Index(0), s)
	case reflect.Int, reflect.Bool:
		return 0
	}
	t.Fatalf("the model has a %s field: teach fill, cleanStrings and the decoder about it", v.Type())
	return 0
}

// TestDecodeCoversModel checks every field of the model has a yaml name
// and a type the bundle decoder supports, so a new field cannot be
// silently skipped or crash the loader.
func TestDecodeCoversModel(t *testing.T) {
	var check func(tp reflect.Type, path string)
	check = func(tp reflect.Type, path string) {
		switch tp.Kind() {
		case reflect.String, reflect.Int, reflect.Bool:
		case reflect.Slice:
			check(tp.Elem(), path+"[]")
		case reflect.Struct:
			for f := range tp.Fields() {
				if !f.IsExported() {
					continue
				}
				if yamlName(f) == "" && tp != reflect.TypeFor[Briefing]() {
					t.Errorf("%s.%s has no yaml name", path, f.Name)
				}
				check(f.Type, path+"."+f.Name)
			}
		default:
			t.Errorf("%s is a %s, which the bundle decoder does not support", path, tp)
		}
	}
	check(reflect.TypeFor[Briefing](), "Briefing")
}
