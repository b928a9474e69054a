package data

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The decoder turns the YAML node tree into the model itself rather than
// through the YAML library's decoder: that way every wrong type, unknown or
// repeated field is reported with its position and in the bundle's words,
// and text fields keep exactly what was written ("1.50" stays "1.50", not
// 1.5).

// decodeList decodes a file whose root is a list of items of type T.
func decodeList[T any](d *decoder, root *yaml.Node, dst *[]T) {
	if root.Kind != yaml.SequenceNode {
		d.addAt(root, d.file+" must be a list of items, each starting with \"- \", found "+describe(root), "see docs/FORMAT.md for an example")
		return
	}
	items := make([]T, len(root.Content))
	d.decodeEntries(root, reflect.ValueOf(items))
	*dst = items
}

// decodeItem decodes one mapping into the struct v points to.
func decodeItem[T any](d *decoder, n *yaml.Node, v *T) {
	d.decodeValue(n, reflect.ValueOf(v).Elem(), true)
}

// decodeEntries decodes the entries of a list into list, which has as
// many elements.
func (d *decoder) decodeEntries(seq *yaml.Node, list reflect.Value) bool {
	good := true
	for i, e := range seq.Content {
		good = d.decodeValue(e, list.Index(i), true) && good
	}
	return good
}

// decodeValue decodes n into v. item says n is a whole item (a list entry
// or a file's root), where an empty value is a mistake rather than "none".
// It reports false when n does not fit v; the problem is then recorded.
func (d *decoder) decodeValue(n *yaml.Node, v reflect.Value, item bool) bool {
	switch v.Kind() {
	case reflect.Struct:
		return d.decodeStruct(n, v, item)
	case reflect.Slice:
		return d.decodeList(n, v)
	case reflect.String:
		return d.decodeText(n, v)
	case reflect.Int:
		var i int
		if n.Kind == yaml.ScalarNode && n.Tag == "!!int" && n.Decode(&i) == nil {
			v.SetInt(int64(i))
			return true
		}
		d.addAt(n, "expected a whole number, found "+describe(n), "write digits only, e.g. 3")
		return false
	case reflect.Bool:
		var b bool
		if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" && n.Decode(&b) == nil {
			v.SetBool(b)
			return true
		}
		d.addAt(n, "expected true or false, found "+describe(n), "write true or false, or leave the field out")
		return false
	}
	// Only a new field type in the model gets here; TestDecodeCoversModel
	// catches it before a bundle can.
	panic("data: the bundle decoder does not support " + v.Type().String())
}

// decodeList decodes a sequence into the slice v; null is an empty list.
func (d *decoder) decodeList(n *yaml.Node, v reflect.Value) bool {
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.SequenceNode {
		d.addAt(n, "expected a list, found "+describe(n), "write each entry on its own line starting with \"- \", or use [a, b]")
		return false
	}
	list := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	good := d.decodeEntries(n, list)
	v.Set(list)
	return good
}

// decodeText decodes a scalar into the string v, within MaxTextLen.
func (d *decoder) decodeText(n *yaml.Node, v reflect.Value) bool {
	s, ok := scalarText(n)
	switch {
	case !ok:
		d.addAt(n, "expected text, found "+describe(n), "quote the text if it contains \": \" or starts with - [ {")
	case len(s) > MaxTextLen:
		d.addAt(n, fmt.Sprintf("text of %d bytes is over the limit of %d", len(s), MaxTextLen), "shorten it, or split it into several items")
		ok = false
	}
	v.SetString(s)
	return ok
}

// scalarText returns the text of a scalar exactly as written. Numbers,
// booleans and the like are text too when a text is expected.
func scalarText(n *yaml.Node) (string, bool) {
	switch {
	case n.Kind != yaml.ScalarNode:
		return "", false
	case isNull(n):
		return "", true
	}
	return n.Value, true
}

// decodeStruct decodes a mapping field by field, reporting every unknown
// or repeated field and wrong type rather than stopping at the first.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, item bool) bool {
	t := v.Type()
	switch {
	case isNull(n) && !item:
		return true
	case isNull(n) && d.full():
		d.fatal = true
		return false
	case isNull(n):
		d.add(d.emptyItemPos(n), "empty item where "+article(t)+" was expected", "fill it in or remove the line")
		return false
	case n.Kind != yaml.MappingNode:
		d.addAt(n, "expected "+article(t)+" (key: value lines), found "+describe(n), "see docs/FORMAT.md")
		return false
	}
	fields := yamlFields(t)
	seen := map[string]int{}
	good := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, value := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" {
			d.addAt(k, "field names must be plain words, found "+describe(k), "write the field's name, then \": \" and its value")
			good = false
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.addAt(k, fmt.Sprintf("field %s appears twice (first on line %d)", quote(k.Value), line), "keep one of them")
			good = false
			continue
		}
		seen[k.Value] = k.Line
		f, known := fields[k.Value]
		if !known {
			if !d.full() {
				names := fieldNames(t)
				d.warnAt(k, "unknown field "+quote(k.Value)+" in "+article(t), "known fields: "+strings.Join(names, ", ")+closest(k.Value, names))
			}
			continue
		}
		good = d.decodeValue(value, v.Field(f), false) && good
	}
	return good
}

