package data_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"go.yaml.in/yaml/v3"
)

// caption is one photo caption of a seed article (testdata/captions.yaml).
type caption struct {
	Seed      string        `yaml:"seed"`
	Lines     []int         `yaml:"lines"`
	Source    string        `yaml:"source"`
	Note      string        `yaml:"note"`
	Credit    string        `yaml:"credit"`
	Furniture string        `yaml:"furniture"`
	Facts     []captionFact `yaml:"facts"`
}

type captionFact struct {
	Fact  string        `yaml:"fact"`
	Items []captionItem `yaml:"items"`
}

// captionItem is a briefing item that carries a caption fact: "kind:id",
// with words its text must contain and, for sessions and events, the date
// and part of day it must have.
type captionItem struct {
	Ref       string   `yaml:"ref"`
	Contains  []string `yaml:"contains"`
	Date      string   `yaml:"date"`
	PartOfDay string   `yaml:"partOfDay"`
}

func loadCaptions(t *testing.T) []caption {
	t.Helper()
	raw, err := os.ReadFile("testdata/captions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cs []caption
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&cs); err != nil {
		t.Fatalf("testdata/captions.yaml: %v", err)
	}
	return cs
}

// TestCaptionFactsHaveItems checks that every fact of every photo caption
// of the seeds is carried by the briefing, in the items the inventory
// names, with the caption's source cited.
func TestCaptionFactsHaveItems(t *testing.T) {
	b := embedded(t)
	cs := loadCaptions(t)
	seeds := map[string]bool{}
	facts := 0
	for _, c := range cs {
		where := c.Seed + ":" + strings.Trim(strings.Join(strings.Fields(fmt.Sprint(c.Lines)), ","), "[]")
		seeds[c.Seed] = true
		if len(c.Lines) == 0 || c.Source == "" {
			t.Errorf("%s: a caption needs its lines and source", where)
		}
		if _, ok := b.Source(c.Source); !ok {
			t.Errorf("%s: unknown source %q", where, c.Source)
		}
		switch {
		case c.Furniture != "" && len(c.Facts) > 0:
			t.Errorf("%s: page furniture carries no facts", where)
		case c.Furniture == "" && len(c.Facts) == 0:
			t.Errorf("%s: a caption with no facts must say why it is furniture", where)
		}
		for _, f := range c.Facts {
			facts++
			if len(f.Items) == 0 {
				t.Errorf("%s: caption fact %q has no item in the briefing", where, f.Fact)
			}
			for _, it := range f.Items {
				text, sources, date, part, ok := itemText(b, it.Ref)
				if !ok {
					t.Errorf("%s: item %s does not exist", where, it.Ref)
					continue
				}
				for _, w := range it.Contains {
					if !strings.Contains(text, w) {
						t.Errorf("%s: item %s does not contain %q", where, it.Ref, w)
					}
				}
				if !slices.Contains(sources, c.Source) {
					t.Errorf("%s: item %s does not cite %s, the caption's source (cites %v)", where, it.Ref, c.Source, sources)
				}
				if it.Date != "" && it.Date != date {
					t.Errorf("%s: item %s is dated %q, want %q", where, it.Ref, date, it.Date)
				}
				if it.PartOfDay != "" && it.PartOfDay != part {
					t.Errorf("%s: item %s is in the %q, want %q", where, it.Ref, part, it.PartOfDay)
				}
			}
		}
	}
	if facts < 10 {
		t.Errorf("the inventory lists %d caption facts; the seeds' captions hold more", facts)
	}
	for _, seed := range []string{"000_9543793d24022b4f.txt", "001_8441360021e80842.txt", "003_3430ae7dedeb1441.txt", "004_d12051047af22b3b.txt"} {
		if !seeds[seed] {
			t.Errorf("no caption listed for %s, which has captions", seed)
		}
	}
}

// itemText is everything a reader sees of one item ("kind:id"), the
// sources it cites, and its date and part of day where it has them.
func itemText(b *data.Briefing, ref string) (text string, sources []string, date, part string, ok bool) {
	kind, id, _ := strings.Cut(ref, ":")
	join := func(parts ...string) string { return strings.Join(parts, "\n") }
	switch kind {
	case "party":
		for _, p := range b.Overview.Parties {
			if p.ID == id {
				return join(p.Label(), p.Note, b.Overview.PartiesNote), p.Sources, "", "", true
			}
		}
	case "session":
		if s, found := b.Session(id); found {
			return join(s.Title, s.ChairNote, s.DateNote, s.Summary), s.Sources, s.Date, string(s.PartOfDay), true
		}
	case "event":
		if e, found := b.Event(id); found {
			return join(e.Title, e.Text, e.DateNote), e.Sources, e.Date, string(e.PartOfDay), true
		}
	case "speaker":
		if sp, found := b.Speaker(id); found {
			parts := []string{sp.Label(), sp.Role, sp.Organisation, sp.Country, sp.Note}
			for _, st := range sp.Statements {
				parts = append(parts, st.Text)
			}
			return join(parts...), sp.Sources, "", "", true
		}
	case "figure":
		if f, found := b.Figure(id); found {
			return join(f.Value, f.Counts, f.AsOf, f.Note), f.Sources, "", "", true
		}
	case "term":
		if g, found := b.Term(id); found {
			return join(g.Term, g.English, g.Note), g.Sources, "", "", true
		}
	}
	return "", nil, "", "", false
}
