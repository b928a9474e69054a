package ansitrim

import (
	"regexp"
	"testing"
)

func TestTrimRight(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"abc", "abc"},
		{"abc   ", "abc"},
		{"\x1b[1mabc\x1b[m   \x1b[m", "\x1b[1mabc\x1b[m"},
		{"\x1b[1mabc   \x1b[m", "\x1b[1mabc\x1b[m"},
		{"a  \x1b[38;5;1m  \x1b[0m", "a\x1b[m"},
		{"   ", ""},
		{"x m", "x m"},
		{"", ""},
	} {
		if got := TrimRight(tc.in); got != tc.want {
			t.Errorf("TrimRight(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// trailingPad finds what the regular expression of Glamour's padding
// would: spaces and SGR sequences up to the end of the line.
func FuzzTrailingPad(f *testing.F) {
	pad := regexp.MustCompile(`(?:\x1b\[[0-9;]*m| )+$`)
	for _, s := range []string{"", " ", "a  ", "a\x1b[0m  \x1b[m", "12m", "x\x1b[3;4m", "\x1b[1m", "a\x1b[m b", "[m", "\x1bm "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := len(s)
		if loc := pad.FindStringIndex(s); loc != nil {
			want = loc[0]
		}
		if got := trailingPad(s); got != want {
			t.Fatalf("trailingPad(%q) = %d, want %d", s, got, want)
		}
	})
}
