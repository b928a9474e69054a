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
	help    helpOverlay
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
	// or search bar), the help overlay and the search results panel when
	// they are open.
	frame struct {
		header, bottom, help string
		briefings            string
		panel                []string
		// preview fills the rows the Timeline's list leaves empty.
		preview []string
	}
	// open starts the platform's opener on a URL; tests replace it.
	open func(url string) error
	// mem is what the reader remembers between launches (memory.go).
	mem memoryState
	// lib and briefings are the library and its view (briefings.go).
	lib         Library
	remote      bool   // a reader of brief serve: see noState
	id          string // the library id of b, "" when not in the library
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
	var cmd tea.Cmd
	if !startupMsg(msg) {
		m.wholePages()
	}
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
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.MouseClickMsg:
		cmd = m.handleClick(msg.Mouse())
	case tea.MouseWheelMsg:
		m.handleWheel(msg.Mouse())
	case openedMsg:
		m.status = openedStatus(msg)
	case memoryMsg:
		cmd = m.applyMemory(msg)
	case saveMsg:
		cmd = m.save(msg)
	case memoryErrMsg:
		m.memoryFailed(msg)
	case bookmarkedMsg:
		m.status = bookmarkedStatus(msg)
	case briefingsMsg:
		m.briefings.loading = false
		m.briefings.entries = msg.entries
		if msg.err != nil {
			m.briefings.err = msg.err.Error()
		}
	case openedBriefingMsg:
		return m.openInPlace(msg)
	case librarySearchMsg:
		m.search.all.pending = false
		if msg.err != nil {
			m.search.all.on = false
			m.status = status{text: "cannot search the library: " + oneLine(msg.err.Error()), warn: true}
		} else {
			m.search.all.ix = msg.ix
		}
		m.search.ran = ""
		m.runSearch()
	case bookmarksMsg:
		m.marks.loading = false
		m.marks.entries = msg.entries
		if msg.err != nil {
			m.marks.err = msg.err.Error()
		}
	case noteSavedMsg:
		if msg.err != nil {
			m.status = status{text: "could not save the note: " + oneLine(msg.err.Error()), warn: true}
		} else if msg.i < len(m.marks.entries) {
			m.marks.entries[msg.i].Note = msg.note
			m.status = status{text: "note saved"}
		}
	default:
		cmd = m.updateSearchMsg(msg)
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

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.status = status{}
	m.mem.moved = true
	k := m.keys
	if m.search.typing() {
		if key.Matches(msg, k.SearchQuit) {
			return m.quit()
		}
		return m.updateSearchKey(msg)
	}
	if key.Matches(msg, k.QuitNow) {
		return m.quit()
	}
	if m.help.visible {
		return m.updateHelp(msg)
	}
	if m.briefings.visible {
		return m.updateBriefings(msg)
	}
	if m.marks.visible {
		return m.updateBookmarks(msg)
	}
	if m.changedView.visible {
		return m.updateChanged(msg)
	}
	t := &m.tabs[m.active]
	switch {
	case key.Matches(msg, k.Quit):
		if m.narrowDetail() {
			m.focus = focusList
			return nil
		}
		return m.quit()
	case key.Matches(msg, k.Changed):
		m.nextChanged()
	case key.Matches(msg, k.Bookmark):
		return m.toggleBookmark()
	case key.Matches(msg, k.Briefings):
		return m.openBriefings()
	case key.Matches(msg, k.Bookmarks):
		return m.openBookmarks()
	case key.Matches(msg, k.ChangedView):
		m.openChanged()
	case key.Matches(msg, k.Help):
		m.help = helpOverlay{visible: true}
	case key.Matches(msg, k.Search):
		return m.openSearch()
	case key.Matches(msg, k.NextTab):
		m.switchTab((m.active + 1) % tabCount)
	case key.Matches(msg, k.PrevTab):
		m.switchTab((m.active + tabCount - 1) % tabCount)
	case key.Matches(msg, k.Tabs):
		m.switchTab(tabID(msg.String()[0] - '1'))
	case key.Matches(msg, k.FocusList):
		switch {
		case !t.hasList():
			m.status = status{text: "the " + m.active.String() + " has no list: 2-" + itoa(int(tabCount)) + " open the tabs that do"}
		case m.focus == focusList:
			m.status = status{text: "the list already has the keys: l or enter opens the detail"}
		default:
			m.focus = focusList
		}
	case key.Matches(msg, k.FocusDetail):
		if m.focus == focusDetail {
			m.status = status{text: "the detail already has the keys: h goes back to the list"}
		}
		m.focus = focusDetail
	case key.Matches(msg, k.Open):
		m.openOrFollow()
	case key.Matches(msg, k.Back):
		m.escape()
	case key.Matches(msg, k.History):
		m.back()
	case key.Matches(msg, k.Forward):
		m.forward()
	case key.Matches(msg, k.Source):
		m.jumpToSource()
	case key.Matches(msg, k.OpenURL):
		return m.openSource()
	case key.Matches(msg, k.Copy):
		return m.copyCitation()
	case key.Matches(msg, k.CopyURL):
		return m.copyURL()
	case key.Matches(msg, k.Language):
		m.nextLanguage()
	case key.Matches(msg, k.Mouse):
		m.mouseOff = !m.mouseOff
		m.status = status{text: "mouse " + m.mouseMode()}
	case key.Matches(msg, k.NextHit):
		m.stepHit(1)
	case key.Matches(msg, k.PrevHit):
		m.stepHit(-1)
	default:
		var why string
		m.tabs[m.active], why = t.update(msg, k, m.focus, m.sideBySide(t))
		if why != "" {
			m.status = status{text: why}
		}
	}
	return nil
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
	switch {
	case m.search.typing():
		m.frame.bottom = m.search.barView(m.lay.width)
		m.frame.panel = m.search.panelLines(m.lay.width, m.lay.bodyH)
	default:
		m.frame.bottom = m.statusView()
	}
	if m.help.visible {
		m.frame.help = m.helpView()
	}
	if m.briefings.visible {
		m.frame.briefings = m.briefingsLines(m.lay.width, m.lay.bodyH)
	}
	if m.marks.visible {
		m.frame.briefings = m.bookmarksLines(m.lay.width, m.lay.bodyH)
	}
	if m.changedView.visible {
		m.frame.briefings = m.changedLines(m.lay.width, m.lay.bodyH)
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
		r = m.cache.top(ref, t.detail.width, t.detail.offset+t.detail.height+1)
	} else {
		r = m.cache.get(ref, t.detail.width)
	}
	q, mark, marking := m.search.markFor()
	if !marking || m.active != m.search.hitTab {
		mark = ""
	}
	// The block the hit is (a statement on its speaker's page) gets a bar
	// in the margin, so the reader sees which of the page's matches the
	// hit was.
	start, end := -1, -1
	if mark != "" {
		if a, ok := r.anchors[m.search.hitRef]; ok {
			start, end = a, blockEnd(r, a)
			mark += "|" + m.search.hitRef.String()
		}
	}
	if stale := t.detail.Stale(r); stale || t.detail.mark != mark {
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
		if stale {
			t.detail.SetPage(r, body, m.st)
		} else {
			t.detail.SetBody(body)
		}
		t.detail.mark = mark
	}
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
