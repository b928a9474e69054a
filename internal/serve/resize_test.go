package serve

import (
	"context"
	"testing"
	"time"

	"charm.land/ssh"
	"golang.org/x/time/rate"
)

// A client sending window changes without pause (a storm of thousands)
// reaches its reader as a few sizes, the last of them its last size: each
// size costs the reader a layout and a frame, and a storm kept a core busy.
func TestWindowChangeStormIsCoalesced(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan ssh.Window)
	var got []ssh.Window
	done := make(chan struct{})
	go func() {
		defer close(done)
		forwardWindowChanges(ctx, changes, 20*time.Millisecond, rate.NewLimiter(rate.Inf, 1), func(w ssh.Window) { got = append(got, w) })
	}()
	start := time.Now()
	const storm = 5000
	for i := 1; i <= storm; i++ {
		changes <- ssh.Window{Width: i % 400, Height: i % 130}
	}
	took := time.Since(start)
	time.Sleep(60 * time.Millisecond) // the last size waits at most one interval
	close(changes)
	<-done
	if len(got) == 0 {
		t.Fatal("no window size passed on")
	}
	if last := got[len(got)-1]; last.Width != storm%400 || last.Height != storm%130 {
		t.Errorf("last size passed on = %dx%d, want the client's last, %dx%d", last.Width, last.Height, storm%400, storm%130)
	}
	if limit := int(took/(20*time.Millisecond)) + 2; len(got) > limit {
		t.Errorf("%d window changes in %v reached the reader as %d sizes, want at most %d (one per 20 ms)", storm, took, len(got), limit)
	}
}

// One change after a quiet spell is passed on at once: a person resizing
// a window sees the reader follow without delay.
func TestSingleWindowChangeIsImmediate(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan ssh.Window)
	sent := make(chan ssh.Window, 1)
	go forwardWindowChanges(ctx, changes, time.Hour, rate.NewLimiter(rate.Inf, 1), func(w ssh.Window) { sent <- w })
	changes <- ssh.Window{Width: 100, Height: 30}
	select {
	case w := <-sent:
		if w.Width != 100 || w.Height != 30 {
			t.Errorf("passed on %dx%d, want 100x30", w.Width, w.Height)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a single window change was held back")
	}
}

// Past its read rate the server stops reading a client's window changes
// (which stops its connection) rather than decrypting and parsing them as
// fast as they come: 30 changes at 100 a second in bursts of 10 take at
// least 0.19 s to be read, and the last one still arrives.
func TestWindowChangesAreReadAtABoundedRate(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan ssh.Window)
	last := make(chan ssh.Window, 100)
	go forwardWindowChanges(ctx, changes, time.Millisecond, rate.NewLimiter(100, 10), func(w ssh.Window) { last <- w })
	start := time.Now()
	for i := 1; i <= 30; i++ {
		changes <- ssh.Window{Width: i, Height: i}
	}
	if took := time.Since(start); took < 150*time.Millisecond {
		t.Errorf("30 window changes were read in %v; at 100 a second past a burst of 10 that takes about 190 ms", took)
	}
	deadline := time.After(5 * time.Second)
	for {
		select {
		case w := <-last:
			if w.Width == 30 {
				return
			}
		case <-deadline:
			t.Fatal("the last window change never reached the reader")
		}
	}
}
