package search

import (
	"github.com/brief-reader/brief/data"

	"slices"
	"strings"
	"sync"
	"testing"
)

func TestFoldWord(t *testing.T) {
	for in, want := range map[string]string{
		"dang":             "dang",
		"Đặng":             "dang",
		"DANG":             "dang",
		"đĐ":               "dd",
		"ắ":                "a", // breve and acute, stacked
		"ố":                "o", // circumflex and acute
		"ứ":                "u", // horn and acute
		"Nguyễn":           "nguyen",
		"cybercriminalité": "cybercriminalite",
		"Straße":           "strasse",
		"Łódź":             "lodz",
		"ﬁn":               "fin",
		"İstanbul":         "istanbul",
		"e\u0301te\u0301":  "ete", // already decomposed
	} {
		if got := foldWord(in); got != want {
			t.Errorf("foldWord(%q) = %q, want %q", in, got, want)
		}
	}
}

func keys(text string) []string {
	var out []string
	scanWords(text, true, foldWord, func(w word) { out = append(out, w.key) })
	return out
}

func TestScanWords(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Đặng Hoàng Giang", []string{"dang", "hoang", "giang"}},
		{"l’ONU et l'UNODC", []string{"l", "onu", "et", "l", "unodc"}},
		{"1000 1,000 1.000 1 000", []string{"1000", "1000", "1000", "1000"}},
		{"1\u00a0000 and 1\u202f000", []string{"1000", "and", "1000"}},
		{"up 1,325% and 1 325 %", []string{"up", "1325", "and", "1325"}},
		{"1,000,000 or 1.000.000", []string{"1000000", "or", "1000000"}},
		{"3,5 or 3.5 or 1,234.5", []string{"3.5", "or", "3.5", "or", "1234.5"}},
		{"on 2025-10-25", []string{"on", "2025", "10", "25"}},
		{"In 2024, 381 cases", []string{"in", "2024", "381", "cases"}},
		{"in 2024 150 people", []string{"in", "2024", "150", "people"}},
		{"the 25th; 1,000km", []string{"the", "25th", "1000km"}},
		{"said so [dantri] [vtv]. Then", []string{"said", "so", "then"}},
		{"a [link](https://x.org) stays", []string{"a", "link", "https", "x", "org", "stays"}},
		{"G20 and COVID-19", []string{"g20", "and", "covid", "19"}},
	} {
		if got := keys(c.text); !slices.Equal(got, c.want) {
			t.Errorf("words of %q = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for _, c := range []struct {
		in, want string
		empty    bool
	}{
		{"", "", true},
		{"   ", "", true},
		{"foo -bar \"a b\" -\"c d\"", `foo -bar "a b" -"c d"`, false},
		{"  foo   bar  ", "foo bar", false},
		{`"unclosed phr`, `"unclosed phr"`, false},
		{"“curly quotes”", `"curly quotes"`, false},
		{`"one"`, `"one"`, false},
		{`1 "000"`, `1 "000"`, false},
		{`12 "" 345`, `12 "345"`, false},
		{`""`, "", true},
		{"-", "", true},
		{"-foo -\"a b\"", `-foo -"a b"`, true},
		{"x -", "x", false},
		{"foo-bar 2025-10-25 l'ONU", "foo-bar 2025-10-25 l'ONU", false},
		{"1 000 people", "1 000 people", false},
		{"!!! ...", "", true},
		{`a"b"c`, `a "b" c`, false},
	} {
		q := ParseQuery(c.in)
		if got := q.String(); got != c.want {
			t.Errorf("ParseQuery(%q).String() = %q, want %q", c.in, got, c.want)
		}
		if q.Empty() != c.empty {
			t.Errorf("ParseQuery(%q).Empty() = %v, want %v", c.in, q.Empty(), c.empty)
		}
		if again := ParseQuery(q.String()).String(); again != q.String() {
			t.Errorf("String of %q does not parse back to itself: %q", c.in, again)
		}
	}
}

func TestParseQueryBoundsTerms(t *testing.T) {
	q := ParseQuery(strings.Repeat("word ", 3*maxTerms))
	if len(q.terms) != maxTerms {
		t.Errorf("a query of %d words keeps %d terms, want %d", 3*maxTerms, len(q.terms), maxTerms)
	}
}

// marked returns the parts of text that spans cover.
func marked(text string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestHighlight(t *testing.T) {
	for _, c := range []struct {
		query, text string
		want        []string
	}{
		{"dang giang", "Thứ trưởng Đặng Hoàng Giang", []string{"Đặng", "Giang"}},
		{"DANG HOANG GIANG", "Dang Hoang Giang", []string{"Dang", "Hoang", "Giang"}},
		{`"hoang giang"`, "Đặng Hoàng Giang and Giang", []string{"Hoàng Giang"}},
		{"gi", "Giang gives", []string{"Giang", "gives"}},
		{"gi ", "Giang gives gi", []string{"gi"}},
		{"giang -dang", "Đặng Hoàng Giang", []string{"Giang"}},
		{"1325", "up 1,325% on 2023", []string{"1,325"}},
		{"1 000", "1.000 and 1\u00a0000 and 1000", []string{"1.000", "1\u00a0000", "1000"}},
		{"dantri", "said so [dantri]", nil},
		{"1000", "1,000 and 1.000, not 100,000 or 10000", []string{"1,000", "1.000"}},
		{"giang 100", "Giang: 100 of 100,000", []string{"Giang", "100"}},
		{"cybercriminalite", "la cybercriminalité.", []string{"cybercriminalité"}},
		{"hoang hoang", "Hoàng", []string{"Hoàng"}},
		{"-giang", "Giang", nil},
	} {
		got := marked(c.text, ParseQuery(c.query).Highlight(c.text))
		if !slices.Equal(got, c.want) {
			t.Errorf("Highlight(%q) in %q marks %q, want %q", c.query, c.text, got, c.want)
		}
	}
}

// ruleBriefing is a small briefing whose items each match "giang" in one
// way, to check the rules of ranking one by one.
func ruleBriefing() *data.Briefing {
	src := []string{"news"}
	b := &data.Briefing{
		Overview: data.Overview{Title: "Summit on data", Place: "Hà Nội", Synthesis: "Delegates met **twice** in Hanoi [news]."},
		Sources: []data.Source{{
			ID: "news", Outlet: "Example News", Headline: "Giang speaks", Language: "fr",
			Summary:   "A summary of the report.",
			KeyPoints: []string{"The treaty opens for signature on 25 October.", "Nearly 1 325 delegates came."},
		}},
		Timeline: []data.Event{
			{ID: "opening", Date: "2025-10-25", Title: "Opening", Text: "Giang opened the meeting [news].", Sources: src},
			{ID: "party", Date: "2025-10-26", Title: "Giangster party", Text: "Music and dancing.", Sources: src},
		},
		Sessions: []data.Session{{ID: "talk", Kind: data.Plenary, Date: "2025-10-25", Title: "Giang", Summary: "A talk.", Speakers: []string{"dang"}, Sources: src}},
		Speakers: []data.Speaker{{
			ID: "dang", Kind: data.Person, Name: "Đặng Hoàng Giang", Aliases: []string{"Dang Hoang Giang"},
			Rank: "Deputy Minister", Role: "Deputy Minister of Foreign Affairs", Organisation: "Ministry of Foreign Affairs",
			Statements: []data.Statement{{Session: "talk", Text: "Said the treaty matters to every state.", Sources: src}},
			Sources:    src,
		}},
		Measures: []data.Measure{{ID: "sign", Number: 1, Title: "Sign quickly", Text: "States should sign and ratify.", ProposedBy: []string{"dang"}, Session: "talk", Sources: src}},
		Figures:  []data.Figure{{ID: "delegates", Value: "1,325", Counts: "delegates", AsOf: "25 October", Sources: src}},
		Glossary: []data.GlossaryEntry{{ID: "treaty", Lang: "fr", Term: "traité", English: "treaty", Sources: src}},
	}
	b.Finish()
	return b
}

// refs lists the Refs of hits, as "kind:id", in order.
func refs(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Ref.String()
	}
	return out
}

func TestSearchRanking(t *testing.T) {
	ix := NewIndex(ruleBriefing())
	got := refs(ix.Search(ParseQuery("giang"), SearchOptions{}))
	want := []string{
		"session:talk",     // the whole title is the query
		"speaker:dang",     // a whole word of a name
		"source:news",      // a whole word of a headline, later in document order
		"measure:sign",     // a whole word of its proposer's name
		"event:opening",    // a whole word of a text
		"statement:dang#0", // a whole word of its speaker's name, borrowed
		"event:party",      // only the beginning of a word, even in a title
	}
	if !slices.Equal(got, want) {
		t.Errorf("giang ranks\n%q\nwant\n%q", got, want)
	}
}

// ruleCases are the rules of search, each a query over ruleBriefing and
// the hits it gives, in order.
var ruleCases = []struct {
	query string
	want  []string
}{
	// Every word, in any order and any field of one item.
	{"giang foreign", []string{"speaker:dang", "statement:dang#0"}},
	{"foreign giang deputy", []string{"speaker:dang", "statement:dang#0"}},
	// Only the last word is a prefix, and not after a space.
	{"hoan giang", nil},
	{"giang hoan", []string{"speaker:dang", "measure:sign", "statement:dang#0"}},
	{"giang hoan ", nil},
	// Quoted words side by side, in order.
	{`"hoang giang"`, []string{"speaker:dang", "measure:sign", "statement:dang#0"}},
	{`"giang hoang"`, nil},
	{`"treaty opens"`, []string{"source:news"}},
	// Exclusions, of words and of phrases.
	{"treaty -signature", []string{"term:treaty", "statement:dang#0"}},
	{`treaty -"for signature"`, []string{"term:treaty", "statement:dang#0"}},
	{`treaty -"signature for"`, []string{"term:treaty", "statement:dang#0", "source:news"}},
	// Numbers however written.
	{"1325", []string{"figure:delegates", "source:news"}},
	{"1 325", []string{"figure:delegates", "source:news"}},
	{"1.325", []string{"figure:delegates", "source:news"}},
	// A number matches whole numbers only, even as the last word.
	{"132", nil},
	{"13", nil},
	// Dates and ids hold together.
	{"2025-10-25", []string{"event:opening", "session:talk"}},
	{"news", []string{"source:news"}},
	// Citations are not words of the text.
	{"twice hanoi news", nil},
	// A kind's name finds the items of that kind.
	{"measure sign", []string{"measure:sign"}},
	// Nothing to search for.
	{"-giang", nil},
	{"", nil},
}

func TestSearchRules(t *testing.T) {
	ix := NewIndex(ruleBriefing())
	for _, c := range ruleCases {
		got := refs(ix.Search(ParseQuery(c.query), SearchOptions{}))
		if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("%q finds %q, want %q", c.query, got, c.want)
		}
	}
}

