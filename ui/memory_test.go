package ui

import (
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
)

// fakeMemory records what the reader asks to keep.
type fakeMemory struct {
	mu        sync.Mutex
	saved     []services.Position
	saves     int // calls of Save: write transactions
	seen      map[data.Ref]bool
	bookmarks []data.Ref
}

func (f *fakeMemory) ToggleBookmark(ref data.Ref) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bookmarks = append(f.bookmarks, ref)
	return true, nil
}

func (f *fakeMemory) Save(p *services.Position, seen []data.Ref) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saves++
	if p != nil {
		f.saved = append(f.saved, *p)
	}
	for _, r := range seen {
		f.seen[r] = true
	}
	return nil
}

func allUnseen(b *data.Briefing) services.Marks {
	mk := services.Marks{Unseen: map[data.Ref]bool{}, Changed: map[data.Ref]bool{}, New: map[data.Ref]bool{}}
	for _, sp := range b.Speakers {
		mk.Unseen[data.Ref{Kind: data.KindSpeaker, ID: sp.ID}] = true
		for i := range sp.Statements {
			mk.Unseen[data.StatementRef(sp.ID, i)] = true
		}
	}
	for _, s := range b.Sessions {
		mk.Unseen[data.Ref{Kind: data.KindSession, ID: s.ID}] = true
	}
	return mk
}

func TestMemoryRestoresThePlaceAndSavesMoves(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	third := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[2].ID}
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded {
		return services.Loaded{Memory: mem, Marks: allUnseen(b), Position: &services.Position{
			Tab: "Speakers", Items: map[string]string{"Speakers": third.String()}, Detail: true, Offset: 3,
		}}
	}
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	if tt.m.mem.open != nil {
		t.Fatal("the first frame should have started opening the memory")
	}
	// The first frame came before the memory: the Overview.
	if tt.m.active != tabOverview {
		t.Fatalf("the reader should start on the Overview before the memory arrives")
	}
	tt.send(memoryMsg(open()))
	if tt.m.active != tabSpeakers || tt.selected() != third {
		t.Fatalf("restored to %v %v, want Speakers %v", tt.m.active, tt.selected(), third)
	}
	if tt.m.focus != focusDetail || tt.detail().offset != 3 {
		t.Errorf("focus %v offset %d, want the detail scrolled to 3", tt.m.focus, tt.detail().offset)
	}
	// Showing the speaker marks it and its statements seen.
	for _, msg := range runAll(tt) {
		_ = msg
	}
	if !mem.seen[third] || !mem.seen[data.StatementRef(third.ID, 0)] {
		t.Errorf("the speaker on screen and its statements should be marked seen: %v", mem.seen)
	}
	if !strings.Contains(tt.screen(), "4 Speakers ·") {
		t.Errorf("the Speakers tab should show its unseen count:\n%s", tt.screen())
	}

	// A move is saved once the reader rests (the timer's message).
	tt.press("h", "j")
	gen := tt.m.mem.gen
	tt.send(saveMsg{gen})
	tt.runCmd()
	if n := len(mem.saved); n == 0 || mem.saved[n-1].Items["Speakers"] != tt.selected().String() || tt.selected() == third {
		t.Fatalf("the move was not saved: %+v", mem.saved)
	}
	// A stale timer saves nothing.
	tt.press("j")
	if cmd := tt.m.save(saveMsg{gen}); cmd != nil {
		t.Error("a timer from before the last move should not save")
	}
	// q saves at once.
	want := tt.selected().String()
	tt.press("q")
	if got := mem.saved[len(mem.saved)-1].Items["Speakers"]; got != want {
		t.Errorf("q should save the place: %v, want %v (%d saves)", got, want, len(mem.saved))
	}
}

// runAll runs the pending command tree once, feeding each message back.
func runAll(tt *tester) []any {
	var out []any
	for i := 0; i < 5 && tt.cmd != nil; i++ {
		msg := tt.cmd()
		tt.cmd = nil
		for _, m := range flatten(msg) {
			if _, timer := m.(saveMsg); !timer {
				out = append(out, m)
			}
			tt.send(m)
		}
	}
	return out
}

