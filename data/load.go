package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Limits a bundle must keep. A bundle comes from someone else: these keep a
// hostile or broken one from exhausting memory or time (docs/SECURITY.md).
const (
	MaxFileSize   = 4 << 20  // bytes in one file
	MaxBundleSize = 16 << 20 // bytes in all files together
	MaxTextLen    = 64 << 10 // bytes in one text field
	MaxDepth      = 12       // nesting of mappings and lists in one file
	// MaxValues bounds the parsed values (keys, texts, list entries) of a
	// bundle: each costs memory far beyond its bytes, and "- a" is three.
	MaxValues = 1_000_000
)

// bundleFile is one file of the bundle format, in the order they are read.
type bundleFile struct {
	name     string
	required bool
	decode   func(d *decoder, root *yaml.Node, b *Briefing)
}

var bundleFiles = []bundleFile{
	{"briefing.yaml", true, func(d *decoder, n *yaml.Node, b *Briefing) { decodeItem(d, n, &b.Overview) }},
	{"sources.yaml", true, func(d *decoder, n *yaml.Node, b *Briefing) { decodeList(d, n, &b.Sources) }},
	{"timeline.yaml", false, func(d *decoder, n *yaml.Node, b *Briefing) { decodeList(d, n, &b.Timeline) }},
	{"sessions.yaml", false, func(d *decoder, n *yaml.Node, b *Briefing) { decodeList(d, n, &b.Sessions) }},
	{"speakers.yaml", false, func(d *decoder, n *yaml.Node, b *Briefing) { decodeList(d, n, &b.Speakers) }},
	{"measures.yaml", false, func(d *decoder, n *yaml.Node, b *Briefing) { decodeList(d, n, &b.Measures) }},
	{"figures.yaml", false, func(d *decoder, n *yaml.Node, b *Briefing) { decodeList(d, n, &b.Figures) }},
	{"glossary.yaml", false, func(d *decoder, n *yaml.Node, b *Briefing) { decodeList(d, n, &b.Glossary) }},
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
// Every text of the briefing it returns has been through CleanText.
func Load(fsys fs.FS, label string) (*Briefing, error) {
	d := &decoder{fsys: fsys, label: label, roots: map[string]*yaml.Node{}, srcs: map[string][]byte{}, lineStarts: map[string][]int{}}
	b := &Briefing{}
	d.checkDirectory()
	for _, f := range bundleFiles {
		if root, ok := d.parse(f); ok {
			d.file = f.name
			f.decode(d, root, b)
		}
	}
	if d.fatal {
		// Validating half-decoded items would only add noise.
		return nil, d.problems.limit(label)
	}
	b.buildIndex()
	// Validate the texts as written: CleanText would make a URL holding an
	// escape sequence look harmless.
	if ps := append(d.problems, validate(b, d.locate)...); len(ps) > 0 {
		return nil, ps.limit(label)
	}
	cleanStrings(reflect.ValueOf(b).Elem())
	return b, nil
}

// decoder reads the files of one bundle and collects their problems.
type decoder struct {
	fsys  fs.FS
	label string
	file  string // the file being decoded
	roots map[string]*yaml.Node
	srcs  map[string][]byte // each file as parsed, to find texts in
	// lineStarts holds the offset of each line of a file, once needed.
	lineStarts map[string][]int
	read       int // bytes read so far, against MaxBundleSize
	values     int // values parsed so far, against MaxValues
	problems   Problems
	// fatal is set by problems that leave the briefing incomplete, so
	// validating it would mislead; unknown names are not fatal.
	fatal bool
}

func (d *decoder) pos(file string, line, col int) Pos {
	return Pos{File: path.Join(filepath.ToSlash(d.label), file), Line: line, Col: col}
}

// add records a problem that stops the briefing from loading whole.
func (d *decoder) add(p Pos, msg, hint string) {
	d.fatal = true
	d.warn(p, msg, hint)
}

// warn records a problem that loses nothing else, so validation can still
// run and report the rest at once.
func (d *decoder) warn(p Pos, msg, hint string) {
	if !d.full() {
		d.problems = append(d.problems, Problem{Pos: p, Message: msg, Hint: hint})
	}
}

// full reports that no more problems will be kept, so describing more
// would only cost time.
func (d *decoder) full() bool { return len(d.problems) > MaxProblems }

func (d *decoder) addAt(n *yaml.Node, msg, hint string) {
	d.add(d.nodePos(d.file, n), msg, hint)
}

func (d *decoder) warnAt(n *yaml.Node, msg, hint string) {
	d.warn(d.nodePos(d.file, n), msg, hint)
}

// checkDirectory reports YAML files that are not part of the format, which
// are almost always a misspelt name whose content would be silently lost.
func (d *decoder) checkDirectory() {
	entries, err := fs.ReadDir(d.fsys, ".")
	if err != nil {
		d.add(d.pos("", 0, 0), "cannot list the bundle directory: "+cleanFSError(err), "check the directory exists and is readable")
		return
	}
	known := BundleFiles()
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		if (ext == ".yaml" || ext == ".yml") && !slices.Contains(known, name) {
			d.warn(d.pos(name, 0, 0), "unknown bundle file "+quote(name), "the format's files are "+strings.Join(known, ", ")+closest(strings.TrimSuffix(name, ext)+".yaml", known))
		}
	}
}