func TestSearchOptions(t *testing.T) {
	ix := NewIndex(ruleBriefing())
	q := ParseQuery("giang")
	if got := refs(ix.Search(q, SearchOptions{Kinds: []data.Kind{data.KindEvent, data.KindStatement}})); !slices.Equal(got, []string{"event:opening", "statement:dang#0", "event:party"}) {
		t.Errorf("giang among events and statements finds %q", got)
	}
	if got := refs(ix.Search(q, SearchOptions{Limit: 2})); !slices.Equal(got, []string{"session:talk", "speaker:dang"}) {
		t.Errorf("giang limited to 2 finds %q", got)
	}
}

func TestSearchHitFields(t *testing.T) {
	ix := NewIndex(ruleBriefing())
	hits := ix.Search(ParseQuery("treaty matters"), SearchOptions{})
	if len(hits) != 1 {
		t.Fatalf("treaty matters finds %q, want the statement", refs(hits))
	}
	h := hits[0]
	want := Hit{
		Kind: data.KindStatement, Ref: data.StatementRef("dang", 0),
		Title: "Deputy Minister Đặng Hoàng Giang · Giang", Snippet: "Said the treaty matters to every state.",
		Sources: []string{"news"},
	}
	if h.Kind != want.Kind || h.Ref != want.Ref || h.Title != want.Title || h.Snippet != want.Snippet || !slices.Equal(h.Sources, want.Sources) {
		t.Errorf("hit = %+v\nwant %+v", h, want)
	}
	if got := marked(h.Snippet, h.Marks); !slices.Equal(got, []string{"treaty", "matters"}) {
		t.Errorf("marks %q, want treaty and matters", got)
	}

	// A match in the title shows what the item is; one in a long text
	// shows the text around it.
	speaker := ix.Search(ParseQuery("dang hoang giang"), SearchOptions{})[0]
	if speaker.Snippet != "Deputy Minister of Foreign Affairs" || len(speaker.Marks) != 0 {
		t.Errorf("speaker found by name has snippet %q marks %v, want the role unmarked", speaker.Snippet, speaker.Marks)
	}
	overview := ix.Search(ParseQuery("twice"), SearchOptions{})[0]
	if overview.Snippet != "Delegates met twice in Hanoi [news]." {
		t.Errorf("synthesis snippet %q, want its Markdown removed", overview.Snippet)
	}
}

