package models

import (
	"strings"
	"unicode"
)

// Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin, the
// Unicode Bidi_Control characters) change the order in which text is
// shown without being seen: 张三 written with an override displays as 三张,
// and a region or ID number can display as something it is not. The
// rules refuse them in every name, title, place, ID number, phone and
// setting, and remove them from the notes-like free text (notes,
// comments, goals, summaries, void reasons), where a pasted mark would
// otherwise refuse a whole paragraph.

// IsBidiControl reports whether r is a bidirectional control character.
func IsBidiControl(r rune) bool { return unicode.Is(unicode.Bidi_Control, r) }

// HasBidiControl reports whether s holds a bidirectional control.
func HasBidiControl(s string) bool { return strings.ContainsFunc(s, IsBidiControl) }

// StripBidiControls removes the bidirectional controls from s.
func StripBidiControls(s string) string {
	if !HasBidiControl(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// checkBidi refuses text that holds a bidirectional control.
func checkBidi(l *ErrorList, field, s string) bool {
	if HasBidiControl(s) {
		l.Add(field, "The text contains invisible direction controls (such as U+202E), which make it display differently from what it holds; remove them.")
		return false
	}
	return true
}
