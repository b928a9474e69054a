// Package input is the one path from a terminal's bytes to a reader's
// messages, for the local reader and every `brief serve` session: a guard
// that bounds what a client may make the terminal parser hold, the parser
// (ultraviolet's terminal reader), and a pump that hands its events to the
// program and turns a panic anywhere on that path into an error.
package input

import "time"

// Limits bound what one terminal may send. Zero fields take the defaults.
type Limits struct {
	// BytesPerSecond is how fast input is read; a client sending faster
	// is slowed down (its bytes wait in the connection), nothing is
	// dropped. 0 reads as fast as the bytes come (the local reader).
	BytesPerSecond int
	// Burst is how many bytes may arrive at once above that rate.
	Burst int
	// MaxPaste is the most of one bracketed paste that reaches the
	// reader; the rest is dropped and the reader told.
	MaxPaste int
	// MaxEscape is the longest escape sequence (CSI, OSC, DCS, APC, PM,
	// SOS) passed on; a longer one is dropped whole, unread.
	MaxEscape int
	// EventsPerSecond is how many events (keys, mouse, a paste) reach the
	// reader a second, past a burst of EventBurst; past it the input
	// waits, as past BytesPerSecond. 0 sends them as they come (the local
	// reader).
	EventsPerSecond, EventBurst int
}

// Defaults. A search query or a note is a line; a terminal's longest
// reply the reader asks for (the background colour) is about 30 bytes.
const (
	DefaultBytesPerSecond = 64 << 10
	DefaultBurst          = 256 << 10
	DefaultMaxPaste       = 4 << 10
	DefaultMaxEscape      = 1 << 10
	// DefaultEventsPerSecond is above a person: key repeat is 30–50 a
	// second; a mouse sweep or a trackpad's scroll, up to about 125 for a
	// moment, fits in the burst (twice as many). Each event costs the
	// reader a frame, up to 2 ms at 320×120.
	DefaultEventsPerSecond = 100
	DefaultEventBurst      = 200
)

// Served are the limits of a `brief serve` session.
func Served() Limits {
	return Limits{BytesPerSecond: DefaultBytesPerSecond, Burst: DefaultBurst, EventsPerSecond: DefaultEventsPerSecond, EventBurst: DefaultEventBurst}.withDefaults()
}

// Local are the limits of the local reader: no rate, the same sizes.
func Local() Limits { return Limits{}.withDefaults() }

func (l Limits) withDefaults() Limits {
	if l.BytesPerSecond > 0 && l.Burst <= 0 {
		l.Burst = max(DefaultBurst, l.BytesPerSecond)
	}
	if l.EventsPerSecond > 0 && l.EventBurst <= 0 {
		l.EventBurst = l.EventsPerSecond
	}
	if l.MaxPaste <= 0 {
		l.MaxPaste = DefaultMaxPaste
	}
	if l.MaxEscape <= 0 {
		l.MaxEscape = DefaultMaxEscape
	}
	return l
}

// FlushDelay is how long the guard holds the start of a sequence or of a
// character waiting for the rest: a lone ESC is then passed on (the Escape
// key), anything else unfinished is dropped.
const FlushDelay = 30 * time.Millisecond

const (
	esc = 0x1b
	bel = 0x07
	can = 0x18
	sub = 0x1a
	st8 = 0x9c
)

var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// maxParams is where the parser stops reading a CSI's parameters: past it,
// it reads the rest as an unknown sequence, as it does any malformed one.
const maxParams = 32

type guardState uint8

const (
	ground   guardState = iota
	escaped             // ESC held
	csi                 // a CSI held
	ss3                 // an SS3 (ESC O) held
	str                 // an OSC, DCS, APC, PM or SOS held
	strEsc              // … and an ESC in it: ST if a backslash follows
	dropping            // in a sequence dropped whole, to its end
	dropEsc             // … and an ESC in it
	pasting             // in a bracketed paste
)

