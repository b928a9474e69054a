package perf

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// sleep waits for d or until something happens.
func (s *Session) sleep(d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-s.notify:
	case <-t.C:
	}
}

// Burst waits for the first burst of output that starts after `after` and
// returns the time of its last byte: the burst has ended when no output
// has come for the quiet interval. It fails when the process exits first
// or nothing ends by deadline.
func (s *Session) Burst(after, deadline time.Time) (time.Time, error) {
	for {
		s.mu.Lock()
		last, exited := s.lastOut, s.exited
		s.mu.Unlock()
		now := time.Now()
		switch {
		case last.After(after) && now.Sub(last) >= s.quiet:
			s.syncScreen()
			return last, nil
		case exited && !last.After(after):
			return time.Time{}, fmt.Errorf("the program exited (%v) with no output after %v", s.exitErr(), after.Sub(s.start))
		case now.After(deadline):
			return time.Time{}, fmt.Errorf("%w waiting for output to settle; screen:\n%s", ErrTimeout, s.Screen())
		case last.After(after):
			s.sleep(s.quiet - now.Sub(last))
		default:
			s.sleep(deadline.Sub(now))
		}
	}
}

// waitOutput waits for the program's first output; false if none came
// within timeout.
func (s *Session) waitOutput(timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		n := s.bytesRead
		s.mu.Unlock()
		if n > 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		s.sleep(time.Until(deadline))
	}
}

// syncScreen waits until all output read so far has been processed.
func (s *Session) syncScreen() {
	for {
		s.mu.Lock()
		caught := s.bytesDone >= s.bytesRead
		s.mu.Unlock()
		if caught {
			return
		}
		s.sleep(time.Millisecond)
	}
}

// Frame waits for the first burst after `after` that leaves the screen in
// a state want accepts, and returns the time of that burst's last byte.
// Bursts that do not show what is wanted are skipped. A nil want accepts
// any screen.
func (s *Session) Frame(after time.Time, want func(Screen) bool, timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for {
		end, err := s.Burst(after, deadline)
		if err != nil {
			return time.Time{}, err
		}
		if want == nil || want(s.Screen()) {
			return end, nil
		}
		after = end
	}
}

// Settle waits until the output has been quiet for the quiet interval
// (or there has been none at all), so the next key starts from a still
// screen.
func (s *Session) Settle(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		last := s.lastOut
		s.mu.Unlock()
		now := time.Now()
		if now.Sub(last) >= s.quiet {
			s.syncScreen()
			return nil
		}
		if now.After(deadline) {
			return fmt.Errorf("%w: the program kept writing for %v", ErrTimeout, timeout)
		}
		s.sleep(s.quiet - now.Sub(last))
	}
}

// Press sends a key, named as Bubble Tea names it ("j", "enter", "esc",
// "ctrl+c"), encoded as the terminal would under the keyboard protocol
// the program asked for. It returns the time the key was written.
func (s *Session) Press(key string) (time.Time, error) {
	s.termMu.Lock()
	seq := encodeKey(key, s.resp.kittyFlags())
	s.termMu.Unlock()
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	t := time.Now()
	if _, err := s.ptmx.Write([]byte(seq)); err != nil {
		return t, fmt.Errorf("sending %q: %w", key, err)
	}
	return t, nil
}

// framePeriod is Bubble Tea's frame clock: it writes frames at most 60
// times a second, on a ticker.
const framePeriod = time.Second / 60

// Key presses a key on a settled screen and returns its latency: from the
// key's write to the last byte of the frame it caused. The key is pressed
// after a random fraction of a frame period: settling ends a fixed time
// after the last frame, which is in step with the program's frame clock,
// and a key pressed in step would always just miss a tick. A person's
// keys fall at any phase of the clock, and so do these.
func (s *Session) Key(key string, timeout time.Duration) (time.Duration, error) {
	if err := s.Settle(timeout); err != nil {
		return 0, err
	}
	time.Sleep(rand.N(framePeriod))
	t, err := s.Press(key)
	if err != nil {
		return 0, err
	}
	end, err := s.Burst(t, time.Now().Add(timeout))
	if err != nil {
		return 0, fmt.Errorf("after %q: %w", key, err)
	}
	return end.Sub(t), nil
}
