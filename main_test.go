package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/brief-reader/brief/internal/library"
)

// asBrief makes the test binary run brief's main instead of the tests, so
// the CLI tests exec the real command, with real pipes and exit statuses,
// without building it separately.
const asBrief = "BRIEF_TEST_RUN_AS_BRIEF"

// crashAt names a step of a library add (library.AddSteps) at which the
// brief a test runs exits at once, with crashStatus.
const (
	crashAt     = "BRIEF_TEST_CRASH_AT"
	crashStatus = 97
)

func TestMain(m *testing.M) {
	if os.Getenv(asBrief) == "1" {
		if step := os.Getenv(crashAt); step != "" {
			// Leave the library as a crash at this step would: no deferred
			// cleanup runs.
			library.AfterStep = func(s string) {
				if s == step {
					os.Exit(crashStatus)
				}
			}
		}
		main()
		return
	}
	// Every brief the tests run keeps its state in a folder of its own,
	// never in the real home; tests that look at the state set their own.
	home, err := os.MkdirTemp("", "brief-test-home-")
	if err != nil {
		panic(err)
	}
	os.Setenv("BRIEF_HOME", home)
	baseEnv = os.Environ()
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}

// result is what one run of brief printed and how it exited.
type result struct {
	stdout, stderr string
	code           int
}

// brief runs brief with args, stdin from /dev/null and stdout and stderr
// captured (so both are pipes, not terminals). env adds to a clean
// environment whose TERM says colour works: plain output must then come
// from brief noticing the pipe.
//
// It runs brief's run in this process, one run at a time, with the
// process's arguments, environment and standard files set as a started
// brief would have them: what a run costs is then the command, not a
// process start (~57 ms of CPU each, mostly package initialisation, over
// some 600 runs). Runs that a process must show go through briefProcess:
// a crash at a library step (it exits mid-way) and `serve`.
func brief(t *testing.T, env []string, args ...string) result {
	t.Helper()
	if len(args) > 0 && args[0] == "serve" || slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, crashAt+"=") }) {
		return briefProcess(t, env, args...)
	}
	return briefInProcess(t, env, args...)
}

// testBinary is this test binary, which runs brief's main when asBrief is
// set; read at start, since a run in this process sets os.Args.
var testBinary = os.Args[0]

// baseEnv is the environment the tests started with (BRIEF_HOME set),
// read once: runs in this process change the environment for a while.
var baseEnv []string

// inProcess makes the runs in this process take turns: each sets the
// process's arguments, environment and standard files.
var inProcess sync.Mutex

func briefInProcess(t *testing.T, env []string, args ...string) result {
	t.Helper()
	return briefWritingTo(t, nil, env, args...)
}

