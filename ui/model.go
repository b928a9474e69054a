package ui

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/data/search"
	"github.com/brief-reader/brief/internal/input"
	"github.com/brief-reader/brief/internal/services"
)

// Model is the reader's root model. It owns the layout, the theme, the
// render cache, the history and the search, handles the keys that work
// everywhere, and hands movement keys to the active tab.
type Model struct {
	b    *data.Briefing
	keys keyMap
	st   *styles

	style Style
	dark  bool
	mono  bool

	width, height int
	sized         bool
	lay           layout

	active tabID
	tabs   [tabCount]tab
	focus  focus

	// history is where follow and search went from, future where history
	// back went from: H and L walk them as a browser's back and forward.
	history []location
	future  []location
	// layers is what is open over the active tab (layers.go).
	layers layers
	help   helpOverlay
	// mouseOff releases the mouse to the terminal so its own text
	// selection works.
	mouseOff bool
	status   status

	cache *renderCache
	// firstScreen is set until the first frame has been written: pages
	// render only what fills the screen, the rest after (wholePages).
	firstScreen bool
	search      searchModel
	// frame holds the chrome and overlays, built at the end of each Update
	// so View only joins strings: the header, the bottom line (status bar
	// or search bar), and the help, list overlay or search results panel
	// on top.
	frame struct {
		header, bottom, help string
		overlay              string // the list overlay on top
		panel                []string
		// preview fills the rows the Timeline's list leaves empty.
		preview []string
	}
	// open starts the platform's opener on a URL; tests replace it.
	open func(url string) error
	// mem is what the reader remembers between launches (memory.go).
	mem memoryState
	// lib and briefings are the library and its view (briefings.go).
	lib    services.Library
	remote bool   // a reader of brief serve: see noState
	id     string // the library id of b, "" when not in the library
	// self is b as the history of another briefing's reader holds it.
	self        *briefingHandle
	briefings   briefingsView
	marks       bookmarksView
	changedView changedView
}

// status is the transient message of the status bar; the next key clears
// it.
type status struct {
	text string
	warn bool
}

// location is one entry of the history: enough to put the reader back
// where it was.
type location struct {
	tab    tabID
	item   data.Ref
	offset int
	focus  focus
	refSel int
	// in is the briefing the location is in when it is not the one shown
	// (cross.go), nil in the one shown.
	in *briefingHandle
}

// New makes the reader's model for b. Nothing is rendered until the
// terminal's size is known; keys that arrive before then are still
// answered.
func New(b *data.Briefing, opts Options) Model {
	m := Model{
		b:     b,
		keys:  newKeyMap(),
		style: opts.Style,
		dark:  opts.Style != StyleLight,
		mono:  opts.Style == StyleNoTTY,
		open:  openURL,
		mem:   memoryState{open: opts.OpenMemory},
		lib:   opts.Library,
		id:    opts.BriefingID,
		self:  &briefingHandle{b: b, open: opts.OpenMemory, id: opts.BriefingID},

		firstScreen: true,
	}
	m.mouseOff = opts.NoMouse
	if dark, known := darkFromEnv(opts.Env); known && opts.Style == StyleAuto {
		m.dark = dark
	}
	st := newStyles(m.dark, m.mono)
	m.st = &st
	m.cache = newRenderCache(b, m.st)
	m.cache.maxWidth = cmp.Or(opts.MaxWidth, DefaultMaxWidth)
	m.cache.shared = opts.Shared
	m.remote = opts.Remote
	if opts.Remote {
		m.open = nil // o shows the address: a browser here would open on the server
	}
	for i := range m.tabs {
		m.tabs[i] = tab{id: tabID(i), detail: newDetailPane()}
	}
	m.focus = focusDetail // the Overview, first on screen, has no list
	m.search = newSearchModel(b, m.st)
	if opts.OpenMemory != nil {
		m.awaitMemory()
	}
	return m
}

// Init asks the terminal for its background colour; the default theme is
// on screen until (and unless) the answer comes.
func (m Model) Init() tea.Cmd {
	if m.style == StyleAuto {
		return tea.RequestBackgroundColor
	}
	return nil
}

// firstFrameMsg says the first frame has been written.
type firstFrameMsg struct{}

