// Package citetest is the table of texts every consumer of citations (the
// validator and search in data, the reader's pages, the three exports) is
// tested on, so that they are seen to agree. It is for tests only.
package citetest

// Case is one text and the source ids it cites inline, in order.
type Case struct {
	Name  string
	Text  string
	Cites []string
}

// Known are the embedded briefing's source ids the cases use; "nowhere"
// is not a source.
var Known = []string{"sggp", "dantri", "vtv", "tienphong"}

// Cases are the texts: plain, several together, links, an id as or inside
// a link's text, escaped brackets, an unknown id, ids at the start and end.
var Cases = []Case{
	{Name: "plain", Text: "Signed by 65 states [sggp].", Cites: []string{"sggp"}},
	{Name: "several together", Text: "Both say so [sggp][dantri] [vtv].", Cites: []string{"sggp", "dantri", "vtv"}},
	{Name: "link", Text: "Read [the treaty](https://example.org/treaty) first.", Cites: nil},
	{Name: "id as link text", Text: "See [sggp](https://example.org) and [sggp].", Cites: []string{"sggp"}},
	{Name: "id inside link text", Text: "See [what [sggp] says](https://example.org) today.", Cites: nil},
	{Name: "escaped brackets", Text: `Written as \[sggp\] in the text.`, Cites: nil},
	{Name: "unknown id", Text: "Said so [nowhere] and [dantri].", Cites: []string{"nowhere", "dantri"}},
	{Name: "start and end", Text: "[vtv] opened it, as reported [tienphong]", Cites: []string{"vtv", "tienphong"}},
	{Name: "not an id", Text: "A [Note] and [two words] and [-x].", Cites: nil},
	{Name: "unclosed bracket before", Text: "An aside [[sggp] that never closes.", Cites: []string{"sggp"}},
	{Name: "link target with parentheses", Text: "See [it](https://example.org/a_(b)) and [vtv].", Cites: []string{"vtv"}},
	{Name: "unclosed link target", Text: "See [it](https://example.org [dantri].", Cites: []string{"dantri"}},
}
