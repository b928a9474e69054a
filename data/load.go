package data

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Limits a bundle must keep. A bundle comes from someone else: these keep a
// hostile or broken one from exhausting memory or time (docs/SECURITY.md).
const (
	MaxFileSize   = 8 << 20  // bytes in one file
	MaxBundleSize = 32 << 20 // bytes in all files together
	MaxTextLen    = 64 << 10 // bytes in one text field
	MaxDepth      = 12       // nesting of mappings and lists in one file
)

// bundleFile is one file of the bundle format, in the order they are read.
type bundleFile struct {
	name     string
	required bool
	decode   func(d *decoder, root ast.Node, b *Briefing)
}

var bundleFiles = []bundleFile{
	{"briefing.yaml", true, func(d *decoder, n ast.Node, b *Briefing) { decodeItem(d, n, &b.Overview) }},
	{"sources.yaml", true, func(d *decoder, n ast.Node, b *Briefing) { decodeList(d, n, &b.Sources) }},
	{"timeline.yaml", false, func(d *decoder, n ast.Node, b *Briefing) { decodeList(d, n, &b.Timeline) }},
	{"sessions.yaml", false, func(d *decoder, n ast.Node, b *Briefing) { decodeList(d, n, &b.Sessions) }},
	{"speakers.yaml", false, func(d *decoder, n ast.Node, b *Briefing) { decodeList(d, n, &b.Speakers) }},
	{"measures.yaml", false, func(d *decoder, n ast.Node, b *Briefing) { decodeList(d, n, &b.Measures) }},
	{"figures.yaml", false, func(d *decoder, n ast.Node, b *Briefing) { decodeList(d, n, &b.Figures) }},
	{"glossary.yaml", false, func(d *decoder, n ast.Node, b *Briefing) { decodeList(d, n, &b.Glossary) }},
}

// BundleFiles lists the file names of the bundle format.
func BundleFiles() []string {
	names := make([]string, len(bundleFiles))
	for i, f := range bundleFiles {
		names[i] = f.name
	}
	return names
}

// LoadDir loads and validates the bundle in directory dir. Symbolic links
// that leave dir are not followed. On failure the error is Problems (every
// problem with its file:line:col) or an error saying why dir cannot be read.
func LoadDir(dir string) (*Briefing, error) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("bundle %s does not exist: pass the directory that holds briefing.yaml", dir)
	case err != nil:
		return nil, fmt.Errorf("cannot read bundle %s: %w", dir, err)
	case !info.IsDir():
		return nil, fmt.Errorf("bundle %s is a file, not a directory: pass the directory that holds briefing.yaml", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open bundle %s: %w", dir, err)
	}
	defer root.Close()
	return Load(root.FS(), dir)
}

// Load loads and validates a bundle from fsys. Problems are reported with
// file names under label (a directory, or a name for an embedded bundle).
func Load(fsys fs.FS, label string) (*Briefing, error) {
	d := &decoder{fsys: fsys, label: label, files: map[string]*ast.File{}}
	b := &Briefing{}
	d.checkDirectory()
	total := 0
	for _, f := range bundleFiles {
		root, size, ok := d.parse(f, total)
		total += size
		if ok {
			d.file = f.name
			f.decode(d, root, b)
		}
	}
	if d.fatal {
		// Validating half-decoded items would only add noise.
		d.problems.sort()
		return nil, d.problems
	}
	b.buildIndex()
	ps := append(d.problems, validate(b, d.locate)...)
	if len(ps) > 0 {
		ps.sort()
		return nil, ps
	}
	return b, nil
}

// decoder reads the files of one bundle and collects their problems.
type decoder struct {
	fsys     fs.FS
	label    string
	file     string // the file being decoded
	files    map[string]*ast.File
	problems Problems
	// fatal is set by problems that leave the briefing incomplete, so
	// validating it would mislead; unknown names are not fatal.
	fatal bool
}

func (d *decoder) pos(file string, line, col int) Pos {
	return Pos{File: path.Join(filepath.ToSlash(d.label), file), Line: line, Col: col}
}

