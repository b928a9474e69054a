package search

import "github.com/brief-reader/brief/data"

import "slices"

// The overview's optional sections in its search document: background and
// outlook are searched as text, the notes about the sources as notes, parties by name, signer and post, so
// "Wang Qun" or "European Union" finds the overview.

func (bd *indexBuilder) overviewSections(o *data.Overview) {
	for _, s := range o.Background {
		bd.add(textField, plainMarkdown(s))
	}
	for _, s := range o.Outlook {
		bd.add(textField, plainMarkdown(s))
	}
	for _, s := range o.AboutSources {
		bd.add(noteField, plainMarkdown(s))
	}
	bd.add(noteField, plainMarkdown(o.PartiesNote))
	for i := range o.Parties {
		p := &o.Parties[i]
		bd.add(metaField, p.Name)
		bd.add(metaField, p.Signer)
		bd.add(metaField, p.Post)
		bd.add(noteField, p.Note)
	}
}

// appendOverviewSectionSources adds the sources the overview's sections
// cite, each once.
func appendOverviewSectionSources(sources []string, o *data.Overview) []string {
	add := func(id string) {
		if !slices.Contains(sources, id) {
			sources = append(sources, id)
		}
	}
	for _, texts := range [][]string{o.Background, o.Outlook, o.AboutSources, {o.PartiesNote}} {
		for _, s := range texts {
			for _, id := range data.Citations(s) {
				add(id)
			}
		}
	}
	for _, p := range o.Parties {
		for _, id := range p.Sources {
			add(id)
		}
	}
	return sources
}
