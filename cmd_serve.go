package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	charmlog "charm.land/log/v2"
	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/data"
	"github.com/brief-reader/brief/internal/library"
	"github.com/brief-reader/brief/internal/serve"
	"github.com/brief-reader/brief/internal/state"
	"github.com/brief-reader/brief/ui"
)

// serveOptions are the flags of `brief serve`.
type serveOptions struct {
	bundle         string
	briefing       string
	listen         string
	hostKey        string
	authorizedKeys string
	open           bool
	maxSessions    int
	maxPerAddress  int
	idleTimeout    time.Duration
	style          styleFlag
}

func newServeCmd() *cobra.Command {
	opts := serveOptions{
		listen: serve.DefaultListen, maxSessions: serve.DefaultMaxSessions,
		maxPerAddress: serve.DefaultMaxSessionsPerIP, idleTimeout: serve.DefaultIdleTimeout,
	}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the reader over SSH, for a whole team",
		Long: `serve runs an SSH server whose only program is the reader: anyone allowed
in reads the briefing with ssh -p 2222 HOST, in their own terminal, at their
own size and colours, without installing anything.

It is safe by default: clients log in with a public key only (no passwords);
without --authorized-keys any key is accepted, so serve then listens on
loopback only, unless --open says to serve everyone who can reach the port.
Clients get the reader and nothing else: no shell, commands, forwarding,
SFTP or SCP. Sessions are capped in number, per address and in time.

It serves the built-in briefing, or --bundle DIR, or --briefing ID from the
library; never "the briefing read last", so a restart serves the same one.

--authorized-keys is read as sshd reads it: from= and expiry-time= are
enforced; a cert-authority line, or one with an option brief does not
enforce, is refused with a warning naming it. It is read again when it
changes and on SIGHUP.

With --authorized-keys each key keeps its own reader state (place, seen
items, bookmarks) in $BRIEF_HOME/state/serve/KEY/ or
$XDG_STATE_HOME/brief/serve/KEY/, KEY being the key's SHA256 fingerprint
(ssh-keygen -lf) without "SHA256:" and with / as _ and + as -. Without it,
nothing is stored per client.

The host key is an ed25519 key made on first use (mode 0600) and reused:
--host-key, or $BRIEF_HOME/ssh_host_ed25519, or
$XDG_STATE_HOME/brief/ssh_host_ed25519 (~/.local/state/brief/…).

Logs go to stderr, one structured line per event (address, key fingerprint,
duration, bytes), never what a reader reads or types. SIGTERM or ctrl+c
tells every session and stops within 5 seconds.`,
		Example: `# Try it on this machine, then from another terminal: ssh -p 2222 localhost
brief serve

# Serve a team: only the keys in the file get in.
brief serve --listen 0.0.0.0:2222 --authorized-keys ~/.ssh/team_keys`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd, opts)
		},
	}
	f := cmd.Flags()
	addBundleFlag(cmd, &opts.bundle)
	f.StringVar(&opts.briefing, "briefing", "", "serve this briefing of the library, by id (`brief library list` shows them)")
	cmd.MarkFlagsMutuallyExclusive("bundle", "briefing")
	f.StringVar(&opts.listen, "listen", opts.listen, "address to listen on, host:port")
	f.StringVar(&opts.hostKey, "host-key", "", "the server's ed25519 host key, made on first use (default under $BRIEF_HOME or $XDG_STATE_HOME/brief)")
	f.StringVar(&opts.authorizedKeys, "authorized-keys", "", "let in only the public keys in this authorized_keys file")
	f.BoolVar(&opts.open, "open", false, "allow a non-loopback --listen without --authorized-keys: anyone who reaches the port can read")
	f.IntVar(&opts.maxSessions, "max-sessions", opts.maxSessions, "sessions served at once; more are told the server is full")
	f.IntVar(&opts.maxPerAddress, "max-per-address", opts.maxPerAddress, "sessions at once from one IP address (raise it for a team behind one NAT)")
	f.DurationVar(&opts.idleTimeout, "idle-timeout", opts.idleTimeout, "end a session when its reader has pressed no key for this long")
	f.Var(&opts.style, "style", "colour theme of every reader: "+styleList+"; auto follows each client's terminal")
	return cmd
}

func runServe(cmd *cobra.Command, opts serveOptions) error {
	if opts.maxSessions < 1 || opts.maxPerAddress < 1 {
		return usageError("--max-sessions and --max-per-address must be at least 1")
	}
	if opts.idleTimeout <= 0 {
		return usageError("--idle-timeout must be positive, such as 15m")
	}
	if opts.authorizedKeys != "" {
		if _, err := os.Stat(opts.authorizedKeys); err != nil {
			return usageError("--authorized-keys: %v; give an authorized_keys file, one public key a line", err)
		}
	}
	b, key, err := servedBriefing(opts)
	if err != nil {
		return err
	}
	shared := ui.NewShared(b)
	var store serve.Store
	if opts.authorizedKeys != "" {
		// Each key's own place, seen items and bookmarks; the database of
		// a key opens once its reader's first frame is written.
		paths, err := state.DefaultPaths()
		if err != nil {
			return usageError("--authorized-keys keeps each reader's state, and %v", err)
		}
		store = serve.NewKeyState(filepath.Join(paths.State, "serve"), key, shared)
	}
	// Wish and its Bubble Tea middleware log through charm's logger (a
	// program that had to be killed, a panic): keep those lines structured
	// like the server's own.
	charmlog.SetDefault(charmlog.NewWithOptions(cmd.ErrOrStderr(), charmlog.Options{
		Formatter: charmlog.LogfmtFormatter, ReportTimestamp: true, TimeFormat: time.RFC3339Nano, Prefix: "wish",
	}))
	srv, err := serve.New(serve.Config{
		Listen:           opts.listen,
		HostKeyPath:      opts.hostKey,
		AuthorizedKeys:   opts.authorizedKeys,
		Open:             opts.open,
		MaxSessions:      opts.maxSessions,
		MaxSessionsPerIP: min(opts.maxPerAddress, opts.maxSessions),
		IdleTimeout:      opts.idleTimeout,
		Style:            ui.Style(opts.style),
		Log:              slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil)),
		Store:            store,
	}, shared)
	var configErr *serve.ConfigError
	if errors.Is(err, serve.ErrOpenWithoutKeys) || errors.As(err, &configErr) {
		return usageError("%v", err)
	}
	if err != nil {
		return failure(err)
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	reloadOnHangup(ctx, srv)
	if err := srv.ListenAndServe(ctx); err != nil {
		return failure(fmt.Errorf("serve: %w", err))
	}
	return nil
}

// servedBriefing loads the briefing serve serves and gives its state key:
// --bundle's directory, --briefing's library entry, else the built-in one.
func servedBriefing(opts serveOptions) (*data.Briefing, string, error) {
	switch {
	case opts.briefing != "":
		b, err := loadLibraryEntry(opts.briefing)
		return b, state.LibraryKey(opts.briefing).String(), err
	case opts.bundle != "":
		return loadBundleDir(opts.bundle)
	}
	b, err := loadBriefing("")
	return b, library.BuiltinID, err
}

// reloadOnHangup reads --authorized-keys again on each SIGHUP, as sshd
// does, until ctx ends.
func reloadOnHangup(ctx context.Context, srv *serve.Server) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				srv.ReloadAuthorizedKeys()
			}
		}
	}()
}
