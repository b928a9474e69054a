package export

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/citetest"
)

// TestCitationsAgreeInExports feeds the table the data package is tested
// on (internal/citetest) through the three exports: each must
// cite exactly the sources the table says the text cites.
func TestCitationsAgreeInExports(t *testing.T) {
	all := citetest.Known
	for _, c := range citetest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			b, err := data.Embedded()
			if err != nil {
				t.Fatal(err)
			}
			var known []string
			for _, id := range c.Cites {
				if _, ok := b.Source(id); ok {
					known = append(known, id)
				}
			}
			uncited := slices.DeleteFunc(slices.Clone(all), func(id string) bool { return slices.Contains(c.Cites, id) })

			// Markdown: known inline citations become footnote references,
			// the rest follow the text.
			md := newMarkdown(&bytes.Buffer{}, b)
			if got, want := strings.Count(md.inline(c.Text), "[^"), len(known); got != want {
				t.Errorf("markdown writes %d footnote references in %q, want %d", got, md.inline(c.Text), want)
			}
			var after []string
			for _, f := range strings.Split(md.cites(c.Text, all), "[^")[1:] {
				after = append(after, strings.TrimSuffix(f, "]"))
			}
			if !slices.Equal(after, uncited) {
				t.Errorf("markdown cites %q after the text, want %q", after, uncited)
			}

			// Text: the same ids follow the text.
			if got, want := citeList(c.Text, all), " ["+strings.Join(uncited, "] [")+"]"; len(uncited) > 0 && got != want || len(uncited) == 0 && got != "" {
				t.Errorf("text cites %q after the text, want %q", got, uncited)
			}

			// JSON: the text is kept as written, so its citations read the
			// same with data's rule.
			b.Overview.Synthesis = c.Text
			var buf bytes.Buffer
			if err := Write(&buf, b, JSON); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Overview struct {
					Synthesis string `json:"synthesis"`
				} `json:"overview"`
			}
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			if got := data.Citations(doc.Overview.Synthesis); !slices.Equal(got, c.Cites) {
				t.Errorf("JSON synthesis cites %q, want %q", got, c.Cites)
			}
		})
	}
}