// afterFirstFrame waits for Bubble Tea to write the first frame, which it
// does on its next frame tick (60 a second), and then starts the search
// index and the memory. Started beside the frame, their work took both
// cores of a small machine and held the frame's write back by 10–30 ms.
func afterFirstFrame() tea.Cmd {
	return tea.Tick(time.Second/60+time.Millisecond, func(time.Time) tea.Msg { return firstFrameMsg{} })
}

// startupMsg tells the messages a terminal sends as the reader starts,
// which leave the first screen as it is; any other message may scroll or
// search, and needs whole pages.
func startupMsg(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.WindowSizeMsg, tea.BackgroundColorMsg, tea.ColorProfileMsg, tea.EnvMsg,
		tea.KeyboardEnhancementsMsg, tea.ModeReportMsg, tea.TerminalVersionMsg, tea.CapabilityMsg:
		return true
	}
	return false
}

// wholePages ends the first screen: the pages it rendered in part are
// rendered whole, and every page from now on.
func (m *Model) wholePages() {
	if m.firstScreen {
		m.firstScreen = false
		m.cache.finish()
		if m.sized && !m.lay.tooSmall {
			m.syncDetail(&m.tabs[m.active]) // before the message moves in it
		}
	}
}

// Update routes a message and then renders, into the cache, what the next
// View needs.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if msg, ok := msg.(saveMsg); ok && !m.firstScreen {
		// Writing the place changes nothing on screen: nothing to build
		// again (a third of a served reader's Update with per-key state).
		return m, m.save(msg)
	}
	var cmd tea.Cmd
	if !startupMsg(msg) {
		m.wholePages()
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.MouseClickMsg:
		cmd = m.handleClick(msg.Mouse())
	case tea.MouseWheelMsg:
		m.handleWheel(msg.Mouse())
	case openedBriefingMsg:
		return m.openInPlace(msg)
	default:
		var ok bool
		if cmd, ok = m.updateTerminal(msg); !ok {
			if cmd, ok = m.updateServices(msg); !ok {
				cmd = m.updateSearchMsg(msg)
			}
		}
	}
	m.sync()
	after := m.afterUpdate()
	if m.mem.resync {
		// Marking the detail seen changed the marks and counts the
		// frame shows: build it again, or it stays stale until the next
		// message.
		m.mem.resync = false
		m.sync()
	}
	return m, tea.Batch(cmd, after)
}

// updateTerminal handles what the terminal and the program's clock tell
// the reader: its size, colours, and that the first frame is out; ok is
// false for any other message.
func (m *Model) updateTerminal(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if !m.sized {
			cmd = afterFirstFrame()
		}
		m.resize(msg.Width, msg.Height)
	case firstFrameMsg:
		cmd = tea.Batch(m.startIndex(), m.openMemory())
	case tea.BackgroundColorMsg:
		if m.style == StyleAuto {
			m.setTheme(msg.IsDark(), m.mono)
		}
	case tea.ColorProfileMsg:
		mono := m.style == StyleNoTTY || (msg.Profile != colorprofile.Unknown && msg.Profile <= colorprofile.ASCII)
		if mono != m.mono {
			m.setTheme(m.dark, mono)
		}
	default:
		return nil, false
	}
	return cmd, true
}

// updateServices handles the answers of the reader's services (memory,
// library, bookmarks, opener); ok is false for any other message.
func (m *Model) updateServices(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case openedMsg:
		m.status = openedStatus(msg)
	case input.PasteCut:
		m.status = pasteCutStatus(msg)
	case memoryMsg:
		cmd = m.applyMemory(msg)
	case memoryErrMsg:
		m.memoryFailed(msg)
	case bookmarkedMsg:
		m.status = m.bookmarkedStatus(msg)
	case briefingsMsg:
		m.briefings.loaded(msg.entries, msg.err)
	case librarySearchMsg:
		m.librarySearched(msg)
	case bookmarksMsg:
		m.marks.loaded(msg.entries, msg.err)
	case noteSavedMsg:
		m.noteSaved(msg)
	default:
		return nil, false
	}
	return cmd, true
}

