package ui

import (
	"fmt"
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/glamour/v2/ansi"
	glamourstyles "charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// palette is the handful of semantic colours the theme is built from. Text
// has none: it keeps the terminal's own foreground, readable on whatever
// background the terminal has even when brief guesses that background
// wrong (tmux may never answer the query). Every colour drawn on the
// terminal's background (accent, muted, subtle, warn) keeps a contrast of
// at least 3:1 on black and on white alike (TestPaletteContrast); the
// light and dark variants only lean towards the better side. A colour
// drawn on one of ours comes in a pair (selection, highlight).
//
// In monochrome every colour is nil and the styles fall back on bold,
// faint and reverse video, so nothing is told apart by colour alone.
type palette struct {
	accent, muted, subtle, warn color.Color
	// onAccent is text on an accent background (the selection).
	onAccent color.Color
	// quiet and onQuiet are the inactive selection's background and text.
	quiet, onQuiet color.Color
	// highlight and onHighlight mark a search match.
	highlight, onHighlight color.Color
}

func newPalette(dark, mono bool) palette {
	if mono {
		return palette{}
	}
	ld := lipgloss.LightDark(dark)
	return palette{
		accent:      ld(lipgloss.Color("#6A4FE8"), lipgloss.Color("#8C78FF")),
		muted:       ld(lipgloss.Color("#6E6E6E"), lipgloss.Color("#8A8A8A")),
		subtle:      ld(lipgloss.Color("#878787"), lipgloss.Color("#767676")),
		warn:        ld(lipgloss.Color("#B85000"), lipgloss.Color("#D66000")),
		onAccent:    ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#121212")),
		quiet:       ld(lipgloss.Color("#DADADA"), lipgloss.Color("#3A3A3A")),
		onQuiet:     ld(lipgloss.Color("#121212"), lipgloss.Color("#EEEEEE")),
		highlight:   ld(lipgloss.Color("#FFE066"), lipgloss.Color("#7A5C00")),
		onHighlight: ld(lipgloss.Color("#121212"), lipgloss.Color("#FFFFFF")),
	}
}

// styles is the whole theme. It is rebuilt only when the background colour
// or the colour profile changes; views pick styles from it and never build
// their own.
type styles struct {
	dark, mono bool
	// glamour is the Glamour style the detail pane renders with, ours;
	// glamourName says which, so the render cache knows when it changed.
	glamour     ansi.StyleConfig
	glamourName string

	Header struct {
		Title, Meta lipgloss.Style
	}
	Tabs struct {
		Active, Inactive lipgloss.Style
	}
	List struct {
		Group, Item, Meta, Gutter   lipgloss.Style
		Selected, SelectedInactive  lipgloss.Style
		SelectedMeta, Marker, Empty lipgloss.Style
	}
	Detail struct {
		RefHeading, Ref, RefSelected, RefKind, RefNumber lipgloss.Style
		Highlight, Placeholder, HitBar                   lipgloss.Style
	}
	Pane struct {
		Divider, DividerFocused lipgloss.Style
	}
	Status struct {
		Place, Key, Desc, Message, Warn, Mode lipgloss.Style
	}
	Search struct {
		Prompt, Kind, Title, Snippet, Mark, Selected, Empty lipgloss.Style
		// PreviewMark marks a match in the results' preview.
		PreviewMark lipgloss.Style
	}
	HelpBox   lipgloss.Style
	HelpTitle lipgloss.Style
	Help      help.Styles
	TooSmall  lipgloss.Style
}

func newStyles(dark, mono bool) styles {
	p := newPalette(dark, mono)
	var s styles
	s.dark, s.mono = dark, mono
	// In monochrome the colour profile strips Glamour's colours and keeps
	// its bold, italics and underlines, which read better than the notty
	// style's raw ** and # markers.
	s.glamour, s.glamourName = glamourStyle(dark, p), glamourstyles.LightStyle
	if dark {
		s.glamourName = glamourstyles.DarkStyle
	}
	if mono {
		// A render cache shared by several readers (brief serve) keys
		// pages by this name, and the monochrome style has no colours.
		s.glamourName += "-mono"
	}
	base := lipgloss.NewStyle()
	fg := func(c color.Color) lipgloss.Style {
		if c == nil {
			return base
		}
		return base.Foreground(c)
	}
	faint := func(c color.Color) lipgloss.Style {
		if c == nil {
			return base.Faint(true)
		}
		return base.Foreground(c)
	}

	s.Header.Title = fg(p.accent).Bold(true)
	s.Header.Meta = faint(p.muted)

	s.Tabs.Active = fg(p.accent).Bold(true).Underline(true)
	s.Tabs.Inactive = faint(p.muted)

	s.List.Group = fg(p.accent).Bold(true)
	s.List.Item = base
	s.List.Meta = faint(p.muted)
	s.List.Gutter = fg(p.muted)
	s.List.Marker = fg(p.accent).Bold(true)
	s.List.Empty = faint(p.muted).Italic(true)
	if mono {
		// Reverse video marks the selection without colour; the ▸ marker
		// says the same thing to a reader who sees no attributes at all.
		s.List.Selected = base.Reverse(true).Bold(true)
		s.List.SelectedInactive = base.Bold(true)
		s.List.SelectedMeta = base.Reverse(true)
	} else {
		s.List.Selected = base.Background(p.accent).Foreground(p.onAccent).Bold(true)
		s.List.SelectedInactive = base.Background(p.quiet).Foreground(p.onQuiet)
		s.List.SelectedMeta = s.List.Selected.Bold(false)
	}

	s.Detail.RefHeading = fg(p.accent).Bold(true)
	s.Detail.HitBar = fg(p.accent).Bold(true)
	s.Detail.Ref = base
	s.Detail.RefKind = faint(p.muted)
	s.Detail.RefNumber = fg(p.accent)
	s.Detail.Placeholder = faint(p.muted).Italic(true)
	s.Detail.RefSelected = s.List.Selected
	if mono {
		s.Detail.Highlight = base.Reverse(true).Underline(true)
	} else {
		s.Detail.Highlight = base.Background(p.highlight).Foreground(p.onHighlight)
	}

	s.Pane.Divider = faint(p.subtle)
	s.Pane.DividerFocused = fg(p.accent)
	if mono {
		s.Pane.DividerFocused = base.Bold(true)
	}

	s.Status.Place = fg(p.accent).Bold(true)
	s.Status.Key = base.Bold(true)
	s.Status.Desc = faint(p.muted)
	s.Status.Message = fg(p.accent).Italic(true)
	s.Status.Warn = fg(p.warn).Bold(true)
	s.Status.Mode = faint(p.muted)

	s.Search.Prompt = fg(p.accent).Bold(true)
	s.Search.Kind = faint(p.muted)
	s.Search.Title = base.Bold(true)
	s.Search.Snippet = faint(p.muted)
	s.Search.Mark = s.Detail.Highlight
	s.Search.Selected = s.List.Selected
	s.Search.Empty = fg(p.warn)
	s.Search.PreviewMark = fg(p.accent).Bold(true).Underline(true)

	s.HelpBox = base.Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1)
	s.HelpTitle = fg(p.accent).Bold(true)
	if mono {
		s.Help = help.Styles{
			ShortKey: base.Bold(true), ShortDesc: base, ShortSeparator: base.Faint(true),
			Ellipsis: base.Faint(true), FullKey: base.Bold(true), FullDesc: base, FullSeparator: base,
		}
	} else {
		s.Help = help.Styles{
			ShortKey: base.Bold(true), ShortDesc: faint(p.muted), ShortSeparator: faint(p.subtle),
			Ellipsis: faint(p.subtle), FullKey: fg(p.accent).Bold(true), FullDesc: base, FullSeparator: base,
		}
	}
	s.TooSmall = fg(p.warn).Bold(true)
	return s
}

