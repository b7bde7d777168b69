package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// screenWorkArea returns the primary screen's work area (the screen less
// its taskbars and docks) in the window's units at the scale, zero when
// it cannot be known. Fyne does not tell a screen's size; its desktop
// driver is GLFW, already initialised when the window runs, so this asks
// GLFW, on the UI thread.
func screenWorkArea(scale float32) (size fyne.Size) {
	defer func() {
		if recover() != nil { // GLFW not initialised: no desktop driver
			size = fyne.Size{}
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil || scale <= 0 {
		return fyne.Size{}
	}
	_, _, w, h := m.GetWorkarea()
	return fyne.NewSize(float32(w)/scale, float32(h)/scale)
}
