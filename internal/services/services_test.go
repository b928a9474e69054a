package services

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/state"
)

func builtin(t *testing.T) *data.Briefing {
	t.Helper()
	b, err := library.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// local are the local reader's services over a fresh state folder, the
// built-in briefing the only one loadable.
func local(t *testing.T) (*Services, *[]string) {
	t.Helper()
	dir := t.TempDir()
	var opened []string
	load := func(key string) (*data.Briefing, error) {
		if key == library.BuiltinID {
			return library.Builtin()
		}
		return nil, errors.New("no such briefing\nsecond line")
	}
	svc := Local(NewStore(filepath.Join(dir, "brief.db")), filepath.Join(dir, "library"), load,
		func(_ *state.Store, key string) { opened = append(opened, key) })
	t.Cleanup(svc.Close)
	return svc, &opened
}

// The memory keeps the place, what was seen and the bookmarks across
// openings of one store, and across a close and a new store on the same
// file.
func TestMemoryKeepsPlaceSeenAndBookmarks(t *testing.T) {
	b := builtin(t)
	svc, opened := local(t)
	first := svc.Memory(library.BuiltinID, b, false)()
	if first.Warning != "" || first.Memory == nil || first.Position != nil {
		t.Fatalf("a fresh state: warning %q, memory %v, position %v", first.Warning, first.Memory, first.Position)
	}
	if len(first.Marks.Unseen) != len(b.Items()) {
		t.Errorf("%d unseen on a first launch, want every item (%d)", len(first.Marks.Unseen), len(b.Items()))
	}
	if len(*opened) != 1 || (*opened)[0] != library.BuiltinID {
		t.Errorf("opening the memory recorded %v as read", *opened)
	}
	sp := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[0].ID}
	pos := Position{Tab: "Speakers", Items: map[string]string{"Speakers": sp.String()}, Offset: 4, Detail: true}
	if err := first.Memory.Save(&pos, []data.Ref{sp}); err != nil {
		t.Fatal(err)
	}
	if on, err := first.Memory.ToggleBookmark(sp); !on || err != nil {
		t.Fatalf("bookmark: %v %v", on, err)
	}

	again := svc.Memory(library.BuiltinID, b, false)()
	if again.Position == nil || again.Position.Items["Speakers"] != sp.String() || again.Position.Offset != 4 || !again.Position.Detail {
		t.Errorf("the place came back as %+v", again.Position)
	}
	if again.Marks.Unseen[sp] {
		t.Error("the speaker seen is still unseen")
	}
	if fresh := svc.Memory(library.BuiltinID, b, true)(); fresh.Position != nil {
		t.Error("fresh should start with no place")
	}
	marks, err := svc.Bookmarks()
	if err != nil || len(marks) != 1 || marks[0].Ref != sp || marks[0].Title != b.Speakers[0].Name {
		t.Fatalf("bookmarks: %+v, %v", marks, err)
	}
	if err := svc.SetNote(library.BuiltinID, sp, "for the intro"); err != nil {
		t.Fatal(err)
	}
	if marks, _ := svc.Bookmarks(); marks[0].Note != "for the intro" {
		t.Errorf("the note was not kept: %+v", marks[0])
	}
}

