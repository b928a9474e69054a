package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestEveryCommandRefusesEveryBadBundle runs each command that reads a
// bundle on each bundle of testdata/bad: exit 2, nothing on stdout, and on
// stderr exactly the loader's report (testdata/bad/NAME.want) followed by
// what to do.
func TestEveryCommandRefusesEveryBadBundle(t *testing.T) {
	t.Parallel()
	bundles := bundleDirs(t, "testdata/bad")
	if len(bundles) < 25 {
		t.Fatalf("testdata/bad has %d bundles, want at least 25", len(bundles))
	}
	for _, dir := range bundles {
		want, err := os.ReadFile(dir + ".want")
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"validate", dir},
			{"export", "--format", "json", "--bundle", dir},
			{"--bundle", dir},
			{"search", "--bundle", dir, "summit"},
		} {
			t.Run(filepath.Base(dir)+"/"+args[0], func(t *testing.T) {
				t.Parallel()
				r := brief(t, nil, args...)
				r.expectUsage(t, "then check again with `brief validate "+dir+"`")
				if !strings.HasPrefix(r.stderr, string(want)) {
					t.Errorf("stderr should start with the loader's report\n%s\ngot:\n%s", want, r.stderr)
				}
			})
		}
	}
}

// TestHostileBundlesReachNoTerminal exports each bundle of testdata/hostile
// (terminal escapes, bidi overrides, raw control bytes in every kind of
// text) in every form brief prints it: nothing comes out that a terminal
// would act on.
func TestHostileBundlesReachNoTerminal(t *testing.T) {
	t.Parallel()
	for _, dir := range bundleDirs(t, "testdata/hostile") {
		for _, args := range [][]string{
			{"export", "--bundle", dir},
			{"export", "--format", "text", "--bundle", dir},
			{"export", "--format", "json", "--bundle", dir},
			{"--bundle", dir},
			{"search", "--bundle", dir, "--limit", "0", "example"},
			{"search", "--bundle", dir, "--json", "--limit", "0", "example"},
		} {
			t.Run(filepath.Base(dir)+"/"+strings.Join(args[:len(args)-1], " "), func(t *testing.T) {
				t.Parallel()
				r := brief(t, nil, args...)
				if r.code != 0 && r.code != 1 {
					r.expect(t, 0)
				}
				for i, c := range r.stdout {
					if c != '\n' && c != '\t' && (unicode.IsControl(c) || unicode.Is(unicode.Cf, c) && c != '\u200c' && c != '\u200d') {
						t.Fatalf("stdout holds %U at byte %d: %q", c, i, r.stdout[max(0, i-20):min(len(r.stdout), i+20)])
					}
				}
			})
		}
	}
}

// TestUnusualBundlesExport: valid bundles with a BOM, CRLF line ends,
// empty or missing optional files export in every format.
func TestUnusualBundlesExport(t *testing.T) {
	t.Parallel()
	for _, dir := range bundleDirs(t, "testdata/unusual") {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			for _, format := range []string{"markdown", "text"} {
				r := brief(t, nil, "export", "--format", format, "--bundle", dir)
				r.expect(t, 0)
				if !strings.Contains(r.stdout, "Sources") && !strings.Contains(r.stdout, "SOURCES") {
					t.Errorf("%s export has no sources section:\n%s", format, r.stdout)
				}
			}
			r := brief(t, nil, "export", "--format", "json", "--bundle", dir)
			r.expect(t, 0)
			var doc map[string]json.RawMessage
			if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
				t.Fatal(err)
			}
			for _, list := range []string{"sources", "timeline", "sessions", "speakers", "measures", "figures", "glossary"} {
				if v := string(doc[list]); !strings.HasPrefix(v, "[") {
					t.Errorf("%q is %s, want a list ([] when empty)", list, v)
				}
			}
		})
	}
}

func bundleDirs(t *testing.T, root string) []string {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, root+"/"+e.Name())
		}
	}
	return dirs
}

// A bundle whose sources.yaml is a named pipe is refused by every command
// that opens a bundle, as the validator refuses it: `brief --bundle DIR`,
// `search` and `export` hashed the files for the cache before loading
// them, and the hash opened the pipe and waited for a writer for ever.
func TestNamedPipeInABundleIsRefusedNotWaitedOn(t *testing.T) {
	t.Parallel()
	env, _ := libraryEnv(t)
	dir := minimalCopy(t)
	pipe := filepath.Join(dir, "sources.yaml")
	os.Remove(pipe)
	mkfifo, err := exec.LookPath("mkfifo")
	if err != nil {
		t.Skip("no mkfifo command on this system to make a named pipe with")
	}
	if out, err := exec.Command(mkfifo, pipe).CombinedOutput(); err != nil {
		t.Fatalf("mkfifo: %v: %s", err, out)
	}
	for _, args := range [][]string{{"--bundle", dir}, {"search", "--bundle", dir, "summit"}, {"export", "--bundle", dir}, {"library", "add", dir}} {
		r := briefProcess(t, env, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "sources.yaml is not a regular file") {
			t.Errorf("brief %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}
