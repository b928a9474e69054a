package data

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// What the YAML parser is kept from and how its errors are told: the
// checks before parsing (characters) and after (shape), and the rewording
// of its syntax errors.

// checkShape refuses anchors, aliases, merge keys, tags and nesting the
// format does not need: aliases are how a small file expands into a huge
// one, and tags ask the parser for types the format does not have. It
// counts the values against MaxValues.
func (d *decoder) checkShape(root *yaml.Node) bool {
	ok := true
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		d.values++
		switch {
		case !ok:
			return
		case d.values > maxValues:
			d.add(d.pos(d.file, 0, 0), fmt.Sprintf("the bundle holds more than %d values (keys, texts and list entries) with %s", maxValues, d.file), "shorten it, or split the event into several briefings")
		case depth > MaxDepth:
			d.addAt(n, fmt.Sprintf("nesting deeper than %d levels", MaxDepth), "the format needs at most a few levels; see docs/FORMAT.md")
		case n.Anchor != "" || n.Kind == yaml.AliasNode || n.Tag == "!!merge":
			d.addAt(n, "YAML anchors, aliases and merge keys are not allowed in a bundle", "write the value out in full")
		case n.Style&yaml.TaggedStyle != 0:
			d.addAt(n, "YAML tags are not allowed in a bundle", "remove the "+quote(n.Tag)+" tag")
		default:
			for _, c := range n.Content {
				walk(c, depth+1)
			}
			return
		}
		ok = false
	}
	walk(root, 0)
	return ok
}

