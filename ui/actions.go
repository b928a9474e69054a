package ui

import (
	"errors"
	"os/exec"
	"runtime"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/data"
)

// jumpToSource is s: go to the (first) source of what is shown.
func (m *Model) jumpToSource() {
	ref, ok := m.tabs[m.active].current()
	if !ok {
		return
	}
	if ref.Kind == data.KindSource {
		m.status = status{text: "this is a source: o opens it in the browser, y copies a citation"}
		return
	}
	ids := m.b.SourcesOf(ref)
	if len(ids) == 0 {
		m.status = status{text: "no source recorded for this item", warn: true}
		return
	}
	if m.jump(data.Ref{Kind: data.KindSource, ID: ids[0]}) && len(ids) > 1 {
		m.status = status{text: "first of " + itoa(len(ids)) + " sources; the References list has the others"}
	}
}

// shownSource is the source on screen, if what is shown is one.
func (m *Model) shownSource() (*data.Source, bool) {
	ref, ok := m.tabs[m.active].current()
	if !ok || ref.Kind != data.KindSource {
		return nil, false
	}
	return m.b.Source(ref.ID)
}

// openSource is o: open the shown source's URL with the platform's opener.
func (m *Model) openSource() tea.Cmd {
	src, ok := m.shownSource()
	switch {
	case !ok:
		m.status = status{text: "o opens a source's web page: press s to go to the source first"}
		return nil
	case src.URL == "":
		m.status = status{text: "this source has no URL", warn: true}
		return nil
	case !safeURL(src.URL):
		m.status = status{text: "not opened: only http and https addresses are opened", warn: true}
		return nil
	}
	open, url := m.open, src.URL
	if open == nil {
		m.status = status{text: "no browser here: the address is " + url + " · y copies the citation"}
		return nil
	}
	m.status = status{text: "opening " + url}
	return func() tea.Msg { return openedMsg{url: url, err: open(url)} }
}

// openedMsg reports how starting the opener went.
type openedMsg struct {
	url string
	err error
}

func openedStatus(msg openedMsg) status {
	if msg.err != nil {
		return status{text: msg.err.Error() + "; the address is " + msg.url, warn: true}
	}
	return status{text: "opened " + msg.url + " in the browser"}
}

// errNoOpener says what to install when no opener is found.
var errNoOpener = errors.New("no browser opener found (install xdg-utils for xdg-open)")

// openURL starts the platform's opener (xdg-open, open) on url and does not
// wait for the browser.
func openURL(url string) error {
	var name string
	var args []string
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler"}
	default:
		name = "xdg-open"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return errNoOpener
	}
	cmd := exec.Command(path, append(args, url)...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // reap the opener; its status says nothing about the browser
	return nil
}

// clipboardSent starts every clipboard message: brief sends the text with
// OSC 52 and cannot know whether the terminal took it, so it says what it
// sent and on what condition it arrived.
const clipboardSent = "sent to the clipboard with OSC 52 (your terminal must allow it; tmux: set-clipboard on): "

// copyCitation is y: copy the shown source's citation to the clipboard
// with OSC 52.
func (m *Model) copyCitation() tea.Cmd {
	src, ok := m.shownSource()
	if !ok {
		m.status = status{text: "y copies a source's citation: press s to go to the source first"}
		return nil
	}
	c := citation(src)
	m.status = status{text: clipboardSent + c}
	return tea.SetClipboard(c)
}

// copyURL is Y: copy the shown source's bare address with OSC 52, for the
// reader whose terminal does not follow links.
func (m *Model) copyURL() tea.Cmd {
	src, ok := m.shownSource()
	switch {
	case !ok:
		m.status = status{text: "Y copies a source's URL: press s to go to the source first"}
		return nil
	case !safeURL(src.URL):
		m.status = status{text: "this source has no web address to copy", warn: true}
		return nil
	}
	m.status = status{text: clipboardSent + src.URL}
	return tea.SetClipboard(src.URL)
}
