package kit

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// Message is a translated message for a field of a form, named as the
// model names it ("birth_date"); "" for a message of no field.
type Message struct {
	Field, Text string
}

// Watchable is an input of several parts (a trainee picker, a date
// picker) that a Form can watch: Value says what it holds, and Watch
// registers a function to call when that changes.
type Watchable interface {
	fyne.CanvasObject
	Value() string
	Watch(changed func())
}

// Form is the machinery of a form: each field's message appears below the
// field, messages of fields the form lacks below the form (General), all in
// the order they were given; a field's message goes as soon as the field
// changes; and Dirty tells whether the inputs changed since Mark.
//
// Build it with Row (or Field) and Grid, then fill the inputs and call
// Mark. An input's OnChanged must be set before its row is made: the form
// wraps it.
type Form struct {
	rows    []*formRow
	byName  map[string]*formRow
	alias   map[string]string
	general *widget.Label
	boxes   []fyne.CanvasObject // laid out again when messages change
	inputs  []fyne.CanvasObject // watched, in the form's order
	marked  []string

	// OnChange, when set, is called after any watched input changed.
	OnChange func()
}

type formRow struct {
	name string
	msg  *widget.Label
}

// NewForm returns an empty form.
func NewForm() *Form {
	return &Form{byName: map[string]*formRow{}, alias: map[string]string{}, general: ErrorLabel()}
}

// Row returns the two cells of a form layout's row: the label, and the
// input with the field's messages below it. name is the model's field;
// watch are the inputs whose changes clear its message (by default the
// input itself).
func (f *Form) Row(name, label string, input fyne.CanvasObject, watch ...fyne.CanvasObject) []fyne.CanvasObject {
	return Row(label, f.Field(name, input, watch...))
}

// Field is the input with the field's messages below it, for layouts other
// than a form's rows; see Row.
func (f *Form) Field(name string, input fyne.CanvasObject, watch ...fyne.CanvasObject) fyne.CanvasObject {
	r := &formRow{name: name, msg: ErrorLabel()}
	f.rows = append(f.rows, r)
	f.byName[name] = r
	if len(watch) == 0 {
		watch = []fyne.CanvasObject{input}
	}
	for _, in := range watch {
		f.watch(in, r)
	}
	return container.NewVBox(input, r.msg)
}

// Grid lays rows out as a form (Rows) that the form lays out again when
// messages appear or go.
func (f *Form) Grid(rows ...[]fyne.CanvasObject) *fyne.Container {
	c := Rows(rows...)
	f.boxes = append(f.boxes, c)
	return c
}

// Row is a label beside its field, for Rows: a form's row without
// messages.
func Row(label string, field fyne.CanvasObject) []fyne.CanvasObject {
	return []fyne.CanvasObject{TrailingLabel(label), field}
}

// Rows lays rows out as a form: the labels in a column beside their
// fields.
func Rows(rows ...[]fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, r...)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// Contain names the containers to lay out again, inner ones first, when
// messages appear or go: the dialog's body, its scroll.
func (f *Form) Contain(objs ...fyne.CanvasObject) { f.boxes = append(f.boxes, objs...) }

// Also shows the messages of field beside the row of shownAs.
func (f *Form) Also(field, shownAs string) { f.alias[field] = shownAs }

// General is the label below the form for the messages of fields it
// lacks; put it in the layout.
func (f *Form) General() *widget.Label { return f.general }

// Show puts each message beside its field and the others below the form,
// each in the order given, replacing the messages shown.
func (f *Form) Show(msgs []Message) {
	byRow := map[*formRow][]string{}
	var rest []string
	for _, m := range msgs {
		name := m.Field
		if a, ok := f.alias[name]; ok {
			name = a
		}
		if r := f.byName[name]; r != nil && name != "" {
			byRow[r] = append(byRow[r], m.Text)
		} else {
			rest = append(rest, m.Text)
		}
	}
	for _, r := range f.rows {
		SetMessage(r.msg, strings.Join(byRow[r], "\n"))
	}
	SetMessage(f.general, strings.Join(rest, "\n"))
	Relayout(f.boxes...)
}

