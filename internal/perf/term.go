package perf

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The harness plays a modern terminal, dark unless asked for a light one:
// it answers every query Bubble Tea and its programs send, at once, the
// way ghostty, kitty or WezTerm would. Nothing a program does waits on a reply that never
// comes, and the background-colour answer arrives as fast as it would in
// a local terminal.
const (
	// replyDA1 is the primary device attributes: a VT220 with ANSI colour.
	replyDA1 = "\x1b[?62;22c"
	// replyDA2 is the secondary device attributes, as xterm sends them.
	replyDA2 = "\x1b[>41;390;0c"
	// replyVersion is the XTVERSION answer, a DCS string.
	replyVersion = "\x1bP>|brief-perf-harness 1\x1b\\"
	// foreground and background are the answers to OSC 10 and 11 of the
	// dark terminal; the light one swaps them.
	foreground = "rgb:d8d8/d8d8/d8d8"
	background = "rgb:1e1e/1e1e/1e1e"
	// modeSynchronizedOutput is reported as supported (and off), so Bubble
	// Tea wraps each frame after the first in begin/end-synchronized-update
	// marks, as it does in the terminals that support it.
	modeSynchronizedOutput = 2026
)

// responder reads what a program writes to its terminal, finds the queries
// in it and gives the answers a terminal would. It keeps the state a
// terminal keeps for its answers: the kitty keyboard flags the program
// pushed, so that keys can be encoded as the program asked for them.
// Sequences may be split across writes; the parser keeps its state.
type responder struct {
	parser *ansi.Parser
	// fg and bg are the colours reported.
	fg, bg string
	// kitty is the kitty keyboard protocol's stack of flags; the top one
	// is in force.
	kitty []int
	// cursor returns the cursor position (1-based) for a position report.
	cursor func() (row, col int)
	// out collects the replies to one piece of output.
	out bytes.Buffer
}

func newResponder(cursor func() (row, col int), light bool) *responder {
	r := &responder{cursor: cursor, parser: ansi.NewParser(), fg: foreground, bg: background}
	if light {
		r.fg, r.bg = background, foreground
	}
	r.parser.SetDataSize(256) // queries are short; longer strings are cut
	r.parser.SetHandler(ansi.Handler{
		HandleCsi: r.csi,
		HandleOsc: r.osc,
		HandleDcs: r.dcs,
	})
	return r
}

// answer parses program output and returns the replies to the queries in
// it, nil when there are none.
func (r *responder) answer(p []byte) []byte {
	r.parser.Parse(p)
	if r.out.Len() == 0 {
		return nil
	}
	replies := bytes.Clone(r.out.Bytes())
	r.out.Reset()
	return replies
}

// kittyFlags is the kitty keyboard flags in force.
func (r *responder) kittyFlags() int {
	if len(r.kitty) == 0 {
		return 0
	}
	return r.kitty[len(r.kitty)-1]
}

// csi answers the control sequences that query the terminal. It goes by
// the final byte first: each family of queries (attributes, status, modes,
// keyboard) then checks its own prefix and parameters.
func (r *responder) csi(cmd ansi.Cmd, params ansi.Params) {
	first, _, _ := params.Param(0, 0)
	switch prefix, final := cmd.Prefix(), cmd.Final(); final {
	case 'c':
		r.deviceAttributes(prefix, first)
	case 'n':
		r.deviceStatus(prefix, first)
	case 'p':
		if cmd.Intermediate() == '$' { // DECRQM, private (?) or ANSI
			r.reportMode(prefix, first)
		}
	case 'q':
		if prefix == '>' && first == 0 {
			r.out.WriteString(replyVersion)
		}
	case 'u':
		r.kittyKeyboard(prefix, params)
	}
}

// deviceAttributes answers DA1 (CSI c) and DA2 (CSI > c).
func (r *responder) deviceAttributes(prefix byte, first int) {
	switch {
	case prefix == 0 && first == 0:
		r.out.WriteString(replyDA1)
	case prefix == '>' && first == 0:
		r.out.WriteString(replyDA2)
	}
}

// deviceStatus answers a status report (CSI 5n) and a cursor position
// report (CSI 6n, or CSI ? 6n for DECXCPR).
func (r *responder) deviceStatus(prefix byte, first int) {
	switch {
	case prefix == 0 && first == 5:
		r.out.WriteString("\x1b[0n") // "ready, no malfunction"
	case first == 6:
		row, col := r.cursor()
		if prefix == '?' {
			fmt.Fprintf(&r.out, "\x1b[?%d;%d;1R", row, col)
		} else {
			fmt.Fprintf(&r.out, "\x1b[%d;%dR", row, col)
		}
	}
}

