package ui

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/gen"
	"github.com/brief-reader/brief/internal/services"
)

type fakeLibrary struct {
	entries   []services.BriefingEntry
	other     *data.Briefing
	builtin   *data.Briefing // what Open("builtin") gives, when set
	opened    []string
	bookmarks []services.BookmarkEntry
	notes     map[string]string
}

func (f *fakeLibrary) Bookmarks() ([]services.BookmarkEntry, error) { return f.bookmarks, nil }

// Search searches the built-in briefing and other, as a library of two.
func (f *fakeLibrary) Search() (services.Search, error) {
	return fakeLibrarySearch{map[string]*search.Index{"builtin": embeddedIx, "generated": search.NewIndex(f.other)}}, nil
}

type fakeLibrarySearch struct{ ixs map[string]*search.Index }

func (f fakeLibrarySearch) Search(q search.Query, limit int) []services.Hit {
	var out []services.Hit
	for _, id := range []string{"generated", "builtin"} {
		for _, h := range f.ixs[id].Search(q, search.SearchOptions{Limit: limit}) {
			out = append(out, services.Hit{Briefing: id, Hit: h})
		}
	}
	return out
}

func (f *fakeLibrary) SetNote(briefing string, ref data.Ref, note string) error {
	f.notes[briefing+" "+ref.String()] = note
	return nil
}

func (f *fakeLibrary) Briefings() ([]services.BriefingEntry, error) { return f.entries, nil }

func (f *fakeLibrary) Open(id string) (*data.Briefing, func() services.Loaded, error) {
	f.opened = append(f.opened, id)
	if id == "builtin" && f.builtin != nil {
		return f.builtin, nil, nil
	}
	return f.other, nil, nil
}

// TestBriefingsViewOpensOneInPlace: B lists the library newest first with
// its counts, j and enter open the second entry in place, at the same size.
func TestBriefingsViewOpensOneInPlace(t *testing.T) {
	t.Parallel()
	other := gen.Briefing(60, 7)
	lib := &fakeLibrary{other: other, entries: []services.BriefingEntry{
		{ID: "day-2", Title: "Day two", Place: "Hanoi", Start: "2025-10-26", End: "2025-10-26", Items: 80, Unseen: 12, Changed: 3},
		{ID: "generated", Title: other.Overview.Title, Place: other.Overview.Place, Start: other.Overview.Start, End: other.Overview.End, Items: 60, Unseen: 60},
		{ID: "gone", Title: "Gone", Problem: "its copy in the library is gone"},
	}}
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark, Library: lib}, 120, 40)
	tt.press("B")
	tt.runCmd()
	screen := tt.screen()
	for _, want := range []string{"Briefings", "▸ Day two", "Hanoi · 26 October 2025 · 80 items · 12 unseen · 3 changed", other.Overview.Title, "cannot be opened: its copy in the library is gone"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the Briefings view lacks %q:\n%s", want, screen)
		}
	}
	tt.press("j", "j", "enter")
	tt.runCmd()
	if len(lib.opened) != 0 || !strings.Contains(tt.m.status.text, "cannot open gone") {
		t.Errorf("an entry that cannot be opened should say so, not open: %v %q", lib.opened, tt.m.status.text)
	}
	tt.press("k", "enter")
	tt.runCmd()
	if len(lib.opened) != 1 || lib.opened[0] != "generated" {
		t.Fatalf("enter should open the selected entry: %v", lib.opened)
	}
	if tt.m.b != other || (tt.m.top() == layerBriefings) || !tt.m.sized {
		t.Fatal("the reader should now show the opened briefing, at its size")
	}
	if !strings.Contains(tt.screen(), oneLine(other.Overview.Title)[:20]) {
		t.Errorf("the header should name the opened briefing:\n%s", tt.screen())
	}
	tt.press("B")
	tt.runCmd()
	tt.press("esc")
	if tt.m.top() == layerBriefings {
		t.Error("esc closes the Briefings view")
	}
}

// TestBookmarksViewCopiesWithCitationAndEditsNotes: M lists the bookmarks
// of every briefing; y copies the selected one with its citation; e edits
// its note, enter saves it.
func TestBookmarksViewCopiesWithCitationAndEditsNotes(t *testing.T) {
	t.Parallel()
	lib := &fakeLibrary{notes: map[string]string{}, bookmarks: []services.BookmarkEntry{
		{Briefing: "builtin", BriefingTitle: "Hanoi Convention", Ref: data.Ref{Kind: data.KindMeasure, ID: "m1"},
			Title: "Measure 1: Accede", Text: "States should accede.", Citations: []string{"Sài Gòn Giải phóng, “Headline”, 2025-10-26, https://example.org/a"}},
		{Briefing: "library:day-2", BriefingTitle: "Day two", Ref: data.Ref{Kind: data.KindStatement, ID: "x#0"},
			Title: "A speaker, at Opening", Text: "Said a thing.", Note: "for the intro"},
	}}
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark, Library: lib}, 120, 40)
	tt.press("M")
	tt.runCmd()
	screen := tt.screen()
	for _, want := range []string{"Bookmarks", "▸ Measure 1: Accede", "Hanoi Convention · Sài Gòn Giải phóng, “Headline”, 2025-10-26, https://example.org/a", "A speaker, at Opening", "note: for the intro", "no note (e adds one)"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the Bookmarks view lacks %q:\n%s", want, screen)
		}
	}
	tt.press("y")
	want := "Measure 1: Accede: States should accede. (Sài Gòn Giải phóng, “Headline”, 2025-10-26, https://example.org/a)"
	if !strings.Contains(tt.m.status.text, want) || tt.cmd == nil {
		t.Errorf("y should copy the bookmark with its citation: %q", tt.m.status.text)
	}
	tt.press("e")
	tt.typeText("key quote")
	tt.press("enter")
	tt.runCmd()
	if got := lib.notes["builtin measure:m1"]; got != "key quote" {
		t.Fatalf("note saved = %q", got)
	}
	if !strings.Contains(tt.screen(), "note: key quote") {
		t.Errorf("the view should show the new note:\n%s", tt.screen())
	}
	tt.press("esc")
	if tt.m.top() == layerBookmarks {
		t.Error("esc closes the Bookmarks view")
	}
}

