// Package input is the one path from a terminal's bytes to a reader's
// messages, for the local reader and every `brief serve` session: a guard
// that bounds what a client may make the terminal parser hold, the parser
// (ultraviolet's terminal reader), and a pump that hands its events to the
// program and turns a panic anywhere on that path into an error.
package input

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
}

// Defaults. A search query or a note is a line; a terminal's longest
// reply the reader asks for (the background colour) is about 30 bytes.
const (
	DefaultBytesPerSecond = 64 << 10
	DefaultBurst          = 256 << 10
	DefaultMaxPaste       = 4 << 10
	DefaultMaxEscape      = 1 << 10
)

// Served are the limits of a `brief serve` session.
func Served() Limits {
	return Limits{BytesPerSecond: DefaultBytesPerSecond, Burst: DefaultBurst}.withDefaults()
}

// Local are the limits of the local reader: no rate, the same sizes.
func Local() Limits { return Limits{}.withDefaults() }

func (l Limits) withDefaults() Limits {
	if l.BytesPerSecond > 0 && l.Burst <= 0 {
		l.Burst = max(DefaultBurst, l.BytesPerSecond)
	}
	if l.MaxPaste <= 0 {
		l.MaxPaste = DefaultMaxPaste
	}
	if l.MaxEscape <= 0 {
		l.MaxEscape = DefaultMaxEscape
	}
	return l
}

// The bytes that open and close sequences, 7-bit and 8-bit (C1).
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

type guardState uint8

const (
	ground   guardState = iota
	escaped             // after ESC
	csi                 // in a CSI
	str                 // in an OSC, DCS, APC, PM or SOS
	dropping            // in a sequence over MaxEscape: dropped to its end
	pasting             // in a bracketed paste
)

// guard filters a terminal's bytes before the parser sees them. It passes
// bytes on as they come (a lone ESC is the Escape key once the parser's
// timeout says so) and keeps the parser's own idea of where a sequence
// ends (ultraviolet's decoder: a CSI at its first byte outside parameters
// and intermediates, a string at ESC, ST, CAN or SUB, an OSC also at BEL).
// A sequence that passes MaxEscape is ended there with CAN, which ends
// every sequence for the parser, and the rest of it dropped: the parser
// re-scans what it holds on every read, and an endless OSC would otherwise
// cost it time squared. Pastes past MaxPaste are cut. Not safe for
// concurrent use.
type guard struct {
	lim     Limits
	state   guardState
	seqLen  int     // bytes of the current sequence so far
	head    [8]byte // its first bytes, to know a paste's start
	osc     bool    // the string is an OSC (BEL ends it too)
	dropCSI bool    // the sequence being dropped is a CSI
	utf8    int     // continuation bytes still due after a rune's first byte
	// paste
	kept, dropped int
	endMatch      int // bytes of pasteEnd matched, held back
	// cut is the bytes dropped from pastes since the last takeCut.
	cut int
}

func newGuard(lim Limits) *guard {
	return &guard{lim: lim.withDefaults()}
}

// filter appends to out what of in the parser may see.
func (g *guard) filter(out, in []byte) []byte {
	for _, b := range in {
		out = g.byte(out, b)
	}
	return out
}

func (g *guard) byte(out []byte, b byte) []byte {
	switch g.state {
	case escaped:
		return g.afterEsc(out, b)
	case csi:
		return g.inCSI(out, b)
	case str:
		return g.inString(out, b)
	case dropping:
		return g.inDropped(out, b)
	case pasting:
		return g.inPaste(out, b)
	}
	return g.inGround(out, b)
}

func (g *guard) begin(state guardState, b byte) {
	g.state, g.seqLen = state, 0
	g.add(b)
}

func (g *guard) add(b byte) {
	if g.seqLen < len(g.head) {
		g.head[g.seqLen] = b
	}
	g.seqLen++
}