// Set shows text beside the field (below the form when it has none);
// "" clears it.
func (f *Form) Set(name, text string) {
	if r := f.byName[name]; r != nil {
		SetMessage(r.msg, text)
	} else {
		SetMessage(f.general, text)
	}
	Relayout(f.boxes...)
}

// Clear takes every message away.
func (f *Form) Clear() { f.Show(nil) }

// Message is the message shown beside the field, "" for none.
func (f *Form) Message(name string) string {
	if r := f.byName[name]; r != nil && r.msg.Visible() {
		return r.msg.Text
	}
	return ""
}

// Mark takes the inputs' values as the saved ones, for Dirty.
func (f *Form) Mark() { f.marked = f.values() }

// Dirty reports whether an input changed since Mark; false before Mark.
func (f *Form) Dirty() bool {
	return f.marked != nil && !slices.Equal(f.values(), f.marked)
}

func (f *Form) values() []string {
	out := make([]string, len(f.inputs))
	for i, in := range f.inputs {
		out[i] = valueOf(in)
	}
	return out
}

// valueOf is what an input holds, as text.
func valueOf(in fyne.CanvasObject) string {
	switch v := in.(type) {
	case *Entry:
		return v.Text
	case *widget.Entry:
		return v.Text
	case *Select:
		return v.Selected
	case *widget.Select:
		return v.Selected
	case *widget.Check:
		return strconv.FormatBool(v.Checked)
	case *widget.RadioGroup:
		return v.Selected
	case Watchable:
		return v.Value()
	}
	return ""
}

// watch makes a change of the input clear the row's message (and the
// general one) before the input's own OnChanged runs, which may set a
// new one.
func (f *Form) watch(in fyne.CanvasObject, r *formRow) {
	clear := func() {
		if r.msg.Visible() || f.general.Visible() {
			SetMessage(r.msg, "")
			SetMessage(f.general, "")
			Relayout(f.boxes...)
		}
	}
	after := func() {
		if f.OnChange != nil {
			f.OnChange()
		}
	}
	text := func(prev func(string)) func(string) {
		return func(s string) {
			clear()
			if prev != nil {
				prev(s)
			}
			after()
		}
	}
	switch v := in.(type) {
	case *Entry:
		v.OnChanged = text(v.OnChanged)
	case *widget.Entry:
		v.OnChanged = text(v.OnChanged)
	case *Select:
		v.OnChanged = text(v.OnChanged)
	case *widget.Select:
		v.OnChanged = text(v.OnChanged)
	case *widget.RadioGroup:
		v.OnChanged = text(v.OnChanged)
	case *widget.Check:
		prev := v.OnChanged
		v.OnChanged = func(b bool) {
			clear()
			if prev != nil {
				prev(b)
			}
			after()
		}
	case Watchable:
		v.Watch(func() { clear(); after() })
	default:
		return
	}
	f.inputs = append(f.inputs, in)
}

// submitOn makes Enter in the form's single-line entries and selects call
// submit, unless they already do something on Enter.
func (f *Form) submitOn(submit func()) {
	for _, in := range f.inputs {
		switch v := in.(type) {
		case *Entry:
			if v.OnSubmitted == nil && !v.MultiLine {
				v.OnSubmitted = func(string) { submit() }
			}
		case *Select:
			if v.OnSubmit == nil {
				v.OnSubmit = submit
			}
		}
	}
}

// Messages are the messages shown beside the fields, by field.
func (f *Form) Messages() map[string]string {
	out := map[string]string{}
	for _, r := range f.rows {
		if r.msg.Visible() {
			out[r.name] = r.msg.Text
		}
	}
	return out
}
