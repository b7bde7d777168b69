package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Clip shortens s to fit a width of room Chinese characters, ending it
// with an ellipsis. It estimates instead of measuring (a Chinese
// character is 1, anything else 0.55), since measuring shapes the text and
// is too slow for every cell of a scrolling table.
func Clip(s string, room float32) string {
	width := func(r rune) float32 {
		if r >= 0x2E80 {
			return 1
		}
		return 0.55
	}
	var used float32
	rs := []rune(s)
	for i, r := range rs {
		if used+width(r) <= room {
			used += width(r)
			continue
		}
		for i > 0 && used+1 > room { // room for the ellipsis
			i--
			used -= width(rs[i])
		}
		return string(rs[:i]) + "…"
	}
	return s
}

// Room is how many Chinese characters of the window's text fit in a label
// of the width, for Clip.
func Room(width float32) float32 {
	em := fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Width
	return (width - 2*theme.InnerPadding()) / em
}

// Fit shortens text, ending it with "…", until it measures at most w at
// the size; "" when not even the ellipsis fits.
func Fit(text string, w, size float32) string {
	if fyne.MeasureText(text, size, fyne.TextStyle{}).Width <= w {
		return text
	}
	rs := []rune(strings.TrimSuffix(text, "…"))
	for len(rs) > 0 {
		rs = rs[:len(rs)-1]
		if t := string(rs) + "…"; fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= w {
			return t
		}
	}
	return ""
}
