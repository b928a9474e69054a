package data

import (
	"errors"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// lineBreak is what YAML, and the loader, count as the end of a line.
var lineBreak = regexp.MustCompile("\r\n|\r|\n")

// FuzzLoad turns the input into one file of a bundle, which picks, with
// the rest of examples/minimal around it. Loading must never panic, and
// must give either a valid briefing whose texts are clean or problems that
// point inside the bundle's files. The seed corpus in
// testdata/fuzz/FuzzLoad holds every file of the committed test bundles.
func FuzzLoad(f *testing.F) {
	minimal := minimalFS(f)
	f.Fuzz(func(t *testing.T, which byte, data []byte) {
		name := bundleFiles[int(which)%len(bundleFiles)].name
		fsys := fstest.MapFS{}
		for k, v := range minimal {
			fsys[k] = v
		}
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		b, err := Load(fsys, "b")
		if err == nil {
			if ps := Validate(b); len(ps) > 0 {
				t.Fatalf("Load accepted a briefing Validate refuses:\n%v", ps)
			}
			for where, s := range allStrings(t, b) {
				assertClean(t, where, s)
			}
			return
		}
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("Load returned %T %v, want Problems", err, err)
		}
		for _, p := range ps {
			checkProblem(t, fsys, p)
		}
	})
}

// checkProblem fails unless p names a bundle file and a place inside it,
// and reads as clean text with a hint.
func checkProblem(t *testing.T, fsys fstest.MapFS, p Problem) {
	t.Helper()
	s := p.String()
	assertClean(t, "problem", s)
	if p.Message == "" || p.Hint == "" {
		t.Errorf("problem without message or hint: %q", s)
	}
	file, ok := strings.CutPrefix(p.Pos.File, "b/")
	switch {
	case p.Pos.File == "b" && p.Pos.Line == 0:
		return
	case !ok || !slices.Contains(BundleFiles(), path.Base(file)):
		t.Fatalf("problem names %q, not a bundle file: %q", p.Pos.File, s)
	case p.Pos.Line == 0:
		if p.Pos.Col != 0 {
			t.Errorf("column without line: %q", s)
		}
		return
	}
	lines := lineBreak.Split(strings.TrimPrefix(string(fsys[file].Data), "\ufeff"), -1)
	if p.Pos.Line > len(lines) || p.Pos.Col < 1 {
		t.Fatalf("position %d:%d outside %s's %d lines: %q", p.Pos.Line, p.Pos.Col, file, len(lines), s)
	}
	if n := utf8.RuneCountInString(lines[p.Pos.Line-1]); p.Pos.Col > n+1 {
		t.Fatalf("column %d past the end of line %d (%d runes, %q): %q", p.Pos.Col, p.Pos.Line, n, lines[p.Pos.Line-1], s)
	}
}

// FuzzCleanText checks CleanText's promises on any input: no control
// character but newline and tab, no format character, valid UTF-8 out,
// and cleaning twice changes nothing.
func FuzzCleanText(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		out := CleanText(s)
		assertClean(t, "CleanText output", out)
		if again := CleanText(out); again != out {
			t.Errorf("not idempotent: %q → %q → %q", s, out, again)
		}
		if utf8.ValidString(s) && strings.IndexFunc(s, Unsafe) < 0 && out != s {
			t.Errorf("changed clean text %q to %q", s, out)
		}
	})
}