// add records a problem that stops the briefing from loading whole.
func (d *decoder) add(p Pos, msg, hint string) {
	d.problems = append(d.problems, Problem{Pos: p, Message: msg, Hint: hint})
	d.fatal = true
}

func (d *decoder) addAt(n ast.Node, msg, hint string) {
	tk := n.GetToken()
	d.add(d.pos(d.file, tk.Position.Line, tk.Position.Column), msg, hint)
}

// warnAt records a problem that loses nothing else, so validation can
// still run and report the rest at once.
func (d *decoder) warnAt(n ast.Node, msg, hint string) {
	tk := n.GetToken()
	d.problems = append(d.problems, Problem{Pos: d.pos(d.file, tk.Position.Line, tk.Position.Column), Message: msg, Hint: hint})
}

// checkDirectory reports YAML files that are not part of the format, which
// are almost always a misspelt name whose content would be silently lost.
func (d *decoder) checkDirectory() {
	entries, err := fs.ReadDir(d.fsys, ".")
	if err != nil {
		d.add(d.pos("", 0, 0), "cannot list the bundle directory: "+err.Error(), "check the directory exists and is readable")
		return
	}
	known := BundleFiles()
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		if (ext == ".yaml" || ext == ".yml") && !slices.Contains(known, name) {
			d.problems = append(d.problems, Problem{Pos: d.pos(name, 0, 0), Message: "unknown bundle file " + quote(name), Hint: "the format's files are " + strings.Join(known, ", ") + closest(strings.TrimSuffix(name, ext)+".yaml", known)})
		}
	}
}

// parse reads and parses one file, enforcing the size limits and the
// restrictions of the format (one document, no anchors or aliases).
func (d *decoder) parse(f bundleFile, sizeSoFar int) (root ast.Node, size int, ok bool) {
	d.file = f.name
	info, err := fs.Stat(d.fsys, f.name)
	if errors.Is(err, fs.ErrNotExist) {
		if f.required {
			d.add(d.pos(f.name, 0, 0), "missing required file "+f.name, "every bundle needs briefing.yaml and sources.yaml; `brief new DIR` writes a skeleton")
		}
		return nil, 0, false
	}
	if err != nil {
		d.add(d.pos(f.name, 0, 0), "cannot read "+f.name+": "+cleanFSError(err), "check the file's permissions and that it stays inside the bundle")
		return nil, 0, false
	}
	switch {
	case info.IsDir():
		d.add(d.pos(f.name, 0, 0), f.name+" is a directory, not a file", "replace it with a YAML file")
		return nil, 0, false
	case info.Size() > MaxFileSize:
		d.add(d.pos(f.name, 0, 0), fmt.Sprintf("%s is %d bytes, over the limit of %d", f.name, info.Size(), MaxFileSize), "split the briefing or shorten its texts")
		return nil, 0, false
	case sizeSoFar+int(info.Size()) > MaxBundleSize:
		d.add(d.pos(f.name, 0, 0), fmt.Sprintf("the bundle is over the limit of %d bytes", MaxBundleSize), "shorten the briefing")
		return nil, 0, false
	}
	src, err := fs.ReadFile(d.fsys, f.name)
	if err != nil {
		d.add(d.pos(f.name, 0, 0), "cannot read "+f.name+": "+cleanFSError(err), "check the file's permissions and that it stays inside the bundle")
		return nil, 0, false
	}
	size = len(src)
	src = bytes.TrimPrefix(src, []byte("\ufeff")) // editors on Windows add one
	if i := invalidUTF8(src); i >= 0 {
		line, col := lineCol(src, i)
		d.add(d.pos(f.name, line, col), "invalid UTF-8 byte", "save the file as UTF-8")
		return nil, size, false
	}
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		d.syntaxError(err)
		return nil, size, false
	}
	d.files[f.name] = file
	switch {
	case len(file.Docs) > 1:
		d.addAt(file.Docs[1], f.name+" holds more than one YAML document", "remove the --- separator; one file holds one document")
		return nil, size, false
	case len(file.Docs) == 0 || file.Docs[0].Body == nil:
		if f.required {
			d.add(d.pos(f.name, 1, 1), f.name+" is empty", "see docs/FORMAT.md for what it holds")
		}
		return nil, size, false
	}
	root = file.Docs[0].Body
	if !d.checkShape(root) {
		return nil, size, false
	}
	return root, size, true
}

