package serve

import (
	"log/slog"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/internal/input"
)

// Every refusal is logged with its reason and the client's address and
// key, never with what the client sent (a command, a path, a host to
// forward to).

func (s *Server) refuseSubsystem(sess ssh.Session) {
	s.log.Info("session refused: subsystem", "remote", sess.RemoteAddr().String(),
		"key", fingerprint(sess.PublicKey()), "subsystem", subsystemName(sess.Subsystem()))
	refuse(sess, "brief serve offers no subsystems (no SFTP, no SCP): connect with `ssh -t` to read.")
}

func (s *Server) refuseChannel(what string) ssh.ChannelHandler {
	return func(_ *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		s.log.Info("channel refused: "+what, "remote", conn.RemoteAddr().String(), "key", keyOf(ctx))
		_ = ch.Reject(gossh.Prohibited, "brief serve refuses "+what)
	}
}

// refuseRequest answers a global request (remote forwarding) with no.
func (s *Server) refuseRequest(what string) ssh.RequestHandler {
	return func(ctx ssh.Context, _ *ssh.Server, _ *gossh.Request) (bool, []byte) {
		s.log.Info("request refused: "+what, "remote", ctx.RemoteAddr().String(), "key", keyOf(ctx))
		return false, nil
	}
}

// watchedChannel is a session channel whose requests are seen before the
// SSH library answers them, to log the ones it refuses without a word
// (X11 forwarding).
type watchedChannel struct {
	gossh.NewChannel
	log *slog.Logger
}

func (w watchedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := w.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		defer func() {
			if r := recover(); r != nil {
				pe := input.Recovered(r)
				w.log.Error("session panic", "in", "requests", "panic", pe.What, "at", pe.Where)
				_ = ch.Close()
			}
		}()
		for r := range reqs {
			if r.Type == "x11-req" {
				w.log.Info("request refused: X11 forwarding")
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// keyOf is the fingerprint of the key a connection logged in with.
func keyOf(ctx ssh.Context) string {
	k, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	return fingerprint(k)
}

// subsystemName is what the log says of a refused subsystem: its name if
// it is one a client's tool asks for, else "other". The name is the
// client's text: cut to letters it could still hold anything it liked
// ("sftp secret-content…" came out as "sftpsecret-content…").
func subsystemName(name string) string {
	switch name {
	case "sftp", "scp", "rsync", "netconf", "powershell":
		return name
	}
	return "other"
}
