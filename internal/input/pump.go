package input

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"golang.org/x/time/rate"
)

// PasteCut tells the reader that a paste was cut to Limits.MaxPaste. It
// follows the paste's own message.
type PasteCut struct {
	Kept, Dropped int
}

// PanicError is a panic on the input path, recovered. It holds no input:
// What is a runtime error's text (an index, a nil dereference) or the
// panic value's type, Where the function and line that panicked.
type PanicError struct {
	What, Where string
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("panic on the input path: %s at %s", e.What, e.Where)
}

// Recovered describes r, a recovered panic value, without its content; call
// it from the deferred function that recovered it.
func Recovered(r any) *PanicError {
	what := fmt.Sprintf("%T", r)
	if re, ok := r.(runtime.Error); ok {
		what = re.Error()
	}
	return &PanicError{What: what, Where: panicSite()}
}

// panicSite is the first frame below runtime.gopanic that is not the
// runtime's own: where the panic happened.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	seenPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			seenPanic = true
		case seenPanic && !strings.HasPrefix(f.Function, "runtime."):
			return fmt.Sprintf("%s:%d", f.Function, f.Line)
		}
		if !more {
			return "unknown"
		}
	}
}

// Pump reads a terminal's bytes from in, bounded by lim, parses them as
// that terminal (term is its TERM) and sends each event to send as a Bubble
// Tea message, until in ends or ctx does. A panic anywhere on the way (the
// guard, the parser, send and the model behind it) ends the pump with a
// *PanicError instead of the process. in is not closed; a caller whose in can block for ever
// cancels it after Pump returns (see uv.NewCancelReader).
func Pump(ctx context.Context, in io.Reader, term string, lim Limits, send func(tea.Msg)) (err error) {
	lim = lim.withDefaults()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pr, pw := io.Pipe()
	stopPipe := context.AfterFunc(ctx, func() { _ = pr.CloseWithError(context.Canceled) })
	defer stopPipe()

	var cut atomic.Int64
	failed := make(chan error, 2)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				failed <- Recovered(r)
				cancel()
			}
		}()
		err := copyGuarded(ctx, pw, in, lim, &cut)
		var pe *PanicError
		if errors.As(err, &pe) {
			failed <- pe
			cancel()
		}
		_ = pw.CloseWithError(err)
	}()

	events := make(chan uv.Event)
	parsed := make(chan struct{})
	go func() {
		defer close(parsed)
		defer func() {
			if r := recover(); r != nil {
				failed <- Recovered(r)
				cancel()
			}
		}()
		_ = uv.NewTerminalReader(pr, term).StreamEvents(ctx, events)
	}()

	defer func() {
		if r := recover(); r != nil {
			cancel()
			err = Recovered(r)
		}
	}()
	var perEvent *rate.Limiter
	if lim.EventsPerSecond > 0 {
		perEvent = rate.NewLimiter(rate.Limit(lim.EventsPerSecond), lim.EventBurst)
	}
	for {
		select {
		case ev := <-events:
			if perEvent != nil && perEvent.Wait(ctx) != nil {
				continue // ended: parsed closes next
			}
			send(teaMsg(ev))
			if _, ok := ev.(uv.PasteEvent); ok {
				if n := cut.Swap(0); n > 0 {
					send(PasteCut{Kept: lim.MaxPaste, Dropped: int(n)})
				}
			}
		case <-parsed:
			select {
			case err := <-failed:
				return err
			default:
				return nil
			}
		}
	}
}

// copyGuarded copies in to w through a guard, at most lim's rate, and
// counts what the guard cut from pastes in cut. It returns nil at in's end.
func copyGuarded(ctx context.Context, w io.Writer, in io.Reader, lim Limits, cut *atomic.Int64) error {
	o := &guardedOutput{ctx: ctx, w: w, g: newGuard(lim), cut: cut}
	chunks, readErr := readChunks(ctx, in, lim)
	flush := time.NewTimer(FlushDelay)
	flush.Stop()
	for {
		select {
		case c := <-chunks:
			o.out = o.g.filter(o.out[:0], c.b)
			close(c.done)
			if o.g.pending() {
				flush.Reset(FlushDelay)
			}
		case <-flush.C:
			o.out = o.g.flush(o.out[:0])
		case err := <-readErr:
			if !errors.Is(err, io.EOF) {
				return err
			}
			o.out = o.g.flush(o.out[:0])
			return o.write()
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := o.write(); err != nil {
			return err
		}
	}
}

// guardedOutput writes what the guard let through, with the pauses it
// asks for.
type guardedOutput struct {
	ctx context.Context
	w   io.Writer
	g   *guard
	cut *atomic.Int64
	out []byte
}

func (o *guardedOutput) write() error {
	if c := o.g.takeCut(); c > 0 {
		o.cut.Add(int64(c))
	}
	from := 0
	for _, at := range o.g.takePauses() {
		if _, err := o.w.Write(o.out[from:at]); err != nil {
			return err
		}
		from = at
		select {
		case <-time.After(EscPause):
		case <-o.ctx.Done():
			return o.ctx.Err()
		}
	}
	if from == len(o.out) {
		return nil
	}
	_, err := o.w.Write(o.out[from:])
	return err
}

// chunk is one read, lent until done is closed.
type chunk struct {
	b    []byte
	done chan struct{}
}

// readChunks reads in on its own goroutine, so the guard can flush what
// it holds when the client pauses; a panic there comes back as an error.
func readChunks(ctx context.Context, in io.Reader, lim Limits) (<-chan chunk, <-chan error) {
	chunks := make(chan chunk)
	errc := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errc <- Recovered(r)
			}
		}()
		size := 32 << 10
		var limiter *rate.Limiter
		if lim.BytesPerSecond > 0 {
			limiter = rate.NewLimiter(rate.Limit(lim.BytesPerSecond), lim.Burst)
			size = min(size, lim.Burst)
		}
		buf := make([]byte, size)
		for {
			n, err := in.Read(buf)
			if n > 0 {
				if limiter != nil {
					if werr := limiter.WaitN(ctx, n); werr != nil {
						errc <- werr
						return
					}
				}
				c := chunk{b: buf[:n], done: make(chan struct{})}
				select {
				case chunks <- c:
					<-c.done
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				errc <- err
				return
			}
		}
	}()
	return chunks, errc
}
