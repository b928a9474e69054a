package data

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/bad/*.want from what the loader reports; review every change")

// loadReport is what `brief validate DIR` prints for a bundle: every
// problem with its position and hint, or why the directory cannot be read.
func loadReport(t *testing.T, dir string) string {
	t.Helper()
	b, err := LoadDir(dir)
	if err == nil {
		t.Fatalf("%s loaded (%q); want it refused", dir, b.Overview.Title)
	}
	return err.Error() + "\n"
}

// TestBadBundles loads each bundle of testdata/bad, one defect each, and
// compares the whole report with testdata/bad/NAME.want. It runs from the
// repository root so file names read as `brief validate` prints them.
func TestBadBundles(t *testing.T) {
	t.Chdir("..")
	entries, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	var bundles []string
	for _, e := range entries {
		if e.IsDir() {
			bundles = append(bundles, e.Name())
		} else if name, ok := strings.CutSuffix(e.Name(), ".want"); ok {
			if _, err := os.Stat(filepath.Join("testdata/bad", name)); err != nil {
				t.Errorf("testdata/bad/%s has no bundle %s", e.Name(), name)
			}
		}
	}
	if len(bundles) < 30 {
		t.Errorf("testdata/bad has %d bundles, want at least 30", len(bundles))
	}
	for _, name := range bundles {
		t.Run(name, func(t *testing.T) {
			dir := "testdata/bad/" + name
			got := loadReport(t, dir)
			wantFile := dir + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update to create it, then review it)", err)
			}
			if got != string(want) {
				t.Errorf("report differs from %s\ngot:\n%s\nwant:\n%s", wantFile, got, want)
			}
		})
	}
}

// TestBadBundlesHaveOneDefect keeps the corpus honest: each bad bundle
// differs from examples/minimal in one file only.
func TestBadBundlesHaveOneDefect(t *testing.T) {
	entries, err := os.ReadDir("../testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		var changed []string
		for _, f := range unionNames(t, "../examples/minimal", "../testdata/bad/"+e.Name()) {
			a, errA := os.ReadFile(filepath.Join("../examples/minimal", f))
			b, errB := os.ReadFile(filepath.Join("../testdata/bad", e.Name(), f))
			if (errA == nil) != (errB == nil) || string(a) != string(b) {
				changed = append(changed, f)
			}
		}
		// A renamed file shows as one removed and one added.
		if len(changed) == 0 || len(changed) > 2 || len(changed) == 2 && e.Name() != "unknown-file" {
			t.Errorf("testdata/bad/%s changes %v; want exactly one defect", e.Name(), changed)
		}
	}
}

func unionNames(t *testing.T, dirs ...string) []string {
	t.Helper()
	var names []string
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !slices.Contains(names, e.Name()) {
				names = append(names, e.Name())
			}
		}
	}
	return names
}

func TestMinimalExampleLoads(t *testing.T) {
	b, err := LoadDir("../examples/minimal")
	if err != nil {
		t.Fatalf("examples/minimal does not load:\n%v", err)
	}
	if b.Overview.Title != "Example Summit on Open Data" || len(b.Sources) != 1 || len(b.Measures) != 1 {
		t.Errorf("examples/minimal loaded as %q with %d sources and %d measures", b.Overview.Title, len(b.Sources), len(b.Measures))
	}
	sp, ok := b.Speaker("mayor")
	if !ok || sp.Name != "Jeanne Exemple" || len(sp.Statements) != 1 || sp.Statements[0].Session != "opening-ceremony" {
		t.Errorf("speaker mayor = %+v, %v", sp, ok)
	}
	wantSynthesis := "Delegates met in Lyon for two days to discuss open data [example-news].\nThis bundle is a skeleton: replace every text with your own briefing.\n"
	if b.Overview.Synthesis != wantSynthesis {
		t.Errorf("synthesis = %q, want %q", b.Overview.Synthesis, wantSynthesis)
	}
}

// TestUnusualBundles loads bundles that are valid though written in ways
// an editor or another tool may produce, and checks what they hold.
func TestUnusualBundles(t *testing.T) {
	minimal, err := LoadDir("../examples/minimal")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		check func(t *testing.T, b *Briefing)
	}{
		{"crlf", func(t *testing.T, b *Briefing) {
			sameAs(t, b, minimal)
		}},
		{"bom", func(t *testing.T, b *Briefing) {
			sameAs(t, b, minimal)
		}},
		{"required-only", func(t *testing.T, b *Briefing) {
			if len(b.Sources) != 1 || len(b.Timeline)+len(b.Sessions)+len(b.Speakers)+len(b.Measures)+len(b.Figures)+len(b.Glossary) != 0 {
				t.Errorf("got %d sources and %d other items, want 1 source only", len(b.Sources), len(b.Timeline)+len(b.Sessions)+len(b.Speakers)+len(b.Measures)+len(b.Figures)+len(b.Glossary))
			}
		}},
		{"no-measures", func(t *testing.T, b *Briefing) {
			if len(b.Measures) != 0 || len(b.Sessions) != 1 {
				t.Errorf("got %d measures and %d sessions, want 0 and 1", len(b.Measures), len(b.Sessions))
			}
		}},
		{"empty-optional-files", func(t *testing.T, b *Briefing) {
			if len(b.Timeline)+len(b.Measures)+len(b.Figures)+len(b.Glossary) != 0 || len(b.Speakers) != 1 {
				t.Errorf("files holding only comments gave items: %d events, %d measures, %d figures, %d terms", len(b.Timeline), len(b.Measures), len(b.Figures), len(b.Glossary))
			}
		}},
		{"unicode", func(t *testing.T, b *Briefing) {
			want := []string{b.Overview.Title, b.Overview.Place, b.Speakers[0].Name, strings.Join(b.Speakers[0].Aliases, "|"), b.Glossary[0].Term}
			got := []string{"Lễ mở ký Công ước Hà Nội — 河内公约 — اتفاقية هانوي 🇻🇳", "Hà Nội, Việt Nam", "Lương Tam Quang", "Luong Tam Quang|Đại tướng Lương Tam Quang|Ł Ø ß ç", "dữ liệu mở – ÆØÅ – данные – 開放データ – 👩🏽\\u200d💻"}
			if !slices.Equal(got, want) {
				t.Errorf("texts = %q\nwant %q", want, got)
			}
		}},
		{"yaml-styles", func(t *testing.T, b *Briefing) {
			got := []string{b.Figures[0].Value, b.Figures[0].Counts, b.Figures[0].AsOf, b.Glossary[0].English, b.Timeline[0].Title, b.Speakers[0].Rank}
			want := []string{"1.50", "delegates attending\n", "2030", "yes", `The summit "opens"`, "007"}
			if !slices.Equal(got, want) {
				t.Errorf("texts = %q, want them as written %q", got, want)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := LoadDir("../testdata/unusual/" + tt.name)
			if err != nil {
				t.Fatalf("does not load:\n%v", err)
			}
			tt.check(t, b)
		})
	}
}

// sameAs fails unless b holds exactly what want holds.
func sameAs(t *testing.T, b, want *Briefing) {
	t.Helper()
	got, wantJSON := mustJSON(t, b), mustJSON(t, want)
	if got != wantJSON {
		t.Errorf("loaded briefing differs from examples/minimal:\ngot  %s\nwant %s", got, wantJSON)
	}
}

func TestLoadDirRefusesWhatIsNotABundle(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("empty", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("file.yaml", []byte("title: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dir, want string }{
		{"empty", "empty/briefing.yaml: missing required file briefing.yaml\n\thint: every bundle needs briefing.yaml and sources.yaml; `brief new DIR` writes a skeleton\nempty/sources.yaml: missing required file sources.yaml\n\thint: every bundle needs briefing.yaml and sources.yaml; `brief new DIR` writes a skeleton\n"},
		{"file.yaml", "bundle file.yaml is a file, not a directory: pass the directory that holds briefing.yaml\n"},
		{"nowhere", "bundle nowhere does not exist: pass the directory that holds briefing.yaml\n"},
	}
	for _, tt := range tests {
		if got := loadReport(t, tt.dir); got != tt.want {
			t.Errorf("LoadDir(%q):\n%s\nwant:\n%s", tt.dir, got, tt.want)
		}
	}
	_, err := LoadDir("empty")
	if ps := (Problems)(nil); !errors.As(err, &ps) || len(ps) != 2 {
		t.Errorf("an empty directory gave %T %v, want Problems for the two required files", err, err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
