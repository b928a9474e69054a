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
	Open, Back, History            key.Binding
	NextTab, PrevTab, Tabs         key.Binding
	NextRef, PrevRef               key.Binding
	Source, OpenURL, Copy          key.Binding
	Search, NextHit, PrevHit       key.Binding
	Mouse, Help, Quit              key.Binding
	Changed, Bookmark, Briefings   key.Binding
	Bookmarks, Note, ChangedView   key.Binding
	SearchUp, SearchDown, SearchGo key.Binding
	SearchCancel, SearchScope      key.Binding
}

func newKeyMap() keyMap {
	b := key.NewBinding
	return keyMap{
		Up:          b(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:        b(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		Top:         b(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:      b(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageDown:    b(key.WithKeys("pgdown", "space"), key.WithHelp("space/pgdn", "page down")),
		PageUp:      b(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		HalfDown:    b(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		HalfUp:      b(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		FocusList:   b(key.WithKeys("h", "left"), key.WithHelp("h/←", "list")),
		FocusDetail: b(key.WithKeys("l", "right"), key.WithHelp("l/→", "detail")),
		Open:        b(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:        b(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		History:     b(key.WithKeys("backspace", "ctrl+o"), key.WithHelp("bksp/ctrl+o", "history back")),
		NextTab:     b(key.WithKeys("tab"), key.WithHelp("tab", "next tab")),
		PrevTab:     b(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab")),
		Tabs:        b(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1-6", "go to tab")),
		NextRef:     b(key.WithKeys("]"), key.WithHelp("]", "next reference")),
		PrevRef:     b(key.WithKeys("["), key.WithHelp("[", "previous reference")),
		Source:      b(key.WithKeys("s"), key.WithHelp("s", "go to source")),
		OpenURL:     b(key.WithKeys("o"), key.WithHelp("o", "open source URL")),
		Copy:        b(key.WithKeys("y"), key.WithHelp("y", "copy citation")),
		Search:      b(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextHit:     b(key.WithKeys("n"), key.WithHelp("n", "next hit")),
		PrevHit:     b(key.WithKeys("N"), key.WithHelp("N", "previous hit")),
		Mouse:       b(key.WithKeys("m"), key.WithHelp("m", "mouse on/off")),
		Help:        b(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:        b(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Changed:     b(key.WithKeys("c"), key.WithHelp("c", "next new or changed")),
		Bookmark:    b(key.WithKeys("b"), key.WithHelp("b", "bookmark on/off")),
		Briefings:   b(key.WithKeys("B"), key.WithHelp("B", "briefings")),
		Bookmarks:   b(key.WithKeys("M"), key.WithHelp("M", "bookmarks")),
		ChangedView: b(key.WithKeys("C"), key.WithHelp("C", "what changed")),
		Note:        b(key.WithKeys("e"), key.WithHelp("e", "edit a bookmark's note")),

		SearchUp:     b(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/ctrl+p", "previous result")),
		SearchDown:   b(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓/ctrl+n", "next result")),
		SearchGo:     b(key.WithKeys("enter"), key.WithHelp("enter", "go to hit")),
		SearchCancel: b(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "close search")),
		SearchScope:  b(key.WithKeys("tab"), key.WithHelp("tab", "all briefings")),
	}
}

// fullHelp is the ? overlay: every binding, in groups a reader scans.
func (k keyMap) fullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp},
		{k.Tabs, k.NextTab, k.PrevTab, k.FocusList, k.FocusDetail, k.Open, k.Back},
		{k.NextRef, k.PrevRef, k.History, k.Source, k.OpenURL, k.Copy, k.Changed, k.ChangedView, k.Bookmark, k.Briefings, k.Bookmarks},
		{k.Search, k.SearchDown, k.SearchUp, k.SearchScope, k.NextHit, k.PrevHit, k.Mouse, k.Help, k.Quit},
	}
}

// fullHelpTitles names the groups of fullHelp, in the same order.
var fullHelpTitles = []string{"Move and scroll", "Tabs and panes", "References and sources", "Search and more"}
