package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func authLine(s gossh.Signer, options string) string {
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))
	if options != "" {
		line = options + " " + line
	}
	return line + " someone@example\n"
}

func writeKeys(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// The authorized_keys options table, as OpenSSH reads them: each case is
// a line for the key, and whether that key gets in from 127.0.0.1.
func TestAuthorizedKeysOptions(t *testing.T) {
	t.Parallel()
	past := time.Now().Add(-48*time.Hour).UTC().Format("20060102") + "Z"
	future := time.Now().Add(48*time.Hour).UTC().Format("200601021504") + "Z"
	cases := []struct {
		options string
		in      bool
		log     string // in the log: a warning or a refusal's reason
	}{
		{``, true, ""},
		{`from="127.0.0.1"`, true, ""},
		{`from="127.0.0.*,10.0.0.1"`, true, ""},
		{`from="127.0.0.0/8"`, true, ""},
		{`from="10.0.0.0/8"`, false, "from= does not allow this address (line 2)"},
		{`from="!127.0.0.1,*"`, false, "from= does not allow this address"},
		{`from="*,!127.0.0.0/24"`, false, "from= does not allow this address"},
		{`from="192.168.?.1"`, false, "from= does not allow this address"},
		// A block that does not parse, or has bits past its mask, refuses
		// the line (sshd refuses the login): read as matching nothing, a
		// mistyped negation let in the very addresses it was to keep out.
		{`from="*,!127.0.0.0/33"`, false, `line 2: from= pattern \"!127.0.0.0/33\" is not an address block`},
		{`from="*,!127.0.0.0/8x"`, false, `is not an address block`},
		{`from="127.0.0.1/8"`, false, `has address bits past its mask (write 127.0.0.0/8)`},
		{`from="10.0.0.0/8",from="*"`, false, "from= given twice"},
		{`expiry-time="` + past + `",expiry-time="` + future + `"`, false, "expired (expiry-time, line 2)"},
		{`expiry-time="` + future + `",expiry-time="` + past + `"`, false, "expired (expiry-time, line 2)"},
		{`expiry-time="` + future + `"`, true, ""},
		{`expiry-time="` + past + `"`, false, "expired (expiry-time, line 2)"},
		{`expiry-time="tomorrow"`, false, "not YYYYMMDD"},
		{`cert-authority`, false, "line 2: cert-authority"},
		{`command="/bin/sh"`, false, `option \"command\" is one brief serve does not enforce`},
		{`no-pty`, false, `option \"no-pty\"`},
		{`permitopen="host:22"`, false, `option \"permitopen\"`},
		{`restrict,no-port-forwarding,from="127.0.0.1"`, true, ""},
	}
	other := newSigner(t)
	for _, c := range cases {
		t.Run(c.options, func(t *testing.T) {
			key := newSigner(t)
			// Line 1 is another key, line 3 garbage: neither stops the rest.
			keys := writeKeys(t, authLine(other, ""), authLine(key, c.options), "ssh-ed25519 garbage\n", authLine(newSigner(t), ""))
			ts := startServer(t, Config{AuthorizedKeys: keys})
			cl, err := dial(ts.addr, gossh.PublicKeys(key))
			if err == nil {
				cl.Close()
			}
			if got := err == nil; got != c.in {
				t.Errorf("got in: %v, want %v (err %v)", got, c.in, err)
			}
			log := ts.log.String()
			if c.log != "" && !strings.Contains(log, c.log) {
				t.Errorf("the log does not say %q:\n%s", c.log, log)
			}
			if !strings.Contains(log, "line 3: not a public key line") {
				t.Errorf("the malformed line 3 was not named:\n%s", log)
			}
			if cl, err := dial(ts.addr, gossh.PublicKeys(other)); err != nil {
				t.Errorf("the key of line 1 was refused: %v", err)
			} else {
				cl.Close()
			}
		})
	}
}

func TestAuthorizedKeysFileRefusedAtStart(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"private key":    string(pem.EncodeToMemory(block)),
		"empty":          "",
		"comments only":  "# nobody yet\n\n",
		"garbage":        "hello world\nssh-rsa !!!\n",
		"only a CA line": authLine(newSigner(t), "cert-authority"),
	} {
		path := writeKeys(t, content)
		_, err := New(Config{AuthorizedKeys: path, HostKeyPath: filepath.Join(t.TempDir(), "hk"), Log: discardLog()}, testShared(t))
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%s: New returned %v, want a ConfigError", name, err)
			continue
		}
		if name == "private key" && !strings.Contains(err.Error(), "private key") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A changed file is read at the next login; SIGHUP (Reload) reads it too.
func TestAuthorizedKeysReadAgainWhenChanged(t *testing.T) {
	t.Parallel()
	alice, bob := newSigner(t), newSigner(t)
	keys := writeKeys(t, authLine(alice, ""))
	ts := startServer(t, Config{AuthorizedKeys: keys})
	if c, err := dial(ts.addr, gossh.PublicKeys(bob)); err == nil {
		c.Close()
		t.Fatal("bob got in before his key was added")
	}
	// A new file put in place (a new inode, as editors and mv do).
	tmp := keys + ".new"
	if err := os.WriteFile(tmp, []byte(authLine(bob, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, keys); err != nil {
		t.Fatal(err)
	}
	if c, err := dial(ts.addr, gossh.PublicKeys(bob)); err != nil {
		t.Fatalf("bob was refused once added: %v", err)
	} else {
		c.Close()
	}
	if c, err := dial(ts.addr, gossh.PublicKeys(alice)); err == nil {
		c.Close()
		t.Fatal("alice got in after her key was removed")
	}
	ts.srv.ReloadAuthorizedKeys()
	if !strings.Contains(ts.log.String(), "authorized_keys read") {
		t.Errorf("a reload was not logged:\n%s", ts.log.String())
	}
}

func TestHostKeyReadableByOthersRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "host_key")
	if err := ensureHostKey(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(Config{HostKeyPath: path, Log: discardLog()}, testShared(t))
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Fatalf("New returned %v, want a ConfigError with the fix", err)
	}
}

func TestFromPatterns(t *testing.T) {
	for _, c := range []struct {
		from, ip string
		want     bool
	}{
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.2", "127.0.0.1", false},
		{"*", "::1", true},
		{"::1", "::1", true},
		{"10.*", "10.1.2.3", true},
		{"10.?.2.3", "10.1.2.3", true},
		{"10.?.2.3", "10.11.2.3", false},
		{"192.168.0.0/16,!192.168.5.*", "192.168.5.9", false},
		{"192.168.0.0/16,!192.168.5.*", "192.168.6.9", true},
		{"!10.0.0.1", "10.0.0.2", false}, // a negation alone allows nothing
		{"2001:db8::/32", "2001:db8::1", true},
		{"host.example.org", "127.0.0.1", false},
	} {
		if got := matchFrom(strings.Split(c.from, ","), c.ip); got != c.want {
			t.Errorf("from=%q, %s: %v, want %v", c.from, c.ip, got, c.want)
		}
	}
	if ip := hostOf(&net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 22}); ip != "127.0.0.1" {
		t.Errorf("hostOf: %s", ip)
	}
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// Many stars in a from= pattern cost time linear in the pattern and the
// address; trying each star at each place took exponential time, and a
// login with "*?*?*?…x" against an IPv6 address never finished.
func TestFromPatternWithManyStarsIsQuick(t *testing.T) {
	p := strings.Repeat("*?", 16) + "x"
	done := make(chan bool, 1)
	go func() { done <- matchFrom([]string{p}, "2001:db8:85a3:8d3:1319:8a2e:370:7348") }()
	select {
	case got := <-done:
		if got {
			t.Errorf("%q matched an address without x", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("matching a pattern of 16 stars did not finish in 5 s")
	}
	for _, c := range []struct {
		p, s string
		want bool
	}{
		{"*", "", true}, {"", "", true}, {"", "a", false}, {"a*", "a", true}, {"*a", "ba", true},
		{"*a", "ab", false}, {"a*b*c", "axxbyyc", true}, {"a*b*c", "axxbyy", false}, {"?", "", false},
		{"1?.*.3", "10.2.3", true}, {"**", "abc", true}, {"*?", "", false}, {"*.5", "10.1.5", true},
	} {
		if got := wildcard(c.p, c.s); got != c.want {
			t.Errorf("wildcard(%q, %q) = %v, want %v", c.p, c.s, got, c.want)
		}
	}
}
