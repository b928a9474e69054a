package data

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// minimalFS is examples/minimal in memory, to change one file of.
func minimalFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range BundleFiles() {
		data, err := os.ReadFile(filepath.Join("../examples/minimal", name))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// minimalCopy is examples/minimal copied to dir/name, for cases that need
// a real file system; it returns the bundle's path.
func minimalCopy(t *testing.T, minimal fstest.MapFS, dir, name string) string {
	t.Helper()
	bundle := filepath.Join(dir, name)
	if err := os.MkdirAll(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	for file, f := range minimal {
		if err := os.WriteFile(filepath.Join(bundle, file), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return bundle
}

func loadFSReport(t *testing.T, fsys fs.FS) string {
	t.Helper()
	b, err := Load(fsys, "b")
	if err == nil {
		t.Fatalf("bundle loaded (%q); want it refused", b.Overview.Title)
	}
	return err.Error() + "\n"
}

// TestLimits builds bundles just over each documented limit (too big to
// commit) and checks the exact report; just under, they load.
func TestLimits(t *testing.T) {
	summary := "  summary: |\n    A short English summary of the article, in your own words.\n"
	longSummary := func(n int) string {
		return "  summary: |\n    " + strings.Repeat("x", n) + "\n"
	}
	deepTheme := "theme:\n  english: Open data for everyone\n  original:\n"
	for i := range MaxDepth {
		deepTheme += strings.Repeat("  ", i+2) + "-\n"
	}
	deepTheme += strings.Repeat("  ", MaxDepth+2) + "- fr\n"
	tests := []struct {
		name   string
		change func(fsys fstest.MapFS)
		want   string
	}{
		{"file over MaxFileSize", func(fsys fstest.MapFS) {
			fsys["sources.yaml"].Data = append(fsys["sources.yaml"].Data, "#"+strings.Repeat("x", MaxFileSize)+"\n"...)
		}, fmt.Sprintf("b/sources.yaml: sources.yaml is %d bytes, over the limit of %d\n\thint: shorten its texts, or split the event into several briefings\n", MaxFileSize+len(minimalFS(t)["sources.yaml"].Data)+2, MaxFileSize)},
		{"bundle over MaxBundleSize", func(fsys fstest.MapFS) {
			padding := "#" + strings.Repeat("x", MaxFileSize-1000) + "\n"
			for _, name := range []string{"briefing.yaml", "sources.yaml", "timeline.yaml", "sessions.yaml", "speakers.yaml"} {
				fsys[name].Data = append(fsys[name].Data, padding...)
			}
		}, fmt.Sprintf("b/speakers.yaml: the bundle is over the limit of %d bytes with speakers.yaml\n\thint: shorten its texts, or split the event into several briefings\n", MaxBundleSize)},
		{"text over MaxTextLen", func(fsys fstest.MapFS) {
			replace(t, fsys, "sources.yaml", summary, longSummary(MaxTextLen))
		}, fmt.Sprintf("b/sources.yaml:10:12: text of %d bytes is over the limit of %d\n\thint: shorten it, or split it into several items\n", MaxTextLen+1, MaxTextLen)},
		{"values over MaxValues", func(fsys fstest.MapFS) {
			replace(t, fsys, "sources.yaml", "    - The summit opened on 2 March.\n", "    - The summit opened on 2 March.\n    - ["+strings.Repeat("a,", MaxValues)+"a]\n")
		}, fmt.Sprintf("b/sources.yaml: the bundle holds more than %d values (keys, texts and list entries) with sources.yaml\n\thint: shorten it, or split the event into several briefings\n", MaxValues)},
		{"nesting over MaxDepth", func(fsys fstest.MapFS) {
			replace(t, fsys, "briefing.yaml", "theme:\n  english: Open data for everyone\n  original:\n", deepTheme)
		}, "b/briefing.yaml:21:27: nesting deeper than 12 levels\n\thint: the format needs at most a few levels; see docs/FORMAT.md\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := minimalFS(t)
			tt.change(fsys)
			if got := loadFSReport(t, fsys); got != tt.want {
				t.Errorf("report:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	t.Run("text of MaxTextLen loads", func(t *testing.T) {
		fsys := minimalFS(t)
		replace(t, fsys, "sources.yaml", summary, longSummary(MaxTextLen-1))
		b, err := Load(fsys, "b")
		if err != nil {
			t.Fatal(err)
		}
		if n := len(b.Sources[0].Summary); n != MaxTextLen {
			t.Errorf("summary is %d bytes, want %d", n, MaxTextLen)
		}
	})
}

// TestTooManyProblems checks a bundle with thousands of problems reports
// the first MaxProblems and says it stopped.
func TestTooManyProblems(t *testing.T) {
	fsys := minimalFS(t)
	var sb strings.Builder
	sb.Write(fsys["figures.yaml"].Data)
	for i := range 3 * MaxProblems {
		fmt.Fprintf(&sb, "- id: f%d\n  value: %d\n  counts: things\n  asOf: today\n  sources: [nowhere-%d]\n", i, i, i)
	}
	fsys["figures.yaml"].Data = []byte(sb.String())
	_, err := Load(fsys, "b")
	ps, ok := err.(Problems)
	if !ok {
		t.Fatalf("got %T %v, want Problems", err, err)
	}
	last := ps[len(ps)-1]
	if len(ps) != MaxProblems+1 || last.String() != "b: stopped after 200 problems\n\thint: fix these and validate again to see the rest" {
		t.Errorf("got %d problems ending with %q; want %d and a note that it stopped", len(ps), last, MaxProblems)
	}
	if first := ps[0].String(); !strings.HasPrefix(first, `b/figures.yaml:12:13: unknown source "nowhere-0"`) {
		t.Errorf("first problem = %q", first)
	}
}

func replace(t *testing.T, fsys fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(fsys[file].Data)
	if strings.Count(s, old) != 1 {
		t.Fatalf("%s does not hold %q once", file, old)
	}
	fsys[file].Data = []byte(strings.Replace(s, old, new, 1))
}

// TestLoadDirFileSystemTricks covers what cannot be committed: links that
// leave the bundle, link loops, pipes, a directory where a file should be,
// an unreadable file. None may hang, escape or be read.
func TestLoadDirFileSystemTricks(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.yaml")
	if err := os.WriteFile(secret, []byte("- id: secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const escapes = "cannot read sources.yaml: path escapes from parent\n\thint: check the file's permissions, and that any link in its path stays inside the bundle\n"
	tests := []struct {
		name  string
		setup func(t *testing.T, sources string)
		want  string
	}{
		{"link-out-relative", func(t *testing.T, sources string) {
			symlink(t, "../secret.yaml", sources)
		}, escapes},
		{"link-out-absolute", func(t *testing.T, sources string) {
			symlink(t, secret, sources)
		}, escapes},
		{"link-to-device", func(t *testing.T, sources string) {
			symlink(t, "/dev/zero", sources)
		}, escapes},
		{"link-loop", func(t *testing.T, sources string) {
			symlink(t, "sources.yaml", sources)
		}, "cannot read sources.yaml: too many levels of symbolic links\n\thint: check the file's permissions, and that any link in its path stays inside the bundle\n"},
		{"directory", func(t *testing.T, sources string) {
			if err := os.Mkdir(sources, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "sources.yaml is a directory, not a file\n\thint: replace it with a YAML file\n"},
		{"named-pipe", func(t *testing.T, sources string) {
			mkfifo, err := exec.LookPath("mkfifo")
			if err != nil {
				t.Skip("no mkfifo command on this system to make a named pipe with")
			}
			if out, err := exec.Command(mkfifo, sources).CombinedOutput(); err != nil {
				t.Fatalf("mkfifo: %v: %s", err, out)
			}
		}, "sources.yaml is not a regular file (a pipe, socket or device)\n\thint: replace it with a YAML file\n"},
	}
	minimal := minimalFS(t)
	t.Chdir(dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bundle := minimalCopy(t, minimal, dir, tt.name)
			sources := filepath.Join(bundle, "sources.yaml")
			if err := os.Remove(sources); err != nil {
				t.Fatal(err)
			}
			tt.setup(t, sources)
			want := tt.name + "/sources.yaml: " + tt.want
			if got := loadReport(t, tt.name); got != want {
				t.Errorf("report:\n%s\nwant:\n%s", got, want)
			}
		})
	}
	t.Run("link-inside", func(t *testing.T) {
		bundle := minimalCopy(t, minimal, dir, "link-inside")
		if err := os.Rename(filepath.Join(bundle, "sources.yaml"), filepath.Join(bundle, "sources.txt")); err != nil {
			t.Fatal(err)
		}
		symlink(t, "sources.txt", filepath.Join(bundle, "sources.yaml"))
		if _, err := LoadDir("link-inside"); err != nil {
			t.Errorf("a link that stays inside the bundle should be followed:\n%v", err)
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root, which reads any file; the directory and link cases cover unreadable files")
		}
		bundle := minimalCopy(t, minimal, dir, "unreadable")
		if err := os.Chmod(filepath.Join(bundle, "sources.yaml"), 0); err != nil {
			t.Fatal(err)
		}
		want := "unreadable/sources.yaml: cannot read sources.yaml: permission denied\n\thint: check the file's permissions, and that any link in its path stays inside the bundle\n"
		if got := loadReport(t, "unreadable"); got != want {
			t.Errorf("report:\n%s\nwant:\n%s", got, want)
		}
	})
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
