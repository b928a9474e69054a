package library

import (
	"testing"

	"github.com/brief-reader/brief/data"
)

// TestItemHashesChangeOnlyWhatWasEdited: editing one statement changes
// that statement's hash alone, not its speaker's nor any other item's.
func TestItemHashesChangeOnlyWhatWasEdited(t *testing.T) {
	b, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	before := ItemHashes(b)
	var sp *data.Speaker
	for i := range b.Speakers {
		if len(b.Speakers[i].Statements) > 1 {
			sp = &b.Speakers[i]
			break
		}
	}
	if sp == nil {
		t.Fatal("no speaker with two statements in the embedded briefing")
	}
	edited := *b
	edited.Speakers = append([]data.Speaker(nil), b.Speakers...)
	for i := range edited.Speakers {
		if edited.Speakers[i].ID == sp.ID {
			st := append([]data.Statement(nil), sp.Statements...)
			st[1].Text += " (edited)"
			edited.Speakers[i].Statements = st
		}
	}
	after := ItemHashes(&edited)
	if len(after) != len(before) {
		t.Fatalf("%d items after, %d before", len(after), len(before))
	}
	var changed []string
	for item, h := range after {
		if before[item] != h {
			changed = append(changed, item)
		}
	}
	want := data.StatementRef(sp.ID, 1).String()
	if len(changed) != 1 || changed[0] != want {
		t.Errorf("changed = %v, want only %s", changed, want)
	}
}

func TestSlugAndFreeID(t *testing.T) {
	for in, want := range map[string]string{"Hanoi Day 2": "hanoi-day-2", "__x__": "x", "builtin": "briefing", "…": "briefing"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
