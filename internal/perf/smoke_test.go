package perf

import (
	"testing"
	"time"
)

func TestHarnessMeasuresBaseline(t *testing.T) {
	t.Parallel()
	p := Baseline(binary(t, BaselinePkg), 3)
	r, err := Measure(p, Options{}, true)
	if err != nil {
		t.Fatal(err)
	}
	if r.FirstFrame <= 0 || r.FirstFrame > frameTimeout {
		t.Errorf("first frame after %v, want a positive time within the timeout", r.FirstFrame)
	}
	if got := len(r.Keys[MetricKey]); got != 3 {
		t.Errorf("timed %d keys, want 3: %v", got, r.Keys)
	}
	for _, d := range r.Keys[MetricKey] {
		if d <= 0 {
			t.Errorf("key latency %v, want positive", d)
		}
	}
	if r.PeakRSS < 1<<20 {
		t.Errorf("peak RSS %d bytes, want at least a MiB for a Go program", r.PeakRSS)
	}
	t.Logf("baseline: first frame %v, keys %v, peak RSS %.1f MiB", r.FirstFrame, r.Keys[MetricKey], float64(r.PeakRSS)/(1<<20))
}

func TestHarnessSeesTheScreen(t *testing.T) {
	t.Parallel()
	s, err := Start(binary(t, BaselinePkg), nil, Options{Cols: 80, Rows: 24})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Frame(s.Started(), func(sc Screen) bool { return sc.Contains("Baseline: one page") }, frameTimeout); err != nil {
		t.Fatal(err)
	}
	sc := s.Screen()
	if !sc.AltScreen {
		t.Error("the baseline is not on the alternate screen")
	}
	if len(sc.Lines) != 24 {
		t.Errorf("screen has %d rows, want 24", len(sc.Lines))
	}
	if _, err := s.Key("j", time.Second*5); err != nil {
		t.Fatal(err)
	}
	if got := sc.Last(); got == s.Screen().Last() {
		t.Errorf("status line did not change after j: %q", got)
	}
	if want := "key 1: j"; !s.Screen().Contains(want) {
		t.Errorf("screen does not show %q:\n%s", want, s.Screen())
	}
	exit, err := s.Quit("q", quitTimeout)
	if err != nil {
		t.Fatal(err)
	}
	if exit.Err != nil {
		t.Errorf("baseline exited with %v, want status 0", exit.Err)
	}
}