func TestMemoryDoesNotPullBackAReaderWhoMoved(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded {
		return services.Loaded{Memory: mem, Position: &services.Position{Tab: "Speakers"}}
	}
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.press("2")
	tt.send(memoryMsg(open()))
	if tt.m.active != tabTimeline {
		t.Errorf("a key pressed before the memory arrived should win: on %v", tt.m.active)
	}
}

func TestChangedItemsAreMarkedAndVisited(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	sp := b.Speakers[5]
	changed := data.StatementRef(sp.ID, 0)
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	mk := services.Marks{Unseen: map[data.Ref]bool{changed: true}, Changed: map[data.Ref]bool{changed: true}, New: map[data.Ref]bool{}}
	open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: mk} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.send(memoryMsg(open()))
	tt.press("4")
	screen := tt.screen()
	var marked []string
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasPrefix(line, "~ ") {
			marked = append(marked, line)
		}
	}
	if len(marked) != 1 || !strings.Contains(marked[0], oneLine(sp.Name)) {
		t.Errorf("only %s's row should carry the changed mark, got %q\n%s", sp.Name, marked, screen)
	}
	tt.press("c")
	if tt.selected() != (data.Ref{Kind: data.KindSpeaker, ID: sp.ID}) {
		t.Errorf("c should go to the changed statement's speaker, at %v", tt.selected())
	}
	if st := tt.m.status.text; !strings.Contains(st, "1 changed, 0 new") {
		t.Errorf("status = %q", st)
	}
}

// flatten runs the commands of a batch and lists the messages they give.
func flatten(msg any) []any {
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		if msg == nil {
			return nil
		}
		return []any{msg}
	}
	var out []any
	for _, c := range batch {
		if c != nil {
			out = append(out, flatten(c())...)
		}
	}
	return out
}

func TestBookmarkKeyKeepsTheItemShownOrTheReferenceSelected(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded { return services.Loaded{Memory: mem} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.send(memoryMsg(open()))
	tt.press("5", "*")
	runAll(tt)
	first := data.Ref{Kind: data.KindMeasure, ID: b.Measures[0].ID}
	if len(mem.bookmarks) != 1 || mem.bookmarks[0] != first {
		t.Fatalf("b on a measure should bookmark it: %v", mem.bookmarks)
	}
	if !strings.Contains(tt.m.status.text, "bookmarked Measure 1: "+b.Measures[0].Title) || strings.Contains(tt.m.status.text, first.ID) {
		t.Errorf("status = %q", tt.m.status.text)
	}
	// With a reference selected, b keeps what it points at.
	tt.press("l", "]", "*")
	runAll(tt)
	x, _ := tt.detail().SelectedRef()
	if len(mem.bookmarks) != 2 || mem.bookmarks[1] != x.to {
		t.Errorf("b with a reference selected should bookmark %v: %v", x.to, mem.bookmarks)
	}
}

func TestWhatChangedViewListsAndOpens(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	sp := b.Speakers[5]
	changed := data.StatementRef(sp.ID, 0)
	added := data.Ref{Kind: data.KindMeasure, ID: b.Measures[1].ID}
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	mk := services.Marks{Unseen: map[data.Ref]bool{changed: true, added: true}, Changed: map[data.Ref]bool{changed: true}, New: map[data.Ref]bool{added: true}}
	open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: mk} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.send(memoryMsg(open()))
	tt.press("C")
	screen := tt.screen()
	for _, want := range []string{"What changed since you last read: 1 changed, 1 new", "statement  " + oneLine(sp.Name), "+ measure  Measure 2: "} {
		if !strings.Contains(screen, want) {
			t.Errorf("the view lacks %q:\n%s", want, screen)
		}
	}
	tt.press("enter")
	if (tt.m.top() == layerChanged) || tt.selected() != (data.Ref{Kind: data.KindSpeaker, ID: sp.ID}) {
		t.Errorf("enter should go to the changed statement's speaker, at %v", tt.selected())
	}
}

