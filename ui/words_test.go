package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/internal/words"
)

// TestReaderUsesSharedWords: a session's kind and a source's language read
// on screen as internal/words has them, as in the exports (see
// internal/export TestExportsUseSharedWords).
func TestReaderUsesSharedWords(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	md := func(p page) string {
		var sb strings.Builder
		for _, bl := range p.blocks {
			sb.WriteString(bl.md + "\n")
		}
		return sb.String()
	}
	for i := range b.Sessions {
		s := &b.Sessions[i]
		if got := md(sessionPage(b, s)); !strings.Contains(got, words.SessionKind(s.Kind).Long+" · ") {
			t.Errorf("session %s does not read as %q:\n%s", s.ID, words.SessionKind(s.Kind).Long, got)
		}
	}
	for i := range b.Sources {
		s := &b.Sources[i]
		if got := md(sourcePage(b, s)); !strings.Contains(got, "*"+words.Language(s.Language)+" · published") {
			t.Errorf("source %s does not name its language %q:\n%s", s.ID, words.Language(s.Language), got)
		}
	}
}