func (g *guard) inGround(out []byte, b byte) []byte {
	if g.utf8 > 0 && b >= 0x80 && b <= 0xbf {
		g.utf8--
		return append(out, b)
	}
	g.utf8 = 0
	switch {
	case b == esc:
		g.begin(escaped, b)
	case b == 0x9b: // 8-bit CSI
		g.begin(csi, b)
	case b == 0x9d || b == 0x90 || b == 0x9f || b == 0x9e || b == 0x98: // OSC DCS APC PM SOS
		g.begin(str, b)
		g.osc = b == 0x9d
	default:
		g.utf8 = utf8Follows(b, 0)
	}
	return append(out, b)
}

func (g *guard) afterEsc(out []byte, b byte) []byte {
	switch b {
	case '[':
		g.state = csi
	case ']', 'P', '_', '^', 'X':
		g.state, g.osc = str, b == ']'
	default:
		g.state = ground
		return g.inGround(out, b)
	}
	g.add(b)
	return append(out, b)
}

func (g *guard) inCSI(out []byte, b byte) []byte {
	if b < 0x20 || b > 0x7e {
		// Not part of a CSI: the parser ends the sequence here too.
		g.state = ground
		return g.inGround(out, b)
	}
	g.add(b)
	if g.seqLen > g.lim.MaxEscape {
		return g.drop(out, true)
	}
	if b >= 0x40 { // the final byte
		g.state = ground
		if g.seqLen == len(pasteStart) && string(g.head[:g.seqLen]) == string(pasteStart) {
			g.state, g.kept, g.dropped, g.endMatch, g.utf8 = pasting, 0, 0, 0, 0
		}
	}
	return append(out, b)
}

func (g *guard) inString(out []byte, b byte) []byte {
	if b == esc || b == st8 || b == can || b == sub || (g.osc && b == bel) {
		g.state = ground
		if b == esc {
			return g.inGround(out, b)
		}
		return append(out, b)
	}
	g.add(b)
	if g.seqLen > g.lim.MaxEscape {
		return g.drop(out, false)
	}
	return append(out, b)
}

// drop ends the sequence for the parser with CAN and drops the rest of it.
func (g *guard) drop(out []byte, isCSI bool) []byte {
	g.state, g.dropCSI = dropping, isCSI
	return append(out, can)
}

// inDropped drops bytes up to where the parser would have ended the
// sequence, had it seen it whole.
func (g *guard) inDropped(out []byte, b byte) []byte {
	switch {
	case b == esc:
		g.state = ground
		return g.inGround(out, b)
	case g.dropCSI && (b < 0x20 || b > 0x7e):
		g.state = ground
		return g.inGround(out, b)
	case g.dropCSI && b >= 0x40:
		g.state = ground
	case !g.dropCSI && (b == st8 || b == can || b == sub || b == bel):
		g.state = ground
	}
	return out
}

// inPaste passes the paste's first MaxPaste bytes (and the rest of a rune
// begun there), drops the others and watches for the end marker, holding
// back what may be its start.
func (g *guard) inPaste(out []byte, b byte) []byte {
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
		held := pasteEnd[:g.endMatch]
		g.endMatch = 0
		for _, h := range held {
			out = g.keep(out, h)
		}
		if b == esc {
			g.endMatch = 1
			return out
		}
	}
	return g.keep(out, b)
}

func (g *guard) keep(out []byte, b byte) []byte {
	rest := g.utf8 > 0 && b >= 0x80 && b <= 0xbf // of a rune begun under the limit
	if g.kept >= g.lim.MaxPaste && !rest {
		g.dropped++
		g.utf8 = 0
		return out
	}
	g.kept++
	g.utf8 = utf8Follows(b, g.utf8)
	return append(out, b)
}

// utf8Follows is how many continuation bytes are still due after b, when
// due were due before it.
func utf8Follows(b byte, due int) int {
	switch {
	case due > 0 && b >= 0x80 && b <= 0xbf:
		return due - 1
	case b >= 0xc0 && b <= 0xdf:
		return 1
	case b >= 0xe0 && b <= 0xef:
		return 2
	case b >= 0xf0 && b <= 0xf7:
		return 3
	}
	return 0
}

// takeCut returns and resets the bytes cut from pastes.
func (g *guard) takeCut() int {
	n := g.cut
	g.cut = 0
	return n
}
