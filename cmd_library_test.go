package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/brief-reader/brief/internal/export"
	"github.com/brief-reader/brief/internal/library"
)

// libraryEnv is a fresh BRIEF_HOME for one test.
func libraryEnv(t *testing.T) (env []string, home string) {
	t.Helper()
	home = t.TempDir()
	return []string{"BRIEF_HOME=" + home}, home
}

type listedJSON struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Place   string `json:"place"`
	Start   string `json:"start"`
	End     string `json:"end"`
	Items   int    `json:"items"`
	Unseen  int    `json:"unseen"`
	Changed int    `json:"changed"`
	Status  string `json:"status"`
	Problem string `json:"problem"`
	Origin  string `json:"origin"`
}

func libraryList(t *testing.T, env []string) []listedJSON {
	t.Helper()
	r := brief(t, env, "library", "list", "--json")
	r.expect(t, 0)
	var out []listedJSON
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("library list --json: %v\n%s", err, r.stdout)
	}
	return out
}

func ids(list []listedJSON) string {
	var s []string
	for _, l := range list {
		s = append(s, l.ID+":"+l.Status)
	}
	return strings.Join(s, " ")
}

func TestLibraryAddListRemove(t *testing.T) {
	t.Parallel()
	env, home := libraryEnv(t)
	list := libraryList(t, env)
	if ids(list) != "builtin:ok" || list[0].Items < 100 || list[0].Unseen != list[0].Items {
		t.Fatalf("a new library holds the built-in briefing alone, all unseen: %+v", list)
	}

	dir := minimalCopy(t)
	r := brief(t, env, "library", "add", dir)
	r.expect(t, 0)
	if !strings.Contains(r.stdout, "added bundle: Example Summit on Open Data") || !strings.Contains(r.stdout, "brief --briefing bundle") {
		t.Errorf("add should say what it added and how to open it:\n%s", r.stdout)
	}
	list = libraryList(t, env)
	if ids(list) != "builtin:ok bundle:ok" {
		t.Fatalf("after add: %s", ids(list))
	}
	e := list[1]
	if e.Title != "Example Summit on Open Data" || e.Place != "Lyon, France" || e.Start != "2030-03-02" || e.End != "2030-03-03" || e.Items != 9 || e.Unseen != 9 || e.Origin != dir {
		t.Errorf("entry = %+v", e)
	}
	// The copy is private and independent of the original.
	copyDir := filepath.Join(home, "data", "library", "bundle")
	for _, p := range []string{filepath.Join(home, "data", "library"), copyDir, filepath.Join(copyDir, "briefing.yaml"), filepath.Join(home, "state", "brief.db")} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		want := os.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
	edit(t, dir, "briefing.yaml", "Example Summit on Open Data", "Example Summit on Closed Data")
	if got := libraryList(t, env)[1].Title; got != "Example Summit on Open Data" {
		t.Errorf("editing the original changed the library's copy: %q", got)
	}

	// Adding it again brings in the new edition, under the same id.
	r = brief(t, env, "library", "add", dir)
	r.expect(t, 0)
	if !strings.Contains(r.stdout, "new edition of bundle") {
		t.Errorf("re-add should say it brought in a new edition:\n%s", r.stdout)
	}
	list = libraryList(t, env)
	if ids(list) != "builtin:ok bundle:ok" || list[1].Title != "Example Summit on Closed Data" {
		t.Errorf("after re-add: %s %q", ids(list), list[1].Title)
	}

	r = brief(t, env, "library", "remove", "bundle")
	r.expect(t, 0)
	if ids(libraryList(t, env)) != "builtin:ok" {
		t.Error("remove left the entry listed")
	}
	if _, err := os.Stat(copyDir); !os.IsNotExist(err) {
		t.Errorf("remove left the copy behind: %v", err)
	}
}

// TestLibraryRefusesBadInput: each mistake exits 2 with a message on
// stderr saying what to do, prints nothing on stdout and changes nothing.
// A mistyped path or a folder that is no bundle is refused before brief
// makes any state: a first `library add` with a typo leaves no database.
func TestLibraryAddOfNoBundleMakesNoState(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{filepath.Join(t.TempDir(), "nowhere"), t.TempDir()} {
		env, home := libraryEnv(t)
		r := brief(t, env, "library", "add", dir)
		r.expect(t, 2)
		if entries, _ := os.ReadDir(home); len(entries) > 0 {
			t.Errorf("library add %s made state in %s: %v", dir, home, entries)
		}
	}
}

