package ui

import (
	"encoding/json"
	"slices"
	"strconv"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/services"
)

// memoryMsg delivers the opened memory to the model.
type memoryMsg services.Loaded

// saveMsg is the debounce timer of a save: the place and the items shown
// since the last one, written together.
type saveMsg struct{ gen int }

// memoryErrMsg is a failed write; the first one is shown once.
type memoryErrMsg struct{ err error }

// saveDelay is how long the reader must rest before its place is saved:
// holding j does not write once per row, and a killed terminal loses at
// most this much. A variable only so that this package's tests, which run
// every command a key starts, do not wait for it on every key.
var saveDelay = 150 * time.Millisecond

// memoryState is the model's side of Memory.
type memoryState struct {
	open func() services.Loaded
	// opener is open kept after its command started: a quit that comes
	// before the memory opens it itself, so what was read is kept.
	opener func() services.Loaded
	// awaiting is set while the memory is being opened: the reader
	// counts every item unseen until it arrives (on a first launch,
	// exactly what it will say), so the first frame already has its
	// marks and counts.
	awaiting bool
	store    services.Memory
	// places writes the reader's place and the items shown: the
	// debounced saves and the last one, on quit.
	places *placeWriter
	// unsaved is set when items were marked seen since the save timer
	// last started.
	unsaved bool
	marks   services.Marks
	saved   string // the JSON of the last saved position
	gen     int
	warned  bool
	// moved is set by a key before the memory arrived: the reader has
	// gone somewhere, and restoring would pull them back.
	moved bool
	// shown are the items whose detail was shown this session, marked
	// seen already.
	shown map[data.Ref]bool
	// counts are the unseen items of each tab.
	counts [tabCount]int
	// resync asks Update to rebuild the frame after the marks changed.
	resync bool
	// changed lists the items new or changed since the last read, as
	// they were at launch (reading one does not take it off this list);
	// fresh are the new ones; changedAt is the next the key goes to.
	changed   []data.Ref
	fresh     map[data.Ref]bool
	changedAt int
	// before is what each changed item said when last seen (the word
	// diff's old side).
	before map[data.Ref]string
}

// awaitMemory marks every item of b unseen until the memory arrives.
func (m *Model) awaitMemory() {
	m.mem.awaiting = true
	m.mem.shown = map[data.Ref]bool{}
	items := m.b.Items()
	unseen := make(map[data.Ref]bool, len(items))
	for _, r := range items {
		unseen[r] = true
	}
	m.mem.marks = services.Marks{Unseen: unseen, Changed: map[data.Ref]bool{}, New: map[data.Ref]bool{}}
	m.marksChanged()
}

// openMemory is the command that opens the memory, once the first frame
// has been written (afterFirstFrame).
func (m *Model) openMemory() tea.Cmd {
	open := m.mem.open
	if open == nil {
		return nil
	}
	m.mem.open, m.mem.opener = nil, open
	return func() tea.Msg { return memoryMsg(open()) }
}

// applyMemory takes the opened memory: the marks, then the place, unless
// the reader has already moved.
func (m *Model) applyMemory(msg memoryMsg) tea.Cmd {
	shownBefore := m.mem.shown
	m.mem.awaiting = false
	m.mem.store = msg.Memory
	if msg.Memory != nil {
		m.mem.places = &placeWriter{store: msg.Memory}
	}
	m.mem.marks = msg.Marks
	m.mem.shown = map[data.Ref]bool{}
	m.mem.changed = m.changedRefs()
	m.mem.before = msg.Marks.Before
	m.cache.setBefore(msg.Marks.Before)
	m.mem.fresh = map[data.Ref]bool{}
	for r := range msg.Marks.New {
		m.mem.fresh[r] = true
	}
	// What was read while the memory was opening is seen too.
	for ref := range shownBefore {
		m.markSeen(ref)
	}
	if msg.Warning != "" {
		m.status = status{text: msg.Warning, warn: true}
		m.mem.warned = true
	}
	m.marksChanged()
	if msg.Position != nil && !m.mem.moved {
		m.restorePosition(*msg.Position)
	}
	m.mem.saved = m.positionJSON()
	return nil
}