// parse reads and parses one file, enforcing the limits and the
// restrictions of the format (one document, no anchors, aliases or tags).
func (d *decoder) parse(f bundleFile) (root *yaml.Node, ok bool) {
	d.file = f.name
	src, ok := d.readFile(f)
	if !ok {
		return nil, false
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff")) // editors on Windows add one
	// YAML reads CR LF and a lone CR as line breaks; so do editors. Making
	// them LF keeps texts free of CR and every line count in step.
	src = bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	if i, msg, hint := badCharacter(src); i >= 0 {
		line, col := lineCol(src, i)
		d.add(d.pos(f.name, line, col), msg, hint)
		return nil, false
	}
	d.srcs[f.name] = src
	docs, err := parseYAML(src)
	if err != nil {
		d.syntaxError(src, err)
		return nil, false
	}
	switch {
	case len(docs) > 1:
		d.add(d.pos(f.name, docs[1].Line, max(docs[1].Column, 1)), f.name+" holds more than one YAML document", "remove the --- separator and what follows; one file holds one document")
		return nil, false
	case len(docs) == 0 || len(docs[0].Content) == 0 || isNull(docs[0].Content[0]):
		if f.required {
			d.add(d.pos(f.name, 0, 0), f.name+" is empty", "fill it in; `brief new DIR` writes a skeleton to start from, and docs/FORMAT.md describes it")
		}
		return nil, false
	}
	root = docs[0].Content[0]
	if !d.checkShape(root) {
		return nil, false
	}
	d.roots[f.name] = root
	return root, true
}

// parseYAML parses the first document of src, and the second if there is
// one, which is a mistake the caller reports. A panic in the parser is an error like any other: the input is
// someone else's file.
func parseYAML(src []byte) (docs []*yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML parser failed (%v); please report it with this file", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for range 2 {
		var doc yaml.Node
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return docs, err
		}
		docs = append(docs, &doc)
	}
	return docs, nil
}

// readFile reads one file of the bundle within the size limits. Only
// regular files are read: a named pipe or device would block or never end.
func (d *decoder) readFile(f bundleFile) ([]byte, bool) {
	if d.read > MaxBundleSize || d.values > MaxValues {
		return nil, false // reported once, with the file that crossed it
	}
	whole := d.pos(f.name, 0, 0)
	info, err := fs.Stat(d.fsys, f.name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if f.required {
			d.add(whole, "missing required file "+f.name, "every bundle needs briefing.yaml and sources.yaml; `brief new DIR` writes a skeleton")
		}
		return nil, false
	case err != nil:
		d.add(whole, "cannot read "+f.name+": "+cleanFSError(err), "check the file's permissions, and that any link in its path stays inside the bundle")
		return nil, false
	case info.IsDir():
		d.add(whole, f.name+" is a directory, not a file", "replace it with a YAML file")
		return nil, false
	case !info.Mode().IsRegular():
		d.add(whole, f.name+" is not a regular file (a pipe, socket or device)", "replace it with a YAML file")
		return nil, false
	case info.Size() > MaxFileSize:
		d.add(whole, fmt.Sprintf("%s is %d bytes, over the limit of %d", f.name, info.Size(), MaxFileSize), "shorten its texts, or split the event into several briefings")
		return nil, false
	}
	file, err := d.fsys.Open(f.name)
	if err != nil {
		d.add(whole, "cannot read "+f.name+": "+cleanFSError(err), "check the file's permissions, and that any link in its path stays inside the bundle")
		return nil, false
	}
	defer file.Close()
	// The file may have grown since Stat: read one byte past the limit to
	// tell.
	src, err := io.ReadAll(io.LimitReader(file, MaxFileSize+1))
	switch {
	case err != nil:
		d.add(whole, "cannot read "+f.name+": "+cleanFSError(err), "check the file's permissions")
		return nil, false
	case len(src) > MaxFileSize:
		d.add(whole, fmt.Sprintf("%s is over the limit of %d bytes", f.name, MaxFileSize), "shorten its texts, or split the event into several briefings")
		return nil, false
	}
	d.read += len(src)
	if d.read > MaxBundleSize {
		d.add(whole, fmt.Sprintf("the bundle is over the limit of %d bytes with %s", MaxBundleSize, f.name), "shorten its texts, or split the event into several briefings")
		return nil, false
	}
	return src, true
}

func cleanFSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return CleanText(err.Error())
}