// TestSearchAllBriefings: tab in the search bar switches to every
// briefing; hits name their briefing, and enter on a hit of another
// briefing opens it in place at that hit.
func TestSearchAllBriefings(t *testing.T) {
	t.Parallel()
	other := gen.Briefing(60, 7)
	lib := &fakeLibrary{other: other}
	tt := newTestModelWith(t, testBriefing(t), Options{Style: StyleDark, Library: lib, BriefingID: "builtin"}, 120, 40)
	sp := other.Speakers[0]
	tt.press("/")
	tt.typeText(sp.Name)
	if strings.Contains(tt.screen(), "[generated]") {
		t.Fatal("before tab, search covers this briefing only")
	}
	tt.press("tab")
	if !strings.Contains(tt.screen(), "indexing every briefing of the library") {
		t.Errorf("while the library is indexed, the panel should say so:\n%s", tt.screen())
	}
	tt.runCmd()
	screen := tt.screen()
	if !strings.Contains(screen, "all/ ") || !strings.Contains(screen, "[generated] "+oneLine(sp.Name)) {
		t.Fatalf("after tab, hits should come from every briefing, named:\n%s", screen)
	}
	tt.press("enter")
	tt.runCmd()
	if len(lib.opened) != 1 || lib.opened[0] != "generated" || tt.m.b != other {
		t.Fatalf("enter should open the hit's briefing in place: %v", lib.opened)
	}
	if got := tt.selected(); got != (data.Ref{Kind: data.KindSpeaker, ID: sp.ID}) {
		t.Errorf("the reader should be at the hit, not %v", got)
	}
	tt.press("/")
	if strings.Contains(tt.screen(), "all/ ") {
		t.Error("the opened briefing's search starts on this briefing")
	}
	tt.press("tab")
	if !strings.Contains(tt.screen(), "all/ ") {
		t.Error("tab switches to all briefings")
	}
	tt.press("tab")
	if strings.Contains(tt.screen(), "all/ ") {
		t.Error("tab again goes back to this briefing")
	}
}

// The Briefings, Bookmarks and What-changed views move with the same list
// keys: j/k, and g/G to the first and last entry.
func TestLibraryViewsShareTheListKeys(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	lib := &fakeLibrary{notes: map[string]string{}, bookmarks: []services.BookmarkEntry{
		{Briefing: "builtin", Ref: data.Ref{Kind: data.KindMeasure, ID: "m1"}, Title: "first"},
		{Briefing: "builtin", Ref: data.Ref{Kind: data.KindMeasure, ID: "m2"}, Title: "second"},
		{Briefing: "builtin", Ref: data.Ref{Kind: data.KindMeasure, ID: "m3"}, Title: "third"},
	}}
	tt := newTestModelWith(t, b, Options{Style: StyleDark, Library: lib}, 120, 40)
	tt.press("M")
	tt.runCmd()
	for _, step := range []struct {
		key  string
		want int
	}{{"G", 2}, {"j", 2}, {"k", 1}, {"g", 0}, {"k", 0}, {"j", 1}} {
		tt.press(step.key)
		if tt.m.marks.sel != step.want {
			t.Errorf("Bookmarks: after %s the selection is %d, want %d", step.key, tt.m.marks.sel, step.want)
		}
	}
	tt.press("esc")

	mk := services.Marks{Unseen: map[data.Ref]bool{}, Changed: map[data.Ref]bool{}, New: map[data.Ref]bool{}}
	for _, m := range b.Measures[:3] {
		r := data.Ref{Kind: data.KindMeasure, ID: m.ID}
		mk.Unseen[r], mk.New[r] = true, true
	}
	tt.send(memoryMsg(services.Loaded{Memory: &fakeMemory{seen: map[data.Ref]bool{}}, Marks: mk}))
	tt.press("C", "G")
	if tt.m.changedView.sel != 2 {
		t.Errorf("What changed: G should select the last of 3, at %d", tt.m.changedView.sel)
	}
	tt.press("g")
	if tt.m.changedView.sel != 0 {
		t.Errorf("What changed: g should select the first, at %d", tt.m.changedView.sel)
	}
}
