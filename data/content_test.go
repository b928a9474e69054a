package data_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
)

// seedURLs are the only URLs the five seed articles give; the Tiền Phong
// copy gives none. A URL in the briefing that is not one of these was made
// up, which the content rules forbid.
var seedURLs = map[string]string{
	"sggp":      "https://www.sggp.org.vn/cac-quoc-gia-can-trien-khai-hieu-qua-cong-uoc-cua-lien-hop-quoc-ve-chong-toi-pham-mang-post820054.html",
	"baotintuc": "https://baotintuc.vn/thoi-su/cong-uoc-ha-noi-lan-toa-thong-diep-cung-nhau-an-toan-truc-tuyen-20251025193209244.htm",
	"dantri":    "https://dantri.com.vn/thoi-su/khong-mot-quoc-gia-nao-co-the-don-doc-chong-lai-toi-pham-mang-20251026144926876.htm",
	"vtv":       "https://vtv.vn/gan-70-quoc-gia-ky-cong-uoc-ha-noi-100251025205629858.htm",
	"tienphong": "",
}

func embedded(t *testing.T) *data.Briefing {
	t.Helper()
	b, err := data.Embedded()
	if err != nil {
		t.Fatalf("the embedded briefing does not load:\n%v", err)
	}
	return b
}

func TestEmbeddedEverySectionHasContent(t *testing.T) {
	b := embedded(t)
	counts := map[string]int{
		"sources":  len(b.Sources),
		"timeline": len(b.Timeline),
		"sessions": len(b.Sessions),
		"speakers": len(b.Speakers),
		"measures": len(b.Measures),
		"figures":  len(b.Figures),
		"glossary": len(b.Glossary),
	}
	for section, n := range counts {
		if n == 0 {
			t.Errorf("section %s is empty", section)
		}
	}
	if len(b.Sources) != 5 {
		t.Errorf("want one source per seed article (5), got %d", len(b.Sources))
	}
	if b.Overview.Start != "2025-10-25" || b.Overview.End != "2025-10-26" {
		t.Errorf("dates = %s..%s, want 2025-10-25..2025-10-26", b.Overview.Start, b.Overview.End)
	}
	// Issue 18: the synthesis carries the substance in about 300 words,
	// at most 350.
	words := len(strings.Fields(citationFree(b.Overview.Synthesis)))
	if words < 200 || words > 350 {
		t.Errorf("synthesis has %d words, want 200-350", words)
	}
}

func citationFree(s string) string {
	for _, id := range data.Citations(s) {
		s = strings.ReplaceAll(s, "["+id+"]", "")
	}
	return s
}

func TestEmbeddedSourcesMatchSeeds(t *testing.T) {
	b := embedded(t)
	langs := map[string]string{"sggp": "fr", "tienphong": "vi", "baotintuc": "fr", "dantri": "id", "vtv": "id"}
	for _, s := range b.Sources {
		want, known := seedURLs[s.ID]
		if !known {
			t.Errorf("source %q is not one of the seed articles", s.ID)
			continue
		}
		if s.URL != want {
			t.Errorf("source %s URL = %q, want exactly the seed's %q", s.ID, s.URL, want)
		}
		if s.Language != langs[s.ID] {
			t.Errorf("source %s language = %q, want %q", s.ID, s.Language, langs[s.ID])
		}
		// Issue 18: a source entry says in two or three sentences what
		// the article covers and its angle, and what it is the only
		// source for; the facts live in the items that cite it.
		words := len(strings.Fields(s.Summary))
		if words < 30 || words > 90 {
			t.Errorf("source %s summary has %d words, want 30-90", s.ID, words)
		}
		if n := len(s.KeyPoints); n < 1 || n > 3 {
			t.Errorf("source %s has %d key points, want 1-3", s.ID, n)
		}
	}
}

func TestEmbeddedEveryFactIsCited(t *testing.T) {
	b := embedded(t)
	cited := map[string]bool{}
	cite := func(what string, ids []string) {
		if len(ids) == 0 {
			t.Errorf("%s cites no source", what)
		}
		for _, id := range ids {
			if _, ok := b.Source(id); !ok {
				t.Errorf("%s cites unknown source %q", what, id)
			}
			cited[id] = true
		}
	}
	cite("synthesis", data.Citations(b.Overview.Synthesis))
	for _, e := range b.Timeline {
		cite("event "+e.ID, e.Sources)
	}
	for _, s := range b.Sessions {
		cite("session "+s.ID, s.Sources)
	}
	for _, sp := range b.Speakers {
		cite("speaker "+sp.ID, sp.Sources)
		for i, st := range sp.Statements {
			cite("statement "+data.StatementRef(sp.ID, i).ID, st.Sources)
			// The paraphrase itself names its source, so it reads right
			// wherever it is shown.
			if len(data.Citations(st.Text)) == 0 {
				t.Errorf("statement %d of %s has no inline citation", i, sp.ID)
			}
		}
	}
	for _, m := range b.Measures {
		cite("measure "+m.ID, m.Sources)
	}
	for _, f := range b.Figures {
		cite("figure "+f.ID, f.Sources)
	}
	for _, g := range b.Glossary {
		cite("term "+g.ID, g.Sources)
	}
	for _, s := range b.Sources {
		if !cited[s.ID] {
			t.Errorf("source %s is never cited", s.ID)
		}
	}
}

