package input_test

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/input"
	"github.com/brief-reader/brief/ui"
)

// FuzzInput sends arbitrary bytes down the real input path, the guard and
// the terminal parser, into the reader's model, local and served, as a
// terminal or an SSH client would type them. Nothing may panic. The seed
// corpus (testdata/fuzz/FuzzInput) holds the 33-parameter CSI that crashed
// x/ansi v0.11.9. To fuzz:
//
//	go test ./internal/input -run='^$' -fuzz='^FuzzInput$' -fuzztime=5m -parallel 1
func FuzzInput(f *testing.F) {
	b, err := data.Embedded()
	if err != nil {
		f.Fatal(err)
	}
	shared := ui.NewShared(b)
	for _, s := range []string{
		"\x1b[" + strings.Repeat(";", 32) + "1m",
		"/hanoi\r\x1b", "jjjj\r\x1b[B\x1b[6~q", "\x1b[200~convention\x1b[201~",
		"\x1b]11;rgb:0000/0000/0000\x07", "\x1b[<0;10;5M\x1b[<64;10;5M", "\x9b" + strings.Repeat("9", 40) + "m",
		"\x1bP" + strings.Repeat("x", 2000), "\xff\xfe\xc3", "/\x1b[200~" + strings.Repeat("é", 3000) + "\x1b[201~",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, opts := range []ui.Options{{}, {Remote: true, Shared: shared}} {
			var m tea.Model = ui.New(b, opts)
			m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			err := input.Pump(ctx, strings.NewReader(string(in)), "xterm-256color", input.Local(), func(msg tea.Msg) {
				m, _ = m.Update(msg)
				_ = m.View()
			})
			cancel()
			if err != nil {
				t.Fatalf("remote %v: %v", opts.Remote, err)
			}
		}
	})
}
