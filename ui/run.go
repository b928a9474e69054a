// Package ui is the terminal reader: a Bubble Tea v2 program over one
// briefing. It never opens files; main hands it a loaded briefing.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/input"
	"github.com/brief-reader/brief/internal/services"
)

// Style picks the colour theme; StyleAuto follows the terminal's background.
type Style int

// The styles --style accepts.
const (
	StyleAuto Style = iota
	StyleDark
	StyleLight
	StyleNoTTY
)

// Options configure the reader.
type Options struct {
	Style Style
	// Remote is set when the reader runs for a client on another machine
	// (brief serve): o shows a source's address instead of starting a
	// browser on this host.
	Remote bool
	// Shared, when set, holds the search index and rendered pages that
	// every reader of the same briefing uses; see NewShared.
	Shared *Shared
	// OpenMemory opens what the reader remembers of this briefing. It
	// runs in a command once the first frame has been written, never
	// before; until it returns, every item counts as unseen. nil
	// remembers nothing.
	OpenMemory func() services.Loaded
	// Library is the library of briefings for the Briefings view (B);
	// nil leaves the view out.
	Library services.Library
	// Env is the terminal's environment. With StyleAuto, COLORFGBG in it
	// picks the theme the reader starts with, until (and unless) the
	// terminal answers the background query: tmux and many ssh sessions
	// never do.
	Env []string
	// NoMouse starts with the mouse released to the terminal (m toggles).
	NoMouse bool
	// MaxWidth caps the width detail text wraps at; 0 is the default,
	// DefaultMaxWidth.
	MaxWidth int
	// BriefingID is the library id of the briefing shown ("builtin" for
	// the embedded one; "" for a bundle opened by path), so a search of
	// all briefings knows which hits are here.
	BriefingID string
}

// crashReport follows Bubble Tea's panic trace. It names no address: brief
// is installed from clones and forks, and the right tracker is theirs.
const crashReport = "\nbrief crashed. The terminal has been restored.\n" +
	"Please report this in the issue tracker of the project you installed brief from,\n" +
	"with the text above, `brief --version`, your terminal, and what you were doing\n" +
	"(the tab, the last keys you pressed).\n"

// ErrCrashed is returned when the reader panicked. The terminal has been
// restored and the report printed on stderr by then.
var ErrCrashed = errors.New("the reader crashed; see the report above")

// Run opens the reader on b and returns when the user quits: nil after q or
// ctrl+c, ctx's error when ctx ends first.
func Run(ctx context.Context, b *data.Briefing, opts Options) error {
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	m := New(b, opts)
	// The profile comes from the environment (NO_COLOR, TERM) and whether
	// stdout is a terminal; no terminal query, so the first frame does not
	// wait. Monochrome from the first frame keeps selections visible.
	profile := colorprofile.Detect(os.Stdout, os.Environ())
	m = m.withProfile(profile)
	var popts []tea.ProgramOption
	if opts.Style == StyleNoTTY {
		popts = append(popts, tea.WithColorProfile(colorprofile.ASCII))
	}
	in, err := openTerminalInput()
	if err != nil {
		return err
	}
	if in == nil { // Bubble Tea reads the console itself (Windows)
		return run(ctx, m, os.Stderr, popts...)
	}
	defer in.close()
	return runWith(ctx, m, os.Stderr, in, popts...)
}

// run runs a program and turns Bubble Tea's errors into the reader's.
func run(ctx context.Context, m tea.Model, stderr io.Writer, popts ...tea.ProgramOption) error {
	return runWith(ctx, m, stderr, nil, popts...)
}

// runWith is run reading keys from in, when not nil, through the input
// path every reader shares (internal/input): bounded, and with a panic
// there recovered, the terminal restored (raw mode, alternate screen,
// mouse, cursor: Bubble Tea's shutdown) and the crash reported, as for a
// panic in the model.
func runWith(ctx context.Context, m tea.Model, stderr io.Writer, in *terminalInput, popts ...tea.ProgramOption) error {
	if in != nil {
		popts = append(popts, tea.WithInput(in.tty))
	}
	p := tea.NewProgram(m, append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithFilter(SaveOnQuit)}, popts...)...)
	var inputPanic atomic.Pointer[input.PanicError]
	if in != nil {
		pumpCtx, stopPump := context.WithCancel(ctx)
		defer stopPump()
		go func() {
			var pe *input.PanicError
			if err := input.Pump(pumpCtx, in.r, in.term, input.Local(), p.Send); errors.As(err, &pe) {
				inputPanic.Store(pe)
				p.Kill() // leaves the alternate screen, mouse modes; shows the cursor
			}
		}()
	}
	final, err := p.Run()
	if s, ok := final.(placeSaver); ok && err != nil && !errors.Is(err, tea.ErrProgramPanic) {
		// Ended without a quit message (its context ended, or the input
		// path was killed): the place is written here, before the store
		// closes.
		s.SavePlace()
	}
	if pe := inputPanic.Load(); pe != nil {
		fmt.Fprintf(stderr, "brief: %v\n", pe)
		fmt.Fprint(stderr, crashReport)
		return ErrCrashed
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, tea.ErrProgramPanic):
		// Bubble Tea has restored the terminal and printed the panic and
		// its stack; say what happened and how to report it.
		fmt.Fprint(stderr, crashReport)
		return ErrCrashed
	case errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return ctx.Err()
	}
	return err
}

// withProfile sets monochrome from a colour profile before the first frame.
func (m Model) withProfile(p colorprofile.Profile) Model {
	mono := m.style == StyleNoTTY || (p != colorprofile.Unknown && p <= colorprofile.ASCII)
	if mono != m.mono {
		m.setTheme(m.dark, mono)
	}
	return m
}

// darkFromEnv reads the terminal's background from COLORFGBG, which rxvt,
// Konsole, iTerm2 and others set to "fg;bg" (or "fg;default;bg") in the
// 16 ANSI colours: 7 and 9–15 are light backgrounds, 0–6 and 8 dark.
// known is false when the variable is absent or says nothing usable.
func darkFromEnv(env []string) (dark, known bool) {
	var v string
	for _, kv := range env {
		if rest, ok := strings.CutPrefix(kv, "COLORFGBG="); ok {
			v = rest
		}
	}
	if v == "" {
		return false, false
	}
	bg, err := strconv.Atoi(v[strings.LastIndexByte(v, ';')+1:])
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	return bg != 7 && bg < 9, true
}