// setTheme rebuilds the styles and, when Glamour's style changes, drops
// the rendered pages.
func (m *Model) setTheme(dark, mono bool) {
	if dark == m.dark && mono == m.mono {
		return // the terminal confirmed the theme on screen: nothing to redo
	}
	m.dark, m.mono = dark, mono
	st := newStyles(dark, mono)
	m.st = &st
	m.cache.setStyle(m.st)
	for i := range m.tabs {
		m.tabs[i].detail.Restyle(m.st)
	}
	m.search.setStyles(m.st)
	if m.sized {
		m.resize(m.width, m.height)
	}
}

// quit saves the reader's place at once, not after the usual pause, and
// ends the program.
func (m *Model) quit() tea.Cmd {
	m.saveNow()
	return tea.Quit
}

// handleKey hands a key to the layer on top; the active tab's keys work
// only when nothing is over it.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.status = status{}
	m.mem.moved = true
	k := m.keys
	top := m.top()
	if top == layerSearch {
		if key.Matches(msg, k.SearchQuit) {
			return m.quit()
		}
		return m.updateSearchKey(msg)
	}
	if key.Matches(msg, k.QuitNow) {
		return m.quit()
	}
	switch top {
	case layerHelp:
		return m.updateHelp(msg)
	case layerBriefings:
		return m.updateBriefings(msg)
	case layerBookmarks:
		return m.updateBookmarks(msg)
	case layerChanged:
		return m.updateChanged(msg)
	}
	if cmd, ok := m.layerKey(msg); ok {
		return cmd
	}
	if m.navKey(msg) {
		return nil
	}
	if cmd, ok := m.actionKey(msg); ok {
		return cmd
	}
	t := &m.tabs[m.active]
	var why string
	m.tabs[m.active], why = t.update(msg, k, m.focus, m.sideBySide(t))
	if why != "" {
		m.status = status{text: why}
	}
	return nil
}

// layerKey handles the keys that quit or open a layer; ok is false when
// msg is none of them.
func (m *Model) layerKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		if m.narrowDetail() {
			m.focus = focusList
			return nil, true
		}
		return m.quit(), true
	case key.Matches(msg, k.Briefings):
		return m.openBriefings(), true
	case key.Matches(msg, k.Bookmarks):
		return m.openBookmarks(), true
	case key.Matches(msg, k.ChangedView):
		m.openChanged()
	case key.Matches(msg, k.Help):
		m.help = helpOverlay{}
		m.push(layerHelp)
	case key.Matches(msg, k.Search):
		return m.openSearch(), true
	default:
		return nil, false
	}
	return nil, true
}

// navKey handles the keys that move between tabs, panes and places; it
// reports whether msg was one of them.
func (m *Model) navKey(msg tea.KeyPressMsg) bool {
	k := m.keys
	switch {
	case key.Matches(msg, k.NextTab):
		m.switchTab((m.active + 1) % tabCount)
	case key.Matches(msg, k.PrevTab):
		m.switchTab((m.active + tabCount - 1) % tabCount)
	case key.Matches(msg, k.Tabs):
		m.switchTab(tabID(msg.String()[0] - '1'))
	case key.Matches(msg, k.FocusList):
		m.focusList()
	case key.Matches(msg, k.FocusDetail):
		if m.focus == focusDetail {
			m.status = status{text: "the detail already has the keys: h goes back to the list"}
		}
		m.focus = focusDetail
	case key.Matches(msg, k.Open):
		m.openOrFollow()
	case key.Matches(msg, k.Back):
		m.escape()
	case key.Matches(msg, k.Changed):
		m.nextChanged()
	case key.Matches(msg, k.Unread):
		m.nextUnread()
	default:
		return false
	}
	return true
}

// focusList is h: the list takes the keys, or the status bar says why not.
func (m *Model) focusList() {
	switch {
	case !m.tabs[m.active].hasList():
		m.status = status{text: "the " + m.active.String() + " has no list: 2-" + itoa(int(tabCount)) + " open the tabs that do"}
	case m.focus == focusList:
		m.status = status{text: "the list already has the keys: l or enter opens the detail"}
	default:
		m.focus = focusList
	}
}

