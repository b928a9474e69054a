package ui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
)

// sgrBefore is the last SGR sequence drawn before the first occurrence of
// word in raw, "" when the word is not there or drawn plain.
func sgrBefore(raw, word string) string {
	i := strings.Index(raw, word)
	if i < 0 {
		return ""
	}
	j := strings.LastIndex(raw[:i], "\x1b[")
	if j < 0 || !strings.HasSuffix(raw[j:i], "m") {
		return ""
	}
	return raw[j+2 : i-1]
}

// rgbParams is c as an SGR foreground's parameters, "38;2;r;g;b".
func rgbParams(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("38;2;%d;%d;%d", r>>8, g>>8, b>>8)
}

// A changed item's added words are bold in the accent, its removed words
// struck through in the other accent (warn), in the dark theme and the
// light one: colours that keep 3:1 on black and on white
// (TestPaletteContrast).
func TestWordDiffIsMarkedInTheAccents(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	ref := data.Ref{Kind: data.KindMeasure, ID: b.Measures[0].ID}
	now := services.ItemText(b, ref)
	old := strings.Replace(now, "quickly", "slowly", 1)
	for _, style := range []Style{StyleDark, StyleLight} {
		mk := services.Marks{Unseen: map[data.Ref]bool{ref: true}, Changed: map[data.Ref]bool{ref: true}, New: map[data.Ref]bool{}, Before: map[data.Ref]string{ref: old}}
		open := func() services.Loaded {
			return services.Loaded{Memory: &fakeMemory{seen: map[data.Ref]bool{}}, Marks: mk}
		}
		tt := newTestModelWith(t, b, Options{Style: style, OpenMemory: open}, 120, 40)
		tt.send(memoryMsg(open()))
		tt.press("c")
		raw := tt.m.View().Content
		p := newPalette(style == StyleDark, false)
		added := strings.Split(sgrBefore(raw, "{+quickly+}"), ";")
		if a := strings.Join(added, ";"); !strings.Contains(a, rgbParams(p.accent)) || !hasParam(added, "1") {
			t.Errorf("%v: added words drawn with %q, want bold (1) and the accent (%s)", style, a, rgbParams(p.accent))
		}
		removed := strings.Split(sgrBefore(raw, "[-slowly-]"), ";")
		if r := strings.Join(removed, ";"); !strings.Contains(r, rgbParams(p.warn)) || !hasParam(removed, "9") {
			t.Errorf("%v: removed words drawn with %q, want struck (9) in warn (%s)", style, r, rgbParams(p.warn))
		}
	}
}

func hasParam(params []string, want string) bool {
	for i, p := range params {
		// Skip the numbers of a 38;2;r;g;b colour.
		if p == want && (i < 2 || params[i-2] != "38" && (i < 3 || params[i-3] != "38") && (i < 4 || params[i-4] != "38")) {
			return true
		}
	}
	return false
}
