package ui

import (
	"strings"
	"testing"
)

// TestOverviewShowsBackgroundSignatoriesOutlook checks the Overview tab
// shows the optional sections after the synthesis, in reading order, with
// the named signatories, and shows 69 and nearly 70 side by side as
// counts at different times rather than as a disagreement.
func TestOverviewShowsBackgroundSignatoriesOutlook(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	p := overviewPage(b)
	var sb strings.Builder
	for _, bl := range p.blocks {
		sb.WriteString(bl.md + "\n")
	}
	md := sb.String()
	last := -1
	for _, want := range []string{"## Synthesis", "## Background", "## Signatories named in the sources", "Wang Qun", "## What comes next", "## Key figures"} {
		// Each is looked for after the one before it: the synthesis
		// names Wang Qun too, before the signatories' heading.
		i := strings.Index(md[max(last, 0):], want)
		if i >= 0 {
			i += max(last, 0)
		}
		if i < 0 {
			t.Errorf("the Overview lacks %q after the part before it", want)
			continue
		}
		last = i
	}
	// Side by side: one table (a list in narrow panes) holds both.
	sideBySide := false
	for _, bl := range p.blocks {
		for _, form := range []string{bl.md, bl.narrow} {
			if strings.HasPrefix(form, "*Different time or precision:*") && strings.Contains(form, "**69**") && strings.Contains(form, "**nearly 70**") {
				sideBySide = true
			}
		}
	}
	if !sideBySide {
		t.Error("69 and nearly 70 must be shown side by side as counts at different times")
	}
	if strings.Contains(md, "Sources disagree") {
		t.Error("no figures of the embedded briefing conflict")
	}
}
