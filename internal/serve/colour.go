package serve

import (
	"image/color"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// A 256-colour client (an SSH client sends TERM=xterm-256color and, by
// default, no COLORTERM) is the common case, and the most expensive one for
// Bubble Tea's renderer: it downsamples every cell it writes, per frame,
// through colorprofile's global cache (a lock and two map lookups per
// colour), which under load was a tenth of the server's CPU. Instead the
// frame's few dozen colour sequences are rewritten to 256 colours once, and
// the renderer, told the terminal takes 24-bit colour, writes the cells as
// they are. The client gets the same colours as before: the same
// conversion (ansi.Convert256, which colorprofile uses for 256 colours) on
// the same colours, done before the renderer instead of in it.

// served256 is the reader of a 256-colour session: the UI model told the
// client's real profile, its frames' colours already converted.
type served256 struct {
	inner tea.Model
	conv  *to256
}

func newServed256(m tea.Model) served256 {
	return served256{inner: m, conv: &to256{cache: map[[3]uint8]string{}}}
}

func (m served256) Init() tea.Cmd { return m.inner.Init() }

func (m served256) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.ColorProfileMsg); ok {
		// The program was told 24-bit colour so that its renderer does not
		// convert; the reader is told what the client has.
		msg = tea.ColorProfileMsg{Profile: colorprofile.ANSI256}
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(msg)
	return m, cmd
}

// SavePlace writes the inner reader's place (ui.SaveOnQuit).
func (m served256) SavePlace() {
	if s, ok := m.inner.(interface{ SavePlace() }); ok {
		s.SavePlace()
	}
}

func (m served256) View() tea.View {
	v := m.inner.View()
	v.Content = m.conv.convert(v.Content)
	return v
}

// to256 rewrites the 24-bit colours of SGR sequences to 256 colours. It
// belongs to one session's program, which calls it from one goroutine.
type to256 struct {
	cache map[[3]uint8]string // r, g, b → "5;n"
	// The last frame converted: View runs after every message, most of
	// which change nothing on screen.
	lastIn, lastOut string
}

// convert is s with every 24-bit colour (38;2;r;g;b, 48;2 and 58;2 in the
// semicolon form Lip Gloss and Glamour write) replaced by its 256-colour
// index. Anything else it does not recognise (the colon form, other colour
// spaces) it leaves to colorprofile's own writer, slower but complete.
func (c *to256) convert(s string) string {
	if s == c.lastIn {
		return c.lastOut
	}
	out := c.convertNew(s)
	c.lastIn, c.lastOut = s, out
	return out
}

func (c *to256) convertNew(s string) string {
	if !strings.Contains(s, ";2;") && !strings.Contains(s, ":2:") {
		return s // no 24-bit colour
	}
	var b strings.Builder
	b.Grow(len(s))
	rest := s
	for {
		i := strings.Index(rest, "\x1b[")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i+2])
		rest = rest[i+2:]
		// A CSI sequence: parameter bytes, intermediate bytes, a final byte.
		end := 0
		for end < len(rest) && rest[end] >= 0x20 && rest[end] <= 0x3f {
			end++
		}
		if end == len(rest) || rest[end] != 'm' {
			continue // not an SGR sequence: copied as it is
		}
		params := rest[:end]
		if !c.sgr(&b, params) {
			return slowTo256(s)
		}
		rest = rest[end:]
	}
	return b.String()
}

// sgr writes params with their 24-bit colours converted; false means
// params have a form it does not handle.
func (c *to256) sgr(b *strings.Builder, params string) bool {
	if strings.ContainsAny(params, ":<=>?") {
		if strings.Contains(params, ":") {
			return false
		}
		b.WriteString(params)
		return true
	}
	first := true
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		if !first {
			b.WriteByte(';')
		}
		first = false
		b.WriteString(p)
		if p != "38" && p != "48" && p != "58" {
			continue
		}
		kind, after, _ := strings.Cut(params, ";")
		switch kind {
		case "5": // already 256 colours: the index follows
			idx, after2, _ := strings.Cut(after, ";")
			if idx == "" {
				return false
			}
			b.WriteString(";5;" + idx)
			params = after2
		case "2":
			var rgb [3]uint8
			left := after
			for k := range rgb {
				var v string
				v, left, _ = strings.Cut(left, ";")
				n, err := strconv.ParseUint(v, 10, 8)
				if err != nil {
					return false
				}
				rgb[k] = uint8(n)
			}
			b.WriteByte(';')
			b.WriteString(c.index(rgb))
			params = left
		default:
			return false
		}
	}
	return true
}

func (c *to256) index(rgb [3]uint8) string {
	if s, ok := c.cache[rgb]; ok {
		return s
	}
	i := ansi.Convert256(color.RGBA{R: rgb[0], G: rgb[1], B: rgb[2], A: 0xff})
	s := "5;" + strconv.Itoa(int(i))
	c.cache[rgb] = s
	return s
}

// slowTo256 converts s with colorprofile's writer, which parses every
// sequence.
func slowTo256(s string) string {
	var out strings.Builder
	w := &colorprofile.Writer{Forward: &out, Profile: colorprofile.ANSI256}
	_, _ = w.WriteString(s)
	return out.String()
}
