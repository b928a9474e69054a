package perf

import (
	"fmt"
	"strings"
	"time"
)

// EarlyKey is a key pressed while a program starts and what shows that
// the program answered it.
type EarlyKey struct {
	// Key is pressed the moment the process is started, before it has
	// written anything or put the terminal in raw mode: what a person
	// does who types as soon as they hit return.
	Key string
	// Quits says the key should end the program with status 0.
	Quits bool
	// Shows, when the key does not quit, accepts the screen that answers
	// it.
	Shows func(Screen) bool
	// Want describes the answer, for failure messages.
	Want string
	// Timeout is how long a start may take to answer; five seconds when
	// zero.
	Timeout time.Duration
}

// earlyKeyTimeout is how long a start may take to answer an early key by
// default.
const earlyKeyTimeout = 5 * time.Second

// CheckEarlyKey starts p n times, presses k.Key early each time, and
// returns a description of every start that did not answer it. Odd starts
// press the key the moment the process is started, while the terminal is
// still in line mode; even starts press it when the first output arrives,
// as Bubble Tea has just set the terminal up and the program's first
// messages (size, colour profile) race the key.
func CheckEarlyKey(p Program, k EarlyKey, n int, opts Options) ([]string, error) {
	var failures []string
	for i := range n {
		problem, err := earlyKeyOnce(p, k, i%2 == 1, opts)
		if err != nil {
			return failures, fmt.Errorf("start %d: %w", i+1, err)
		}
		if problem != "" {
			failures = append(failures, fmt.Sprintf("start %d: %s", i+1, problem))
		}
	}
	return failures, nil
}

// earlyKeyOnce is one start: a problem with the program's answer, or an
// error of the harness.
func earlyKeyOnce(p Program, k EarlyKey, atFirstOutput bool, opts Options) (string, error) {
	timeout := k.Timeout
	if timeout == 0 {
		timeout = earlyKeyTimeout
	}
	s, err := Start(p.Path, p.Args, opts)
	if err != nil {
		return "", err
	}
	defer s.Close()
	if atFirstOutput && !s.waitOutput(timeout) {
		return fmt.Sprintf("no output within %v of the start", timeout), nil
	}
	if _, err := s.Press(k.Key); err != nil {
		return "", err
	}
	if k.Quits {
		select {
		case <-s.Done():
			if err := s.exitErr(); err != nil {
				return fmt.Sprintf("%q ended the program with %v, want status 0", k.Key, err), nil
			}
			return "", nil
		case <-time.After(timeout):
			return fmt.Sprintf("%q did not quit within %v; screen:\n%s", k.Key, timeout, indent(s.Screen().String())), nil
		}
	}
	if _, err := s.Frame(s.Started(), k.Shows, timeout); err != nil {
		return fmt.Sprintf("%q: the screen never showed %s (%v); last line: %q", k.Key, k.Want, firstLine(err.Error()), s.Screen().Last()), nil
	}
	return "", nil
}

func indent(s string) string { return "\t" + strings.ReplaceAll(s, "\n", "\n\t") }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// StatusStartsWith accepts a screen whose status bar, its last line,
// starts with word: brief's status bar names the tab on screen.
func StatusStartsWith(word string) func(Screen) bool {
	return func(sc Screen) bool {
		return strings.HasPrefix(strings.TrimSpace(sc.Last()), word)
	}
}
