package serve

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// ConfigError is a server setting the user must fix before it can start
// (exit status 2): an authorized_keys file with no usable key, a host key
// others can read.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// The options of an authorized_keys line that brief enforces by what it
// is: it never forwards, never runs a command or an rc file, so these
// restrictions always hold. Any other option (command=, permitopen=,
// principals=, environment=, no-pty, …) is one brief does not enforce, and
// its line is refused rather than read as a key without the restriction.
var alwaysHeld = map[string]bool{
	"restrict": true, "no-agent-forwarding": true, "no-port-forwarding": true,
	"no-x11-forwarding": true, "no-user-rc": true,
}

// authorizedKey is one usable line of an authorized_keys file.
type authorizedKey struct {
	key    []byte // the public key, in wire form
	line   int
	from   []string  // from= patterns; nil for anywhere
	expiry time.Time // expiry-time=; zero for never
}

// authorizedKeys is an authorized_keys file read as OpenSSH reads it, read
// again when it changes (checked at each login) and on Reload (SIGHUP).
type authorizedKeys struct {
	path string
	log  *slog.Logger

	mu    sync.Mutex
	keys  []authorizedKey
	stamp fileStamp
}

// fileStamp tells whether a file changed since it was read.
type fileStamp struct {
	size int64
	mod  time.Time
	ino  uint64
}

func stampOf(fi os.FileInfo) fileStamp {
	return fileStamp{size: fi.Size(), mod: fi.ModTime(), ino: inode(fi)}
}

// loadAuthorizedKeys reads path at start: a file that is a private key,
// or holds no usable key, is a ConfigError; each line skipped is warned
// about with its number.
func loadAuthorizedKeys(path string, log *slog.Logger) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path, log: log}
	if err := a.read(true); err != nil {
		return nil, &ConfigError{Err: err}
	}
	return a, nil
}

// Reload reads the file again, as a change seen at a login does.
func (a *authorizedKeys) Reload() {
	a.mu.Lock()
	defer a.mu.Unlock()
	_ = a.read(false)
}

// read reads the file; a.mu is held or a is not shared yet. At start, a
// file that cannot be read or holds no usable key is an error; later it
// lets nobody in (as sshd, which reads the file at each login), with a
// warning.
func (a *authorizedKeys) read(atStart bool) error {
	keys, stamp, warnings, err := readAuthorizedKeys(a.path)
	for _, w := range warnings {
		a.log.Warn("authorized_keys line skipped", "file", a.path, "why", w)
	}
	if err != nil && atStart {
		return err
	}
	if err != nil {
		a.log.Warn("authorized_keys has no usable key: nobody can log in until it has", "file", a.path, "why", err.Error())
	}
	a.keys, a.stamp = keys, stamp
	if !atStart {
		a.log.Info("authorized_keys read", "file", a.path, "keys", len(keys))
	}
	return nil
}

func readAuthorizedKeys(path string) ([]authorizedKey, fileStamp, []string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileStamp{}, nil, fmt.Errorf("--authorized-keys: %w", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileStamp{}, nil, fmt.Errorf("--authorized-keys: %w", err)
	}
	keys, warnings, err := parseAuthorizedKeys(path, data)
	return keys, stampOf(fi), warnings, err
}

// parseAuthorizedKeys reads an authorized_keys file: its usable keys, a
// warning for each line skipped, and an error when no key is usable.
func parseAuthorizedKeys(path string, data []byte) ([]authorizedKey, []string, error) {
	if bytes.Contains(data, []byte("PRIVATE KEY-----")) {
		return nil, nil, fmt.Errorf("--authorized-keys %s is a private key: give the public keys, one a line, as in ~/.ssh/authorized_keys or a .pub file, and keep the private key secret", path)
	}
	var keys []authorizedKey
	var warnings []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := parseAuthorizedLine(line)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		k.line = n
		if !k.expiry.IsZero() && time.Now().After(k.expiry) {
			warnings = append(warnings, fmt.Sprintf("line %d: the key expired on %s (expiry-time)", n, k.expiry.Format(time.RFC3339)))
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		return nil, warnings, fmt.Errorf("--authorized-keys %s: %v", path, err)
	}
	if len(keys) == 0 {
		return nil, warnings, fmt.Errorf("--authorized-keys %s has no usable public key: it needs lines such as `ssh-ed25519 AAAA… name`, as ssh-keygen writes them in .pub files", path)
	}
	return keys, warnings, nil
}

// parseAuthorizedLine reads one line and its options.
func parseAuthorizedLine(line string) (authorizedKey, error) {
	pub, _, options, _, err := gossh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return authorizedKey{}, fmt.Errorf("not a public key line (%v)", err)
	}
	if _, ok := pub.(*gossh.Certificate); ok {
		return authorizedKey{}, errors.New("a certificate: brief serve takes plain public keys only")
	}
	k := authorizedKey{key: pub.Marshal()}
	for _, opt := range options {
		if err := k.applyOption(opt); err != nil {
			return authorizedKey{}, err
		}
	}
	return k, nil
}

