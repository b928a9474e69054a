package data

import (
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/internal/citetest"
)

func TestCitationsAgreeInData(t *testing.T) {
	for _, c := range citetest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if got := Citations(c.Text); !slices.Equal(got, c.Cites) {
				t.Errorf("Citations = %q, want %q", got, c.Cites)
			}

			// The validator: unknown ids, and only they, are problems.
			b, err := Embedded()
			if err != nil {
				t.Fatal(err)
			}
			b.Overview.Synthesis = c.Text
			var unknown []string
			for _, id := range c.Cites {
				if _, ok := b.Source(id); !ok {
					unknown = append(unknown, id)
				}
			}
			var reported []string
			for _, p := range Validate(b) {
				if strings.Contains(p.Message, "unknown source") {
					reported = append(reported, p.Message)
				}
			}
			if len(reported) != len(unknown) {
				t.Errorf("validator reports %q, want one problem for each of %q", reported, unknown)
			}

			// Uncited: what still has to be cited after the text.
			want := slices.DeleteFunc(slices.Clone(citetest.Known), func(id string) bool { return slices.Contains(c.Cites, id) })
			if got := Uncited(citetest.Known, c.Text); !slices.Equal(got, want) {
				t.Errorf("Uncited = %q, want %q", got, want)
			}
		})
	}
}

// BenchmarkScanCitationsHostile scans texts at the 64 KiB limit built to
// defeat a naive scanner: unclosed brackets and unclosed link targets.
// Each must stay linear (milliseconds, not seconds).
func BenchmarkScanCitationsHostile(b *testing.B) {
	for name, text := range map[string]string{
		"unclosed brackets": strings.Repeat("[", 64<<10),
		"unclosed links":    strings.Repeat("[](", 64<<10/3),
		"escapes":           strings.Repeat(`[\`, 32<<10),
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				ScanCitations(text)
			}
		})
	}
}
