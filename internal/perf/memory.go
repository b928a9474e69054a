package perf

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// VmHWM is the process's peak resident set size so far, from
// /proc/PID/status, in bytes; false once the process has exited.
func (s *Session) VmHWM() (int64, bool) {
	return vmHWM(s.cmd.Process.Pid)
}

func vmHWM(pid int) (int64, bool) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		kib, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		return kib << 10, err == nil
	}
	return 0, false
}

// Exit is how a session ended.
type Exit struct {
	// PeakRSS is the peak resident set size in bytes: the last VmHWM read
	// before the process went away. (The kernel's ru_maxrss is no use
	// here: it keeps the high-water mark of the harness's own memory,
	// which the child shared until it called exec.)
	PeakRSS int64
	// After is the time from the quit key to the process's exit.
	After time.Duration
	// CPU is the processor time the process used, user and system: unlike
	// wall time, it hardly changes with the machine's load.
	CPU time.Duration
	// Err is the process's exit error (nil for status 0).
	Err error
}

// Quit presses key and waits for the process to exit, reading its peak
// memory until it is gone.
func (s *Session) Quit(key string, timeout time.Duration) (Exit, error) {
	// Read before the key too: a quick exit may leave no time to read
	// after it.
	before, _ := s.VmHWM()
	t, err := s.Press(key)
	if err != nil {
		return Exit{}, err
	}
	hwm, exited := watchHWM(s.cmd.Process.Pid, s.done, timeout)
	hwm = max(hwm, before)
	if !exited {
		return Exit{}, fmt.Errorf("%w: the program did not exit within %v of %q; screen:\n%s", ErrTimeout, timeout, key, s.Screen())
	}
	e := Exit{PeakRSS: hwm, After: time.Since(t), Err: s.exitErr()}
	if ps := s.cmd.ProcessState; ps != nil {
		e.CPU = ps.UserTime() + ps.SystemTime()
	}
	s.Close()
	return e, nil
}

// hwmPoll is how often watchHWM reads the high-water mark.
const hwmPoll = time.Millisecond

// watchHWM reads a process's VmHWM every millisecond until done is closed
// or timeout passes, and returns the last value read; exited says whether
// done was closed.
func watchHWM(pid int, done <-chan struct{}, timeout time.Duration) (hwm int64, exited bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(hwmPoll)
	defer tick.Stop()
	hwm, _ = vmHWM(pid)
	for {
		select {
		case <-done:
			return hwm, true
		case <-tick.C:
			if v, ok := vmHWM(pid); ok {
				hwm = max(hwm, v)
			}
		case <-deadline.C:
			return hwm, false
		}
	}
}
