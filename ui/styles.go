package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/glamour/v2/ansi"
	glamourstyles "charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// palette is the handful of semantic colours the theme is built from. In
// monochrome every colour is nil and the styles fall back on bold, faint and
// reverse video, so nothing is told apart by colour alone.
type palette struct {
	accent, muted, subtle, text, warn, highlight, highlightText color.Color
}

func newPalette(dark, mono bool) palette {
	if mono {
		return palette{}
	}
	ld := lipgloss.LightDark(dark)
	return palette{
		accent:        ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B4A4FF")),
		muted:         ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A")),
		subtle:        ld(lipgloss.Color("#C8C8C8"), lipgloss.Color("#3C3C3C")),
		text:          ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E4E4E4")),
		warn:          ld(lipgloss.Color("#A34A00"), lipgloss.Color("#FFB86C")),
		highlight:     ld(lipgloss.Color("#FFE066"), lipgloss.Color("#7A5C00")),
		highlightText: ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#FFFFFF")),
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
	s.glamour, s.glamourName = glamourStyle(dark), glamourstyles.LightStyle
	if dark {
		s.glamourName = glamourstyles.DarkStyle
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
	s.List.Item = fg(p.text)
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
		s.List.Selected = base.Background(p.accent).Foreground(lipgloss.LightDark(dark)(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1A1A"))).Bold(true)
		s.List.SelectedInactive = base.Background(p.subtle).Foreground(p.text)
		s.List.SelectedMeta = s.List.Selected.Bold(false)
	}

	s.Detail.RefHeading = fg(p.accent).Bold(true)
	s.Detail.HitBar = fg(p.accent).Bold(true)
	s.Detail.Ref = fg(p.text)
	s.Detail.RefKind = faint(p.muted)
	s.Detail.RefNumber = fg(p.accent)
	s.Detail.Placeholder = faint(p.muted).Italic(true)
	s.Detail.RefSelected = s.List.Selected
	if mono {
		s.Detail.Highlight = base.Reverse(true).Underline(true)
	} else {
		s.Detail.Highlight = base.Background(p.highlight).Foreground(p.highlightText)
	}

	s.Pane.Divider = faint(p.subtle)
	s.Pane.DividerFocused = fg(p.accent)
	if mono {
		s.Pane.DividerFocused = base.Bold(true)
	}

	s.Status.Place = fg(p.accent).Bold(true)
	s.Status.Key = fg(p.text).Bold(true)
	s.Status.Desc = faint(p.muted)
	s.Status.Message = fg(p.accent).Italic(true)
	s.Status.Warn = fg(p.warn).Bold(true)
	s.Status.Mode = faint(p.muted)

	s.Search.Prompt = fg(p.accent).Bold(true)
	s.Search.Kind = faint(p.muted)
	s.Search.Title = fg(p.text).Bold(true)
	s.Search.Snippet = faint(p.muted)
	s.Search.Mark = s.Detail.Highlight
	s.Search.Selected = s.List.Selected
	s.Search.Empty = fg(p.warn)

	s.HelpBox = base.Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1)
	s.HelpTitle = fg(p.accent).Bold(true)
	if mono {
		s.Help = help.Styles{
			ShortKey: base.Bold(true), ShortDesc: base, ShortSeparator: base.Faint(true),
			Ellipsis: base.Faint(true), FullKey: base.Bold(true), FullDesc: base, FullSeparator: base,
		}
	} else {
		s.Help = help.Styles{
			ShortKey: fg(p.text).Bold(true), ShortDesc: faint(p.muted), ShortSeparator: faint(p.subtle),
			Ellipsis: faint(p.subtle), FullKey: fg(p.accent).Bold(true), FullDesc: fg(p.text), FullSeparator: base,
		}
	}
	s.TooSmall = fg(p.warn).Bold(true)
	return s
}

// glamourStyle is Glamour's standard dark or light style made ours:
// headings are styled, not marked with "#"s (a reader is not reading
// Markdown), and the page's first heading keeps its title bar.
func glamourStyle(dark bool) ansi.StyleConfig {
	cfg := glamourstyles.LightStyleConfig
	if dark {
		cfg = glamourstyles.DarkStyleConfig
	}
	bold, underline := true, true
	for _, h := range []*ansi.StyleBlock{&cfg.H2, &cfg.H3, &cfg.H4, &cfg.H5, &cfg.H6} {
		*h = ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Bold: &bold}}
	}
	cfg.H2.Underline = &underline
	return cfg
}