// briefWritingTo is briefInProcess with stdout the file out (a pipe,
// captured, when nil).
func briefWritingTo(t *testing.T, out *os.File, env []string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	var readers sync.WaitGroup
	pipe := func(to *bytes.Buffer) *os.File {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		readers.Go(func() { io.Copy(to, r); r.Close() })
		return w
	}
	errW := pipe(&stderr)
	outW := out
	if out == nil {
		outW = pipe(&stdout)
	}
	code := runInProcess(t, env, nil, outW, errW, args...)
	if out == nil {
		outW.Close()
	}
	errW.Close()
	readers.Wait()
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// runInProcess runs brief's run in this process, one run at a time, with
// args, env added to a clean environment, and the standard files given
// (stdin nil: /dev/null); it returns the exit status.
func runInProcess(t *testing.T, env []string, stdin, stdout, stderr *os.File, args ...string) int {
	t.Helper()
	inProcess.Lock()
	defer inProcess.Unlock()

	restoreEnv := setEnviron(append(cleanEnv(), env...))
	defer restoreEnv()
	if stdin == nil {
		devNull, err := os.Open(os.DevNull)
		if err != nil {
			t.Fatal(err)
		}
		defer devNull.Close()
		stdin = devNull
	}
	savedArgs, savedIn, savedOut, savedErr := os.Args, os.Stdin, os.Stdout, os.Stderr
	os.Args = append([]string{"brief"}, args...)
	os.Stdin, os.Stdout, os.Stderr = stdin, stdout, stderr
	code := run(context.Background())
	os.Args, os.Stdin, os.Stdout, os.Stderr = savedArgs, savedIn, savedOut, savedErr
	return code
}

// setEnviron makes the process's environment env and returns what puts
// the one before back.
func setEnviron(env []string) (restore func()) {
	before := os.Environ()
	set := func(kvs []string) {
		want := map[string]string{}
		for _, kv := range kvs {
			k, v, _ := strings.Cut(kv, "=")
			want[k] = v
		}
		for _, kv := range os.Environ() {
			if k, _, _ := strings.Cut(kv, "="); k != "" {
				if _, ok := want[k]; !ok {
					os.Unsetenv(k)
				}
			}
		}
		for k, v := range want {
			os.Setenv(k, v)
		}
	}
	set(env)
	return func() { set(before) }
}

// briefProcess is brief run as a process of its own: this test binary,
// which runs brief's main when asBrief is set.
func briefProcess(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := briefCmd(t, env, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("brief %s: %v", strings.Join(args, " "), err)
	}
	return result{stdout: stdout.String(), stderr: stderr.String(), code: cmd.ProcessState.ExitCode()}
}

func briefCmd(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(testBinary, args...)
	cmd.Env = append(cleanEnv(), env...)
	return cmd
}

// cleanEnv is the test's environment without what changes brief's output.
func cleanEnv() []string {
	var env []string
	for _, kv := range baseEnv {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "TERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLORTERM", "TTY_FORCE":
			continue
		}
		env = append(env, kv)
	}
	return append(env, asBrief+"=1", "TERM=xterm-256color", "COLORTERM=truecolor")
}

