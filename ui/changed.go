package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/bookmarks"
	"github.com/brief-reader/brief/internal/services"
	"github.com/brief-reader/brief/internal/worddiff"
	"github.com/brief-reader/brief/internal/words"
)

// changedView is "what changed since you last read": the items new or
// changed in this edition, as they were at launch; enter goes to one.
type changedView struct {
	listOverlay
}

// openChanged is C.
func (m *Model) openChanged() {
	if m.mem.store == nil && len(m.mem.changed) == 0 {
		m.status = status{text: "nothing remembered yet: what changed shows once brief has its state"}
		return
	}
	m.changedView = changedView{}
	m.push(layerChanged)
}

func (m *Model) updateChanged(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	v := &m.changedView
	switch {
	case key.Matches(msg, k.Quit, k.Back, k.ChangedView):
		// q closes this view first, as it does every layer.
		m.drop(layerChanged)
	case m.overlayMove(&v.listOverlay, msg, len(m.mem.changed)):
	case key.Matches(msg, k.Open):
		if v.sel < len(m.mem.changed) {
			ref := m.mem.changed[v.sel]
			m.drop(layerChanged)
			m.mem.changedAt = v.sel + 1
			m.jumpToChange(ref)
			return nil
		}
		m.noEntryKey(msg)
	default:
		m.overlayNoKey(msg, "j/k move · enter goes there · esc closes")
	}
	return nil
}

// jumpToChange goes to a changed or new item; when its page opens with
// the word diff of what changed (at the top, above the item's own block
// on a speaker's page), the page shows from there.
func (m *Model) jumpToChange(ref data.Ref) bool {
	if !m.jump(ref) {
		return false
	}
	if _, ok := m.cache.before[ref]; ok {
		m.tabs[m.active].detail.Top()
	}
	return true
}

// changedPage is the What-changed layer's list: an item's title, then
// the gist of what changed in it.
func (m *Model) changedPage() overlayPage {
	refs := m.mem.changed
	st := m.st
	nNew := len(m.mem.fresh)
	p := overlayPage{heading: " What changed since you last read: " + strconv.Itoa(len(refs)-nNew) + " changed, " + strconv.Itoa(nNew) + " new · enter goes there · esc closes",
		per: 2, n: len(refs)}
	if len(refs) == 0 {
		p.note = " " + m.nothingChanged()
	}
	p.row = func(i int, selected bool, w int) []string {
		ref := refs[i]
		marker, text := "~ ", st.List.Item
		if m.mem.fresh[ref] {
			marker = "+ "
		}
		if selected {
			marker, text = "▸ ", st.List.Selected
		}
		title, _ := bookmarks.Describe(m.b, ref)
		if !m.b.Has(ref) {
			title = ref.String()
		}
		return []string{
			st.List.Marker.Render(marker) + text.Render(truncate(string(ref.Kind)+"  "+oneLine(title), w-2)),
			"    " + st.List.Meta.Render(truncate(m.changeGist(ref), w-4)),
		}
	}
	return p
}

// changesMarkdown is the block a changed item's page opens with: its
// words as they are now, those removed since the reader last saw it
// struck through in [- -] and those added in {+ +} as a code span, which
// the theme sets in bold and the accent (glamourStyle), so the marks read
// without colour too.
func changesMarkdown(old, now string) string {
	spans := worddiff.Words(old, now)
	added, removed := worddiff.Count(spans)
	var sb strings.Builder
	sb.WriteString("**Changed since you last read it** (" + words.Count(added, "word") + " added, " + strconv.Itoa(removed) + " removed):\n\n")
	for i, sp := range spans {
		if i > 0 {
			sb.WriteString(" ")
		}
		switch sp.Op {
		case worddiff.Removed:
			sb.WriteString("~~[-" + mdText(sp.Text) + "-]~~")
		case worddiff.Added:
			sb.WriteString(codeSpan("{+" + clean(sp.Text) + "+}"))
		default:
			sb.WriteString(mdText(sp.Text))
		}
	}
	return sb.String()
}

// changeGist is the What-changed view's one line about ref: new, or how
// many words changed and the first words added or removed.
func (m *Model) changeGist(ref data.Ref) string {
	if m.mem.fresh[ref] {
		return "new in this edition"
	}
	old, ok := m.mem.before[ref]
	if !ok {
		return "changed; its earlier words were not kept"
	}
	spans := worddiff.Words(old, services.ItemText(m.b, ref))
	added, removed := worddiff.Count(spans)
	return "+" + strconv.Itoa(added) + " −" + strconv.Itoa(removed) + " words" + firstChange(spans)
}

// firstChange is the first place the words changed: “old” → “new”, or
// what was added or dropped there.
func firstChange(spans []worddiff.Span) string {
	for i, sp := range spans {
		switch {
		case sp.Op == worddiff.Removed && i+1 < len(spans) && spans[i+1].Op == worddiff.Added:
			return ": “" + oneLine(sp.Text) + "” → “" + oneLine(spans[i+1].Text) + "”"
		case sp.Op == worddiff.Removed:
			return ": drops “" + oneLine(sp.Text) + "”"
		case sp.Op == worddiff.Added:
			return ": adds “" + oneLine(sp.Text) + "”"
		}
	}
	return ""
}

// codeSpan is s as a Markdown code span, shown as written: its fence is
// longer than any run of backticks in s, and a space pads s where it
// starts or ends with one.
func codeSpan(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