// guard filters a terminal's bytes before the parser (ultraviolet's
// decoder) sees them, so that the parser never holds more than a few bytes
// it cannot read yet. The parser holds everything from the first thing it
// cannot read (an unfinished or malformed sequence, invalid UTF-8) until
// 50 ms pass without input, re-scanning it all on every read: a client
// that never pauses would make it hold, and scan, without end. So the guard
// passes only what the parser reads whole: an escape sequence once it is
// complete and well formed (up to MaxEscape bytes; longer ones, malformed
// ones and unfinished ones after FlushDelay are dropped), a character once
// all its bytes are there and valid UTF-8 (invalid bytes are dropped),
// and control bytes at once. A bracketed paste is passed up to MaxPaste
// and cut there. Not safe for concurrent use.
type guard struct {
	lim   Limits
	state guardState
	held  []byte // the unfinished sequence or character
	need  int    // continuation bytes the held character still needs
	osc   bool   // the held string is an OSC (BEL ends it too)
	// in a CSI: separators seen, and whether intermediates began
	params        int
	intermediates bool
	dropCSI       bool // the sequence being dropped is a CSI
	// paste
	kept, dropped int
	endMatch      int // bytes of pasteEnd matched, held
	// cut is the bytes dropped from pastes since the last takeCut.
	cut int
	// pauses are the offsets in the output after which the parser must see
	// a pause (see EscPause).
	pauses []int
}

// EscPause is how long the input stops after an ESC and one byte (alt and
// a key) or a lone ESC: the parser waits for a pause (its 50 ms timeout)
// before it reads those, holding, and re-scanning, all that comes after
// them until then.
const EscPause = 60 * time.Millisecond

func newGuard(lim Limits) *guard {
	return &guard{lim: lim.withDefaults(), held: make([]byte, 0, 64)}
}

// filter appends to out what of in the parser may see.
func (g *guard) filter(out, in []byte) []byte {
	for _, b := range in {
		out = g.byte(out, b)
	}
	return out
}

// pending reports whether the guard holds bytes waiting for more.
func (g *guard) pending() bool {
	return len(g.held) > 0 || (g.state == pasting && g.endMatch > 0)
}

// flush is called after FlushDelay without input: a lone ESC is the Escape
// key; any other unfinished sequence or character is dropped.
func (g *guard) flush(out []byte) []byte {
	switch g.state {
	case escaped:
		out = append(out, esc)
		g.pauses = append(g.pauses, len(out))
		g.state = ground
	case ss3:
		if len(g.held) == 2 { // alt+O
			out = append(out, g.held...)
			g.pauses = append(g.pauses, len(out))
		}
		g.state = ground
	case csi:
		if g.held[len(g.held)-1] == '$' { // URxvt's shift keys: read as they are
			out = append(out, g.held...)
		}
		g.state = ground
	case str, strEsc:
		g.state = ground
	case pasting:
		return out // the paste's end comes in its own time
	}
	g.held, g.need = g.held[:0], 0
	return out
}

func (g *guard) byte(out []byte, b byte) []byte {
	switch g.state {
	case escaped:
		return g.afterEsc(out, b)
	case csi:
		return g.inCSI(out, b)
	case ss3:
		return g.inSS3(out, b)
	case str:
		return g.inString(out, b)
	case strEsc:
		return g.inStringEsc(out, b)
	case dropping, dropEsc:
		return g.inDropped(out, b)
	case pasting:
		return g.inPaste(out, b)
	}
	return g.inGround(out, b)
}

func (g *guard) inGround(out []byte, b byte) []byte {
	if b == esc && g.need == 0 {
		g.state, g.held = escaped, append(g.held[:0], b)
		return out
	}
	return g.utf8(out, b, func(out []byte, b byte) []byte { return append(out, b) })
}