// restorePosition puts the reader back where the last session left it.
func (m *Model) restorePosition(p services.Position) {
	for i := range m.tabs {
		t := &m.tabs[i]
		if ref, ok := p.Items[t.id.String()]; ok && t.hasList() {
			m.buildTab(t)
			if r, err := data.ParseRef(ref); err == nil {
				t.list.Select(r)
			}
		}
	}
	for i := range tabNames {
		if tabNames[i] == p.Tab {
			m.switchTab(tabID(i))
		}
	}
	if p.Detail {
		m.focus = focusDetail
	}
	m.sync()
	m.tabs[m.active].detail.ScrollToLine(p.Offset)
}

// position is the reader's place now.
func (m *Model) position() services.Position {
	p := services.Position{Tab: m.active.String(), Items: map[string]string{}, Detail: m.focus == focusDetail}
	for i := range m.tabs {
		t := &m.tabs[i]
		if !t.hasList() || !t.built {
			continue
		}
		if ref, ok := t.list.Selected(); ok {
			p.Items[t.id.String()] = ref.String()
		}
	}
	p.Offset = m.tabs[m.active].detail.Offset()
	return p
}

func (m *Model) positionJSON() string {
	b, _ := json.Marshal(m.position())
	return string(b)
}

// afterUpdate runs after every message: it marks the detail on screen as
// seen and, when the place changed or items were seen, starts the save
// timer. The marks and counts on screen change at once; only their write
// waits for the reader to rest, and goes with the place's.
func (m *Model) afterUpdate() tea.Cmd {
	if m.mem.awaiting {
		m.markShown()
		return nil
	}
	if m.mem.places == nil {
		return nil
	}
	m.markShown()
	if !m.mem.unsaved && m.positionJSON() == m.mem.saved {
		return nil
	}
	m.mem.unsaved = false
	m.mem.gen++
	gen := m.mem.gen
	return tea.Tick(saveDelay, func(time.Time) tea.Msg { return saveMsg{gen} })
}

// save writes, in one transaction, the place (when it changed) and the
// items shown since the last save, once the reader has rested since the
// last change.
func (m *Model) save(msg saveMsg) tea.Cmd {
	if m.mem.places == nil || msg.gen != m.mem.gen {
		return nil
	}
	var p *services.Position
	if now := m.positionJSON(); now != m.mem.saved {
		pos := m.position()
		p, m.mem.saved = &pos, now
	}
	places := m.mem.places
	return func() tea.Msg {
		if err := places.write(p, false); err != nil {
			return memoryErrMsg{err}
		}
		return nil
	}
}

// saveNow writes the place and the items shown not yet written at once,
// as the last write of this reader: on quit, and before another briefing
// replaces it. It writes even when a debounced save has the same place,
// since that save's command may never run (Bubble Tea drops the commands
// pending at exit): a page shown is recorded seen however soon the
// reader quits.
func (m *Model) saveNow() {
	if m.mem.awaiting {
		// Quit before the memory arrived: open it here (the opening in
		// flight finishes first, or this one does), so the place and
		// the pages shown are kept all the same.
		open := m.mem.open
		if open == nil {
			open = m.mem.opener
		}
		if open != nil {
			m.applyMemory(memoryMsg(open()))
		}
	}
	if m.mem.places != nil {
		p := m.position()
		m.mem.places.write(&p, true)
	}
}

// SavePlace writes the reader's place now, synchronously, as its last
// write: a debounced save still in flight writes nothing after it. The
// program's owner calls it (through SaveOnQuit) before it closes the
// store.
func (m Model) SavePlace() { m.saveNow() }

// placeSaver is a model whose place SaveOnQuit writes: Model, and the
// models that wrap it (brief serve's 256-colour reader).
type placeSaver interface{ SavePlace() }

// SaveOnQuit is a tea.WithFilter filter: however the program is told to
// end (q, Q, ctrl+c, SIGTERM, a session's end through Program.Quit), it
// writes the reader's place before the program returns, while its store
// is still open. Bubble Tea ends on those messages without calling
// Update, so only a filter sees them.
func SaveOnQuit(m tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.QuitMsg, tea.InterruptMsg:
		if s, ok := m.(placeSaver); ok {
			s.SavePlace()
		}
	}
	return msg
}

