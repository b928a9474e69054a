// Package serve is `brief serve`: the reader over SSH, one Bubble Tea
// program per session on Wish, for many readers of one briefing at once.
// It is safe by default: public keys only, loopback unless told otherwise,
// the reader and nothing else, and limits on everything a client controls.
package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/internal/input"
	"github.com/brief-reader/brief/ui"
)

// Config is how the server runs; zero values take the defaults below.
type Config struct {
	// Listen is the TCP address, DefaultListen when empty.
	Listen string
	// HostKeyPath is the server's ed25519 key, generated (0600) on first
	// use and reused; DefaultHostKeyPath when empty.
	HostKeyPath string
	// AuthorizedKeys, when set, is an authorized_keys file: only its keys
	// get in. Without it any key gets in, and only on loopback unless Open.
	AuthorizedKeys string
	// Open allows a non-loopback Listen without AuthorizedKeys.
	Open bool

	MaxSessions      int           // all clients together; DefaultMaxSessions
	MaxSessionsPerIP int           // one address; DefaultMaxSessionsPerIP
	ConnRate         float64       // new connections per second per address
	ConnBurst        int           // connections an address may open at once
	IdleTimeout      time.Duration // no key from the client for this long ends the session
	MaxSessionTime   time.Duration // no session lasts longer
	ShutdownGrace    time.Duration // how long Serve waits for sessions to end on shutdown

	// Input bounds what each client may send (rate, paste, escape
	// length); zero fields take input.Served's.
	Input input.Limits

	// Style is the theme every reader starts in; StyleAuto follows each
	// client's terminal.
	Style ui.Style
	// Log receives one structured line per connection event; slog.Default
	// when nil. It never receives briefing text or keystrokes.
	Log *slog.Logger
	// Store keeps per-key reader state. Nil stores nothing; it is only used
	// with AuthorizedKeys (an open server has no identities worth keeping).
	Store Store
}

// Store keeps a reader's state per public key across sessions (position,
// seen items, bookmarks); KeyState is the one over the state database.
type Store interface {
	// Reader prepares opts for the client with this key fingerprint
	// (SHA256:…), without waiting on a disk (opening belongs in
	// opts.OpenMemory), and returns what to call once that client's
	// reader has ended.
	Reader(fingerprint string, opts *ui.Options) (release func(), err error)
}

// Defaults.
const (
	DefaultListen           = "127.0.0.1:2222"
	DefaultMaxSessions      = 100
	DefaultMaxSessionsPerIP = 10
	DefaultConnRate         = 2.0
	DefaultConnBurst        = 20
	DefaultIdleTimeout      = 15 * time.Minute
	DefaultMaxSessionTime   = 8 * time.Hour
	DefaultShutdownGrace    = 5 * time.Second
)

// Window sizes past these are clamped. A session's memory grows with its
// area (about 230 bytes a cell, measured: Bubble Tea keeps the screen and
// the last frame), so a client asking for 10000×10000 must not get it;
// 320×120 is a full 4K screen in a small font, about 9 MiB.
const (
	maxCols = 320
	maxRows = 120
)

// servedFPS is how many frames a second a session's reader draws at most:
// Bubble Tea's own default, the floor server's. A key's frame waits for
// the next tick, so at 30 the median key-to-frame was twice the floor
// server's (20 against 10 ms at 25 sessions, docs/PERFORMANCE.md); an idle
// session draws nothing either way.
const servedFPS = 60

func (c Config) withDefaults() Config {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.MaxSessions <= 0 {
		c.MaxSessions = DefaultMaxSessions
	}
	if c.MaxSessionsPerIP <= 0 {
		c.MaxSessionsPerIP = min(DefaultMaxSessionsPerIP, c.MaxSessions)
	}
	if c.ConnRate <= 0 {
		c.ConnRate = DefaultConnRate
	}
	if c.ConnBurst <= 0 {
		c.ConnBurst = DefaultConnBurst
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.MaxSessionTime <= 0 {
		c.MaxSessionTime = DefaultMaxSessionTime
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	if c.Input == (input.Limits{}) {
		c.Input = input.Served()
	}
	return c
}

// ErrOpenWithoutKeys is returned for a non-loopback address with neither
// authorized keys nor Open: anyone who can reach the port would get in.
var ErrOpenWithoutKeys = errors.New("refusing to listen beyond this machine without --authorized-keys: anyone who can reach the port could read the briefing. Pass --authorized-keys FILE, or --open to serve everyone on purpose")

// checkExposure refuses an exposed listen that nothing guards, and says
// whether the server is exposed with no keys (to warn about).
func (c Config) checkExposure() (openToAll bool, err error) {
	host, port, err := net.SplitHostPort(c.Listen)
	if err == nil {
		if n, perr := strconv.Atoi(port); perr != nil || n < 0 || n > 65535 {
			err = fmt.Errorf("port %q is not a number from 0 to 65535", port)
		}
	}
	if err != nil {
		return false, &ConfigError{Err: fmt.Errorf("--listen %q: %v; use host:port, such as %s", c.Listen, err, DefaultListen)}
	}
	if c.AuthorizedKeys != "" || isLoopback(host) {
		return false, nil
	}
	if !c.Open {
		return false, ErrOpenWithoutKeys
	}
	return true, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// DefaultHostKeyPath is where the host key lives when --host-key is not
// given: $BRIEF_HOME/ssh_host_ed25519 when BRIEF_HOME is set, otherwise
// $XDG_STATE_HOME/brief/ssh_host_ed25519 (~/.local/state/brief/… when
// XDG_STATE_HOME is unset).
func DefaultHostKeyPath() (string, error) {
	if d := os.Getenv("BRIEF_HOME"); d != "" {
		return filepath.Join(d, "ssh_host_ed25519"), nil
	}
	state := os.Getenv("XDG_STATE_HOME")
	if state == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home directory for the host key (%v): pass --host-key PATH", err)
		}
		state = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(state, "brief", "ssh_host_ed25519"), nil
}

// ensureHostKey creates an ed25519 host key at path, readable by its owner
// only, unless one is there already.
func ensureHostKey(path string) error {
	if fi, err := os.Stat(path); err == nil {
		return hostKeyPrivate(path, fi)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("host key directory: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	block, err := gossh.MarshalPrivateKey(priv, "brief serve host key")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	if err := pem.Encode(f, block); err != nil {
		f.Close()
		return fmt.Errorf("host key %s: %w", path, err)
	}
	return f.Close()
}

// hostKeyPrivate refuses a host key that its group or others may read or
// write, as sshd does: anyone who can read it can pose as this server.
func hostKeyPrivate(path string, fi fs.FileInfo) error {
	if runtime.GOOS == "windows" || fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return &ConfigError{Err: fmt.Errorf("host key %s has mode %04o: others could read it and pose as this server, so it is refused (as sshd does). Fix: chmod 600 %s", path, fi.Mode().Perm(), path)}
}
