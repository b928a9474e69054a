package ui

import "charm.land/bubbles/v2/key"

// keyMap is every key the reader answers. The same bindings drive Update and
// the help (status bar and the ? overlay), so help never drifts from
// behaviour.
type keyMap struct {
	Up, Down, Top, Bottom          key.Binding
	PageDown, PageUp               key.Binding
	HalfDown, HalfUp               key.Binding
	FocusList, FocusDetail         key.Binding
	Open, Back, History, Forward   key.Binding
	NextTab, PrevTab, Tabs         key.Binding
	NextRef, PrevRef               key.Binding
	Source, OpenURL, Copy, CopyURL key.Binding
	Language                       key.Binding
	Search, NextHit, PrevHit       key.Binding
	Mouse, Help, Quit, QuitNow     key.Binding
	Changed, Unread, Bookmark      key.Binding
	Briefings                      key.Binding
	Bookmarks, Note, ChangedView   key.Binding
	SearchUp, SearchDown, SearchGo key.Binding
	SearchCancel, SearchQuit       key.Binding
	SearchScope                    key.Binding
	// Click and Wheel describe the mouse in the help. Their "keys" are
	// names no key press has, so they match nothing, and being bound keeps
	// them enabled, which help needs to list them.
	Click, Wheel key.Binding
	// HelpFilter narrows the help overlay to the keys that match what is
	// typed after it.
	HelpFilter key.Binding
}

func newKeyMap() keyMap {
	b := key.NewBinding
	return keyMap{
		Up:          b(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:        b(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		Top:         b(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:      b(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageDown:    b(key.WithKeys("space", "f", "ctrl+f", "pgdown"), key.WithHelp("space/f/pgdn", "page down")),
		PageUp:      b(key.WithKeys("b", "ctrl+b", "pgup"), key.WithHelp("b/pgup", "page up")),
		HalfDown:    b(key.WithKeys("d", "ctrl+d"), key.WithHelp("d/ctrl+d", "half page down")),
		HalfUp:      b(key.WithKeys("u", "ctrl+u"), key.WithHelp("u/ctrl+u", "half page up")),
		FocusList:   b(key.WithKeys("h", "left"), key.WithHelp("h/←", "list (tabs 2-"+itoa(int(tabCount))+")")),
		FocusDetail: b(key.WithKeys("l", "right"), key.WithHelp("l/→", "detail")),
		Open:        b(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:        b(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		History:     b(key.WithKeys("backspace", "H", "ctrl+o", "alt+left"), key.WithHelp("bksp/H", "history back")),
		Forward:     b(key.WithKeys("L", "alt+right"), key.WithHelp("L", "history forward")),
		NextTab:     b(key.WithKeys("tab"), key.WithHelp("tab", "next tab")),
		PrevTab:     b(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab")),
		Tabs:        b(key.WithKeys(tabKeys()...), key.WithHelp("1-"+itoa(int(tabCount)), "go to tab")),
		NextRef:     b(key.WithKeys("]"), key.WithHelp("]", "next reference")),
		PrevRef:     b(key.WithKeys("["), key.WithHelp("[", "previous reference")),
		Source:      b(key.WithKeys("s"), key.WithHelp("s", "go to source")),
		OpenURL:     b(key.WithKeys("o"), key.WithHelp("o", "open source URL")),
		Copy:        b(key.WithKeys("y"), key.WithHelp("y", "copy source citation")),
		CopyURL:     b(key.WithKeys("Y"), key.WithHelp("Y", "copy source URL")),
		Language:    b(key.WithKeys("t"), key.WithHelp("t", "glossary: one language / all")),
		Search:      b(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextHit:     b(key.WithKeys("n"), key.WithHelp("n", "next hit")),
		PrevHit:     b(key.WithKeys("N"), key.WithHelp("N", "previous hit")),
		Mouse:       b(key.WithKeys("m"), key.WithHelp("m", "mouse on/off")),
		Help:        b(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:        b(key.WithKeys("q"), key.WithHelp("q", "close / quit")),
		QuitNow:     b(key.WithKeys("Q", "ctrl+c"), key.WithHelp("Q/ctrl+c", "quit now")),
		Changed:     b(key.WithKeys("c"), key.WithHelp("c", "next new or changed")),
		Unread:      b(key.WithKeys("U"), key.WithHelp("U", "next unread")),
		Bookmark:    b(key.WithKeys("*"), key.WithHelp("*", "bookmark on/off")),
		Briefings:   b(key.WithKeys("B"), key.WithHelp("B", "briefings")),
		Bookmarks:   b(key.WithKeys("M"), key.WithHelp("M", "bookmarks")),
		ChangedView: b(key.WithKeys("C"), key.WithHelp("C", "what changed")),
		Note:        b(key.WithKeys("e"), key.WithHelp("e", "edit a bookmark's note")),

		SearchUp:     b(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/ctrl+p", "previous result")),
		SearchDown:   b(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓/ctrl+n", "next result")),
		SearchGo:     b(key.WithKeys("enter"), key.WithHelp("enter", "go to hit")),
		SearchCancel: b(key.WithKeys("esc"), key.WithHelp("esc", "close search")),
		SearchQuit:   b(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		SearchScope:  b(key.WithKeys("tab"), key.WithHelp("tab", "this briefing / all briefings")),

		Click:      b(key.WithKeys("mouse click"), key.WithHelp("click", "pick tab, item, reference")),
		Wheel:      b(key.WithKeys("mouse wheel"), key.WithHelp("wheel", "scroll pane under pointer")),
		HelpFilter: b(key.WithKeys("/"), key.WithHelp("/", "filter this help")),
	}
}

// tabKeys are the number keys of the tabs, "1" to the last.
func tabKeys() []string {
	out := make([]string, tabCount)
	for i := range out {
		out[i] = itoa(i + 1)
	}
	return out
}

// fullHelp is the ? overlay: every binding, in groups a reader scans.
func (k keyMap) fullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp},
		{k.Tabs, k.NextTab, k.PrevTab, k.FocusList, k.FocusDetail, k.Open, k.Back},
		{k.NextRef, k.PrevRef, k.History, k.Forward, k.Source, k.OpenURL, k.Copy, k.CopyURL, k.Language},
		{k.Search, k.NextHit, k.PrevHit, k.Help, k.HelpFilter, k.Quit, k.QuitNow},
		{k.SearchDown, k.SearchUp, k.SearchGo, k.SearchCancel, k.SearchQuit, k.SearchScope},
		{k.Bookmark, k.Bookmarks, k.Note, k.Changed, k.Unread, k.ChangedView, k.Briefings},
		{k.Mouse, k.Click, k.Wheel},
	}
}

// fullHelpTitles names the groups of fullHelp, in the same order.
var fullHelpTitles = []string{"Move and scroll", "Tabs and panes", "References and sources", "Search and more", "In the search bar", "Bookmarks and library", "Mouse"}