// badCharacter finds the first character YAML does not allow in a file
// (the parser would refuse it without saying where) or that it counts as a
// line break where an editor does not, so lines would not match.
func badCharacter(b []byte) (off int, msg, hint string) {
	for i := 0; i < len(b); {
		if c := b[i]; (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' {
			i++ // most of a bundle is printable ASCII
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if msg, hint := runeProblem(r, size); msg != "" {
			return i, msg, hint
		}
		i += size
	}
	return -1, "", ""
}

// runeProblem says what is wrong with a character badCharacter decoded
// off the ASCII fast path (size is its length in bytes, 1 for an invalid
// byte), and what to do; msg is empty when the character is allowed.
func runeProblem(r rune, size int) (msg, hint string) {
	switch {
	case r == utf8.RuneError && size == 1:
		return "invalid UTF-8 byte", "save the file as UTF-8"
	case r < 0x20 && r != '\n' && r != '\t', r >= 0x7f && r < 0xa0 && r != 0x85:
		return fmt.Sprintf("control character U+%04X in the file", r), "remove it: a bundle holds printable text only"
	case r == 0xfffe || r == 0xffff:
		return fmt.Sprintf("noncharacter U+%04X in the file", r), "remove it: a bundle holds printable text only"
	case r == 0x85 || r == '\u2028' || r == '\u2029':
		return fmt.Sprintf("unusual line break U+%04X in the file", r), "replace it with a newline or a space"
	case r == '\ufeff':
		return "byte order mark U+FEFF inside the file", "remove it; it is allowed only as the file's first character"
	}
	return "", ""
}

// lineCol turns a byte offset into a 1-based line and column (in runes,
// as the YAML parser counts them).
func lineCol(b []byte, off int) (line, col int) {
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// yamlErrorLine splits the YAML library's "yaml: line N: problem".
var yamlErrorLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// syntaxError describes a parse error where it is. The library gives a
// line and no column, and for some errors the line where the enclosing
// item starts; the rewords below find the character on the line, or the
// line in the item, that the error is about.
func (r bundleReader) syntaxError(file string, src []byte, err error) *Problem {
	m := yamlErrorLine.FindStringSubmatch(err.Error())
	if m == nil {
		return &Problem{Pos: r.pos(file, 0, 0), Message: "YAML syntax error: " + CleanText(err.Error()), Hint: "check the file is YAML; docs/FORMAT.md shows an example"}
	}
	line, _ := strconv.Atoi(m[1])
	// Parser errors count lines from 0, scanner errors from 1; no line
	// means the first.
	if strings.HasPrefix(m[2], "did not find expected") || strings.HasPrefix(m[2], "found duplicate") || strings.HasPrefix(m[2], "found incompatible") || strings.HasPrefix(m[2], "found undefined") || m[1] == "" {
		line++
	}
	lines := strings.Split(string(src), "\n")
	line = min(max(line, 1), len(lines))
	rw := syntaxReword(m[2])
	col := indentOf(lines[line-1])
	if rw.find != nil {
		line, col = rw.find(lines, line)
	}
	return &Problem{Pos: r.pos(file, line, utf8.RuneCountInString(lines[line-1][:col])+1), Message: "YAML syntax error: " + rw.msg, Hint: rw.hint}
}

// A reword says a library message in the words of someone who is not a
// YAML expert, with what to do; find, given the lines and the reported
// line, returns the line and byte column the error is about.
type reword struct {
	problem, msg, hint string
	find               func(lines []string, line int) (int, int)
}

var syntaxRewords = []reword{
	{"did not find expected ',' or ']'", "the [ opened here is never closed", "end the list with ], separating entries with commas", lastOf("[")},
	{"did not find expected ',' or '}'", "the { opened here is never closed", "end it with }, separating entries with commas", lastOf("{")},
	{"found unexpected end of stream", "a quote opened here is never closed", `close the text with the same quote; write " inside "…" as \" and ' inside '…' as ''`, lastOf(`"'`)},
	{"found unknown escape character", `an unknown escape after \ in a double-quoted text`, `write a backslash as \\, or use single quotes`, lastOf(`\`)},
	{"mapping values are not allowed in this context", `unexpected ":"`, `quote a text that holds ": " (title: "A: B"), or indent this line like the other fields of its item`, nil},
	{"found character that cannot start any token", "a character that cannot start a value", "indent with spaces, never tabs; quote a text that starts with @ or `", firstTab},
	{"found a tab character", "a tab where only spaces may be", "indent with spaces, never tabs", firstTab},
	{"did not find expected key", "indentation does not match the rest of the item", "indent each field of an item like its first one, and quote a text that holds \": \" or starts with a quote", overIndented},
	{"exceeded max depth", fmt.Sprintf("nesting deeper than %d levels", MaxDepth), "the format needs at most a few levels; see docs/FORMAT.md", nil},
	{"did not find expected '-' indicator", "indentation does not match the rest of the list", `start each entry with "- ", indented like the first one`, overIndented},
}

func syntaxReword(problem string) reword {
	for _, r := range syntaxRewords {
		if strings.HasPrefix(problem, r.problem) {
			return r
		}
	}
	return reword{msg: CleanText(problem), hint: "check indentation, quotes and brackets on this line or the one before"}
}

// complete reports whether a value ends on its line: not a block text,
// nor a bracket or quote that goes on.
func complete(value string) bool {
	value = strings.TrimSpace(value)
	if value == "" || strings.ContainsAny(value[:1], "|>&*!") {
		return false
	}
	if closer, ok := map[byte]byte{'[': ']', '{': '}', '"': '"', '\'': '\''}[value[0]]; ok {
		return len(value) > 1 && value[len(value)-1] == closer
	}
	return true
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

// lastOf finds the last of chars on the reported line: the bracket or
// quote the parser was inside when the line ended.
func lastOf(chars string) func([]string, int) (int, int) {
	return func(lines []string, line int) (int, int) {
		if col := strings.LastIndexAny(lines[line-1], chars); col >= 0 {
			return line, col
		}
		return line, indentOf(lines[line-1])
	}
}

// firstTab finds the first tab in the indentation of a line from the
// reported one on, where the parser may notice it only later.
func firstTab(lines []string, line int) (int, int) {
	for l := line; l <= min(line+2, len(lines)); l++ {
		if i := strings.IndexByte(lines[l-1], '\t'); i >= 0 && i <= indentOf(lines[l-1]) {
			return l, i
		}
	}
	return line, indentOf(lines[line-1])
}

// overIndented finds, in the item that starts on the reported line, the
// first line indented deeper than a complete "key: value" line before it;
// failing that, the item's first line.
func overIndented(lines []string, line int) (int, int) {
	start, prev := indentOf(lines[line-1]), -1
	for l := line; l <= min(line+500, len(lines)); l++ {
		text := lines[l-1]
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		ind := indentOf(text)
		if l > line && ind < start {
			break
		}
		if prev >= 0 && ind > prev {
			return l, ind
		}
		// The key of "- - key: value" is further right than the line's
		// indentation.
		keyCol, rest := ind, trimmed
		for strings.HasPrefix(rest, "- ") {
			next := strings.TrimLeft(rest[1:], " ")
			keyCol, rest = keyCol+len(rest)-len(next), next
		}
		prev = -1
		if _, value, ok := strings.Cut(rest, ": "); ok && complete(value) {
			prev = keyCol
		}
	}
	return line, indentOf(lines[line-1])
}