func TestSnippetWindow(t *testing.T) {
	long := strings.Repeat("filler words here ", 30) + "the Đặng Hoàng Giang needle " + strings.Repeat("more words after ", 30) + "finale"
	b := ruleBriefing()
	b.Timeline[1].Text = long
	hit := NewIndex(b).Search(ParseQuery("needle"), SearchOptions{})[0]
	if n := len([]rune(hit.Snippet)); n > snippetRunes {
		t.Errorf("snippet of %d runes, want at most %d", n, snippetRunes)
	}
	if !strings.HasPrefix(hit.Snippet, "…") || !strings.HasSuffix(hit.Snippet, "…") {
		t.Errorf("snippet cut on both sides should say so: %q", hit.Snippet)
	}
	if got := marked(hit.Snippet, hit.Marks); !slices.Equal(got, []string{"needle"}) {
		t.Errorf("marks %q in %q", got, hit.Snippet)
	}
	if strings.Index(hit.Snippet, "needle") > 60 {
		t.Errorf("the match should come early in the snippet: %q", hit.Snippet)
	}
	end := NewIndex(b).Search(ParseQuery("finale"), SearchOptions{})[0]
	if !strings.HasPrefix(end.Snippet, "…") || strings.HasSuffix(end.Snippet, "…") || len([]rune(end.Snippet)) < snippetRunes-20 {
		t.Errorf("a match near the end should fill the snippet from before: %q", end.Snippet)
	}
}