// utf8 passes b through keep once it completes a valid character: ASCII at
// once, a multi-byte character when its last byte comes. Invalid bytes are
// dropped, and a byte that breaks a character is read again on its own.
func (g *guard) utf8(out []byte, b byte, keep func([]byte, byte) []byte) []byte {
	if g.need > 0 {
		if continues(g.held, b) {
			g.held = append(g.held, b)
			if g.need--; g.need == 0 {
				for _, c := range g.held {
					out = keep(out, c)
				}
				g.held = g.held[:0]
			}
			return out
		}
		g.held, g.need = g.held[:0], 0
		if g.state == ground && b == esc {
			return g.inGround(out, b)
		}
	}
	switch {
	case b < 0x80:
		return keep(out, b)
	case b >= 0xc2 && b <= 0xdf:
		g.need = 1
	case b >= 0xe0 && b <= 0xef:
		g.need = 2
	case b >= 0xf0 && b <= 0xf4:
		g.need = 3
	default:
		return out // not UTF-8 here: a stray continuation, C0, C1, F5–FF
	}
	g.held = append(g.held[:0], b)
	return out
}

// continues reports whether b may follow the bytes held of a character,
// as utf8.DecodeRune decides (no overlong forms, no surrogates, nothing
// past U+10FFFF).
func continues(held []byte, b byte) bool {
	lo, hi := byte(0x80), byte(0xbf)
	if len(held) == 1 {
		switch held[0] {
		case 0xe0:
			lo = 0xa0
		case 0xed:
			hi = 0x9f
		case 0xf0:
			lo = 0x90
		case 0xf4:
			hi = 0x8f
		}
	}
	return b >= lo && b <= hi
}

func (g *guard) afterEsc(out []byte, b byte) []byte {
	switch b {
	case '[':
		g.state, g.params, g.intermediates = csi, 0, false
	case ']', 'P', '_', '^', 'X':
		g.state, g.osc = str, b == ']'
	case 'O':
		g.state = ss3
	case esc:
		// ESC ESC: the first is the Escape key.
		out = append(out, esc)
		g.pauses = append(g.pauses, len(out))
		return out
	default:
		// ESC and a key: alt and that key.
		g.state, g.held = ground, g.held[:0]
		out = g.inGround(append(out, esc), b)
		g.pauses = append(g.pauses, len(out))
		return out
	}
	g.held = append(g.held, b)
	return out
}

func (g *guard) inCSI(out []byte, b byte) []byte {
	switch {
	case b >= 0x30 && b <= 0x3f && !g.intermediates:
		if b == ';' || b == ':' {
			g.params++
		}
		if g.params >= maxParams {
			return g.drop(out, true)
		}
	case b >= 0x20 && b <= 0x2f:
		g.intermediates = true
	case b >= 0x40 && b <= 0x7e: // the final byte
		g.held = append(g.held, b)
		out = append(out, g.held...)
		g.state = ground
		if string(g.held) == string(pasteStart) {
			g.state, g.kept, g.dropped, g.endMatch = pasting, 0, 0, 0
		}
		g.held = g.held[:0]
		return out
	default:
		// Malformed: the parser would hold it as unknown. URxvt's shift
		// keys end in $ and the parser reads them.
		if g.held[len(g.held)-1] == '$' {
			out = append(out, g.held...)
		}
		g.state, g.held = ground, g.held[:0]
		return g.inGround(out, b)
	}
	g.held = append(g.held, b)
	if len(g.held) > g.lim.MaxEscape {
		return g.drop(out, true)
	}
	return out
}

// inSS3 holds ESC O, digits and one character (F1–F4, keypad keys).
func (g *guard) inSS3(out []byte, b byte) []byte {
	switch {
	case b >= '0' && b <= '9' && len(g.held) < 16:
		g.held = append(g.held, b)
		return out
	case b >= 0x21 && b <= 0x7e:
		out = append(append(out, g.held...), b)
		g.state, g.held = ground, g.held[:0]
		return out
	}
	g.state, g.held = ground, g.held[:0] // malformed
	return g.inGround(out, b)
}

