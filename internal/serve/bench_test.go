package serve

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/brief-reader/brief/ui"
)

// BenchmarkServedKey measures what the server does for one key of the load
// test (tab, to the next tab, every tab visited before) in a 256-colour
// session of each common size: the reader's Update and View, and the frame
// Bubble Tea's renderer draws from it, as the program's ticker does.
// Without the SSH write and the scheduling around it.
func BenchmarkServedKey(b *testing.B) {
	sh := testShared(b)
	for _, size := range commonSizes {
		w, h := size[0], size[1]
		b.Run(fmt.Sprintf("%dx%d", w, h), func(b *testing.B) {
			var m tea.Model = newServed256(ui.New(sh.Briefing(), ui.Options{Style: ui.StyleDark, Remote: true, Shared: sh}))
			m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			m, _ = m.Update(tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
			r := newRendered(colorprofile.TrueColor, w, h)
			for range 2 * 8 {
				m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
				r.frame(m.View().Content)
			}
			var out int
			b.ReportAllocs()
			for b.Loop() {
				m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
				out += len(r.frame(m.View().Content))
			}
			b.ReportMetric(float64(out)/float64(b.N), "bytes/frame")
		})
	}
}