// placeWriter orders the writes of the reader's place and holds the items
// shown since the last write: the debounced saves run in commands, the
// last one synchronously on quit, and once the last is written a debounced
// save still in flight writes nothing, so an older place never overwrites
// it. Whichever write comes first takes the items seen, so none is lost
// to the other.
type placeWriter struct {
	mu    sync.Mutex
	store services.Memory
	seen  []data.Ref
	done  bool
}

// markSeen adds refs to the next write.
func (w *placeWriter) markSeen(refs []data.Ref) {
	w.mu.Lock()
	w.seen = append(w.seen, refs...)
	w.mu.Unlock()
}

// write saves p (nil: unchanged) and the items seen since the last write,
// in one call of the memory. Items a failed write did not record go with
// the next one.
func (w *placeWriter) write(p *services.Position, last bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done || (p == nil && len(w.seen) == 0) {
		return nil
	}
	w.done = last
	seen := w.seen
	w.seen = nil
	err := w.store.Save(p, seen)
	if err != nil {
		w.seen = append(seen, w.seen...)
	}
	return err
}

// markShown marks the item whose own page is on screen as seen. A row
// under the cursor of a list shown alone (the Timeline at every width,
// any list below 100 columns) is not: its page is not on screen, only
// at most a preview of it.
func (m *Model) markShown() {
	if !m.sized || m.lay.tooSmall || !m.detailShown() {
		return
	}
	t := &m.tabs[m.active]
	ref, ok := t.current()
	if !ok || m.mem.shown[ref] {
		return
	}
	m.markSeen(ref)
}

// markSeen takes ref and what its detail shows off the marks at once and,
// once the memory is open, hands them to the next save.
func (m *Model) markSeen(ref data.Ref) {
	m.mem.shown[ref] = true
	refs := rowRefs(m.b, ref)
	// Only ref's row can change its count: it is recounted alone, not
	// the whole briefing (10,000 items at every item read).
	pl, placed := placeOf(m.b, ref)
	wasUnseen := placed && m.rowUnseen(pl.item)
	for _, r := range refs {
		delete(m.mem.marks.Unseen, r)
		delete(m.mem.marks.Changed, r)
		delete(m.mem.marks.New, r)
	}
	if wasUnseen && !m.rowUnseen(pl.item) {
		m.mem.counts[pl.tab]--
	}
	m.remark()
	m.mem.resync = true
	if m.mem.places != nil {
		m.mem.places.markSeen(refs)
		m.mem.unsaved = true
	}
}

// shownWith lists the items that have no page of their own but ref's:
// a speaker's statements. Items another page only cites or quotes (a
// source's figures and terms, the Overview's key figures) stay unseen
// until their own page is shown.
func shownWith(b *data.Briefing, ref data.Ref) []data.Ref {
	var out []data.Ref
	if sp, ok := b.Speaker(ref.ID); ok && ref.Kind == data.KindSpeaker {
		for i := range sp.Statements {
			out = append(out, data.StatementRef(sp.ID, i))
		}
	}
	return out
}

// memoryFailed shows the first failed write; the store has turned itself
// off, so there will be no second.
func (m *Model) memoryFailed(msg memoryErrMsg) {
	if !m.mem.warned {
		m.mem.warned = true
		m.status = status{text: "brief: cannot save your place: " + oneLine(msg.err.Error()), warn: true}
	}
}

// markOf is the list marker of an item: "+" new, "~" changed, "•" unseen
// (a speaker counts the marks of its statements).
func (m *Model) markOf(ref data.Ref) string {
	mk := m.mem.marks
	if mk.Unseen == nil {
		return ""
	}
	refs := rowRefs(m.b, ref)
	switch {
	case slices.ContainsFunc(refs, func(r data.Ref) bool { return mk.New[r] }):
		return "+ "
	case slices.ContainsFunc(refs, func(r data.Ref) bool { return mk.Changed[r] }):
		return "~ "
	case slices.ContainsFunc(refs, func(r data.Ref) bool { return mk.Unseen[r] }):
		return "• "
	}
	return ""
}

