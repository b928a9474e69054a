package gen

import (
	"reflect"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
)

func TestBriefingIsValid(t *testing.T) {
	for _, items := range []int{1, 9, 200, 10_000} {
		b := Briefing(items, 1)
		if ps := data.Validate(b); len(ps) > 0 {
			t.Fatalf("Briefing(%d) has %d problems, first: %v", items, len(ps), ps[0])
		}
	}
}

func TestBriefingSizeAndProportions(t *testing.T) {
	b := Briefing(10_000, 7)
	statements := 0
	for _, sp := range b.Speakers {
		statements += len(sp.Statements)
	}
	total := 1 + len(b.Sources) + len(b.Timeline) + len(b.Sessions) + len(b.Speakers) + statements + len(b.Measures) + len(b.Figures) + len(b.Glossary)
	if total != 10_000 {
		t.Errorf("Briefing(10000) has %d items", total)
	}
	if len(b.Sources) >= len(b.Sessions) || len(b.Sessions) >= len(b.Speakers) || len(b.Speakers) >= statements {
		t.Errorf("want few sources, more sessions, more speakers, most statements; got %d, %d, %d, %d", len(b.Sources), len(b.Sessions), len(b.Speakers), statements)
	}
}

// TestBriefingFieldLengths allows a few words over the top: the generator
// counts "South Africa" or "1 000" as one word, strings.Fields as two.
func TestBriefingFieldLengths(t *testing.T) {
	b := Briefing(2_000, 3)
	for _, s := range b.Sources {
		if n := wordCount(s.Summary); n < 120 || n > 250+10 {
			t.Errorf("source %s summary has %d words, want 120 to 250 (citations aside)", s.ID, n)
		}
	}
	for _, sp := range b.Speakers {
		for _, st := range sp.Statements {
			if n := wordCount(st.Text); n < 30 || n > 80+10 {
				t.Errorf("statement of %s has %d words, want 30 to 80", sp.ID, n)
			}
		}
	}
}

// wordCount counts the words of a generated text, leaving out citations.
func wordCount(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if !strings.HasPrefix(w, "[") {
			n++
		}
	}
	return n
}

func TestBriefingIsDeterministic(t *testing.T) {
	a, b, c := Briefing(500, 42), Briefing(500, 42), Briefing(500, 43)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two different briefings")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same briefing")
	}
}

func TestBriefingHasNonASCIIText(t *testing.T) {
	b := Briefing(300, 1)
	var vietnamese, aliased bool
	for _, sp := range b.Speakers {
		if strings.ContainsAny(sp.Name, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐ") {
			vietnamese = true
			aliased = aliased || len(sp.Aliases) > 0
		}
	}
	if !vietnamese || !aliased {
		t.Errorf("want Vietnamese names with diacritics and plain aliases; got names %v, aliases %v", vietnamese, aliased)
	}
	terms := map[string]bool{}
	for _, g := range b.Glossary {
		terms[g.Lang] = true
	}
	for _, lang := range []string{"fr", "vi", "id"} {
		if !terms[lang] {
			t.Errorf("no glossary term in %s", lang)
		}
	}
}

func TestWriteBundleLoads(t *testing.T) {
	want := Briefing(600, 5)
	dir := t.TempDir()
	if err := WriteBundle(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := data.LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir of the written bundle: %v", err)
	}
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"overview", got.Overview, want.Overview},
		{"sources", got.Sources, want.Sources},
		{"timeline", got.Timeline, want.Timeline},
		{"sessions", got.Sessions, want.Sessions},
		{"speakers", got.Speakers, want.Speakers},
		{"measures", got.Measures, want.Measures},
		{"figures", got.Figures, want.Figures},
		{"glossary", got.Glossary, want.Glossary},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s read back differ from what was written", f.name)
		}
	}
}