// actionKey handles the keys that act on what is shown (sources,
// citations, bookmarks, hits, the mouse); ok is false when msg is none of
// them.
func (m *Model) actionKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Bookmark):
		return m.toggleBookmark(), true
	case key.Matches(msg, k.Source):
		m.jumpToSource()
	case key.Matches(msg, k.OpenURL):
		return m.openSource(), true
	case key.Matches(msg, k.Copy):
		return m.copyCitation(), true
	case key.Matches(msg, k.CopyURL):
		return m.copyURL(), true
	case key.Matches(msg, k.Language):
		m.nextLanguage()
	case key.Matches(msg, k.Mouse):
		m.mouseOff = !m.mouseOff
		m.status = status{text: "mouse " + m.mouseMode()}
	case key.Matches(msg, k.NextHit):
		return m.stepHit(1), true
	case key.Matches(msg, k.PrevHit):
		return m.stepHit(-1), true
	case key.Matches(msg, k.History):
		return m.back(), true
	case key.Matches(msg, k.Forward):
		return m.forward(), true
	default:
		return nil, false
	}
	return nil, true
}

// narrowDetail reports whether a list tab shows its detail alone, as a
// layer over its list that esc and q close.
func (m *Model) narrowDetail() bool {
	t := &m.tabs[m.active]
	return t.hasList() && !m.sideBySide(t) && m.focus == focusDetail
}

func (m *Model) mouseMode() string {
	if m.mouseOff {
		return "off (terminal selects text)"
	}
	return "on"
}

// sync makes sure what the next View shows is ready: the detail on screen
// rendered for its width (the only place Glamour runs, at most once per
// item and width), the list's visible rows styled, the header and status
// bar built.
func (m *Model) sync() {
	t := &m.tabs[m.active]
	m.buildTab(t)
	m.applyMarks(t)
	if !m.sized || m.lay.tooSmall {
		return
	}
	m.syncDetail(t)
	t.list.prepare(m.st)
	m.frame.preview = m.previewLines(t)
	m.frame.header = m.headerView()
	m.frame.help, m.frame.panel = "", nil
	switch m.top() {
	case layerSearch:
		m.frame.bottom = m.search.barView(m.lay.width)
		m.frame.panel = m.searchPanel()
	case layerHelp:
		m.frame.bottom = m.statusView()
		m.frame.help = m.helpView()
	default:
		m.frame.bottom = m.statusView()
		m.frame.overlay = m.overlayLines()
	}
}

func (m *Model) syncDetail(t *tab) {
	if t.hasList() && !m.sideBySide(t) && m.focus == focusList {
		return // the detail is not on screen
	}
	ref, ok := t.current()
	if !ok {
		return
	}
	var r *rendered
	if m.firstScreen {
		r = m.cache.top(ref, t.detail.Width(), t.detail.ViewEnd())
	} else {
		r = m.cache.get(ref, t.detail.Width())
	}
	q, mark, marking := m.search.markFor()
	if !marking || m.active != m.search.HitTab() {
		mark = ""
	}
	// The block the hit is (a statement on its speaker's page) gets a bar
	// in the margin, so the reader sees which of the page's matches the
	// hit was.
	start, end := -1, -1
	if mark != "" {
		if a, ok := r.anchors[m.search.HitRef()]; ok {
			start, end = a, blockEnd(r, a)
			mark += "|" + m.search.HitRef().String()
		}
	}
	if stale := t.detail.Stale(r); stale || t.detail.Mark() != mark {
		body := m.markedBody(r, q, mark, start, end)
		if stale {
			t.detail.SetPage(r, body, m.st)
		} else {
			t.detail.SetBody(body)
		}
		t.detail.SetMark(mark)
	}
}

// markedBody is r's lines with the search's words marked (when mark is
// set) and a bar in the margin of lines start to end (when start ≥ 0).
func (m *Model) markedBody(r *rendered, q search.Query, mark string, start, end int) []string {
	body := r.lines
	if mark != "" {
		body = m.cache.markedLines(r, q, mark, m.st)
	}
	if start >= 0 {
		body = slices.Clone(body)
		for i := start; i < end; i++ {
			body[i] = m.st.Detail.HitBar.Render("▌") + ansi.TruncateLeft(body[i], 1, "")
		}
	}
	return body
}

// blockEnd is the line after the block that starts at line start: the
// next block that is an anchor, or the next blank line.
func blockEnd(r *rendered, start int) int {
	end := len(r.lines)
	for _, a := range r.anchors {
		if a > start && a < end {
			end = a
		}
	}
	for i := start + 1; i < end; i++ {
		if strings.TrimSpace(r.plain[i]) == "" {
			return i
		}
	}
	return end
}