// applyMarks sets the list markers of the tab's rows when the marks
// changed since.
func (m *Model) applyMarks(t *tab) {
	if t.marked || !t.built || m.mem.marks.Unseen == nil {
		return
	}
	t.marked = true
	t.list.SetMarks(m.markOf)
}

// marksChanged redraws the list markers and recounts the tab bar's unseen
// counts, once per change rather than once per frame.
func (m *Model) marksChanged() {
	m.remark()
	var n [tabCount]int
	// A tab counts the rows it lists that hold something unseen: the
	// Speakers tab its speakers, not the statements on their pages. An
	// item with a row of its own is one row (the map's keys are
	// distinct); a statement counts its speaker's row once, and only
	// when the speaker is not unseen itself.
	unseen := m.mem.marks.Unseen
	var viaStatements map[data.Ref]bool
	for ref := range unseen {
		pl, ok := placeOf(m.b, ref)
		switch {
		case !ok:
		case pl.item == ref:
			n[pl.tab]++
		case !unseen[pl.item] && !viaStatements[pl.item]:
			if viaStatements == nil {
				viaStatements = map[data.Ref]bool{}
			}
			viaStatements[pl.item] = true
			n[pl.tab]++
		}
	}
	m.mem.counts = n
}

// remark has every tab set its list markers again.
func (m *Model) remark() {
	for i := range m.tabs {
		m.tabs[i].marked = false
	}
}

// rowUnseen reports whether the row of item holds something unseen.
func (m *Model) rowUnseen(item data.Ref) bool {
	return slices.ContainsFunc(rowRefs(m.b, item), func(r data.Ref) bool { return m.mem.marks.Unseen[r] })
}

// rowRefs are the items the row of ref holds: ref, and a speaker's
// statements.
func rowRefs(b *data.Briefing, ref data.Ref) []data.Ref {
	return append([]data.Ref{ref}, shownWith(b, ref)...)
}

// unseenCounts is each tab's count of unseen items, for the tab bar.
func (m *Model) unseenCounts() [tabCount]int { return m.mem.counts }

// changedRefs are the items new or changed since the last read, in the
// briefing's order, for the "what changed" list.
func (m *Model) changedRefs() []data.Ref {
	var out []data.Ref
	for _, k := range data.Kinds {
		for r := range m.mem.marks.New {
			if r.Kind == k {
				out = append(out, r)
			}
		}
		for r := range m.mem.marks.Changed {
			if r.Kind == k {
				out = append(out, r)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b data.Ref) int {
		if a.Kind != b.Kind {
			return slices.Index(data.Kinds, a.Kind) - slices.Index(data.Kinds, b.Kind)
		}
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out
}

// nextChanged is the "what changed since you last read" key: it goes to
// the next item that is new or changed since the last read, and says how
// many there are and what it is.
func (m *Model) nextChanged() {
	refs := m.mem.changed
	if len(refs) == 0 {
		m.status = status{text: m.nothingChanged()}
		return
	}
	i := m.mem.changedAt % len(refs)
	m.mem.changedAt = i + 1
	ref := refs[i]
	nNew := len(m.mem.fresh)
	summary := strconv.Itoa(len(refs)-nNew) + " changed, " + strconv.Itoa(nNew) + " new"
	if !m.jumpToChange(ref) {
		return
	}
	m.status = status{text: strconv.Itoa(i+1) + "/" + strconv.Itoa(len(refs)) + ": " + m.titleOf(ref) + " · " + m.changeGist(ref) + " · " + summary}
}

// nothingChanged says why c has nowhere to go: new and changed count
// from an earlier edition read, so a first read has none, however much
// is still unread; U walks that.
func (m *Model) nothingChanged() string {
	unread := 0
	for _, n := range m.mem.counts {
		unread += n
	}
	if unread == 0 {
		return "nothing new or changed since you last read this briefing, and nothing unread"
	}
	return "nothing new or changed: those count from an edition read before this one; " +
		itoa(unread) + " rows are unread (•) · U goes to the next"
}