func TestLibraryRefusesBadInput(t *testing.T) {
	t.Parallel()
	env, _ := libraryEnv(t)
	dir := minimalCopy(t)
	brief(t, env, "library", "add", dir).expect(t, 0)
	before := libraryList(t, env)

	bad, _ := filepath.Abs("testdata/bad/bad-id")
	want, err := os.ReadFile(bad + ".want")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"missing path", []string{"library", "add", filepath.Join(t.TempDir(), "nowhere")}, []string{"does not exist", "pass the directory that holds briefing.yaml"}},
		{"a file", []string{"library", "add", filepath.Join(dir, "briefing.yaml")}, []string{"is a file, not a directory"}},
		{"invalid bundle", []string{"library", "add", "testdata/bad/bad-id"}, []string{"then check again with `brief validate testdata/bad/bad-id`"}},
		{"duplicate add", []string{"library", "add", dir}, []string{"already in the library as \"bundle\"", "edit the bundle, then add it again"}},
		{"no path", []string{"library", "add"}, []string{"needs one bundle directory"}},
		{"unknown id", []string{"library", "remove", "nope"}, []string{`unknown library entry "nope"`, "brief library list"}},
		{"built-in", []string{"library", "remove", "builtin"}, []string{"always in the library"}},
		{"no id", []string{"library", "remove"}, []string{"needs one id"}},
		{"unknown briefing", []string{"--briefing", "nope"}, []string{`unknown library entry "nope"`}},
		{"no subcommand", []string{"library"}, []string{"add, list or remove"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := brief(t, env, c.args...)
			r.expectUsage(t, c.stderr...)
			if c.name == "invalid bundle" && !strings.Contains(r.stderr, strings.ReplaceAll(string(want), bad, "testdata/bad/bad-id")) {
				t.Errorf("stderr should hold the validator's full report:\n%s\ngot:\n%s", want, r.stderr)
			}
			if after := libraryList(t, env); ids(after) != ids(before) || after[1].Title != before[1].Title {
				t.Errorf("the library changed: %s → %s", ids(before), ids(after))
			}
		})
	}
}

// TestLibraryListsBrokenEntries: an entry whose copy vanished or no longer
// validates is listed as such, and the rest of the library still lists.
func TestLibraryListsBrokenEntries(t *testing.T) {
	t.Parallel()
	env, home := libraryEnv(t)
	a, b := minimalCopy(t), filepath.Join(t.TempDir(), "other")
	if err := os.CopyFS(b, os.DirFS(a)); err != nil {
		t.Fatal(err)
	}
	edit(t, b, "briefing.yaml", "Example Summit on Open Data", "Another Summit")
	brief(t, env, "library", "add", a).expect(t, 0)
	brief(t, env, "library", "add", b).expect(t, 0)
	lib := filepath.Join(home, "data", "library")
	if err := os.RemoveAll(filepath.Join(lib, "bundle")); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(lib, "other"), "sources.yaml", "id: ", "id: BAD ")
	list := libraryList(t, env)
	if ids(list) != "builtin:ok other:invalid bundle:missing" {
		t.Fatalf("list = %s", ids(list))
	}
	if !strings.Contains(list[2].Problem, "gone") || list[1].Problem == "" {
		t.Errorf("problems should say what is wrong: %+v", list[1:])
	}
	r := brief(t, env, "library", "list")
	r.expect(t, 0)
	if !strings.Contains(r.stdout, "[missing: ") || !strings.Contains(r.stdout, "[invalid: ") {
		t.Errorf("the plain list should show the statuses:\n%s", r.stdout)
	}
	r = brief(t, env, "--briefing", "bundle")
	r.expect(t, 2)
	if !strings.Contains(r.stderr, "brief library add "+a) {
		t.Errorf("opening a missing entry should say how to bring it back:\n%s", r.stderr)
	}
}