// TestSeenCountUpdatesInTheSameFrame: showing the last unseen item of a
// tab takes its count off the tab bar in the frame that shows it, without
// waiting for another message.
func TestSeenCountUpdatesInTheSameFrame(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	tt := newTestModelWith(t, b, Options{Style: StyleDark}, 120, 40)
	tt.press("4")
	first := tt.selected()
	mk := services.Marks{Unseen: map[data.Ref]bool{first: true}, Changed: map[data.Ref]bool{}, New: map[data.Ref]bool{}}
	tt.press("1")
	tt.send(memoryMsg(services.Loaded{Memory: mem, Marks: mk}))
	if !strings.Contains(tt.screen(), "4 Speakers ·1") {
		t.Fatalf("the Speakers tab should count its unseen speaker:\n%s", tt.screen())
	}
	tt.press("4")
	if strings.Contains(tt.screen(), "4 Speakers ·") {
		t.Errorf("the speaker is on screen, so seen: its count should be gone in this frame:\n%s", tt.screen())
	}
}

// freshMarks is what the store gives a reader who has seen nothing.
func freshMarks(b *data.Briefing) services.Marks {
	mk := services.Marks{Unseen: map[data.Ref]bool{}, Changed: map[data.Ref]bool{}, New: map[data.Ref]bool{}}
	for _, r := range b.Items() {
		mk.Unseen[r] = true
	}
	return mk
}

// The memory opens after the first frame. Until it arrives the reader
// counts every item unseen, which on a first launch is what it will say:
// the first frame is already the whole frame, and nothing moves when the
// memory comes.
func TestFirstFrameHasTheCountsBeforeTheMemoryArrives(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: freshMarks(b)} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	before := tt.screen()
	// The tab counts the speakers it lists, not their statements.
	if want := "4 Speakers ·" + strconv.Itoa(len(b.Speakers)) + " "; !strings.Contains(before, want) {
		t.Fatalf("the first frame should count every speaker unseen (%q):\n%s", want, before)
	}
	if strings.Contains(before, "1 Overview ·") {
		t.Errorf("the Overview is on screen, so seen, before the memory arrives:\n%s", before)
	}
	tt.send(memoryMsg(open()))
	runAll(tt)
	if after := tt.screen(); after != before {
		t.Errorf("a first launch's memory should change nothing on screen:\nbefore\n%s\nafter\n%s", before, after)
	}
	if !mem.seen[data.Ref{Kind: data.KindOverview}] {
		t.Error("the Overview, shown before the memory arrived, should be recorded seen when it does")
	}
}

// What a reader opens while the memory is opening is recorded seen when
// it arrives, and a returning reader's counts replace the first guess.
func TestItemsShownBeforeTheMemoryArrivesAreRecordedSeen(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	first := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[0].ID}
	mk := services.Marks{Unseen: map[data.Ref]bool{first: true}, Changed: map[data.Ref]bool{}, New: map[data.Ref]bool{}}
	for i := range b.Speakers[0].Statements {
		mk.Unseen[data.StatementRef(first.ID, i)] = true
	}
	last := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[len(b.Speakers)-1].ID}
	mk.Unseen[last] = true
	open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: mk} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.press("4")
	if tt.selected() != first {
		t.Fatalf("Speakers should open on %v, at %v", first, tt.selected())
	}
	tt.press("j") // the first speaker was shown, and is left
	tt.send(memoryMsg(open()))
	runAll(tt)
	if !mem.seen[first] || !mem.seen[data.StatementRef(first.ID, 0)] {
		t.Errorf("the speaker shown before the memory arrived should be recorded seen with its statements: %v", mem.seen)
	}
	if !strings.Contains(tt.screen(), "4 Speakers ·1 ") {
		t.Errorf("the remembered marks should replace the first count: one speaker left unseen:\n%s", tt.screen())
	}
}

