package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// fuzzKeys are the named keys the fuzzer presses; other bytes become
// printable characters.
var fuzzKeys = []string{
	"j", "k", "g", "G", "h", "l", "enter", "esc", "tab", "shift+tab", "backspace", "ctrl+o",
	"[", "]", "s", "o", "y", "m", "?", "/", "n", "N", "space", "pgup", "pgdown", "ctrl+d",
	"ctrl+u", "home", "end", "up", "down", "left", "right", "1", "2", "3", "4", "5", "6",
	"ctrl+n", "ctrl+p", "q", "ctrl+c",
}

// FuzzUpdate feeds the root model random keys, clicks, wheel turns and
// resizes from 1×1 to 400×120: it must never panic, and every frame must
// fit the terminal. The seed corpus is in testdata/fuzz/FuzzUpdate.
func FuzzUpdate(f *testing.F) {
	f.Add([]byte{0, 2, 0, 6, 0, 7, 0, 14, 0, 14, 0, 7, 3, 0, 0, 3, 255, 255})
	f.Add([]byte{0, 19, 1, 'g', 1, 'i', 1, 'a', 0, 6, 0, 20, 0, 20, 0, 7})
	f.Add([]byte{2, 10, 5, 0, 2, 60, 8, 1, 3, 20, 10, 0, 34, 0, 6, 0, 14, 0, 14, 0, 11})
	// Every run starts from the same model, sized and indexed; the copies
	// share its render cache, which only ever holds what any of them
	// would render.
	base := newTestModel(f, 80, 24).m
	base.open = func(string) error { return nil }
	f.Fuzz(func(t *testing.T, in []byte) {
		tt := &tester{t: t, m: base}
		w, h := 80, 24
		for i := 0; i+1 < len(in); {
			op, arg := in[i]%4, in[i+1]
			i += 2
			var msg tea.Msg
			switch op {
			case 0:
				msg = keyMsg(fuzzKeys[int(arg)%len(fuzzKeys)])
			case 1:
				r := rune(arg)
				if r < ' ' || (r >= 0x7f && r < 0xa0) {
					r = 'x'
				}
				msg = tea.KeyPressMsg{Code: r, Text: string(r)}
			case 2:
				if i+1 >= len(in) {
					return
				}
				ms := tea.Mouse{X: int(arg) % (w + 2), Y: int(in[i]) % (h + 2)}
				switch in[i+1] % 3 {
				case 0:
					ms.Button = tea.MouseLeft
					msg = tea.MouseClickMsg(ms)
				case 1:
					ms.Button = tea.MouseWheelDown
					msg = tea.MouseWheelMsg(ms)
				default:
					ms.Button = tea.MouseWheelUp
					msg = tea.MouseWheelMsg(ms)
				}
				i += 2
			case 3:
				if i >= len(in) {
					return
				}
				w, h = 1+int(arg)*400/256, 1+int(in[i])*120/256
				i++
				msg = tea.WindowSizeMsg{Width: w, Height: h}
			}
			tt.send(msg)
			checkFits(t, tt.m.View().Content, w, h)
		}
	})
}
