package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// module is the module path the architecture list leaves out.
const module = "github.com/brief-reader/brief"

// notListed are the packages docs/ARCHITECTURE.md does not draw: tests'
// helpers and the benchmark harness's own programs.
var notListed = []string{"internal/citetest", "internal/perf/baseline", "internal/perf/baseline/hello", "internal/perf/baseline/page", "internal/perf/floorserve", "internal/perf/cmd/perftable"}

// TestArchitectureImports keeps docs/ARCHITECTURE.md true: its "imports:"
// list names, for every package of the module, exactly the packages of
// the module it imports, as `go list` sees them.
func TestArchitectureImports(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := architectureList(t, string(doc))
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := shortName(fields[0])
		if slices.Contains(notListed, pkg) {
			continue
		}
		var imports []string
		for _, imp := range fields[1:] {
			if imp == module || strings.HasPrefix(imp, module+"/") {
				imports = append(imports, shortName(imp))
			}
		}
		slices.Sort(imports)
		want, ok := documented[pkg]
		if !ok {
			t.Errorf("docs/ARCHITECTURE.md does not list %s (it imports %v)", pkg, imports)
			continue
		}
		delete(documented, pkg)
		if !slices.Equal(imports, want) {
			t.Errorf("docs/ARCHITECTURE.md says %s imports %v; go list says %v", pkg, want, imports)
		}
	}
	for pkg := range documented {
		t.Errorf("docs/ARCHITECTURE.md lists %s, which is no package of the module", pkg)
	}
}

// shortName is a package's path inside the module, "main" for the root.
func shortName(path string) string {
	if path == module {
		return "main"
	}
	return strings.TrimPrefix(path, module+"/")
}

// architectureList reads the "imports:" block of the architecture page:
// "pkg ──> a, b" lines, continued on lines that start with spaces only.
func architectureList(t *testing.T, doc string) map[string][]string {
	t.Helper()
	_, block, ok := strings.Cut(doc, "\nimports:\n")
	if !ok {
		t.Fatal(`docs/ARCHITECTURE.md has no "imports:" list`)
	}
	block, _, _ = strings.Cut(block, "```")
	entry := regexp.MustCompile(`^  (\S.*?)\s+──>\s+(.*)$`)
	out := map[string][]string{}
	var last string
	for _, line := range strings.Split(block, "\n") {
		switch m := entry.FindStringSubmatch(line); {
		case m != nil:
			last = strings.TrimSuffix(strings.Fields(m[1])[0], ",")
			out[last] = nil
			addImports(out, last, m[2])
		case strings.TrimSpace(line) != "" && last != "":
			addImports(out, last, line)
		}
	}
	for pkg := range out {
		slices.Sort(out[pkg])
	}
	return out
}

func addImports(out map[string][]string, pkg, list string) {
	for _, imp := range strings.Split(list, ",") {
		if imp = strings.TrimSpace(imp); imp != "" && !strings.HasPrefix(imp, "(") {
			out[pkg] = append(out[pkg], imp)
		}
	}
}