// Quitting inside the save delay keeps the last move, however the program
// is told to end: the debounced save may be pending (Bubble Tea drops it at
// exit) or already marked done with its write not yet run. Its late write
// never overwrites the last place.
func TestQuitInsideTheSaveDelayKeepsTheLastMove(t *testing.T) {
	t.Parallel()
	for _, end := range []tea.Msg{tea.QuitMsg{}, tea.InterruptMsg{}} {
		b := testBriefing(t)
		mem := &fakeMemory{seen: map[data.Ref]bool{}}
		open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: allUnseen(b)} }
		tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
		tt.send(memoryMsg(open()))
		tt.press("4", "j")
		// The timer fires: the place counts as saved, its write is a command
		// that has not run yet.
		tt.send(saveMsg{tt.m.mem.gen})
		late := tt.cmd
		tt.cmd = nil
		// One more move, and the program ends (SIGTERM, a session's end)
		// before any timer.
		tt.press("j")
		want := tt.selected().String()
		if got := SaveOnQuit(tt.m, end); got != end {
			t.Fatalf("SaveOnQuit changed the message: %T", got)
		}
		if n := len(mem.saved); n == 0 || mem.saved[n-1].Items["Speakers"] != want {
			t.Fatalf("%T: the last move was not written on quit: %+v, want %s", end, mem.saved, want)
		}
		n := len(mem.saved)
		for _, m := range flatten(late()) {
			_ = m
		}
		if len(mem.saved) != n {
			t.Errorf("%T: a save in flight wrote after the last one: %+v", end, mem.saved[n:])
		}
	}
}

// A settled move costs one write: the place and the pages it showed go to
// the memory in one Save (one transaction of the state database), however
// many keys the move took; the counts on screen change at once.
func TestSettledMoveIsOneSave(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	mem := &fakeMemory{seen: map[data.Ref]bool{}}
	open := func() services.Loaded { return services.Loaded{Memory: mem, Marks: allUnseen(b)} }
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.send(memoryMsg(open()))
	tt.send(saveMsg{tt.m.mem.gen})
	tt.runCmd()
	before := mem.saves
	// 4 shows the first speaker's page, three j's the next three: only
	// the last timer writes, with every page shown and the place.
	tt.press("4")
	countAfter4 := tt.m.unseenCounts()[tabSpeakers]
	tt.press("j", "j", "j")
	if got := tt.m.unseenCounts()[tabSpeakers]; got != countAfter4-3 || mem.saves != before {
		t.Fatalf("the counts should drop at once (%d then %d) and nothing be written yet (%d saves)", countAfter4, got, mem.saves-before)
	}
	for gen := range tt.m.mem.gen {
		if tt.m.save(saveMsg{gen}) != nil {
			t.Fatalf("a timer of an earlier key (%d of %d) would write", gen, tt.m.mem.gen)
		}
	}
	tt.send(saveMsg{tt.m.mem.gen})
	tt.runCmd()
	if n := mem.saves - before; n != 1 {
		t.Fatalf("a settled move made %d saves, want 1", n)
	}
	for i := range 4 {
		sp := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[i].ID}
		if !mem.seen[sp] || !mem.seen[data.StatementRef(sp.ID, 0)] {
			t.Errorf("speaker %d shown in the move was not saved seen with its statements", i)
		}
	}
	if got := mem.saved[len(mem.saved)-1].Items["Speakers"]; got != tt.selected().String() {
		t.Errorf("the place saved is %v, want %v", got, tt.selected())
	}
	// A timer with nothing new to write writes nothing.
	tt.send(saveMsg{tt.m.mem.gen})
	tt.runCmd()
	if n := mem.saves - before; n != 1 {
		t.Errorf("a save with nothing changed wrote (%d saves)", n)
	}
}

