package ui

import (
	"image/color"
	"math"
	"reflect"
	"testing"

	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// luminance is a colour's WCAG 2 relative luminance.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v>>8) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

var (
	black = lipgloss.Color("#000000")
	white = lipgloss.Color("#FFFFFF")
)

// checkOnAnyBackground fails unless c, as sent (truecolor) and as tmux or
// a 256-colour terminal gets it, keeps a contrast of 3:1 on black and on
// white: whichever background the terminal really has.
func checkOnAnyBackground(t *testing.T, what string, c color.Color) {
	t.Helper()
	for _, v := range []struct {
		name string
		c    color.Color
	}{{"truecolor", c}, {"256 colours", colorprofile.ANSI256.Convert(c)}} {
		if r := contrast(v.c, black); r < 3 {
			t.Errorf("%s (%s) on black: contrast %.2f, want ≥ 3", what, v.name, r)
		}
		if r := contrast(v.c, white); r < 3 {
			t.Errorf("%s (%s) on white: contrast %.2f, want ≥ 3", what, v.name, r)
		}
	}
}

// TestPaletteContrast: every accent drawn on the terminal's own background
// reads on black and on white, in the dark theme and in the light one, so
// a wrong guess of the background never makes text pale; colours drawn on
// a background of ours keep 4.5:1 with it.
func TestPaletteContrast(t *testing.T) {
	t.Parallel()
	for _, dark := range []bool{true, false} {
		p := newPalette(dark, false)
		name := map[bool]string{true: "dark", false: "light"}[dark]
		for what, c := range map[string]color.Color{"accent": p.accent, "muted": p.muted, "subtle": p.subtle, "warn": p.warn} {
			checkOnAnyBackground(t, name+" "+what, c)
		}
		for what, pair := range map[string][2]color.Color{
			"onAccent on accent": {p.onAccent, p.accent}, "onQuiet on quiet": {p.onQuiet, p.quiet},
			"onHighlight on highlight": {p.onHighlight, p.highlight},
		} {
			if r := contrast(pair[0], pair[1]); r < 4.5 {
				t.Errorf("%s %s: contrast %.2f, want ≥ 4.5", name, what, r)
			}
		}
	}
}

// TestStylesLeaveTextToTheTerminal walks every lipgloss style of both
// themes: a foreground colour without a background of ours must read on any
// background, and body text (list rows, references, help, titles) has no
// colour at all.
func TestStylesLeaveTextToTheTerminal(t *testing.T) {
	t.Parallel()
	for _, dark := range []bool{true, false} {
		st := newStyles(dark, false)
		walkStyles(reflect.ValueOf(st), "styles", func(path string, s lipgloss.Style) {
			fg, bg := s.GetForeground(), s.GetBackground()
			if _, none := fg.(lipgloss.NoColor); fg == nil || none {
				return
			}
			if _, none := bg.(lipgloss.NoColor); bg != nil && !none {
				if r := contrast(fg, bg); r < 4.5 {
					t.Errorf("%s: contrast with its own background %.2f, want ≥ 4.5", path, r)
				}
				return
			}
			checkOnAnyBackground(t, path, fg)
		})
		for _, s := range []lipgloss.Style{st.List.Item, st.Detail.Ref, st.Search.Title, st.Help.FullDesc, st.Status.Key} {
			if _, none := s.GetForeground().(lipgloss.NoColor); !none {
				t.Errorf("dark=%v: body text has colour %v, want the terminal's foreground", dark, s.GetForeground())
			}
		}
	}
}

func walkStyles(v reflect.Value, path string, f func(string, lipgloss.Style)) {
	if s, ok := v.Interface().(lipgloss.Style); ok {
		f(path, s)
		return
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for i := range v.NumField() {
		if fv := v.Field(i); v.Type().Field(i).IsExported() {
			walkStyles(fv, path+"."+v.Type().Field(i).Name, f)
		}
	}
}

// TestGlamourStyleColours: the detail's Markdown style leaves body text to
// the terminal's foreground, and every colour it draws on the terminal's
// background reads on black and on white.
func TestGlamourStyleColours(t *testing.T) {
	t.Parallel()
	for _, dark := range []bool{true, false} {
		cfg := newStyles(dark, false).glamour
		if cfg.Document.Color != nil || cfg.Text.Color != nil || cfg.Paragraph.Color != nil {
			t.Errorf("dark=%v: body text has a colour of ours", dark)
		}
		n := 0
		walkPrimitives(reflect.ValueOf(cfg), "glamour", func(path string, p ansi.StylePrimitive) {
			if p.Color == nil {
				return
			}
			n++
			fg := lipgloss.Color(*p.Color)
			if p.BackgroundColor != nil {
				if r := contrast(fg, lipgloss.Color(*p.BackgroundColor)); r < 4.5 {
					t.Errorf("%s: contrast with its own background %.2f, want ≥ 4.5", path, r)
				}
				return
			}
			checkOnAnyBackground(t, path, fg)
		})
		if n == 0 {
			t.Fatal("walked no coloured element: the walk is broken")
		}
	}
}

func walkPrimitives(v reflect.Value, path string, f func(string, ansi.StylePrimitive)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkPrimitives(v.Elem(), path, f)
		}
		return
	case reflect.Struct:
	default:
		return
	}
	if p, ok := v.Interface().(ansi.StylePrimitive); ok {
		f(path, p)
		return
	}
	for i := range v.NumField() {
		walkPrimitives(v.Field(i), path+"."+v.Type().Field(i).Name, f)
	}
}