// emptyItemPos is where to report an empty list item: at its "-", since
// the parser places the empty entry after it.
func (d *decoder) emptyItemPos(n *yaml.Node) Pos {
	p := d.nodePos(d.file, n)
	if line := []rune(d.line(p.Line)); p.Col > 1 && p.Col-1 <= len(line) {
		if before := strings.TrimRight(string(line[:p.Col-1]), " "); strings.HasSuffix(before, "-") {
			p.Col = utf8.RuneCountInString(before)
		}
	}
	return p
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// fieldIndexes caches yamlFields for each struct type: every item of a
// bundle needs its type's, and building one costs a map and a walk of the
// struct's tags.
var fieldIndexes sync.Map // reflect.Type → map[string]int

// yamlFields maps the yaml names of t's fields to their indexes. The map
// is shared: callers must not change it.
func yamlFields(t reflect.Type) map[string]int {
	if fields, ok := fieldIndexes.Load(t); ok {
		return fields.(map[string]int)
	}
	fields := map[string]int{}
	for i := range t.NumField() {
		if name := yamlName(t.Field(i)); name != "" {
			fields[name] = i
		}
	}
	fieldIndexes.Store(t, fields)
	return fields
}

func fieldNames(t reflect.Type) []string {
	var names []string
	for f := range t.Fields() {
		if name := yamlName(f); name != "" {
			names = append(names, name)
		}
	}
	return names
}

func yamlName(f reflect.StructField) string {
	tag, ok := f.Tag.Lookup("yaml")
	if !ok || !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	return name
}

// article names what a struct type is, for messages: "a source".
func article(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[Overview]():
		return "the overview"
	case reflect.TypeFor[Event]():
		return "an event"
	case reflect.TypeFor[Original]():
		return "an original text"
	case reflect.TypeFor[GlossaryEntry]():
		return "a glossary entry"
	}
	return "a " + strings.ToLower(t.Name())
}

// describe names what a node is, for "expected X, found Y"; scalars are
// shown as written so the reader recognises them.
func describe(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "key: value lines"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.AliasNode:
		return "an alias"
	case isNull(n):
		return "nothing"
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return "a block of text"
	}
	return quote(n.Value)
}

// locate finds the position of a path in a parsed file: keys are strings,
// list indexes ints. found is false when the last segment is absent; the
// position is then that of the deepest part that exists. within, when not
// empty, is part of the text at the path: the position is then where that
// part is written, when it can be found in the lines the text spans.
func (d *decoder) locate(file string, at []any, within string) (p Pos, found bool) {
	n := d.roots[file]
	if n == nil {
		return d.pos(file, 0, 0), false
	}
	var key *yaml.Node
	for _, seg := range at {
		next, k := child(n, seg)
		if next == nil {
			return d.nodePos(file, n), false
		}
		n, key = next, k
	}
	if isNull(n) && key != nil {
		// The parser places an empty value after the colon.
		n = key
	}
	p = d.nodePos(file, n)
	if within != "" && p.Line > 0 {
		if text, ok := scalarText(n); ok {
			p = d.findWithin(file, p, strings.Count(text, "\n")+1, within)
		}
	}
	return p, true
}

// findWithin looks for s in the lines of file from p on, for as many
// lines as the text spans (plus its "|" line), and returns where s starts.
func (d *decoder) findWithin(file string, p Pos, lines int, s string) Pos {
	src := d.srcs[file]
	for line := 1; len(src) > 0 && line < p.Line+lines+1; line++ {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		if line >= p.Line {
			if i := bytes.Index(src[:end], []byte(s)); i >= 0 {
				return d.pos(file, line, utf8.RuneCount(src[:i])+1)
			}
		}
		src = src[min(end+1, len(src)):]
	}
	return p
}

// line is line n of the file being decoded, or "".
func (d *decoder) line(n int) string {
	src := d.srcs[d.file]
	starts, ok := d.lineStarts[d.file]
	if !ok {
		starts = []int{0}
		for i, c := range src {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		d.lineStarts[d.file] = starts
	}
	if n < 1 || n > len(starts) {
		return ""
	}
	end := len(src)
	if n < len(starts) {
		end = starts[n] - 1
	}
	return string(src[starts[n-1]:end])
}

// nodePos is where a node starts.
func (d *decoder) nodePos(file string, n *yaml.Node) Pos {
	if n.Line <= 0 {
		return d.pos(file, 0, 0)
	}
	return d.pos(file, n.Line, max(n.Column, 1))
}

// child is the value at one path segment, and its key when a field.
func child(n *yaml.Node, seg any) (value, key *yaml.Node) {
	switch s := seg.(type) {
	case int:
		if n.Kind == yaml.SequenceNode && s >= 0 && s < len(n.Content) {
			return n.Content[s], nil
		}
	case string:
		if n.Kind != yaml.MappingNode {
			return nil, nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == s {
				return n.Content[i+1], k
			}
		}
	}
	return nil, nil
}
