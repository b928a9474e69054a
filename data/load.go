package data

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"go.yaml.in/yaml/v3"
	"golang.org/x/sync/semaphore"
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

// maxValues is the MaxValues the loader applies: a variable so that the
// tests of what happens at the limit, other than the limit itself, need
// not parse a million values each time.
var maxValues = MaxValues

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
	d := &decoder{bundleReader: bundleReader{fsys: fsys, label: label}, roots: map[string]*yaml.Node{}, srcs: map[string][]byte{}, lineStarts: map[string][]int{}}
	b := &Briefing{}
	d.checkDirectory()
	gate := semaphore.NewWeighted(MaxFileSize)
	parsed, stop := d.parseAll(gate)
	defer stop()
	for i, f := range bundleFiles {
		if d.read > MaxBundleSize || d.values > maxValues {
			break // reported once, with the file that crossed the limit
		}
		p := <-parsed[i]
		if p.skipped {
			p = d.parseFile(f, gate)
		}
		if root, ok := d.accept(f, p); ok {
			f.decode(d, root, b)
		}
	}
	if d.fatal {
		// Validating half-decoded items would only add noise.
		return nil, d.problems.limit(label)
	}
	b.Finish()
	// Validate the texts as written: CleanText would make a URL holding an
	// escape sequence look harmless.
	if ps := append(d.problems, validate(b, d.locate)...); len(ps) > 0 {
		return nil, ps.limit(label)
	}
	cleanStrings(reflect.ValueOf(b).Elem())
	return b, nil
}

// bundleReader reads and parses the files of one bundle. It holds nothing
// that changes, so it can read and parse several files at once.
type bundleReader struct {
	fsys  fs.FS
	label string
}

func (r bundleReader) pos(file string, line, col int) Pos {
	return Pos{File: path.Join(filepath.ToSlash(r.label), file), Line: line, Col: col}
}

// decoder takes the parsed files of one bundle in the format's order,
// decodes them and collects their problems.
type decoder struct {
	bundleReader
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

// parsedFile is one file read and parsed, before the checks that depend on
// the files before it.
type parsedFile struct {
	// skipped says the file was left unread because the files parsed
	// before it already held more than MaxValues values.
	skipped bool
	found   bool     // the file is there and was read
	unread  *Problem // why it could not be read
	size    int      // bytes read
	src     []byte   // as parsed: no byte order mark, every line break LF
	invalid *Problem // why it could not be parsed
	docs    []*yaml.Node
	values  int // the nodes of docs
}

// parseAll starts reading and parsing the files of the format on as many
// goroutines as there are processors, biggest first: until they are
// decoded the files are independent, and parsing YAML is most of the time
// a load takes. bundleFiles[i]'s result arrives on results[i]. A hostile
// bundle holds no more in memory than when read one by one: gate lets
// through one file's worth of bytes at a time (see parseFile), and once
// the files parsed hold more than MaxValues values the rest are skipped.
// stop skips the rest too.
func (r bundleReader) parseAll(gate *semaphore.Weighted) (results []chan parsedFile, stop func()) {
	results = make([]chan parsedFile, len(bundleFiles))
	sizes := make([]int64, len(bundleFiles))
	order := make([]int, len(bundleFiles))
	for i, f := range bundleFiles {
		results[i] = make(chan parsedFile, 1)
		order[i] = i
		if info, err := fs.Stat(r.fsys, f.name); err == nil {
			sizes[i] = info.Size()
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sizes[b], sizes[a]) })
	queue := make(chan int, len(order))
	for _, i := range order {
		queue <- i
	}
	close(queue)
	var values atomic.Int64
	var stopped atomic.Bool
	for range min(runtime.GOMAXPROCS(0), len(order)) {
		go func() {
			for i := range queue {
				if stopped.Load() || values.Load() > int64(maxValues) {
					results[i] <- parsedFile{skipped: true}
					continue
				}
				p := r.parseFile(bundleFiles[i], gate)
				values.Add(int64(p.values))
				results[i] <- p
			}
		}()
	}
	return results, func() { stopped.Store(true) }
}

// parseFile reads and parses one file, enforcing the limits of one file.
// The parse waits until gate has room for the file's bytes, which bounds
// the bytes parsed at once to MaxFileSize: a parse holds many times its
// bytes in memory.
func (r bundleReader) parseFile(f bundleFile, gate *semaphore.Weighted) (p parsedFile) {
	src, unread := r.readFile(f)
	if unread != nil || src == nil {
		p.unread = unread
		return p
	}
	p.found, p.size = true, len(src)
	weight := int64(min(len(src), MaxFileSize))
	_ = gate.Acquire(context.Background(), weight) // never fails without a deadline
	defer gate.Release(weight)
	src = bytes.TrimPrefix(src, []byte("\ufeff")) // editors on Windows add one
	// YAML reads CR LF and a lone CR as line breaks; so do editors. Making
	// them LF keeps texts free of CR and every line count in step.
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	if i, msg, hint := badCharacter(src); i >= 0 {
		line, col := lineCol(src, i)
		p.invalid = &Problem{Pos: r.pos(f.name, line, col), Message: msg, Hint: hint}
		return p
	}
	p.src = src
	docs, err := parseYAML(src)
	if err != nil {
		p.invalid = r.syntaxError(f.name, src, err)
		return p
	}
	p.docs = docs
	for _, doc := range docs {
		p.values += countNodes(doc)
	}
	return p
}

