package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/services"
	"github.com/brief-reader/brief/internal/state"
)

// readAll records, in the state folder under home, every item of the
// bundle in dir as seen, as the reader does when it shows each page.
func readAll(t *testing.T, home, dir string) {
	t.Helper()
	b, err := data.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	s, warn := state.Open(filepath.Join(home, "state", "brief.db"), time.Now())
	if warn != "" {
		t.Fatal(warn)
	}
	defer s.Close()
	hashes := library.ItemHashes(b)
	for _, ref := range b.Items() {
		if err := s.MarkSeen(state.PathKey(abs).String(), ref.String(), hashes[ref.String()], services.ItemText(b, ref)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestExportChanges reads a bundle, edits one measure and exports what
// changed, in every format: the measure alone, with its words added and
// removed marked; nothing changed, it says so and exits 1.
func TestExportChanges(t *testing.T) {
	env, home := libraryEnv(t)
	dir := minimalCopy(t)

	r := brief(t, env, "export", "--changes", "--bundle", dir)
	r.expect(t, 1)
	if r.stdout != "" || !strings.Contains(r.stderr, "you have not read anything of “Example Summit on Open Data”") {
		t.Errorf("unread bundle: stdout %q, stderr %q", r.stdout, r.stderr)
	}

	readAll(t, home, dir)
	r = brief(t, env, "export", "--changes", "--bundle", dir, "--format", "text")
	r.expect(t, 1)
	if r.stdout != "" || !strings.Contains(r.stderr, "Nothing changed in “Example Summit on Open Data” since you last read it.") {
		t.Errorf("nothing changed: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	r = brief(t, env, "export", "--changes", "--bundle", dir, "--format", "json")
	r.expect(t, 1)
	if !strings.Contains(r.stdout, `"changes": []`) {
		t.Errorf("nothing changed, JSON = %s", r.stdout)
	}

	edit(t, dir, "measures.yaml", "publish their data unless", "publish all their data at once unless")
	edit(t, dir, "measures.yaml", "reason not to.", "reason.")

	r = brief(t, env, "export", "--changes", "--bundle", dir)
	r.expect(t, 0)
	for _, want := range []string{
		"# What changed in Example Summit on Open Data",
		"1 item changed since you last read them",
		"## Measure 1: Publish by default",
		"4 words added, 3 removed:",
		"publish **all** their data **at once** unless there is a ~~reason not to.~~ **reason.**",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("markdown lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Count(r.stdout, "\n## ") != 1 {
		t.Errorf("markdown lists other items than the measure:\n%s", r.stdout)
	}

	r = brief(t, env, "export", "--changes", "--bundle", dir, "--format", "text")
	r.expect(t, 0)
	flat := strings.Join(strings.Fields(r.stdout), " ")
	for _, want := range []string{"MEASURE 1: PUBLISH BY DEFAULT", "publish [+all+] their data [+at once+] unless", "[-reason not to.-] [+reason.+]"} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.ContainsAny(r.stdout, "*~#") {
		t.Errorf("text holds Markdown:\n%s", r.stdout)
	}

	r = brief(t, env, "export", "--changes", "--bundle", dir, "--format", "json")
	r.expect(t, 0)
	var doc struct {
		Schema, Briefing string
		Changes          []struct {
			Kind, ID, Title string
			Added, Removed  int
			Kept            bool
			Parts           []struct{ Op, Text string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "brief-changes/1" || len(doc.Changes) != 1 {
		t.Fatalf("json = %+v", doc)
	}
	c := doc.Changes[0]
	if c.Kind != "measure" || c.ID != "publish-by-default" || !c.Kept || c.Added != 4 || c.Removed != 3 {
		t.Errorf("change = %+v", c)
	}
	var added []string
	for _, p := range c.Parts {
		if p.Op == "added" {
			added = append(added, p.Text)
		}
	}
	if strings.Join(added, "|") != "all|at once|reason." {
		t.Errorf("added parts = %q", added)
	}
}
