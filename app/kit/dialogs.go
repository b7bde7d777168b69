package kit

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Action is a button of a dialog.
type Action struct {
	Label      string
	Icon       fyne.Resource
	Importance widget.Importance
	// Do runs when the button is tapped, with the dialog open; the dialog
	// closes when it returns true.
	Do func() bool
	// Then, instead of Do, closes the dialog first and then runs: for what
	// opens another dialog (a file chooser, a progress), which closing
	// this one afterwards would take away too (Fyne closes the dialogs
	// above the one it closes).
	Then func()
	// An action with neither Do nor Then is the dialog's way out, as
	// Escape is: see Dialog.Leave.
}

// Cancel is the way out of a dialog, "Cancel".
func Cancel() Action {
	return Action{Label: Translate("button.cancel"), Icon: theme.CancelIcon()}
}

// Close is the way out of a dialog that only tells something, "Close".
func Close() Action {
	return Action{Label: Translate("button.close")}
}

// Dialog is a modal dialog with its buttons below its content. Escape
// and the way-out button (an Action without Do) close it, after asking
// Leave when it is set.
type Dialog struct {
	d       *dialog.CustomDialog
	win     fyne.Window
	buttons []*widget.Button
	main    func() // the last button's action, for Enter
	// Leave, when set, decides whether the dialog may close on Escape or
	// the way-out button: it gets the function that closes it and calls
	// it, at once or once the user agreed.
	Leave func(close func())
	// OnClosed, when set, runs after the dialog closed, however it did.
	OnClosed func()
}

// NewDialog makes a dialog of the content and the buttons, in order (the
// last is the main one, run by Submit); Show shows it.
func NewDialog(win fyne.Window, title string, content fyne.CanvasObject, actions ...Action) *Dialog {
	d := &Dialog{d: dialog.NewCustomWithoutButtons(title, content, win), win: win}
	for _, a := range actions {
		d.buttons = append(d.buttons, d.button(a))
	}
	objs := make([]fyne.CanvasObject, len(d.buttons))
	for i, b := range d.buttons {
		objs[i] = b
	}
	d.d.SetButtons(objs)
	return d
}

func (d *Dialog) button(a Action) *widget.Button {
	run := d.leave
	switch {
	case a.Then != nil:
		run = func() {
			d.Hide()
			a.Then()
		}
	case a.Do != nil:
		run = func() {
			if a.Do() {
				d.Hide()
			}
		}
	}
	d.main = run
	b := widget.NewButtonWithIcon(a.Label, a.Icon, run)
	b.Importance = a.Importance
	return b
}

// Show shows the dialog at the size (zero: its content's), closing on
// Escape.
func (d *Dialog) Show(size fyne.Size) *Dialog {
	if size.Width > 0 {
		d.d.Resize(size)
	}
	c := d.win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			d.leave()
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	d.d.SetOnClosed(func() {
		c.SetOnTypedKey(prev)
		if d.OnClosed != nil {
			d.OnClosed()
		}
	})
	d.d.Show()
	return d
}

// Hide closes the dialog.
func (d *Dialog) Hide() { d.d.Hide() }

// Submit does what the main (last) button does.
func (d *Dialog) Submit() { d.main() }

// Insert adds a button before the i-th, for a dialog that offers one more
// way on (Print beside Save); the last button stays the main one.
func (d *Dialog) Insert(i int, a Action) {
	main := d.main
	d.buttons = slices.Insert(d.buttons, i, d.button(a))
	d.main = main
	objs := make([]fyne.CanvasObject, len(d.buttons))
	for i, b := range d.buttons {
		objs[i] = b
	}
	d.d.SetButtons(objs)
}

// Button is the dialog's i-th button, in the order of its actions.
func (d *Dialog) Button(i int) *widget.Button { return d.buttons[i] }

// leave closes the dialog, through Leave when it is set.
func (d *Dialog) leave() {
	if d.Leave != nil {
		d.Leave(d.Hide)
		return
	}
	d.Hide()
}

// Show shows content in a dialog with the buttons; see NewDialog.
func Show(win fyne.Window, title string, content fyne.CanvasObject, size fyne.Size, actions ...Action) *Dialog {
	return NewDialog(win, title, content, actions...).Show(size)
}

// messageWidth is the width of a dialog that shows a message.
const messageWidth = 480

// Inform tells something in a dialog with a Close button.
func Inform(win fyne.Window, title, message string) *Dialog {
	return Show(win, title, Width(messageWidth, WrapLabel(message, widget.MediumImportance)), fyne.Size{}, Close())
}

// Confirm asks a question whose yes button says okText; Cancel and Escape
// say no.
func Confirm(win fyne.Window, title, message, okText string, ok func()) *Dialog {
	return Show(win, title, Width(messageWidth, WrapLabel(message, widget.MediumImportance)), fyne.Size{},
		Cancel(), Action{Label: okText, Importance: widget.HighImportance, Then: ok})
}

// ShowForm shows a form in a dialog with Cancel and Save. save returns
// whether the dialog may close (false keeps it open, with the messages
// shown, or while the save runs in the background). Enter in the form's
// entries and selects saves. Escape and Cancel close it, asking first
// when the form holds changes (Form.Dirty) that would be lost.
func ShowForm(win fyne.Window, title string, content fyne.CanvasObject, size fyne.Size, f *Form, save func() bool) *Dialog {
	d := NewDialog(win, title, content, Cancel(), Action{Label: Translate("button.save"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, Do: save})
	d.Leave = func(close func()) {
		if !f.Dirty() {
			close()
			return
		}
		Confirm(win, Translate("form.discard_title"), Translate("form.discard_message"), Translate("form.discard"), close)
	}
	f.submitOn(d.Submit)
	return d.Show(size)
}

// Stack is a vertical box for a dialog's content, at least w wide.
func Stack(w float32, objs ...fyne.CanvasObject) fyne.CanvasObject {
	return Width(w, container.NewVBox(objs...))
}