// countNodes counts n and the nodes under it, the memory a parse holds.
func countNodes(n *yaml.Node) int {
	count := 1
	for _, c := range n.Content {
		count += countNodes(c)
	}
	return count
}

// accept takes the parsed files in the format's order: it counts each
// against the limits of the whole bundle and checks it holds one document
// of the format's shape. ok says root is ready to decode.
func (d *decoder) accept(f bundleFile, p parsedFile) (root *yaml.Node, ok bool) {
	d.file = f.name
	whole := d.pos(f.name, 0, 0)
	switch {
	case p.unread != nil:
		d.add(p.unread.Pos, p.unread.Message, p.unread.Hint)
		return nil, false
	case !p.found:
		return nil, false // an optional file, absent
	}
	d.read += p.size
	if d.read > MaxBundleSize {
		d.add(whole, fmt.Sprintf("the bundle is over the limit of %d bytes with %s", MaxBundleSize, f.name), "shorten its texts, or split the event into several briefings")
		return nil, false
	}
	if p.invalid != nil {
		d.add(p.invalid.Pos, p.invalid.Message, p.invalid.Hint)
		return nil, false
	}
	d.srcs[f.name] = p.src
	docs := p.docs
	switch {
	case len(docs) > 1:
		d.add(d.pos(f.name, docs[1].Line, max(docs[1].Column, 1)), f.name+" holds more than one YAML document", "remove the --- separator and what follows; one file holds one document")
		return nil, false
	case len(docs) == 0 || len(docs[0].Content) == 0 || isNull(docs[0].Content[0]):
		if f.required {
			d.add(whole, f.name+" is empty", "fill it in; `brief new DIR` writes a skeleton to start from, and docs/FORMAT.md describes it")
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
// one, which is a mistake the caller reports. A panic in the parser is an
// error like any other: the input is someone else's file.
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

// readFile reads one file of the bundle within the size limit of a file;
// an optional file that is absent gives neither bytes nor a problem. Only
// regular files are read: a named pipe or device would block or never end.
func (r bundleReader) readFile(f bundleFile) ([]byte, *Problem) {
	whole := r.pos(f.name, 0, 0)
	problem := func(msg, hint string) *Problem { return &Problem{Pos: whole, Message: msg, Hint: hint} }
	info, err := fs.Stat(r.fsys, f.name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if f.required {
			return nil, problem("missing required file "+f.name, "every bundle needs briefing.yaml and sources.yaml; `brief new DIR` writes a skeleton")
		}
		return nil, nil
	case err != nil:
		return nil, problem("cannot read "+f.name+": "+cleanFSError(err), "check the file's permissions, and that any link in its path stays inside the bundle")
	case info.IsDir():
		return nil, problem(f.name+" is a directory, not a file", "replace it with a YAML file")
	case !info.Mode().IsRegular():
		return nil, problem(f.name+" is not a regular file (a pipe, socket or device)", "replace it with a YAML file")
	case info.Size() > MaxFileSize:
		return nil, problem(fmt.Sprintf("%s is %d bytes, over the limit of %d", f.name, info.Size(), MaxFileSize), "shorten its texts, or split the event into several briefings")
	}
	file, err := r.fsys.Open(f.name)
	if err != nil {
		return nil, problem("cannot read "+f.name+": "+cleanFSError(err), "check the file's permissions, and that any link in its path stays inside the bundle")
	}
	defer file.Close()
	src, err := readAtMost(file, int(info.Size()), MaxFileSize)
	switch {
	case err != nil:
		return nil, problem("cannot read "+f.name+": "+cleanFSError(err), "check the file's permissions")
	case len(src) > MaxFileSize:
		return nil, problem(fmt.Sprintf("%s is over the limit of %d bytes", f.name, MaxFileSize), "shorten its texts, or split the event into several briefings")
	}
	return src, nil
}

// readAtMost reads r to its end, or to one byte past limit: the file may
// have grown since its size was taken. A buffer of the expected size and
// one byte more holds it at once, without copies as it grows.
func readAtMost(r io.Reader, expected, limit int) ([]byte, error) {
	buf := make([]byte, 0, min(expected, limit)+1)
	for len(buf) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), limit+1)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

func cleanFSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return CleanText(err.Error())
}