func (d *decoder) syntaxError(err error) {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		d.add(d.pos(d.file, p.Line, p.Column), "YAML syntax error: "+ye.GetMessage(), "check indentation, quotes and brackets on this line or the one before")
		return
	}
	d.add(d.pos(d.file, 0, 0), "YAML syntax error: "+err.Error(), "check the file is YAML")
}

// checkShape refuses anchors, aliases, tags and nesting the format does not
// need: aliases are how a small file expands into a huge one.
func (d *decoder) checkShape(root ast.Node) bool {
	ok := true
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		if n == nil || !ok {
			return
		}
		if depth > MaxDepth {
			d.addAt(n, fmt.Sprintf("nesting deeper than %d levels", MaxDepth), "the format needs at most a few levels; see docs/FORMAT.md")
			ok = false
			return
		}
		switch x := n.(type) {
		case *ast.AnchorNode, *ast.AliasNode, *ast.MergeKeyNode:
			d.addAt(n, "YAML anchors, aliases and merge keys are not allowed in a bundle", "write the value out in full")
			ok = false
		case *ast.TagNode:
			d.addAt(n, "YAML tags are not allowed in a bundle", "remove the !tag")
			ok = false
		case *ast.MappingNode:
			for _, v := range x.Values {
				walk(v, depth+1)
			}
		case *ast.MappingValueNode:
			walk(x.Key, depth)
			walk(x.Value, depth)
		case *ast.SequenceNode:
			for _, v := range x.Values {
				walk(v, depth+1)
			}
		}
	}
	walk(root, 0)
	return ok
}

// decodeList decodes a file whose root is a list of items of type T.
func decodeList[T any](d *decoder, root ast.Node, dst *[]T) {
	seq, ok := root.(*ast.SequenceNode)
	if !ok {
		d.addAt(root, d.file+" must be a list of items, each starting with \"- \"", "see docs/FORMAT.md for an example")
		return
	}
	items := make([]T, len(seq.Values))
	for i, n := range seq.Values {
		decodeItem(d, n, &items[i])
	}
	*dst = items
}

// decodeItem decodes one mapping into v, reporting every unknown field and
// type mismatch with its position rather than stopping at the first.
func decodeItem(d *decoder, n ast.Node, v any) {
	if !d.checkFields(n, reflect.TypeOf(v).Elem()) {
		return
	}
	if err := yaml.NodeToValue(n, v); err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			p := ye.GetToken().Position
			d.add(d.pos(d.file, p.Line, p.Column), typeMessage(ye.GetMessage()), "see docs/FORMAT.md for the field's type")
			return
		}
		d.addAt(n, err.Error(), "see docs/FORMAT.md")
	}
}

// checkFields walks a mapping against the struct type t, reporting keys
// that are not fields of t and values of the wrong shape. It reports false
// when decoding would fail or silently drop data.
func (d *decoder) checkFields(n ast.Node, t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return true
	}
	values, ok := mappingValues(n)
	if !ok {
		if _, null := n.(*ast.NullNode); null {
			d.addAt(n, "empty item where "+article(t)+" was expected", "fill it in or remove the line")
		} else {
			d.addAt(n, "expected "+article(t)+" (key: value lines), found "+describe(n), "see docs/FORMAT.md")
		}
		return false
	}
	fields := yamlFields(t)
	good := true
	for _, mv := range values {
		k, isString := mv.Key.(*ast.StringNode)
		if !isString {
			d.addAt(mv.Key, "field names must be plain words, found "+describe(mv.Key), "")
			good = false
			continue
		}
		ft, known := fields[k.Value]
		if !known {
			d.warnAt(mv.Key, "unknown field "+quote(k.Value)+" in "+article(t), "known fields: "+strings.Join(fieldNames(t), ", ")+closest(k.Value, fieldNames(t)))
			continue
		}
		good = d.checkValue(mv.Value, ft) && good
	}
	return good
}

