package ui

import (
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/gen"
	"github.com/brief-reader/brief/internal/services"
)

// BenchmarkView measures assembling a frame of each tab from the caches.
func BenchmarkView(b *testing.B) {
	for id := range tabCount {
		b.Run(id.String(), func(b *testing.B) {
			tt := newTestModel(b, 120, 40)
			tt.press(itoa(int(id) + 1))
			b.ReportAllocs()
			for b.Loop() {
				_ = tt.m.View()
			}
		})
	}
}

// BenchmarkUpdate measures one key, moving in the sessions list, with the
// pages already rendered (the steady state of reading).
func BenchmarkUpdate(b *testing.B) {
	tt := newTestModel(b, 120, 40)
	tt.press("3")
	for range tt.m.tabs[tabSessions].list.Len() {
		tt.press("j")
	}
	down, up := keyMsg("j"), keyMsg("k")
	m := tea.Model(tt.m)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		msg := down
		if (i/8)%2 == 1 {
			msg = up
		}
		m, _ = m.Update(msg)
		i++
	}
}

// BenchmarkRenderPage measures rendering a page with Glamour, uncached.
func BenchmarkRenderPage(b *testing.B) {
	br := testBriefing(b)
	st := newStyles(true, false)
	c := newRenderCache(br, &st)
	ref := tt0Ref(br)
	b.ReportAllocs()
	for b.Loop() {
		c.reset()
		_ = c.get(ref, 80)
	}
}

func tt0Ref(b *data.Briefing) data.Ref { return data.Ref{Kind: data.KindSpeaker, ID: b.Speakers[0].ID} }

// BenchmarkFirstFrameLarge measures, on a generated 10,000-item briefing,
// what happens before the first frame: the model (with a memory to open,
// as the reader has, so every item is marked unseen until it arrives),
// the first size, the first View.
func BenchmarkFirstFrameLarge(b *testing.B) {
	br := gen.Briefing(10000, 1)
	opts := Options{Style: StyleDark, OpenMemory: func() services.Loaded { return services.Loaded{} }}
	b.ReportAllocs()
	for b.Loop() {
		m, _ := New(br, opts).Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		_ = m.View()
	}
}

// BenchmarkLargeTabs measures switching to each tab and moving once, on a
// generated 10,000-item briefing.
func BenchmarkLargeTabs(b *testing.B) {
	br := gen.Briefing(10000, 1)
	for id := range tabCount {
		b.Run(id.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var m tea.Model = New(br, Options{Style: StyleDark})
				m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				m, _ = m.Update(keyMsg(itoa(int(id) + 1)))
				m, _ = m.Update(keyMsg("j"))
				_ = m.View()
			}
		})
	}
}

// BenchmarkFirstFrame measures what happens before the first frame on the
// embedded briefing (the model, the first size, the first View) and, as
// light, what a light terminal's answer adds after it: the page on screen
// rendered again in the light theme.
func BenchmarkFirstFrame(b *testing.B) {
	br := testBriefing(b)
	b.Run("dark", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m, _ := New(br, Options{Style: StyleDark}).Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			_ = m.View()
		}
	})
	b.Run("light", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m, _ := New(br, Options{}).Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m, _ = m.Update(tea.BackgroundColorMsg{Color: color.White})
			_ = m.View()
		}
	})
}