// minimalCopy copies examples/minimal into a temporary directory, to be
// broken or grown by a test.
func minimalCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bundle")
	if err := os.CopyFS(dir, os.DirFS("examples/minimal")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// edit replaces old with new in one file of a bundle, failing if old is
// not there, so a test cannot silently stop making its defect.
func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	path := filepath.Join(dir, file)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(path, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (r result) expect(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

// expectUsage checks a run failed with status 2, said why on stderr and
// printed nothing on stdout.
func (r result) expectUsage(t *testing.T, stderrWants ...string) {
	t.Helper()
	r.expect(t, 2)
	if r.stdout != "" {
		t.Errorf("stdout should be empty on an error, got:\n%s", r.stdout)
	}
	for _, want := range stderrWants {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	noEscapes(t, "stderr", r.stderr)
}

// errorReporter is the part of *testing.T noEscapes uses, so a test can
// check that noEscapes itself fails.
type errorReporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// noEscapes fails if s holds a control code other than a line break or a
// tab: any C0 control or DEL, and any C1 control (U+0080–U+009F, CSI is
// U+009B) whether UTF-8-encoded (C2 80–C2 9F) or as a raw byte that is
// not part of a character.
func noEscapes(t errorReporter, name, s string) {
	t.Helper()
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		control := r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
		if r == utf8.RuneError && size == 1 {
			control = s[i] >= 0x80 && s[i] <= 0x9f
		}
		if control {
			t.Errorf("%s holds an escape or control code at byte %d: %q", name, i, s[max(0, i-20):min(len(s), i+20)])
			return
		}
		i += size
	}
}

// failures counts the errors a check reports.
type failures int

func (*failures) Helper()                 {}
func (f *failures) Errorf(string, ...any) { *f++ }

func TestNoEscapesCatchesEveryControl(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"\x1b[2J", "\x07", "\x00", "\r", "\x7f", "\u009b31m", "\u0085", "\u0080", "\u009f", "\x9b31m", "ok \x90"} {
		var f failures
		noEscapes(&f, "test", "before "+s+" after")
		if f == 0 {
			t.Errorf("noEscapes passes %q", s)
		}
	}
	for _, s := range []string{"Hà Nội, Đặng Hoàng Giang\n\tindented", "ệ ổ “quoted” — €", "\u00a0no-break space"} {
		var f failures
		noEscapes(&f, "test", s)
		if f != 0 {
			t.Errorf("noEscapes fails on plain text %q", s)
		}
	}
}

func TestValidateReportsTheCountsOfAValidBundle(t *testing.T) {
	t.Parallel()
	r := brief(t, nil, "validate", "examples/minimal")
	r.expect(t, 0)
	want := "examples/minimal: OK: 1 source, 1 timeline event, 1 session, 1 speaker (1 statement), 1 measure, 1 figure, 1 glossary term\n"
	if r.stdout != want || r.stderr != "" {
		t.Errorf("stdout %q, stderr %q; want stdout %q and no stderr", r.stdout, r.stderr, want)
	}
}

func TestBrokenBundleIsListedAsPlainProblemLines(t *testing.T) {
	t.Parallel()
	dir := minimalCopy(t)
	edit(t, dir, "timeline.yaml", "session: opening-ceremony", "session: closing-ceremony")
	edit(t, dir, "sources.yaml", "url: https://example.org", "url: ftp://example.org")
	// Every command that loads a bundle reports its problems the same way.
	for _, args := range [][]string{
		{"validate", dir},
		{"export", "--bundle", dir},
		{"--bundle", dir},
		{"search", "--bundle", dir, "mayor"},
	} {
		t.Run(args[0], func(t *testing.T) {
			t.Parallel()
			r := brief(t, nil, args...)
			r.expectUsage(t, "bundle "+dir+" has 2 problems: fix them, then check again with `brief validate "+dir+"`")
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if len(lines) != 5 {
				t.Fatalf("want 2 problems with a hint each and a summary, got:\n%s", r.stderr)
			}
			// Each problem is "file:line:col: message" with a hint below,
			// in file order.
			for i, want := range []struct{ file, line, says string }{
				{"sources.yaml", "8", "ftp://example.org"},
				{"timeline.yaml", "8", "closing-ceremony"},
			} {
				prefix := dir + "/" + want.file + ":" + want.line + ":"
				problem, hint := lines[2*i], lines[2*i+1]
				if !strings.HasPrefix(problem, prefix) || !regexp.MustCompile(`^\d+: `).MatchString(problem[len(prefix):]) || !strings.Contains(problem, want.says) {
					t.Errorf("problem %d is %q, want %sCOL: message naming %q", i+1, problem, prefix, want.says)
				}
				if !strings.HasPrefix(hint, "\thint: ") {
					t.Errorf("problem %d should have a hint below it, got %q", i+1, hint)
				}
			}
		})
	}
}

func TestUnreadableBundlesSayWhatToPass(t *testing.T) {
	t.Parallel()
	absent := filepath.Join(t.TempDir(), "absent")
	empty := t.TempDir()
	file := filepath.Join(t.TempDir(), "briefing.yaml")
	if err := os.WriteFile(file, []byte("title: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		dir  string
		want []string
	}{
		{absent, []string{"brief: bundle " + absent + " does not exist", "the directory that holds briefing.yaml"}},
		{file, []string{"brief: bundle " + file + " is a file, not a directory"}},
		{empty, []string{empty + "/briefing.yaml: missing required file briefing.yaml", "`brief new DIR` writes a skeleton"}},
	} {
		for _, args := range [][]string{{"validate", tt.dir}, {"export", "--bundle", tt.dir}, {"--bundle", tt.dir}, {"search", "--bundle", tt.dir, "x"}} {
			brief(t, nil, args...).expectUsage(t, tt.want...)
		}
	}
}

func TestExportFormats(t *testing.T) {
	t.Parallel()
	md := brief(t, nil, "export", "--bundle", "examples/minimal")
	md.expect(t, 0)
	if !strings.HasPrefix(md.stdout, "# Example Summit on Open Data\n") ||
		!strings.Contains(md.stdout, "\n[^example-news]: Example News, \"Le sommet des données ouvertes s'ouvre à Lyon\", 2030-03-02, <https://example.org/news/open-data-summit>\n") {
		t.Errorf("markdown export lacks its title or footnote:\n%s", md.stdout)
	}

	js := brief(t, nil, "export", "--format", "json", "--bundle", "examples/minimal")
	js.expect(t, 0)
	var doc struct {
		Schema   string
		Overview struct{ Title string }
		Speakers []struct{ ID, Name string }
	}
	if err := json.Unmarshal([]byte(js.stdout), &doc); err != nil {
		t.Fatalf("json export does not parse: %v\n%s", err, js.stdout)
	}
	if doc.Schema != "brief/2" || doc.Overview.Title != "Example Summit on Open Data" || len(doc.Speakers) != 1 || doc.Speakers[0].ID != "mayor" {
		t.Errorf("json export: schema %q, title %q, speakers %v", doc.Schema, doc.Overview.Title, doc.Speakers)
	}

	txt := brief(t, nil, "export", "-f", "text", "--bundle", "examples/minimal")
	txt.expect(t, 0)
	if !strings.HasPrefix(txt.stdout, "EXAMPLE SUMMIT ON OPEN DATA\n") || !strings.Contains(txt.stdout, "[example-news]") {
		t.Errorf("text export lacks its title or citations:\n%s", txt.stdout)
	}
	for _, mark := range []string{"**", "[^", "\n#", "| ---"} {
		if strings.Contains(txt.stdout, mark) {
			t.Errorf("text export holds Markdown %q", mark)
		}
	}
}

func TestExportToFile(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "briefing.txt")
	r := brief(t, nil, "export", "-f", "text", "--bundle", "examples/minimal", "-o", file)
	r.expect(t, 0)
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("-o should print nothing, got stdout %q stderr %q", r.stdout, r.stderr)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := brief(t, nil, "export", "-f", "text", "--bundle", "examples/minimal").stdout; string(got) != want {
		t.Errorf("-o wrote something else than standard output gets:\n%s", got)
	}

	bad := brief(t, nil, "export", "--bundle", "examples/minimal", "-o", filepath.Join(t.TempDir(), "no", "such", "dir", "x.md"))
	bad.expect(t, 1)
	if bad.stdout != "" || !strings.Contains(bad.stderr, "cannot write the export") {
		t.Errorf("unwritable -o: stdout %q stderr %q", bad.stdout, bad.stderr)
	}
}

func TestNewWritesABundleThatValidates(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "my-briefing")
	r := brief(t, nil, "new", dir)
	r.expect(t, 0)
	if !strings.Contains(r.stdout, "brief validate "+dir) {
		t.Errorf("new should say how to check the bundle:\n%s", r.stdout)
	}
	for _, name := range []string{"briefing.yaml", "sources.yaml", "timeline.yaml", "sessions.yaml", "speakers.yaml", "measures.yaml", "figures.yaml", "glossary.yaml"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("new did not write %s: %v", name, err)
		}
		want, _ := os.ReadFile(filepath.Join("examples/minimal", name))
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from examples/minimal/%s", name, name)
		}
	}
	brief(t, nil, "validate", dir).expect(t, 0)

	// An empty directory is fine too.
	empty := t.TempDir()
	brief(t, nil, "new", empty).expect(t, 0)
}