func TestSearchIsStable(t *testing.T) {
	ix := NewIndex(ruleBriefing())
	for _, s := range []string{"giang", "treaty", "a", "2025"} {
		first := refs(ix.Search(ParseQuery(s), SearchOptions{}))
		for range 5 {
			if again := refs(ix.Search(ParseQuery(s), SearchOptions{})); !slices.Equal(first, again) {
				t.Fatalf("%q found %q, then %q", s, first, again)
			}
		}
	}
}

// TestSearchConcurrent searches one index from many goroutines: each must
// get what a lone search gets (run with -race to check the index is only
// read).
func TestSearchConcurrent(t *testing.T) {
	ix := NewIndex(ruleBriefing())
	queries := []string{"giang", "treaty -signature", `"hoang giang"`, "1 325", "g"}
	want := make([][]string, len(queries))
	for i, s := range queries {
		want[i] = refs(ix.Search(ParseQuery(s), SearchOptions{}))
	}
	errs := make(chan string, 8*len(queries))
	var wg sync.WaitGroup
	for range 8 {
		for i, s := range queries {
			wg.Go(func() {
				if got := refs(ix.Search(ParseQuery(s), SearchOptions{})); !slices.Equal(got, want[i]) {
					errs <- s + ": " + strings.Join(got, " ")
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent search differs: %s", e)
	}
}