// A settled move (a place and the pages it showed) is one write
// transaction on the state database, and what it wrote comes back on the
// next opening: the place, the items seen and the tallies the library
// lists show.
func TestSaveIsOneTransaction(t *testing.T) {
	b := builtin(t)
	s, _ := state.Open(filepath.Join(t.TempDir(), "brief.db"), time.Now())
	t.Cleanup(func() { s.Close() })
	hashes := library.ItemHashes(b)
	first := load(s, library.BuiltinID, b, hashes, false, "")
	sp := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[0].ID}
	seen := append([]data.Ref{sp}, data.StatementRef(sp.ID, 0), data.Ref{Kind: data.KindOverview})
	pos := Position{Tab: "Speakers", Items: map[string]string{"Speakers": sp.String()}}
	before := s.Writes()
	if err := first.Memory.Save(&pos, seen); err != nil {
		t.Fatal(err)
	}
	if n := s.Writes() - before; n != 1 {
		t.Errorf("a place and %d items seen took %d write transactions, want 1", len(seen), n)
	}
	before = s.Writes()
	if err := first.Memory.Save(nil, []data.Ref{{Kind: data.KindSession, ID: b.Sessions[0].ID}}); err != nil {
		t.Fatal(err)
	}
	if n := s.Writes() - before; n != 1 {
		t.Errorf("items seen alone took %d write transactions, want 1", n)
	}
	again := load(s, library.BuiltinID, b, hashes, false, "")
	if again.Position == nil || again.Position.Items["Speakers"] != sp.String() {
		t.Errorf("the place came back as %+v", again.Position)
	}
	for _, r := range append(seen, data.Ref{Kind: data.KindSession, ID: b.Sessions[0].ID}) {
		if again.Marks.Unseen[r] {
			t.Errorf("%v was saved seen but is unseen on reopening", r)
		}
	}
	if unseen, _ := s.Counts(library.BuiltinID, hashes); unseen != len(again.Marks.Unseen) {
		t.Errorf("the recorded count is %d, the marks %d", unseen, len(again.Marks.Unseen))
	}
}

// Closed services keep nothing, and a memory opened after the close says
// why, instead of opening the database again.
func TestClosedStoreKeepsNothing(t *testing.T) {
	b := builtin(t)
	svc, _ := local(t)
	svc.Memory(library.BuiltinID, b, false)()
	svc.Close()
	late := svc.Memory(library.BuiltinID, b, false)()
	if err := late.Memory.Save(&Position{Tab: "Overview"}, nil); err == nil {
		t.Error("a memory of closed services wrote")
	}
}

// The local library lists the built-in briefing with its counts; a
// bookmark in a briefing that cannot be loaded says why, on one line.
func TestLocalBriefingsAndMissingBookmarks(t *testing.T) {
	b := builtin(t)
	svc, _ := local(t)
	entries, err := svc.Briefings()
	if err != nil || len(entries) != 1 || entries[0].ID != library.BuiltinID || entries[0].Items != len(b.Items()) {
		t.Fatalf("briefings: %+v, %v", entries, err)
	}
	if _, _, err := svc.Open("builtin"); err != nil {
		t.Errorf("open builtin: %v", err)
	}
	st, _ := svc.db.open()
	if _, err := st.ToggleBookmark("library:gone", "term:x", time.Unix(1764000000, 0)); err != nil {
		t.Fatal(err)
	}
	marks, err := svc.Bookmarks()
	if err != nil || len(marks) != 1 || marks[0].Missing != "its briefing cannot be opened: no such briefing" {
		t.Fatalf("bookmarks: %+v, %v", marks, err)
	}
}

// A served key reaches the served briefing only; its bookmarks of another
// briefing are listed after, as not served here.
func TestServedReachesOneBriefing(t *testing.T) {
	b := builtin(t)
	ix := search.NewIndex(b)
	sv := &Served{Key: library.BuiltinID, ID: library.BuiltinID, B: b, Hashes: library.ItemHashes(b), Index: func() *search.Index { return ix }}
	svc := Serving(NewStore(filepath.Join(t.TempDir(), "brief.db")), sv)
	defer svc.Close()
	if _, _, err := svc.Open("other"); err == nil {
		t.Error("a served reader opened another briefing")
	}
	mem := svc.Memory(sv.Key, b, false)()
	st, _ := svc.db.open()
	st.ToggleBookmark("library:other", "term:x", time.Unix(1764000000, 0))
	sp := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[0].ID}
	mem.Memory.ToggleBookmark(sp)
	marks, err := svc.Bookmarks()
	if err != nil || len(marks) != 2 || marks[0].Ref != sp || !strings.Contains(marks[1].Missing, "does not serve") {
		t.Fatalf("served bookmarks: %+v, %v", marks, err)
	}
	ss, err := svc.Search()
	if err != nil {
		t.Fatal(err)
	}
	hits := ss.Search(search.ParseQuery(b.Speakers[0].Name), 5)
	if len(hits) == 0 || hits[0].Briefing != library.BuiltinID || hits[0].BriefingTitle != b.Overview.Title {
		t.Errorf("served search: %+v", hits)
	}
}
