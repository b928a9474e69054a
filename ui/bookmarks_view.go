package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/internal/services"
)

// bookmarksView is the Bookmarks view: every bookmark of every briefing,
// each with its note, which e edits.
type bookmarksView struct {
	listOverlay
	entries []services.BookmarkEntry
	editing bool
	note    *textinput.Model // set while editing; a pointer for the Model's size, as search's input
}

type bookmarksMsg struct {
	entries []services.BookmarkEntry
	err     error
}

type noteSavedMsg struct {
	i    int
	note string
	err  error
}

// openBookmarks is M: open the Bookmarks view.
func (m *Model) openBookmarks() tea.Cmd {
	if m.lib == nil {
		m.status = status{text: "no bookmarks here: " + m.noState("brief could not find its state folder"), warn: true}
		return nil
	}
	m.marks = bookmarksView{listOverlay: listOverlay{loading: true}}
	m.push(layerBookmarks)
	lib := m.lib
	return func() tea.Msg {
		entries, err := lib.Bookmarks()
		return bookmarksMsg{entries, err}
	}
}

func (m *Model) updateBookmarks(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	v := &m.marks
	if v.editing {
		switch {
		case key.Matches(msg, k.Open):
			v.editing = false
			i, note, lib := v.sel, strings.TrimSpace(v.note.Value()), m.lib
			e := v.entries[i]
			return func() tea.Msg {
				return noteSavedMsg{i, note, lib.SetNote(e.Briefing, e.Ref, note)}
			}
		case key.Matches(msg, k.Back):
			v.editing = false
			return nil
		}
		var cmd tea.Cmd
		*v.note, cmd = v.note.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Quit, k.Back, k.Bookmarks):
		// q closes this view first, as it does every layer.
		m.drop(layerBookmarks)
	case m.overlayMove(&v.listOverlay, msg, len(v.entries)):
	case key.Matches(msg, k.Copy):
		if v.sel < len(v.entries) {
			c := v.entries[v.sel].Copy()
			m.status = status{text: clipboardSent + c}
			return tea.SetClipboard(c)
		}
		m.noEntryKey(msg)
	case key.Matches(msg, k.Note):
		if v.sel < len(v.entries) {
			ti := textinput.New()
			ti.Prompt = "note: "
			ti.CharLimit = 200
			ti.SetWidth(max(10, m.lay.width-8))
			ti.SetValue(v.entries[v.sel].Note)
			v.note, v.editing = &ti, true
			return v.note.Focus()
		}
		m.noEntryKey(msg)
	default:
		m.overlayNoKey(msg, "j/k move · y copies · e edits the note · esc closes")
	}
	return nil
}

// bookmarksPage is the Bookmarks layer's list: three lines an entry, the
// last its note.
func (m *Model) bookmarksPage() overlayPage {
	v := &m.marks
	p := overlayPage{heading: " Bookmarks · y copies with citation · e edits the note · esc closes", per: 3, n: len(v.entries)}
	switch {
	case v.loading:
		p.note = " reading your bookmarks…"
	case v.err != "":
		p.note = " " + oneLine(v.err)
	case len(v.entries) == 0:
		p.note = " no bookmarks yet: press * on an item to keep it"
	}
	st := m.st
	p.row = func(i int, selected bool, w int) []string {
		e := v.entries[i]
		marker, title := "  ", st.List.Item
		if selected {
			marker, title = "▸ ", st.List.Selected
		}
		head := oneLine(e.Title)
		if e.Missing != "" {
			head = oneLine(e.Ref.String()) + ": " + oneLine(e.Missing)
		}
		second := oneLine(e.BriefingTitle)
		if len(e.Citations) > 0 {
			second += " · " + oneLine(e.Citations[0])
		}
		third := "note: " + oneLine(e.Note)
		if e.Note == "" {
			third = "no note (e adds one)"
		}
		if selected && v.editing {
			third = v.note.View()
		}
		return []string{st.List.Marker.Render(marker) + title.Render(truncate(head, w-2)),
			"  " + st.List.Meta.Render(truncate(second, w-2)),
			"  " + truncate(third, w-2)}
	}
	return p
}

// loaded takes the bookmarks, or the error that kept them.
func (v *bookmarksView) loaded(entries []services.BookmarkEntry, err error) {
	v.entries = entries
	v.listOverlay.loaded(err)
}

// noteSaved says whether the note was saved, and shows it when it was.
func (m *Model) noteSaved(msg noteSavedMsg) {
	if msg.err != nil {
		m.status = status{text: "could not save the note: " + oneLine(msg.err.Error()), warn: true}
	} else if m.marks.setNote(msg.i, msg.note) {
		m.status = status{text: "note saved"}
	}
}

// Editing reports whether a note is being typed: the keys and the mouse
// are the note's.
func (v *bookmarksView) Editing() bool { return v.editing }

// setNote shows entry i's note as saved; false when the list no longer
// has entry i.
func (v *bookmarksView) setNote(i int, note string) bool {
	if i >= len(v.entries) {
		return false
	}
	v.entries[i].Note = note
	return true
}