func (d *decoder) checkValue(n ast.Node, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		return d.checkFields(n, t)
	case reflect.Slice:
		if _, null := n.(*ast.NullNode); null {
			return true
		}
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.addAt(n, "expected a list, found "+describe(n), "write each entry on its own line starting with \"- \", or use [a, b]")
			return false
		}
		good := true
		for _, v := range seq.Values {
			good = d.checkValue(v, t.Elem()) && good
		}
		return good
	case reflect.String:
		switch x := n.(type) {
		case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
			d.addAt(n, "expected text, found "+describe(n), "quote the text if it contains \": \" or starts with - [ {")
			return false
		case *ast.StringNode:
			if len(x.Value) > MaxTextLen {
				d.addAt(n, fmt.Sprintf("text of %d bytes is over the limit of %d", len(x.Value), MaxTextLen), "shorten it")
				return false
			}
		case *ast.LiteralNode:
			if len(x.Value.Value) > MaxTextLen {
				d.addAt(n, fmt.Sprintf("text of %d bytes is over the limit of %d", len(x.Value.Value), MaxTextLen), "shorten it")
				return false
			}
		}
	}
	return true
}

func mappingValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch x := n.(type) {
	case *ast.MappingNode:
		return x.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{x}, true
	}
	return nil, false
}

// yamlFields maps the yaml names of t's fields to their types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for f := range t.Fields() {
		if name := yamlName(f); name != "" {
			fields[name] = f.Type
		}
	}
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

func describe(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "key: value lines"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode:
		return "nothing"
	case *ast.IntegerNode, *ast.FloatNode:
		return "a number"
	case *ast.BoolNode:
		return "true/false"
	}
	return "text"
}

// typeMessage rewords the YAML library's Go-flavoured type errors.
func typeMessage(msg string) string {
	if strings.HasPrefix(msg, "cannot unmarshal") {
		if _, field, ok := strings.Cut(msg, "Go struct field "); ok {
			name, typ, _ := strings.Cut(field, " of type ")
			if i := strings.LastIndex(name, "."); i >= 0 {
				name = name[i+1:]
			}
			return fmt.Sprintf("field %q expects %s", name, goTypeWord(typ))
		}
	}
	return msg
}

func goTypeWord(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "int"):
		return "a whole number"
	case t == "bool":
		return "true or false"
	}
	return "text"
}

// closest suggests the known name nearest to a misspelt one.
func closest(name string, known []string) string {
	best, bestDist := "", 4
	for _, k := range known {
		if dist := editDistance(strings.ToLower(name), strings.ToLower(k)); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + quote(best) + "?"
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// lineCol turns a byte offset into a 1-based line and column (in runes).
func lineCol(b []byte, off int) (line, col int) {
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

func cleanFSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// locate finds the position of a path in a parsed file: keys are strings,
// list indexes ints. found is false when the last segment is absent; the
// position is then that of the deepest part that exists.
func (d *decoder) locate(file string, at []any) (p Pos, found bool) {
	f := d.files[file]
	if f == nil || len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return d.pos(file, 0, 0), false
	}
	n := f.Docs[0].Body
	for _, seg := range at {
		next := child(n, seg)
		if next == nil {
			return d.nodePos(file, n), false
		}
		n = next
	}
	return d.nodePos(file, n), true
}

func (d *decoder) nodePos(file string, n ast.Node) Pos {
	if mv, ok := n.(*ast.MappingValueNode); ok {
		n = mv.Key
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	tk := n.GetToken()
	return d.pos(file, tk.Position.Line, tk.Position.Column)
}

func child(n ast.Node, seg any) ast.Node {
	switch s := seg.(type) {
	case int:
		if seq, ok := n.(*ast.SequenceNode); ok && s >= 0 && s < len(seq.Values) {
			return seq.Values[s]
		}
	case string:
		values, _ := mappingValues(n)
		for _, mv := range values {
			if k, ok := mv.Key.(*ast.StringNode); ok && k.Value == s {
				return mv.Value
			}
		}
	}
	return nil
}