func TestEmbeddedSixMeasures(t *testing.T) {
	b := embedded(t)
	if len(b.Measures) != 6 {
		t.Fatalf("want the six measures of 26 October, got %d", len(b.Measures))
	}
	for i, m := range b.Measures {
		if m.Number != i+1 {
			t.Errorf("measure %s is numbered %d, want %d", m.ID, m.Number, i+1)
		}
		if !slices.Equal(m.ProposedBy, []string{"pham-the-tung"}) || m.Session != "policy-discussion" {
			t.Errorf("measure %d: proposed by %v in %s, want Pham The Tung at the policy discussion", m.Number, m.ProposedBy, m.Session)
		}
	}
	s, _ := b.Session("policy-discussion")
	if s == nil || s.Date != "2025-10-26" {
		t.Errorf("the measures' session must be dated 26 October, got %+v", s)
	}
}

func TestEmbeddedNamesKeepDiacritics(t *testing.T) {
	b := embedded(t)
	want := map[string][]string{
		"dang-hoang-giang": {"Đặng Hoàng Giang"},
		"le-xuan-minh":     {"Lê Xuân Minh", "Le Xuan Minh"},
		// No seed writes his name with diacritics; none may be invented.
		"pham-the-tung": {"Pham The Tung"},
	}
	for id, names := range want {
		sp, ok := b.Speaker(id)
		if !ok {
			t.Errorf("speaker %s missing", id)
			continue
		}
		if sp.Name != names[0] {
			t.Errorf("speaker %s name = %q, want %q", id, sp.Name, names[0])
		}
		for _, alias := range names[1:] {
			if !slices.Contains(sp.Aliases, alias) {
				t.Errorf("speaker %s lacks alias %q", id, alias)
			}
		}
	}
}

// TestEmbeddedSignatoryCountsCompared keeps both counts of signatories,
// each with its own source and time, side by side as counts at different
// times: 69 in the morning is compatible with nearly 70 in the afternoon.
func TestEmbeddedSignatoryCountsCompared(t *testing.T) {
	b := embedded(t)
	morning, ok1 := b.Figure("signatories-morning")
	afternoon, ok2 := b.Figure("signatories-afternoon")
	if !ok1 || !ok2 {
		t.Fatal("both signatory figures must be present")
	}
	if morning.Value != "69" || !slices.Equal(morning.Sources, []string{"dantri"}) || morning.AsOf != "morning of 25 October 2025" {
		t.Errorf("morning figure = %s from %v as of %q, want 69 from dantri, morning of 25 October 2025", morning.Value, morning.Sources, morning.AsOf)
	}
	if afternoon.Value != "nearly 70" || !slices.Equal(afternoon.Sources, []string{"vtv"}) || afternoon.AsOf != "afternoon of 25 October 2025" {
		t.Errorf("afternoon figure = %s from %v as of %q, want nearly 70 from vtv, afternoon of 25 October 2025", afternoon.Value, afternoon.Sources, afternoon.AsOf)
	}
	if got := b.Compared(morning); len(got) != 1 || got[0].ID != afternoon.ID {
		t.Errorf("the two counts must be compared side by side, got %v", got)
	}
	if got := b.Conflicts(morning); len(got) != 0 {
		t.Errorf("69 and nearly 70 at different times are no conflict, yet linked as one: %v", got)
	}
}

func TestEmbeddedTimelineCoversLeadUpAndBothDays(t *testing.T) {
	b := embedded(t)
	days := map[string]int{}
	leadUp := 0
	for _, e := range b.Timeline {
		if e.LeadUp {
			leadUp++
			continue
		}
		days[e.Date]++
	}
	if leadUp == 0 || days["2025-10-25"] == 0 || days["2025-10-26"] == 0 {
		t.Errorf("timeline: lead-up %d, 25 Oct %d, 26 Oct %d events; want all three", leadUp, days["2025-10-25"], days["2025-10-26"])
	}
}

func TestEmbeddedGlossaryCoversEachSourceLanguage(t *testing.T) {
	b := embedded(t)
	for _, lang := range []string{"fr", "vi", "id"} {
		terms := b.TermsIn(lang)
		if len(terms) < 5 {
			t.Errorf("glossary has %d %s terms, want the key terms of that language", len(terms), lang)
		}
	}
}