// reportMode answers DECRQM: synchronized output is known (and reset),
// every other mode is not recognized.
func (r *responder) reportMode(prefix byte, first int) {
	setting := ansi.ModeNotRecognized
	if prefix == '?' && first == modeSynchronizedOutput {
		setting = ansi.ModeReset
	}
	if prefix == '?' {
		r.out.WriteString(ansi.ReportMode(ansi.DECMode(first), setting))
	} else {
		r.out.WriteString(ansi.ReportMode(ansi.ANSIMode(first), setting))
	}
}

// kittyKeyboard follows the kitty keyboard protocol: push (CSI > flags u),
// pop (CSI < n u), set (CSI = flags ; mode u) and query (CSI ? u).
func (r *responder) kittyKeyboard(prefix byte, params ansi.Params) {
	first, _, _ := params.Param(0, 0)
	switch prefix {
	case '?':
		fmt.Fprintf(&r.out, "\x1b[?%du", r.kittyFlags())
	case '>':
		r.kitty = append(r.kitty, first)
	case '<':
		n, _, _ := params.Param(0, 1)
		r.kitty = r.kitty[:max(0, len(r.kitty)-n)]
	case '=':
		mode, _, _ := params.Param(1, 1)
		if len(r.kitty) == 0 {
			r.kitty = append(r.kitty, 0)
		}
		top := &r.kitty[len(r.kitty)-1]
		switch mode {
		case 1:
			*top = first
		case 2:
			*top |= first
		case 3:
			*top &^= first
		}
	}
}

func (r *responder) osc(cmd int, data []byte) {
	_, arg, _ := strings.Cut(string(data), ";")
	if arg != "?" {
		return
	}
	switch cmd {
	case 10:
		r.out.WriteString("\x1b]10;" + r.fg + "\x07")
	case 11:
		r.out.WriteString("\x1b]11;" + r.bg + "\x07")
	case 12:
		r.out.WriteString("\x1b]12;" + r.fg + "\x07")
	}
}

// dcs answers XTGETTCAP (DCS + q names ST): no capability is known.
func (r *responder) dcs(cmd ansi.Cmd, _ ansi.Params, _ []byte) {
	if cmd.Intermediate() == '+' && cmd.Final() == 'q' {
		r.out.WriteString("\x1bP0+r\x1b\\")
	}
}

// legacyKeys are the bytes a terminal sends for named keys without the
// kitty keyboard protocol.
var legacyKeys = map[string]string{
	"enter":     "\r",
	"tab":       "\t",
	"shift+tab": "\x1b[Z",
	"esc":       "\x1b",
	"backspace": "\x7f",
	"space":     " ",
	"up":        "\x1b[A",
	"down":      "\x1b[B",
	"right":     "\x1b[C",
	"left":      "\x1b[D",
	"home":      "\x1b[H",
	"end":       "\x1b[F",
	"pgup":      "\x1b[5~",
	"pgdown":    "\x1b[6~",
	"ctrl+c":    "\x03",
	"ctrl+d":    "\x04",
	"ctrl+u":    "\x15",
	"ctrl+o":    "\x0f",
}

// disambiguatedKeys are the keys the kitty protocol's first flag
// ("disambiguate escape codes") sends differently.
var disambiguatedKeys = map[string]string{
	"esc":    "\x1b[27u",
	"ctrl+c": "\x1b[99;5u",
	"ctrl+d": "\x1b[100;5u",
	"ctrl+u": "\x1b[117;5u",
	"ctrl+o": "\x1b[111;5u",
}

// encodeKey gives the bytes a terminal sends for a key, named as Bubble
// Tea names it ("j", "enter", "esc", "ctrl+c", "shift+tab"), under the
// kitty keyboard flags in force. Text that is not a key name is sent as
// typed.
func encodeKey(name string, kittyFlags int) string {
	if kittyFlags&ansi.KittyDisambiguateEscapeCodes != 0 {
		if seq, ok := disambiguatedKeys[name]; ok {
			return seq
		}
	}
	if seq, ok := legacyKeys[name]; ok {
		return seq
	}
	return name
}