// applyOption enforces one of the line's options on k, or refuses the
// line: an option brief serve does not enforce must not be dropped.
func (k *authorizedKey) applyOption(opt string) error {
	name, value, hasValue := strings.Cut(opt, "=")
	name = strings.ToLower(name)
	switch {
	case name == "cert-authority":
		return errors.New("cert-authority: brief serve does not take certificates, so this key is refused rather than let in as a user key")
	case name == "from" && hasValue:
		if k.from != nil {
			return errors.New("from= given twice: give one list of patterns, separated by commas")
		}
		from, err := parseFrom(unquote(value))
		k.from = from
		return err
	case name == "expiry-time" && hasValue:
		t, err := parseExpiry(unquote(value))
		if err != nil {
			return err
		}
		if k.expiry.IsZero() || t.Before(k.expiry) {
			k.expiry = t // given twice, the earlier holds, as in sshd
		}
	case alwaysHeld[name] && !hasValue:
	default:
		return fmt.Errorf("option %q is one brief serve does not enforce, so the key is refused rather than let in without it", name)
	}
	return nil
}

// parseFrom reads from='s patterns. A CIDR block that does not parse, or
// that has bits set past its mask (10.1.2.3/8), refuses the line, as sshd
// refuses the login: read as matching nothing, a mistyped negation
// ("*,!10.0.0.0/33") would let in the very addresses it was to keep out.
func parseFrom(v string) ([]string, error) {
	patterns := strings.Split(v, ",")
	for i, p := range patterns {
		p = strings.TrimSpace(p)
		patterns[i] = p
		block, ok := strings.CutPrefix(p, "!")
		if !ok {
			block = p
		}
		if !strings.Contains(block, "/") {
			continue
		}
		ip, network, err := net.ParseCIDR(block)
		if err != nil {
			return nil, fmt.Errorf("from= pattern %q is not an address block such as 10.0.0.0/8, so the key is refused rather than let in from where it was to be kept out", p)
		}
		if !ip.Equal(network.IP) {
			return nil, fmt.Errorf("from= pattern %q has address bits past its mask (write %s), so the key is refused, as sshd refuses it", p, network)
		}
	}
	return patterns, nil
}

func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1]
	}
	return v
}

// parseExpiry reads expiry-time as sshd does: YYYYMMDD[HHMM[SS]], in
// local time, or in UTC with a trailing Z.
func parseExpiry(v string) (time.Time, error) {
	loc := time.Local
	if s, ok := strings.CutSuffix(v, "Z"); ok {
		v, loc = s, time.UTC
	}
	layouts := map[int]string{8: "20060102", 12: "200601021504", 14: "20060102150405"}
	layout, ok := layouts[len(v)]
	if ok {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("expiry-time %q is not YYYYMMDD[HHMM[SS]][Z]", v)
}

// allows says whether key may log in from addr, and if not, why.
func (a *authorizedKeys) allows(key ssh.PublicKey, addr net.Addr, now time.Time) (bool, string) {
	a.mu.Lock()
	if fi, err := os.Stat(a.path); err != nil || stampOf(fi) != a.stamp {
		_ = a.read(false) // changed or gone: read what is there now
	}
	keys := a.keys
	a.mu.Unlock()
	wire := key.Marshal()
	why := "not in authorized_keys"
	for _, k := range keys {
		if !bytes.Equal(k.key, wire) {
			continue
		}
		switch {
		case !k.expiry.IsZero() && !now.Before(k.expiry):
			why = fmt.Sprintf("expired (expiry-time, line %d)", k.line)
		case k.from != nil && !matchFrom(k.from, hostOf(addr)):
			why = fmt.Sprintf("from= does not allow this address (line %d)", k.line)
		default:
			return true, ""
		}
	}
	return false, why
}

// matchFrom is sshd's from= check against an address (brief, like sshd
// with UseDNS no, knows no host names): a negated pattern that matches
// refuses, else any pattern that matches allows. A pattern is an address
// with * and ? wildcards, or a CIDR block.
func matchFrom(patterns []string, ip string) bool {
	allowed := false
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		if !matchAddr(p, ip) {
			continue
		}
		if neg {
			return false
		}
		allowed = true
	}
	return allowed
}

func matchAddr(pattern, ip string) bool {
	if strings.Contains(pattern, "/") {
		_, block, err := net.ParseCIDR(pattern)
		addr := net.ParseIP(ip)
		return err == nil && addr != nil && block.Contains(addr)
	}
	return wildcard(strings.ToLower(pattern), strings.ToLower(ip))
}

// wildcard matches s against p, where * is any run and ? any one byte.
// It keeps only the last * to go back to, so it takes time linear in
// p×s: trying each * at each place took time exponential in the number
// of stars ("*?*?*?…x", 16 stars, against an IPv6 address hung a login).
func wildcard(p, s string) bool {
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi, mark = star+1, mark+1
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
