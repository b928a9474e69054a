package state

import "testing"

// Every key reads back as written; what is not a key is refused.
func TestKeysRoundTrip(t *testing.T) {
	for _, k := range []Key{LibraryKey(BuiltinID), LibraryKey("hanoi-day-2"), PathKey("/home/ana/briefings/minimal")} {
		got, err := ParseKey(k.String())
		if err != nil || got != k {
			t.Errorf("ParseKey(%q) = %v, %v", k.String(), got, err)
		}
	}
	if k := LibraryKey(BuiltinID); k.String() != "builtin" {
		t.Errorf("the built-in key is %q", k.String())
	}
	if id, ok := LibraryKey("x").LibraryID(); !ok || id != "x" {
		t.Error("a library key should give its id")
	}
	if dir, ok := PathKey("/d").Dir(); !ok || dir != "/d" {
		t.Error("a path key should give its folder")
	}
	if _, ok := PathKey("/d").LibraryID(); ok {
		t.Error("a path key has no library id")
	}
	for _, bad := range []string{"", "library:", "library:Bad", "library:-x", "library:builtin", "path:relative", "other:x", "Builtin"} {
		if k, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) = %v, want an error", bad, k)
		}
	}
}