func TestNewNeverOverwrites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	brief(t, nil, "new", dir).expectUsage(t, dir+" already exists and is not empty", "choose another name")
	if got, _ := os.ReadFile(notes); string(got) != "mine" {
		t.Errorf("new changed an existing file: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "briefing.yaml")); err == nil {
		t.Error("new wrote into a non-empty directory")
	}

	brief(t, nil, "new", notes).expectUsage(t, notes+" is a file")
	brief(t, nil, "new").expectUsage(t, "brief new DIR")
}

func TestBadFlagValuesAreUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--style", "purple"}, []string{`invalid argument "purple" for "--style"`, "auto, dark, light or notty", "--help"}},
		{[]string{"export", "--format", "pdf"}, []string{`invalid argument "pdf"`, "markdown, json, text"}},
		{[]string{"export", "--colour"}, []string{"unknown flag --colour", "`brief export --help` lists its flags"}},
		{[]string{"search", "--kind", "person", "mayor"}, []string{`unknown kind "person"`, "speaker"}},
		{[]string{"search", "--limit", "-1", "mayor"}, []string{"--limit must be 0"}},
		{[]string{"search", "-", "--", "-mayor"}, []string{"no word to search for"}},
		{[]string{"search"}, []string{"brief search QUERY"}},
		{[]string{"validate", "a", "b"}, []string{"accepts at most 1 arg"}},
		{[]string{"frobnicate"}, []string{`unknown command "frobnicate"`}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			brief(t, nil, tt.args...).expectUsage(t, tt.want...)
		})
	}
}

