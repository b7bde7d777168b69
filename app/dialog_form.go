package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"peiyang/app/kit"
	"peiyang/models"
)

// dialogForm is a form in a dialog whose save runs in the background:
// every form of the window (trainee, course, session, contact, mentor,
// placement, evaluation, return, election, void) is one. read gives the
// work that saves the form's values, or the messages of fields that do not
// parse; the dialog stays open until the work succeeded, with the rules'
// messages beside their fields (kit.Form), and closes on Escape or Cancel,
// asking first when changes would be lost.
type dialogForm struct {
	*kit.Form
	u      *ui
	rows   [][]fyne.CanvasObject
	saving bool
	dialog *kit.Dialog
	read   func() (func(ctx context.Context) error, error)
	done   func()
	// failed, when set, shows a refused save itself and reports whether
	// it did (the session editor lists clashes beside the form).
	failed func(err error) bool
	onDone func()      // after a save, done or refused; for tests
	stale  *kit.Dialog // the offer to reload after a refused save, for tests
}

func newDialogForm(u *ui) *dialogForm { return &dialogForm{Form: kit.NewForm(), u: u} }

// row adds a row to the form's grid (see body): the label and the input,
// with the messages of the model's field below it.
func (f *dialogForm) row(field, label string, input fyne.CanvasObject, watch ...fyne.CanvasObject) {
	f.rows = append(f.rows, f.Row(field, label, input, watch...))
}

// entry returns a text input holding text; Enter saves the form.
func (f *dialogForm) entry(text, placeholder string) *kit.Entry {
	e := kit.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { f.submit() }
	return e
}

// choice returns a select of the options; Enter saves the form.
func (f *dialogForm) choice(options []string, changed func(string)) *kit.Select {
	s := kit.NewSelect(options, changed)
	s.PlaceHolder = T("mentors.choose")
	s.OnSubmit = f.submit
	return s
}

// body is top, the rows added so far in a form layout, and the messages
// of no field below them.
func (f *dialogForm) body(top ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(append(top, f.Grid(f.rows...), f.General())...)
}

// open shows the form, whose inputs hold their first values, in a dialog.
// read returns the work that saves the form's values (run in the
// background) or the errors of the fields that do not parse; done runs on
// the UI thread after the work succeeded and the dialog closed.
func (f *dialogForm) open(title string, content fyne.CanvasObject, size fyne.Size, read func() (func(ctx context.Context) error, error), done func()) {
	f.read, f.done = read, done
	f.Contain(content)
	f.Mark()
	f.dialog = kit.ShowForm(f.u.win, title, content, size, f.Form, f.save)
}

// save starts the save; it returns false so that the dialog stays open
// until the save has succeeded.
func (f *dialogForm) save() bool {
	if f.saving {
		return false
	}
	f.Clear()
	if !f.u.mayChange() {
		f.u.refuse()
		return false
	}
	work, err := f.read()
	if err != nil {
		f.refused(err)
		if f.onDone != nil {
			f.onDone()
		}
		return false
	}
	f.u.saveInBackground(&f.saving, work, func(err error) {
		if err != nil {
			f.refused(err)
		} else {
			f.dialog.Hide()
			f.done()
		}
		if f.onDone != nil {
			f.onDone()
		}
	})
	return false
}

// refused shows why the form was not saved. A record someone else saved
// since the form was opened (ESTALE: another window, another account) is
// not overwritten: the message names who and when, and offers to reload,
// which closes the form and shows the record as it now is (done); Cancel
// keeps the form and what was typed.
func (f *dialogForm) refused(err error) {
	if models.ErrorCode(err) == models.ESTALE {
		f.Clear()
		logError("save refused", err)
		f.stale = kit.Confirm(f.u.win, T("form.stale_title"), UserMessage(err), T("form.reload"), func() {
			f.dialog.Hide()
			f.done()
		})
		return
	}
	if f.failed == nil || !f.failed(err) {
		showFormError(f.u.win, f.Form, err)
	}
}

// errorText is the message shown beside a field, "" when none.
func (f *dialogForm) errorText(field string) string { return f.Message(field) }

// submit saves as the Save button does.
func (f *dialogForm) submit() { f.dialog.Submit() }
