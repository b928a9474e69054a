package perf

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"time"
)

// Timeouts of the measurements: generous, because a failure to show the
// frame is a bug to report, not a slow run.
const (
	frameTimeout = 15 * time.Second
	keyTimeout   = 5 * time.Second
	quitTimeout  = 5 * time.Second
	// sceneTimeout is how long an unmeasured key may take to show
	// anything; such a key may rightly change nothing.
	sceneTimeout = 500 * time.Millisecond
)

// Run is the result of one session of a program.
type Run struct {
	// FirstFrame is from the start of the process to the last byte of its
	// first complete frame: the first burst of output after which the
	// screen shows the program's Ready text and the output stays quiet
	// for the quiet interval.
	FirstFrame time.Duration
	// FirstPaint is from the start to the output that first showed the
	// Ready text: no later than FirstFrame, earlier when the program
	// keeps writing after its first screen.
	FirstPaint time.Duration
	// Keys are the latencies of the script's timed keys, by metric: from
	// writing the key to the last byte of the burst it caused.
	Keys map[string][]time.Duration
	// PeakRSS is the process's peak resident memory in bytes.
	PeakRSS int64
	// Quit is from the quit key to the process's exit.
	Quit time.Duration
	// CPU is the processor time of the whole run, user and system.
	CPU time.Duration
}

// Measure runs one session of p: it starts the program, waits for its
// first complete frame, plays the script when script is true, and quits.
func Measure(p Program, opts Options, script bool) (Run, error) {
	opts.Paint = p.Ready
	if p.FreshHome != "" {
		if err := os.RemoveAll(p.FreshHome); err != nil {
			return Run{}, fmt.Errorf("%s: emptying its state folder: %w", p.Name, err)
		}
		opts.Env = append(slices.Clip(opts.Env), "BRIEF_HOME="+p.FreshHome)
	}
	s, err := Start(p.Path, p.Args, opts)
	if err != nil {
		return Run{}, err
	}
	defer s.Close()
	var r Run
	end, err := s.Frame(s.Started(), func(sc Screen) bool { return sc.Contains(p.Ready) }, frameTimeout)
	if err != nil {
		return r, fmt.Errorf("%s: first frame with %q: %w", p.Name, p.Ready, err)
	}
	r.FirstFrame = end.Sub(s.Started())
	r.FirstPaint = s.FirstPaint()
	if script {
		r.Keys = map[string][]time.Duration{}
		for i, st := range p.Script {
			if st.Metric == "" {
				if err := scene(s, st.Key); err != nil {
					return r, fmt.Errorf("%s: step %d (%q): %w", p.Name, i, st.Key, err)
				}
				continue
			}
			d, err := s.Key(st.Key, keyTimeout)
			if err != nil {
				return r, fmt.Errorf("%s: step %d (%q, %s): %w", p.Name, i, st.Key, st.Metric, err)
			}
			r.Keys[st.Metric] = append(r.Keys[st.Metric], d)
		}
	}
	if err := s.Settle(keyTimeout); err != nil {
		return r, fmt.Errorf("%s: before quitting: %w", p.Name, err)
	}
	exit, err := s.Quit(p.Quit, quitTimeout)
	if err != nil {
		return r, fmt.Errorf("%s: %w", p.Name, err)
	}
	if exit.Err != nil {
		return r, fmt.Errorf("%s: exited with %w", p.Name, exit.Err)
	}
	r.PeakRSS = exit.PeakRSS
	r.Quit = exit.After
	r.CPU = exit.CPU
	return r, nil
}

// scene presses a key that is not timed and lets its frame, if any, settle.
func scene(s *Session, key string) error {
	if err := s.Settle(keyTimeout); err != nil {
		return err
	}
	t, err := s.Press(key)
	if err != nil {
		return err
	}
	if _, err := s.Burst(t, time.Now().Add(sceneTimeout)); err != nil && !errors.Is(err, ErrTimeout) {
		return err
	}
	return nil
}

// Process is one run of a command that is not interactive.
type Process struct {
	// Wall is from starting the process to its exit.
	Wall time.Duration
	// PeakRSS is the last VmHWM read before the process exited, in bytes;
	// it is read every millisecond, so a short run's last moments may
	// escape it.
	PeakRSS int64
	// CPU is the processor time used, user and system.
	CPU time.Duration
}

// processTimeout bounds a run of a command that is not interactive.
const processTimeout = time.Minute

// RunProcess runs path with args, output discarded, in the harness's
// environment, and times it whole.
func RunProcess(path string, args ...string) (Process, error) {
	cmd := exec.Command(path, args...)
	cmd.Env = controlledEnv()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Process{}, fmt.Errorf("%s %v: %w", path, args, err)
	}
	done := make(chan struct{})
	var err error
	var end time.Time
	go func() {
		err = cmd.Wait()
		end = time.Now()
		close(done)
	}()
	hwm, exited := watchHWM(cmd.Process.Pid, done, processTimeout)
	if !exited {
		_ = cmd.Process.Kill()
		<-done
		return Process{}, fmt.Errorf("%s %v: %w after %v", path, args, ErrTimeout, processTimeout)
	}
	if err != nil {
		return Process{}, fmt.Errorf("%s %v: %w", path, args, err)
	}
	ps := cmd.ProcessState
	return Process{Wall: end.Sub(start), PeakRSS: hwm, CPU: ps.UserTime() + ps.SystemTime()}, nil
}
