package kit

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DateLayout is how a DateField writes a date: 2025-06-15.
const DateLayout = "2006-01-02"

// DateField is a date typed as YYYY-MM-DD, or chosen in a month calendar
// that the button beside it opens (on the typed date, else on Today).
// Its texts (the month's heading, the weekdays) come from Translate:
// "kit.month" with Year and Month, "kit.weekdays" as seven names from
// Monday, separated by spaces.
type DateField struct {
	Entry *Entry
	// Today is the month the calendar opens on when no date is typed.
	Today  func() time.Time
	button *tapIcon
	popUp  *widget.PopUp
	month  time.Time // the first of the month shown
	Box    fyne.CanvasObject
}

// NewDateField returns an empty date field.
func NewDateField() *DateField {
	f := &DateField{Entry: NewEntry(), Today: time.Now}
	f.Entry.SetPlaceHolder("YYYY-MM-DD")
	f.button = newTapIcon(theme.CalendarIcon(), f.Open)
	f.Box = container.NewBorder(nil, nil, nil, f.button, f.Entry)
	return f
}

// Open shows the calendar below the field.
func (f *DateField) Open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(f.Entry)
	if c == nil {
		return
	}
	at := f.Today()
	if t, err := time.Parse(DateLayout, f.Entry.Text); err == nil {
		at = t
	}
	f.month = time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.UTC)
	grid := container.NewGridWithColumns(7)
	heading := widget.NewLabel("")
	heading.Alignment = fyne.TextAlignCenter
	show := func() {
		heading.SetText(Translate("kit.month", "Year", f.month.Year(), "Month", int(f.month.Month())))
		grid.Objects = f.days()
		grid.Refresh()
	}
	step := func(n int) func() {
		return func() { f.month = f.month.AddDate(0, n, 0); show() }
	}
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), step(-1))
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), step(1))
	show()
	body := container.NewBorder(container.NewBorder(nil, nil, prev, next, heading), nil, nil, nil, grid)
	f.popUp = widget.NewPopUp(body, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.Entry)
	f.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, f.Entry.Size().Height)))
}

// days are the weekday names and the month's days as buttons, from Monday.
func (f *DateField) days() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, name := range strings.Fields(Translate("kit.weekdays")) {
		l := widget.NewLabel(name)
		l.Alignment = fyne.TextAlignCenter
		out = append(out, l)
	}
	blank := (int(f.month.Weekday()) + 6) % 7
	for range blank {
		out = append(out, layout.NewSpacer())
	}
	typed, _ := time.Parse(DateLayout, f.Entry.Text)
	for d := f.month; d.Month() == f.month.Month(); d = d.AddDate(0, 0, 1) {
		day := d
		b := widget.NewButton(strconv.Itoa(d.Day()), func() { f.Choose(day) })
		b.Importance = widget.LowImportance
		if day.Equal(typed) {
			b.Importance = widget.HighImportance
		}
		out = append(out, b)
	}
	return out
}

// Choose puts the date in the field and closes the calendar.
func (f *DateField) Choose(d time.Time) {
	f.Entry.SetText(d.Format(DateLayout))
	if f.popUp != nil {
		f.popUp.Hide()
		f.popUp = nil
	}
}

// Showing reports whether the calendar is open.
func (f *DateField) Showing() bool { return f.popUp != nil && f.popUp.Visible() }

// ShownMonth is the first of the month the calendar shows.
func (f *DateField) ShownMonth() time.Time { return f.month }

// tapIcon is an icon that does something when tapped and takes no focus,
// so that Tab goes from the date to the next field.
type tapIcon struct {
	widget.BaseWidget
	icon  fyne.Resource
	onTap func()
}

func newTapIcon(icon fyne.Resource, onTap func()) *tapIcon {
	t := &tapIcon{icon: icon, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped calls onTap.
func (t *tapIcon) Tapped(*fyne.PointEvent) { t.onTap() }

// Cursor is the pointing hand.
func (t *tapIcon) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *tapIcon) CreateRenderer() fyne.WidgetRenderer {
	icon := widget.NewIcon(t.icon)
	return widget.NewSimpleRenderer(container.NewPadded(icon))
}
