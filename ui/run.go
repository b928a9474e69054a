// Package ui is the terminal reader: a Bubble Tea v2 program over one
// briefing. It never opens files; main hands it a loaded briefing.
package ui

import (
	"context"
	"errors"

	"github.com/brief-reader/brief/data"
)

// Style picks the colour theme; StyleAuto follows the terminal's background.
type Style int

// The styles --style accepts.
const (
	StyleAuto Style = iota
	StyleDark
	StyleLight
	StyleNoTTY
)

// Options configure the reader.
type Options struct {
	Style Style
}

// Run opens the reader on b and returns when the user quits.
func Run(ctx context.Context, b *data.Briefing, opts Options) error {
	return errors.New("the reader is being built")
}
