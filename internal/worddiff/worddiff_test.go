package worddiff

import "testing"

func TestWords(t *testing.T) {
	cases := []struct{ old, new, want string }{
		{"69 countries signed", "72 countries signed", "[-69-] {+72+} countries signed"},
		{"the convention was signed in Hanoi", "the convention was signed in Hanoi on Saturday", "the convention was signed in Hanoi {+on Saturday+}"},
		{"a b c", "a c", "a [-b-] c"},
		{"", "new text", "{+new text+}"},
		{"same", "same", "same"},
	}
	for _, c := range cases {
		spans := Words(c.old, c.new)
		if got := Plain(spans); got != c.want {
			t.Errorf("Words(%q, %q) = %q, want %q", c.old, c.new, got, c.want)
		}
	}
	if a, r := Count(Words("69 countries signed", "72 countries have signed")); a != 2 || r != 1 {
		t.Errorf("Count = +%d -%d, want +2 -1", a, r)
	}
}

// Texts too long for the table are compared whole, never held up.
func TestWordsTooLong(t *testing.T) {
	long := make([]byte, 0, 2*2000)
	for range 2000 {
		long = append(long, "w "...)
	}
	spans := Words(string(long), string(long)+"x")
	if len(spans) != 2 || spans[0].Op != Removed || spans[1].Op != Added {
		t.Errorf("a text over the bound should be all removed then all added: %d spans", len(spans))
	}
}
