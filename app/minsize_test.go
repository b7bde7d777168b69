package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
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

// TestScheduleDayHeadersStayInSight: the days are above the scrolled
// hours, not in them, so that they do not scroll away.
func TestScheduleDayHeadersStayInSight(t *testing.T) {
	e := newEnv(t, LangChinese, "schedule", false)
	s := e.u.built["schedule"].(*scheduleScreen)
	var scroll *container.Scroll
	for _, o := range test.LaidOutObjects(s.box) {
		if sc, ok := o.(*container.Scroll); ok && sc.Content == s.grid.box {
			scroll = sc
		}
	}
	if scroll == nil {
		t.Fatal("the week is not in a scroll")
	}
	inScroll := map[fyne.CanvasObject]bool{}
	for _, o := range test.LaidOutObjects(scroll) {
		inScroll[o] = true
	}
	shown := map[fyne.CanvasObject]bool{}
	for _, o := range test.LaidOutObjects(s.box) {
		shown[o] = true
	}
	for _, d := range s.grid.days {
		if d.Text == "" || !shown[d] || inScroll[d] {
			t.Errorf("day header %q: shown %v, scrolls with the hours %v", d.Text, shown[d], inScroll[d])
		}
	}
}

// TestSidebarKeepsItsWidth: the sidebar is as wide on every screen, so
// that its items stay under the pointer.
func TestSidebarKeepsItsWidth(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", false)
	e.u.win.Resize(fyne.NewSize(1024, 700))
	var widths []float32
	for _, s := range screens {
		e.act(func() { e.u.showScreen(s.id) })
		e.u.win.Resize(fyne.NewSize(1000, 700)) // lays the window out anew
		e.u.win.Resize(fyne.NewSize(1024, 700))
		widths = append(widths, e.u.nav.Size().Width)
	}
	for i, w := range widths {
		if w != widths[0] {
			t.Errorf("the sidebar is %.0f wide on %s, %.0f on %s", w, screens[i].id, widths[0], screens[0].id)
		}
	}
	// A screen that asks for much of the width does not take it from the
	// sidebar.
	wide := canvas.NewRectangle(color.Transparent)
	wide.SetMinSize(fyne.NewSize(900, 10))
	e.u.content.Objects = []fyne.CanvasObject{wide}
	e.u.win.Resize(fyne.NewSize(1000, 700))
	e.u.win.Resize(fyne.NewSize(1024, 700))
	if w := e.u.nav.Size().Width; w != widths[0] {
		t.Errorf("beside a wide screen the sidebar is %.0f wide, else %.0f", w, widths[0])
	}
	if min := widget.NewLabel("Returns and elections").MinSize().Width; widths[0] < min {
		t.Errorf("the sidebar (%.0f) is narrower than its longest title (%.0f)", widths[0], min)
	}
}
