package ui

import "github.com/brief-reader/brief/data"

// readingOrder is every row a reader can open, in the order they read:
// tab by tab, each list from the top (a speaker row stands for its
// statements).
func (m *Model) readingOrder() []data.Ref {
	var out []data.Ref
	for i := range m.tabs {
		t := &m.tabs[i]
		if !t.hasList() {
			out = append(out, data.Ref{Kind: data.KindOverview})
			continue
		}
		m.buildTab(t)
		out = append(out, t.list.Refs()...)
	}
	return out
}

// nextUnread is U: go to the next row, after the one shown, in reading
// order, that holds something not read in its current content (unseen,
// new or changed), and say how many are left.
func (m *Model) nextUnread() {
	if m.mem.marks.Unseen == nil {
		m.status = status{text: "brief remembers nothing this time, so it cannot tell what you have read"}
		return
	}
	order := m.readingOrder()
	var unread []int
	for i, r := range order {
		if m.markOf(r) != "" {
			unread = append(unread, i)
		}
	}
	if len(unread) == 0 {
		m.status = status{text: "you have read everything in this briefing: nothing unread is left"}
		return
	}
	here, _ := m.tabs[m.active].current()
	pos := -1
	for i, r := range order {
		if r == here {
			pos = i
		}
	}
	next := unread[0]
	for _, i := range unread {
		if i > pos {
			next = i
			break
		}
	}
	ref := order[next]
	if !m.jump(ref) {
		return
	}
	left := len(unread) - 1
	m.status = status{text: "unread: " + m.titleOf(ref) + " · " + itoa(left) + " more unread after it (U goes on)"}
}