// localServices opens, on each call, the local reader's services over the
// state in dir, as a new run of brief would, serving b for every briefing.
func localServices(dir string, b *data.Briefing) func() *services.Services {
	return func() *services.Services {
		return services.Local(services.NewStore(filepath.Join(dir, "brief.db")), filepath.Join(dir, "library"),
			func(string) (*data.Briefing, error) { return b, nil }, nil)
	}
}

// A page shown and quit at once is seen on the next launch: q writes the
// marks not yet saved with the place, through the real memory and state
// database, before the save delay.
func TestPageShownThenQuitIsSeenOnReopen(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	local := localServices(t.TempDir(), b)
	svc := local()
	open := svc.Memory("builtin", b, false)
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: open}, 120, 40)
	tt.send(memoryMsg(open()))
	sp := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[0].ID}
	// 4 shows the speaker's page, 1 goes back to the Overview and q quits,
	// none of their save timers run.
	tt.press("4", "1", "q")
	svc.Close()

	svc = local()
	defer svc.Close()
	again := svc.Memory("builtin", b, false)()
	if again.Marks.Unseen[sp] || again.Marks.Unseen[data.StatementRef(sp.ID, 0)] {
		t.Error("the speaker shown just before q is unseen on reopening")
	}
	if again.Marks.Unseen[data.Ref{Kind: data.KindOverview}] {
		t.Error("the Overview shown is unseen on reopening")
	}
	if again.Position == nil || again.Position.Tab != "Overview" || again.Position.Items["Speakers"] != sp.String() {
		t.Errorf("the place came back as %+v", again.Position)
	}
	if !again.Marks.Unseen[data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[1].ID}] {
		t.Error("a speaker never shown is seen on reopening")
	}
}

// A reader quit before its memory arrived opens the memory itself to
// save: the place and the pages shown are kept all the same.
func TestQuitBeforeTheMemoryArrivesKeepsWhatWasRead(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	local := localServices(t.TempDir(), b)
	svc := local()
	tt := newTestModelWith(t, b, Options{Style: StyleDark, OpenMemory: svc.Memory("builtin", b, false)}, 120, 40)
	tt.press("4")
	if !tt.m.mem.awaiting {
		t.Fatal("the memory arrived: this test needs a reader still waiting for it")
	}
	tt.press("q")
	svc.Close()

	svc = local()
	defer svc.Close()
	again := svc.Memory("builtin", b, false)()
	sp := data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[0].ID}
	if again.Marks.Unseen[sp] {
		t.Error("the speaker shown before the memory arrived is unseen on reopening")
	}
	if again.Position == nil || again.Position.Tab != "Speakers" {
		t.Errorf("the place came back as %+v, want the Speakers tab", again.Position)
	}
}

// Reading an item recounts only its row, and the tab bar's counts stay
// what counting the whole briefing gives: for rows whose item is unseen
// itself, speakers seen with statements still unseen, and statements read
// on their own.
func TestUnseenCountsFollowEachItemRead(t *testing.T) {
	t.Parallel()
	b := testBriefing(t)
	mk := allUnseen(b)
	for _, r := range b.Items() {
		mk.Unseen[r] = true
	}
	// A speaker already seen whose statements are not.
	delete(mk.Unseen, data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[1].ID})
	tt := newTestModelWith(t, b, Options{Style: StyleDark}, 120, 40)
	tt.send(memoryMsg(services.Loaded{Memory: &fakeMemory{seen: map[data.Ref]bool{}}, Marks: mk}))
	items := b.Items()
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	for i, ref := range items {
		tt.m.markSeen(ref)
		got := tt.m.mem.counts
		tt.m.marksChanged()
		if got != tt.m.mem.counts {
			t.Fatalf("after reading %d items (the last %v) the counts are %v, want %v", i+1, ref, got, tt.m.mem.counts)
		}
	}
	if tt.m.mem.counts != [tabCount]int{} {
		t.Errorf("everything read, and still counted unseen: %v", tt.m.mem.counts)
	}
}
