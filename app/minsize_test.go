package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// smallScreen is the smallest window every screen must fit: a 1024×768
// screen less a taskbar and the window's title bar.
var smallScreen = fyne.NewSize(1024, 700)

// windowMinSize is the smallest the window can be on the screen shown:
// its content's minimum, the window's padding and the menu bar the
// desktop driver draws above the content (one row of menu titles).
func windowMinSize(u *ui) fyne.Size {
	m := u.win.Content().MinSize()
	pad := 2 * theme.Padding()
	menu := widget.NewButton("M", nil).MinSize().Height
	return fyne.NewSize(m.Width+pad, m.Height+pad+menu)
}

// TestEveryScreenFitsSmallScreen asserts that no screen, with its tabs and
// in either language, asks for more than 1024×700.
func TestEveryScreenFitsSmallScreen(t *testing.T) {
	for _, lang := range []string{LangChinese, LangEnglish} {
		e := newEnv(t, lang, "dashboard", false)
		check := func(name string) {
			t.Helper()
			if m := windowMinSize(e.u); m.Width > smallScreen.Width || m.Height > smallScreen.Height {
				t.Errorf("%s %s: the window needs at least %.0f×%.0f, more than %.0f×%.0f",
					lang, name, m.Width, m.Height, smallScreen.Width, smallScreen.Height)
			} else {
				t.Logf("%s %s: %.0f×%.0f", lang, name, m.Width, m.Height)
			}
		}
		for _, s := range screens {
			e.act(func() { e.u.showScreen(s.id) })
			check(s.id)
		}
		e.act(func() { e.u.showScreen("courses") })
		c := e.u.built["courses"].(*coursesScreen)
		if c.tabs == nil || len(c.tabs.Items) == 0 {
			t.Fatal("no course shown with its tabs")
		}
		for i, tab := range c.tabs.Items {
			e.act(func() { c.tabs.SelectIndex(i) })
			check("courses/" + tab.Text)
		}
	}
}

func TestWindowFitsScreenAndKeepsItsSize(t *testing.T) {
	// 1366×768 less a 40-pixel taskbar: the default 1280×800 is too high.
	if got := fitWindow(defaultWindow, fyne.NewSize(1366, 728)); got.Height > 728-windowFrame.Height+0.5 || got.Width != 1280 {
		t.Errorf("on 1366×728 the window opens at %v", got)
	}
	if got := fitWindow(fyne.NewSize(900, 600), fyne.NewSize(1920, 1040)); got != fyne.NewSize(900, 600) {
		t.Errorf("a size that fits is changed to %v", got)
	}
	if got := fitWindow(defaultWindow, fyne.Size{}); got != defaultWindow {
		t.Errorf("with no known screen the window opens at %v", got)
	}
	e := newEnv(t, LangChinese, "dashboard", false)
	if got := e.u.savedWindowSize(); got != defaultWindow {
		t.Errorf("first start: %v", got)
	}
	e.u.win.Resize(fyne.NewSize(1100, 690))
	e.u.saveWindowSize()
	if got := e.u.savedWindowSize(); got != fyne.NewSize(1100, 690) {
		t.Errorf("the size left is read back as %v", got)
	}
}
