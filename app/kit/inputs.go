package kit

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// passEscape hands Escape to the window's key handler, which closes the
// dialog open (see Show), and reports whether it did.
func passEscape(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape {
		return false
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
		return true
	}
	return false
}

// Entry is a text input that hands Escape to the window (so that Escape
// closes the dialog it is in) instead of swallowing it. Enter calls
// OnSubmitted, as on any single-line entry.
type Entry struct {
	widget.Entry
	// OnUpDown, when set, takes the Up and Down keys (-1 and +1): a search
	// box moves through its results with them.
	OnUpDown func(step int)
	// SubmitOnEnter makes Enter call OnSubmitted in a multi-line entry too
	// (a pasted code that wraps over lines has no line breaks of its own).
	SubmitOnEnter bool
	// SelectOnFocus selects the whole text when the entry gets the focus,
	// so that typing replaces a value offered in advance.
	SelectOnFocus bool
	// OnFocusLost, when set, is called when the entry loses the focus: a
	// field checks what was typed then.
	OnFocusLost func()
}

// FocusLost calls OnFocusLost after the entry's own handling.
func (e *Entry) FocusLost() {
	e.Entry.FocusLost()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

// NewEntry returns a single-line Entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry returns an Entry of several lines, wrapped at words.
func NewMultiLineEntry() *Entry {
	e := &Entry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles Escape, Up and Down, and Enter as set, the rest as an
// entry does.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case passEscape(e, ev):
	case (ev.Name == fyne.KeyUp || ev.Name == fyne.KeyDown) && e.OnUpDown != nil:
		step := 1
		if ev.Name == fyne.KeyUp {
			step = -1
		}
		e.OnUpDown(step)
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && e.SubmitOnEnter:
		if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		}
	default:
		e.Entry.TypedKey(ev)
	}
}

// FocusGained selects the text when SelectOnFocus is set.
func (e *Entry) FocusGained() {
	e.Entry.FocusGained()
	if e.SelectOnFocus && e.Text != "" {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// Select is a choice that hands Escape to the window and calls OnSubmit
// on Enter.
type Select struct {
	widget.Select
	OnSubmit func()
}

// NewSelect returns a Select of the options.
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey handles Enter and Escape, and the rest as a select does.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case passEscape(s, ev):
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && s.OnSubmit != nil:
		s.OnSubmit()
	default:
		s.Select.TypedKey(ev)
	}
}

// SetOptions replaces the options, keeping the choice when it is still
// one, else choosing first ("" for none), without calling OnChanged.
func SetOptions(sel *widget.Select, opts []string, first string) {
	on := sel.OnChanged
	sel.OnChanged = nil
	keep := sel.Selected
	sel.Options = opts
	switch {
	case keep != "" && slices.Contains(opts, keep):
		sel.SetSelected(keep)
	case first != "":
		sel.SetSelected(first)
	default:
		sel.ClearSelected()
	}
	sel.Refresh()
	sel.OnChanged = on
}

// List is a list that hands Escape to the window.
type List struct {
	widget.List
}

// NewList returns a List; see widget.NewList.
func NewList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *List {
	l := &List{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey handles Escape, and the rest as a list does.
func (l *List) TypedKey(ev *fyne.KeyEvent) {
	if !passEscape(l, ev) {
		l.List.TypedKey(ev)
	}
}

// ReadOnlyEntry shows text that may be selected and copied, not edited.
type ReadOnlyEntry struct {
	widget.Entry
}

// NewReadOnlyEntry returns a ReadOnlyEntry holding text.
func NewReadOnlyEntry(text string) *ReadOnlyEntry {
	e := &ReadOnlyEntry{}
	e.ExtendBaseWidget(e)
	e.SetText(text)
	e.Wrapping = fyne.TextWrapOff
	// Whatever gets past the key handlers (a paste from the menu) is
	// undone.
	e.OnChanged = func(s string) {
		if s != text {
			e.SetText(text)
		}
	}
	return e
}

// TypedRune ignores typing.
func (e *ReadOnlyEntry) TypedRune(rune) {}

// TypedKey lets through only what moves the cursor, and Escape.
func (e *ReadOnlyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		e.Entry.TypedKey(ev)
	default:
		passEscape(e, ev)
	}
}

// TypedShortcut lets through copying and selecting, not cutting or
// pasting.
func (e *ReadOnlyEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutCopy, *fyne.ShortcutSelectAll:
		e.Entry.TypedShortcut(s)
	}
}
