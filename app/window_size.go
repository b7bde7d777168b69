package app

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
)

// The window opens at the size the user left it (kept in Fyne's
// preferences for the app, as "1280x800", one value so that it is written
// at once), or at defaultWindow, in either case no larger than the
// screen's work area (the screen less its taskbars), and centred on it.
// Fyne has no way to read or set a window's position, so the position is
// not remembered: the window is centred.
const prefWindowSize = "window.size"

// defaultWindow is the window's size on first start, on a screen large
// enough for it.
var defaultWindow = fyne.NewSize(1280, 800)

// windowFrame is what the window's title bar and borders take from the
// work area, in the window's units.
var windowFrame = fyne.NewSize(16, 40)

// EnvWindowSize sets the window's size ("1024x700"), whatever the
// screen and the size the user left: for screenshots at the sizes offices
// have (make screenshots).
const EnvWindowSize = "PEIYANG_WINDOW"

// savedWindowSize is the size the user left the window at, or
// defaultWindow.
func (u *ui) savedWindowSize() fyne.Size {
	if s, ok := parseWindowSize(os.Getenv(EnvWindowSize)); ok {
		return s
	}
	if s, ok := parseWindowSize(u.app.Preferences().String(prefWindowSize)); ok {
		return s
	}
	return defaultWindow
}

// parseWindowSize reads "1024x700".
func parseWindowSize(s string) (fyne.Size, bool) {
	var w, h float32
	if _, err := fmt.Sscanf(s, "%gx%g", &w, &h); err != nil || w < 200 || h < 200 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(w, h), true
}

// saveWindowSize keeps the window's size for its next start.
func (u *ui) saveWindowSize() {
	if os.Getenv(EnvWindowSize) != "" {
		return
	}
	s := u.win.Canvas().Size()
	if s.Width < 200 || s.Height < 200 {
		return
	}
	u.app.Preferences().SetString(prefWindowSize, fmt.Sprintf("%.0fx%.0f", s.Width, s.Height))
}

// fitWindow returns want made to fit a work area of the size (the window's
// units; zero when unknown), frame included.
func fitWindow(want, work fyne.Size) fyne.Size {
	if work.Width <= 0 || work.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, work.Width-windowFrame.Width), min(want.Height, work.Height-windowFrame.Height))
}

// fitToScreen resizes the window to fit the screen it opens on and
// centres it; it runs on the UI thread once the window exists.
func (u *ui) fitToScreen() {
	size := u.savedWindowSize()
	if _, ok := parseWindowSize(os.Getenv(EnvWindowSize)); !ok {
		size = fitWindow(size, screenWorkArea(u.win.Canvas().Scale()))
	}
	if size != u.win.Canvas().Size() {
		u.win.Resize(size)
	}
	u.win.CenterOnScreen()
}
