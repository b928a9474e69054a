package data

import (
	"strings"
	"testing"
)

// TestValidateQuotesAndAboutSources checks the checks of a statement's
// quote and of the overview's notes about the sources.
func TestValidateQuotesAndAboutSources(t *testing.T) {
	lang := minimalBriefing(t).Sources[0].Language
	other := "vi"
	if lang == other {
		other = "fr"
	}
	tests := []struct {
		name  string
		quote Quote
		about []string
		want  string // "" when valid
	}{
		{"good quote", Quote{Text: "We need everyone.", Lang: lang}, nil, ""},
		{"no quote", Quote{}, nil, ""},
		{"language only", Quote{Lang: lang}, nil, `statements[0].quote.text: text is empty`},
		{"text only", Quote{Text: "We need everyone."}, nil, `statements[0].quote.lang: lang is empty`},
		{"bad code", Quote{Text: "We need everyone.", Lang: "French"}, nil, `is not an ISO 639-1 code`},
		{"not the source's language", Quote{Text: "We need everyone.", Lang: other}, nil, `is not the language of any source the statement cites`},
		{"cites inline", Quote{Text: "We need everyone [" + minimalBriefing(t).Sources[0].ID + "].", Lang: lang}, nil, `a quote cites no source inline`},
		{"too long", Quote{Text: strings.Repeat("word ", 61), Lang: lang}, nil, `quote of 61 words is over the limit of 60`},
		{"about cites", Quote{}, []string{"Dates come from URLs [" + minimalBriefing(t).Sources[0].ID + "]."}, ""},
		{"about uncited", Quote{}, []string{"Dates come from URLs."}, `aboutSources[0]: aboutSources entry cites no source`},
		{"about unknown source", Quote{}, []string{"Dates come from URLs [nowhere]."}, `text cites unknown source "[nowhere]"`},
	}
	for _, tt := range tests {
		b := minimalBriefing(t)
		b.Speakers[0].Statements[0].Quote = tt.quote
		b.Overview.AboutSources = tt.about
		got := ""
		if ps := Validate(b); len(ps) > 0 {
			got = ps.Error()
		}
		switch {
		case tt.want == "" && got != "":
			t.Errorf("%s: want no problem, got:\n%s", tt.name, got)
		case tt.want != "" && !strings.Contains(got, tt.want):
			t.Errorf("%s: want a problem containing %q, got:\n%s", tt.name, tt.want, got)
		}
	}
}
