package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
)

// bookmarkedMsg is the answer of a bookmark toggle.
type bookmarkedMsg struct {
	ref data.Ref
	on  bool
	err error
}

// bookmarkTarget is what * bookmarks: the reference selected with [ and ],
// else the statement, figure or term block at the top of the detail (where
// a jump, a search hit or c puts it), else the item the detail shows.
func (m *Model) bookmarkTarget() (data.Ref, bool) {
	t := &m.tabs[m.active]
	if x, ok := t.detail.SelectedRef(); ok {
		return x.to, true
	}
	ref, ok := t.current()
	if !ok {
		return data.Ref{}, false
	}
	if a, ok := t.detail.AnchorInView(); ok {
		return a, true
	}
	return ref, true
}

// toggleBookmark is b.
func (m *Model) toggleBookmark() tea.Cmd {
	ref, ok := m.bookmarkTarget()
	switch {
	case m.mem.awaiting:
		m.status = status{text: "your bookmarks are still opening: press * again in a moment"}
		return nil
	case m.mem.store == nil:
		m.status = status{text: "bookmarks are not available: " + m.noState("brief could not open its state"), warn: true}
		return nil
	case !ok:
		m.status = status{text: "nothing to bookmark here: select an item first"}
		return nil
	}
	store := m.mem.store
	return func() tea.Msg {
		on, err := store.ToggleBookmark(ref)
		return bookmarkedMsg{ref: ref, on: on, err: err}
	}
}

// bookmarkedStatus says what * did, naming the item by its title.
func (m *Model) bookmarkedStatus(msg bookmarkedMsg) status {
	switch {
	case msg.err != nil:
		return status{text: "could not bookmark: " + oneLine(msg.err.Error()), warn: true}
	case msg.on:
		return status{text: "bookmarked " + m.titleOf(msg.ref) + " · M lists your bookmarks; brief export --bookmarks prints them with their citations"}
	}
	return status{text: "bookmark removed: " + m.titleOf(msg.ref)}
}

// titleOf names an item in a message as the reader knows it, by its
// title ("Đặng Hoàng Giang", "Measure 1: …"), never its internal id.
func (m *Model) titleOf(ref data.Ref) string {
	if !m.b.Has(ref) {
		return oneLine(ref.String())
	}
	title, _ := bookmarks.Describe(m.b, ref)
	return oneLine(title)
}

// noState is why the reader keeps nothing: local's reason, or on a server
// (brief serve) that it keeps state only for readers it knows by key.
func (m *Model) noState(local string) string {
	if m.remote {
		return "this server keeps them only for readers it lets in by key (--authorized-keys)"
	}
	return local
}
