package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bundleWith copies examples/minimal to a temporary directory and appends
// extra to its briefing.yaml.
func bundleWith(t *testing.T, extra string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("../examples/minimal")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		src, err := os.ReadFile(filepath.Join("../examples/minimal", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "briefing.yaml" {
			src = append(src, extra...)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPartiesBackgroundOutlookLoad(t *testing.T) {
	dir := bundleWith(t, `background:
  - The charter commits cities to publish their data [example-news].
outlook:
  - It takes effect once ten cities ratify it [example-news].
partiesLabel: Signatories
parties:
  - id: lyon
    kind: organisation
    name: City of Lyon
    action: signed
    signer: Jeanne Martin
    post: Deputy Mayor
    speaker: mayor
    session: opening-ceremony
    sources: [example-news]
`)
	b, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	o := b.Overview
	if len(o.Background) != 1 || len(o.Outlook) != 1 || len(o.Parties) != 1 {
		t.Fatalf("sections not loaded: %+v", o)
	}
	if got, want := o.Parties[0].Label(), "City of Lyon — signed by Jeanne Martin, Deputy Mayor"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
}

func TestPartiesProblemsHavePositions(t *testing.T) {
	dir := bundleWith(t, `background:
  - A sentence without a citation.
parties:
  - id: lyon
    kind: city
    name: City of Lyon
    speaker: nobody
    session: closing
    sources: [example-news]
  - id: lyon
    kind: country
    name: France
    action: signed
`)
	_, err := LoadDir(dir)
	if err == nil {
		t.Fatal("a broken parties list loaded")
	}
	got := err.Error()
	for _, want := range []string{
		"briefing.yaml:18:5: background entry cites no source",
		`briefing.yaml:20:5: missing required field "action"`,
		`briefing.yaml:21:11: unknown party kind "city"`,
		`briefing.yaml:23:14: unknown speaker "nobody"`,
		`briefing.yaml:24:14: unknown session "closing"`,
		`briefing.yaml:26:9: duplicate party id "lyon"`,
		"briefing.yaml:26:5: missing sources",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
