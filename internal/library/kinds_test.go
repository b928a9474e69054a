package library

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/brief-reader/brief/data"
)

// firstOfEachKind is one item of every data.Kind in b; it fails when b
// lacks one.
func firstOfEachKind(t *testing.T, b *data.Briefing) []data.Ref {
	t.Helper()
	byKind := map[data.Kind]data.Ref{}
	for _, r := range b.Items() {
		if _, ok := byKind[r.Kind]; !ok {
			byKind[r.Kind] = r
		}
	}
	var out []data.Ref
	for _, k := range data.Kinds {
		r, ok := byKind[k]
		if !ok {
			t.Fatalf("the briefing has no item of kind %s", k)
		}
		out = append(out, r)
	}
	return out
}

// Every kind's content is hashed from the item itself: a kind missing from
// itemContent would hash as "null" and never show as changed.
func TestEveryKindHasContent(t *testing.T) {
	b, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range firstOfEachKind(t, b) {
		var buf bytes.Buffer
		json.NewEncoder(&buf).Encode(itemContent(b, ref))
		if got := bytes.TrimSpace(buf.Bytes()); string(got) == "null" || len(got) < 10 {
			t.Errorf("%v hashes %q, not its content", ref, got)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown kind was hashed silently")
		}
	}()
	itemContent(b, data.Ref{Kind: "document", ID: "x"})
}