// glamourStyle is Glamour's standard dark or light style made ours:
// headings are styled, not marked with "#"s (a reader is not reading
// Markdown), and the page's first heading keeps its title bar. Body text
// has no colour (the terminal's foreground); everything Glamour colours
// takes one of the palette's, which read on any background.
func glamourStyle(dark bool, p palette) ansi.StyleConfig {
	cfg := glamourstyles.LightStyleConfig
	if dark {
		cfg = glamourstyles.DarkStyleConfig
	}
	bold, underline := true, true
	for _, h := range []*ansi.StyleBlock{&cfg.H2, &cfg.H3, &cfg.H4, &cfg.H5, &cfg.H6} {
		*h = ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Bold: &bold}}
	}
	cfg.H2.Underline = &underline
	accent, muted := hexOf(p.accent), hexOf(p.muted)
	cfg.Document.Color = nil
	cfg.Heading.Color = accent
	cfg.H1.Color, cfg.H1.BackgroundColor = hexOf(p.onAccent), accent
	cfg.HorizontalRule.Color = hexOf(p.subtle)
	cfg.Link.Color, cfg.LinkText.Color = accent, accent
	cfg.Image.Color, cfg.ImageText.Color = accent, muted
	cfg.Code.Color, cfg.Code.BackgroundColor = accent, nil
	cfg.CodeBlock.Color, cfg.CodeBlock.Chroma = muted, nil
	// Only a changed item's word diff strikes words through or sets code
	// spans (a briefing's own backticks are escaped): the words removed,
	// struck in the warning colour, and the words added, bold in the
	// accent; both also marked [- -] and {+ +} for a reader without colour.
	cfg.Strikethrough.Color = hexOf(p.warn)
	cfg.Code = ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: accent, Bold: &bold}}
	return cfg
}

// hexOf is c as Glamour writes colours, "#rrggbb"; nil (monochrome) stays
// nil, no colour.
func hexOf(c color.Color) *string {
	if c == nil {
		return nil
	}
	r, g, b, _ := c.RGBA()
	s := fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
	return &s
}