func TestPipedBriefPrintsMarkdown(t *testing.T) {
	t.Parallel()
	r := brief(t, nil, "--bundle", "examples/minimal")
	r.expect(t, 0)
	want := brief(t, nil, "export", "--bundle", "examples/minimal").stdout
	if r.stdout != want || r.stderr != "" {
		t.Errorf("brief | cat should print the Markdown export; got stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}

// TestClosedStdoutEndsQuietly is `brief export | head -1`: the reader of
// the pipe goes away early, and brief exits 0 without a word.
func TestClosedStdoutEndsQuietly(t *testing.T) {
	t.Parallel()
	dir := minimalCopy(t)
	// Grow the export past any pipe buffer, so brief is still writing when
	// the pipe closes.
	var points strings.Builder
	for i := range 5000 {
		points.WriteString("    - Key point number " + strings.Repeat("x", i%40) + ".\n")
	}
	edit(t, dir, "sources.yaml", "    - The summit opened on 2 March.\n", points.String())

	for name, args := range map[string][]string{
		"export":      {"export", "--bundle", dir},
		"brief":       {"--bundle", dir},
		"export text": {"export", "-f", "text", "--bundle", dir},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cmd := briefCmd(t, nil, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			first := make([]byte, 64)
			if _, err := io.ReadFull(out, first); err != nil {
				t.Fatal(err)
			}
			out.Close()
			err = cmd.Wait()
			if err != nil || stderr.Len() > 0 {
				t.Errorf("after stdout closed: %v (%s), stderr %q; want exit 0 and no message", err, cmd.ProcessState, stderr.String())
			}
		})
	}
}

func TestPlainOutputHasNoEscapes(t *testing.T) {
	t.Parallel()
	dir := minimalCopy(t)
	edit(t, dir, "speakers.yaml", "name: Jeanne Exemple", "name: \"Jeanne \\e]0;pwned\\a\\e[31mExemple\"")
	for _, env := range [][]string{{"NO_COLOR=1"}, {"TERM=dumb"}, {"TERM="}, nil} {
		for _, args := range [][]string{
			{"export", "--bundle", dir},
			{"export", "-f", "text", "--bundle", dir},
			{"export", "-f", "json", "--bundle", dir},
			{"--bundle", dir},
			{"search", "--bundle", dir, "exemple"},
			{"--help"},
			{"export", "--format", "nope"},
		} {
			r := brief(t, env, args...)
			noEscapes(t, strings.Join(append(env, args...), " ")+" stdout", r.stdout)
			noEscapes(t, strings.Join(append(env, args...), " ")+" stderr", r.stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	r := brief(t, nil, "--version")
	r.expect(t, 0)
	if !strings.HasPrefix(r.stdout, "brief version ") {
		t.Errorf("--version printed %q", r.stdout)
	}
}