func (g *guard) inString(out []byte, b byte) []byte {
	switch {
	case g.osc && b == bel, b == st8:
		out = append(append(out, g.held...), b)
		g.state, g.held = ground, g.held[:0]
		return out
	case b == can || b == sub:
		g.state, g.held = ground, g.held[:0] // cancelled
		return out
	case b == esc:
		g.state = strEsc
	}
	g.held = append(g.held, b)
	if len(g.held) > g.lim.MaxEscape {
		return g.drop(out, false)
	}
	return out
}

func (g *guard) inStringEsc(out []byte, b byte) []byte {
	if b == '\\' {
		out = append(append(out, g.held...), b)
		g.state, g.held = ground, g.held[:0]
		return out
	}
	// The string broke off at that ESC, which starts what comes next.
	g.state, g.held = escaped, append(g.held[:0], esc)
	return g.afterEsc(out, b)
}

// drop drops the sequence held and the rest of it as it comes.
func (g *guard) drop(out []byte, isCSI bool) []byte {
	g.state, g.dropCSI, g.held = dropping, isCSI, g.held[:0]
	return out
}

// inDropped drops bytes to where the sequence would have ended.
func (g *guard) inDropped(out []byte, b byte) []byte {
	switch {
	case g.state == dropEsc:
		return g.afterDroppedEsc(out, b)
	case g.dropCSI:
		return g.inDroppedCSI(out, b)
	case b == esc:
		g.state = dropEsc
	case b == st8 || b == can || b == sub || b == bel:
		g.state = ground
	}
	return out
}

// afterDroppedEsc ends a dropped string at ST; any other ESC starts what
// comes next.
func (g *guard) afterDroppedEsc(out []byte, b byte) []byte {
	g.state = ground
	if b == '\\' {
		return out
	}
	g.state, g.held = escaped, append(g.held[:0], esc)
	return g.afterEsc(out, b)
}

// inDroppedCSI ends a dropped CSI at its final byte, or at a byte that
// cannot be in one, which is read again.
func (g *guard) inDroppedCSI(out []byte, b byte) []byte {
	switch {
	case b == esc || b < 0x20 || b > 0x7e:
		g.state = ground
		return g.inGround(out, b)
	case b >= 0x40:
		g.state = ground
	}
	return out
}

// inPaste passes the paste's first MaxPaste bytes (whole characters, no
// ESC), drops the others and watches for the end marker, holding back what
// may be its start.
func (g *guard) inPaste(out []byte, b byte) []byte {
	if b == esc && g.need > 0 {
		g.held, g.need = g.held[:0], 0 // a character cut short
	}
	if b == pasteEnd[g.endMatch] {
		g.endMatch++
		if g.endMatch == len(pasteEnd) {
			g.state, g.endMatch = ground, 0
			g.cut += g.dropped
			return append(out, pasteEnd...)
		}
		return out
	}
	if g.endMatch > 0 {
		// Not the end after all. Its ESC is dropped: pasted text needs
		// none, and the parser would wait for a pause after ESC and a
		// key, holding all that follows.
		held := pasteEnd[1:g.endMatch]
		g.endMatch = 0
		for _, h := range held {
			out = g.utf8(out, h, g.keep)
		}
		if b == esc {
			g.endMatch = 1
			return out
		}
	}
	return g.utf8(out, b, g.keep)
}

// keep passes one byte of a paste, or drops it past MaxPaste; a character
// arrives here whole, so it is kept or dropped whole.
func (g *guard) keep(out []byte, b byte) []byte {
	if g.kept >= g.lim.MaxPaste && (b < 0x80 || b >= 0xc0) {
		g.dropped++
		return out
	}
	if g.kept >= g.lim.MaxPaste && g.dropped > 0 {
		g.dropped++ // the rest of a character whose first byte was dropped
		return out
	}
	g.kept++
	return append(out, b)
}

// takePauses returns the pause offsets of the last output and forgets them.
func (g *guard) takePauses() []int {
	p := g.pauses
	g.pauses = g.pauses[:0]
	return p
}

// takeCut returns and resets the bytes cut from pastes.
func (g *guard) takeCut() int {
	n := g.cut
	g.cut = 0
	return n
}
