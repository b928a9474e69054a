package perf

import (
	"strings"
	"testing"
	"time"
)

// earlyStarts is how many times each early key is tried: enough to catch
// a race that loses one start in ten, in a few seconds.
const earlyStarts = 25

// TestStartupKeysAreNeverLost presses a key the moment the program starts
// and checks, over many starts, that every start answers it: keys typed
// while brief starts are never dropped.
func TestStartupKeysAreNeverLost(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts the reader 50 times; skipped with -short")
	}
	title, err := EmbeddedTitle()
	if err != nil {
		t.Fatal(err)
	}
	reader := Brief("brief", briefBinary(t), "", title, "", 0)
	for _, k := range []EarlyKey{
		{Key: "2", Shows: StatusStartsWith("Timeline"), Want: "the Timeline tab"},
		{Key: "q", Quits: true, Want: "the program's exit"},
	} {
		t.Run(k.Key, func(t *testing.T) {
			// Each start has a terminal of its own: the keys run side by
			// side, as the dropper check below runs beside them.
			t.Parallel()
			failures, err := CheckEarlyKey(reader, k, earlyStarts, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(failures) > 0 {
				t.Errorf("%d of %d starts lost the key %q typed at start-up:\n%s",
					len(failures), earlyStarts, k.Key, strings.Join(failures, "\n"))
			}
		})
	}
}

// TestEarlyKeyCheckSeesTheBaseline checks the check itself: the baseline
// answers keys from its first message, and a program that drops the keys
// of its first second fails every start.
func TestEarlyKeyCheckSeesTheBaseline(t *testing.T) {
	t.Parallel()
	// The two run side by side: the dropper's starts wait out their
	// timeout.
	t.Run("baseline", func(t *testing.T) {
		t.Parallel()
		counted := EarlyKey{Key: "j", Shows: func(sc Screen) bool { return sc.Contains("key 1: j") }, Want: "key 1: j"}
		failures, err := CheckEarlyKey(Baseline(binary(t, BaselinePkg), 0), counted, 4, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(failures) > 0 {
			t.Errorf("the baseline lost an early key:\n%s", strings.Join(failures, "\n"))
		}
	})
	t.Run("dropper", func(t *testing.T) {
		t.Parallel()
		dropper := Program{Name: "dropkeys", Path: binary(t, dropKeysPkg)}
		counted := EarlyKey{Key: "j", Shows: func(sc Screen) bool { return sc.Contains("keys 1") }, Want: "keys 1", Timeout: 2 * time.Second}
		failures, err := CheckEarlyKey(dropper, counted, 2, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(failures) != 2 {
			t.Errorf("a program that drops early keys failed %d of 2 starts, want both: %v", len(failures), failures)
		}
	})
}
