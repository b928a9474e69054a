package ui

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden compares whole screens with testdata/TestGolden/<set>/<screen>
// .golden, downsampled to a fixed colour profile as Bubble Tea would on
// such a terminal. Regenerate with `go test ./ui -run TestGolden -update`
// and review the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	sets := []struct {
		name    string
		style   Style
		profile colorprofile.Profile
		sizes   [][2]int
	}{
		{"dark", StyleDark, colorprofile.ANSI256, goldenSizes},
		{"light", StyleLight, colorprofile.ANSI256, goldenSizes},
		{"mono", StyleNoTTY, colorprofile.ASCII, goldenSizes},
	}
	type screen struct {
		name string
		keys []string
	}
	var screens []screen
	for id := range tabCount {
		name := fmt.Sprintf("%d_%s", id+1, id)
		screens = append(screens, screen{name, []string{itoa(int(id) + 1)}})
		if id != tabOverview {
			// Second item, detail focused: in narrow sizes the detail pane.
			screens = append(screens, screen{name + "_detail", []string{itoa(int(id) + 1), "j", "enter"}})
		}
	}
	screens = append(screens,
		screen{"help", []string{"?"}},
		screen{"references", []string{"5", "enter", "]", "]"}},
		screen{"search", append([]string{"/"}, splitKeys("giang")...)},
		screen{"search_none", append([]string{"/"}, splitKeys("zzzz")...)},
		screen{"search_match_at_end", append([]string{"/"}, splitKeys("cybercriminalite")...)},
		screen{"search_preview_moved", append(append([]string{"/"}, splitKeys("electronic evidence")...), "down", "down")},
		screen{"search_hit", append(append([]string{"/"}, splitKeys("six measures")...), "enter")},
		screen{"7_Figures_compared", comparedFigureKeys(t)},
		screen{"2_Timeline_preview", []string{"2", "j", "j"}},
	)
	for _, set := range sets {
		for _, size := range set.sizes {
			for _, sc := range screens {
				t.Run(fmt.Sprintf("%s_%dx%d/%s", set.name, size[0], size[1], sc.name), func(t *testing.T) {
					t.Parallel() // each screen is a model of its own
					tt := newTestModelWith(t, testBriefing(t), Options{Style: set.style}, size[0], size[1])
					tt.press(sc.keys...)
					view := tt.m.View().Content
					checkFits(t, view, size[0], size[1])
					golden.RequireEqual(t, downsample(t, view, set.profile))
				})
			}
		}
	}
}

// comparedFigureKeys open the first figure compared with another (≈): a
// table beside the list from 120 columns, a paragraph per figure in
// narrower panes.
func comparedFigureKeys(t *testing.T) []string {
	keys := []string{"7"}
	for _, r := range figureRows(testBriefing(t)) {
		if r.group {
			continue
		}
		if r.gutter == "≈" {
			return append(keys, "enter")
		}
		keys = append(keys, "j")
	}
	t.Fatal("no compared figure in the Figures list")
	return nil
}

// goldenSizes are the terminal sizes every screen is kept at: wide, the
// narrowest side by side, single pane, and the smallest usable.
var goldenSizes = [][2]int{{120, 40}, {100, 30}, {80, 24}, {40, 12}}

func splitKeys(s string) []string {
	var keys []string
	for _, r := range s {
		if r == ' ' {
			keys = append(keys, "space")
		} else {
			keys = append(keys, string(r))
		}
	}
	return keys
}

// downsample writes s as a terminal with profile p would receive it.
func downsample(t *testing.T, s string, p colorprofile.Profile) string {
	t.Helper()
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: p}
	if _, err := w.WriteString(s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
