package data

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText neutralises everything in a bundle's text that a terminal could
// interpret or that would hide text from the reader: C0 and C1 control
// characters (ESC starts ANSI, OSC and DCS sequences), DEL, every Unicode
// format character (bidi overrides and isolates, zero-width characters),
// line and paragraph separators, and bytes that are not UTF-8 (a lone 0x9b
// is CSI to an 8-bit terminal). Each is replaced by a visible escape
// ("\x1b", "\u202e") so a reader sees that something was there. Newlines
// and tabs are kept. Text that needs no change is returned as is, without
// copying, and cleaning clean text changes nothing.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&sb, `\x%02x`, s[i])
		case Unsafe(r) && r < 0xa0:
			fmt.Fprintf(&sb, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.WriteRune(r)
		}
		i += size
	}
	return sb.String()
}

// isClean reports that s is UTF-8 without a rune CleanText escapes. Every
// text of a briefing goes through it, and most are clean and mostly ASCII,
// which it checks a byte at a time.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || Unsafe(r) {
			return false
		}
		i += size
	}
	return true
}

// Unsafe reports the runes CleanText escapes, for writers that escape in
// their own syntax (JSON's \uXXXX). Zero-width joiners are escaped too: they are invisible, and the reader's width maths and the
// terminal disagree about the emoji sequences they build.
func Unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	case r < 0xa0:
		return false
	}
	return unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// cleanStrings runs CleanText over every string reachable from v: struct
// fields, list entries, map values and pointers, whatever the type. It is
// a walk rather than a list of fields so a field added to the model later
// cannot be forgotten.
func cleanStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(CleanText(v.String()))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				cleanStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			cleanStrings(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			cleanStrings(v.Elem())
		}
	case reflect.Interface:
		if !v.IsNil() && v.CanSet() {
			e := reflect.New(v.Elem().Type()).Elem()
			e.Set(v.Elem())
			cleanStrings(e)
			v.Set(e)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			cleanStrings(e)
			v.SetMapIndex(k, e)
		}
	}
}