// TestEmbeddedCommandsNeedNoHome: export, validate and search on the
// built-in briefing work with no HOME, no XDG folders and no BRIEF_HOME.
func TestEmbeddedCommandsNeedNoHome(t *testing.T) {
	t.Parallel()
	var env []string
	for _, kv := range cleanEnv() {
		name, _, _ := strings.Cut(kv, "=")
		if name == "HOME" || name == "BRIEF_HOME" || strings.HasPrefix(name, "XDG_") {
			continue
		}
		env = append(env, kv)
	}
	for _, args := range [][]string{{"export", "--format", "text"}, {"validate"}, {"search", "hanoi"}, {}} {
		cmd := briefCmd(t, nil, args...)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("brief %s without a home: %v", strings.Join(args, " "), err)
		}
		if len(out) == 0 {
			t.Errorf("brief %s printed nothing", strings.Join(args, " "))
		}
	}
}

// TestSearchAll searches the built-in briefing and a library bundle at
// once: the hits of both come back, each naming its briefing.
func TestSearchAll(t *testing.T) {
	t.Parallel()
	env, _ := libraryEnv(t)
	brief(t, env, "library", "add", minimalCopy(t)).expect(t, 0)

	r := brief(t, env, "search", "--all", "--json", "--limit", "0", "ceremony")
	r.expect(t, 0)
	var hits []struct {
		Briefing      string `json:"briefing"`
		BriefingTitle string `json:"briefingTitle"`
		Kind          string `json:"kind"`
		Title         string `json:"title"`
		Score         int    `json:"score"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil {
		t.Fatal(err)
	}
	from := map[string]int{}
	for i, h := range hits {
		from[h.Briefing]++
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("hits are not best first: %d after %d", h.Score, hits[i-1].Score)
		}
		if h.Briefing == "bundle" && h.BriefingTitle != "Example Summit on Open Data" {
			t.Errorf("hit %+v names the wrong briefing title", h)
		}
	}
	if from["builtin"] == 0 || from["bundle"] == 0 || len(from) != 2 {
		t.Fatalf("want hits from both briefings: %v", from)
	}

	r = brief(t, env, "search", "--all", "--limit", "0", "ceremony")
	r.expect(t, 0)
	if !strings.Contains(r.stdout, "bundle · session  Opening *ceremony*") || !strings.Contains(r.stdout, "builtin · ") {
		t.Errorf("plain hits should name their briefing:\n%s", r.stdout)
	}

	// With a limit, only the hits printed are scored; the count is of all.
	r = brief(t, env, "search", "--all", "--limit", "1", "ceremony")
	r.expect(t, 0)
	if want := fmt.Sprintf("Showing the best 1 of %d hits", len(hits)); strings.Count(r.stdout, "\n1. ") > 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("--all --limit 1: want %q, stderr %q", want, r.stderr)
	}

	r = brief(t, env, "search", "--all", "zzzzqqq")
	r.expect(t, 1)
	brief(t, env, "search", "--all", "--bundle", "examples/minimal", "x").expectUsage(t, "[all bundle]")
}

// TestListJSONIsExportJSON: `library list --json` writes its rows field
// by field; the bytes are those export.WriteJSON writes for the list,
// for every field of library.Listed (filled by reflection, so a field
// added to it and not to the writer fails here) and for strings that
// need escapes: quotes, controls, invalid UTF-8, HTML, line and
// paragraph separators, bidi overrides, DEL.
func TestListJSONIsExportJSON(t *testing.T) {
	strs := []string{"", "plain", "Hà Nội, Việt Nam", `a "quoted" \ path`, "tab\tnew\nline\x01", "bad \xff utf8", "<b>&amp;</b>",
		"line\u2028para\u2029", "bidi \u202e override", "zero\u200bwidth", "del\x7f", "c1 \u0085", "emoji 🗳️"}
	var list []library.Listed
	for i := range strs {
		var l library.Listed
		v := reflect.ValueOf(&l).Elem()
		for f := range v.NumField() {
			switch fv := v.Field(f); fv.Kind() {
			case reflect.String:
				fv.SetString(strs[(i+f)%len(strs)])
			case reflect.Int:
				fv.SetInt(int64(i*f - 3))
			default:
				t.Fatalf("library.Listed.%s is a %s: teach writeListJSON and this test", v.Type().Field(f).Name, fv.Kind())
			}
		}
		list = append(list, l)
	}
	for n := range len(list) + 1 {
		var got, want bytes.Buffer
		if err := writeListJSON(&got, list[:n]); err != nil {
			t.Fatal(err)
		}
		if err := export.WriteJSON(&want, list[:n]); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("%d rows:\n%s\nwant\n%s", n, got.String(), want.String())
		}
	}
}
