package export

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles the published JSON Schema of the export,
// docs/brief.schema.json.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	sch, err := c.Compile("../../docs/brief.schema.json")
	if err != nil {
		t.Fatalf("docs/brief.schema.json does not compile: %v", err)
	}
	return sch
}

func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestJSONExportMatchesSchema validates the JSON export of every test
// briefing against the published schema, so the two cannot drift apart.
func TestJSONExportMatchesSchema(t *testing.T) {
	sch := compileSchema(t)
	for name, b := range briefings(t) {
		if err := sch.Validate(decodeJSON(t, render(t, b, JSON))); err != nil {
			t.Errorf("%s: the JSON export does not match docs/brief.schema.json:\n%v", name, err)
		}
	}
}

// TestSchemaRefusesWhatTheExportNeverWrites checks the schema is strict:
// an unknown field, a null optional field or the wrong schema marker fail.
func TestSchemaRefusesWhatTheExportNeverWrites(t *testing.T) {
	sch := compileSchema(t)
	b := briefings(t)["minimal"]
	for _, tc := range []struct {
		name   string
		change func(doc map[string]any)
	}{
		{"unknown top-level field", func(doc map[string]any) { doc["extra"] = 1 }},
		{"unknown figure field", func(doc map[string]any) {
			doc["figures"].([]any)[0].(map[string]any)["conflicts"] = []any{}
		}},
		{"unknown party field", func(doc map[string]any) {
			doc["overview"].(map[string]any)["parties"] = []any{map[string]any{"id": "x", "kind": "country", "name": "X", "action": "signed", "sources": []any{"example-news"}, "signatory": "Y"}}
		}},
		{"null note", func(doc map[string]any) { doc["sources"].([]any)[0].(map[string]any)["note"] = nil }},
		{"old schema marker", func(doc map[string]any) { doc["schema"] = "brief/1" }},
	} {
		var doc map[string]any
		if err := json.Unmarshal([]byte(render(t, b, JSON)), &doc); err != nil {
			t.Fatal(err)
		}
		tc.change(doc)
		raw, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(decodeJSON(t, string(raw))); err == nil {
			t.Errorf("%s: the schema accepts it", tc.name)
		}
	}
}

// TestSchemaIsStrictEverywhere checks every object of the schema refuses
// properties it does not list.
func TestSchemaIsStrictEverywhere(t *testing.T) {
	raw, err := os.ReadFile("../../docs/brief.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "object" && v["additionalProperties"] != false {
				t.Errorf("%s: an object without additionalProperties: false", path)
			}
			for k, x := range v {
				walk(path+"/"+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"/[]", x)
			}
		}
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	walk("#", doc)
}
