package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is an Entry that hands Escape to the window (so that Escape
// closes the dialog the entry is in) instead of swallowing it. Enter calls
// OnSubmitted, as on any single-line Entry.
type keyEntry struct {
	widget.Entry
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Escape on to the canvas's key handler.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev)
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// closeOnEscape makes Escape hide the dialog while it is open, whether the
// focus is on nothing or on a keyEntry.
func closeOnEscape(win fyne.Window, d dialog.Dialog) {
	c := win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			d.Hide()
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
}

// heading is a large bold label.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// caption is a small label.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// errorLabel is the red message shown beside a form field; empty and
// hidden until an error is set.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	l.Hide()
	return l
}

// setError shows msg in the error label, or hides it when msg is "".
func setError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// card is a titled panel with a light background.
func card(title string, body fyne.CanvasObject) fyne.CanvasObject {
	return cardWithHeading(heading(title), body)
}

// cardWithHeading is a card whose heading the caller keeps to change it.
func cardWithHeading(title *widget.Label, body fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(container.NewBorder(title, nil, nil, nil, body)))
}

// ratioLayout lays its objects side by side, each taking its share of the
// width (ratios sum to 1), with padding between.
type ratioLayout struct{ ratios []float32 }

func (l *ratioLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	pad := theme.Padding()
	free := s.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * l.ratios[i]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, s.Height))
		x += w + pad
	}
}

func (l *ratioLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}

// tightVBox stacks objects without padding between them.
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(s.Width, h))
		y += h - theme.Padding()
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height - theme.Padding()
	}
	return fyne.NewSize(w, h+theme.Padding())
}

// fixedWidth makes o at least w wide.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return container.NewStack(r, o)
}

// showFormDialog shows content in a modal dialog with Cancel and Save
// buttons. save returns whether the dialog may close (false keeps it open
// with the field messages shown). Escape cancels; Enter in a keyEntry
// saves when its OnSubmitted is wired to the returned submit function.
func showFormDialog(win fyne.Window, title string, content fyne.CanvasObject, size fyne.Size, save func() bool) (d *dialog.CustomDialog, submit func()) {
	d = dialog.NewCustomWithoutButtons(title, content, win)
	submit = func() {
		if save() {
			d.Hide()
		}
	}
	saveBtn := widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), submit)
	saveBtn.Importance = widget.HighImportance
	cancelBtn := widget.NewButtonWithIcon(T("button.cancel"), theme.CancelIcon(), d.Hide)
	d.SetButtons([]fyne.CanvasObject{cancelBtn, saveBtn})
	d.Resize(size)
	closeOnEscape(win, d)
	d.Show()
	return d, submit
}
