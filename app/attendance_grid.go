package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
)

// attendanceGrid is the attendance table with its own keyboard. A
// status set by key moves the cursor to the next row (the hint says so);
// ↓ pressed right after that auto-advance is taken as already done, so
// that a user who presses ↓ out of habit does not skip a row.
type attendanceGrid struct {
	widget.Table
	t        *courseAttendance
	cursor   widget.TableCellID
	keyMove  bool // the selection is moving by key, not by a click
	advanced bool // the cursor has just moved down by itself
}

func newAttendanceGrid(t *courseAttendance) *attendanceGrid {
	g := &attendanceGrid{t: t, cursor: widget.TableCellID{Col: attendanceFirstStatus}}
	g.Length = func() (int, int) { return t.rows(), attendanceFirstStatus + len(models.AttendanceStatuses) }
	g.CreateCell = func() fyne.CanvasObject {
		return container.NewStack(canvas.NewRectangle(color.Transparent), widget.NewLabel(""))
	}
	g.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		box := o.(*fyne.Container)
		bg, l := box.Objects[0].(*canvas.Rectangle), box.Objects[1].(*widget.Label)
		text, imp := t.cell(id.Row, id.Col)
		align := fyne.TextAlignCenter
		if id.Col == 1 {
			align = fyne.TextAlignLeading
		}
		// A recorded status shows its letter, bold, on its own tint.
		var fill color.Color = color.Transparent
		chosen := id.Col >= attendanceFirstStatus && imp != widget.LowImportance
		if chosen {
			fill = attendanceTint(models.AttendanceStatuses[id.Col-attendanceFirstStatus], fyne.CurrentApp().Settings().ThemeVariant())
		}
		if bg.FillColor != fill {
			bg.FillColor = fill
			bg.Refresh()
		}
		if l.Text != text || l.Importance != imp || l.Alignment != align || l.TextStyle.Bold != chosen {
			l.Text, l.Importance, l.Alignment = text, imp, align
			l.TextStyle.Bold = chosen
			l.Refresh()
		}
	}
	g.ShowHeaderRow = true
	g.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		l.Alignment = fyne.TextAlignCenter
		return l
	}
	g.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Row >= 0 || id.Col < 0:
		case id.Col == 0:
			l.SetText("#")
		case id.Col == 1:
			l.SetText(T("trainee.name"))
		default:
			st := models.AttendanceStatuses[id.Col-attendanceFirstStatus]
			l.SetText(T("attendance."+string(st)) + " (" + attendanceKey(st) + ")")
		}
	}
	g.OnSelected = func(id widget.TableCellID) {
		g.cursor = id
		if !g.keyMove && id.Col >= attendanceFirstStatus {
			t.set(id.Row, models.AttendanceStatuses[id.Col-attendanceFirstStatus])
		}
	}
	g.ExtendBaseWidget(g)
	g.SetColumnWidth(0, 44)
	g.SetColumnWidth(1, 120)
	for i := range models.AttendanceStatuses {
		g.SetColumnWidth(attendanceFirstStatus+i, 110)
	}
	return g
}

// attendanceKey is the key that sets a status: P, L, E or A.
func attendanceKey(st models.AttendanceStatus) string {
	switch st {
	case models.Present:
		return "P"
	case models.Late:
		return "L"
	case models.Excused:
		return "E"
	}
	return "A"
}

// attendanceLetter is what a recorded status shows in its cell: a letter
// of its own (出 迟 假 缺; P L E A), so that the grid reads without colour.
func attendanceLetter(st models.AttendanceStatus) string {
	switch st {
	case models.Present:
		return T("attendance.letter_present")
	case models.Late:
		return T("attendance.letter_late")
	case models.Excused:
		return T("attendance.letter_excused")
	}
	return T("attendance.letter_absent")
}

// attendanceTint is the background of a recorded status: green, gold,
// blue and red, each distinct from the others in hue in either theme
// variant (请假 is blue, far from 缺勤's red), faint enough for the
// letter over it to read in both.
func attendanceTint(st models.AttendanceStatus, v fyne.ThemeVariant) color.Color {
	c := map[models.AttendanceStatus]color.NRGBA{
		models.Present: {R: 0x2e, G: 0x9d, B: 0x45},
		models.Late:    {R: 0xe0, G: 0xb4, B: 0x00},
		models.Excused: {R: 0x1e, G: 0x6f, B: 0xd9},
		models.Absent:  {R: 0xd3, G: 0x2f, B: 0x2f},
	}[st]
	c.A = 0x40
	if v == theme.VariantDark {
		c.A = 0x66
	}
	return c
}

// moveTo puts the cursor on a cell and scrolls to it.
func (g *attendanceGrid) moveTo(id widget.TableCellID) {
	rows := g.t.rows()
	if rows == 0 {
		return
	}
	id.Row = max(0, min(rows-1, id.Row))
	id.Col = max(attendanceFirstStatus, min(attendanceFirstStatus+len(models.AttendanceStatuses)-1, id.Col))
	g.keyMove = true
	g.Select(id)
	g.keyMove = false
	g.cursor = id
}

// TypedKey moves the cursor, and Space or Enter sets the status of its
// column.
func (g *attendanceGrid) TypedKey(ev *fyne.KeyEvent) {
	c := g.cursor
	advanced := g.advanced
	g.advanced = false
	switch ev.Name {
	case fyne.KeyUp:
		c.Row--
	case fyne.KeyDown:
		if advanced { // already there: the status key moved down
			return
		}
		c.Row++
	case fyne.KeyLeft:
		c.Col--
	case fyne.KeyRight:
		c.Col++
	case fyne.KeyPageUp:
		c.Row -= 10
	case fyne.KeyPageDown:
		c.Row += 10
	case fyne.KeyHome:
		c.Row = 0
	case fyne.KeyEnd:
		c.Row = g.t.rows() - 1
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		if c.Col >= attendanceFirstStatus {
			g.t.set(c.Row, models.AttendanceStatuses[c.Col-attendanceFirstStatus])
		}
		c.Row++
		defer func() { g.advanced = true }()
	case fyne.KeyEscape:
		if cv := fyne.CurrentApp().Driver().CanvasForObject(g); cv != nil && cv.OnTypedKey() != nil {
			cv.OnTypedKey()(ev)
		}
		return
	default:
		return
	}
	g.moveTo(c)
}

// TypedRune sets the status of the cursor's row by its key (P, L, E, A,
// or 1 to 4) and goes to the next row.
func (g *attendanceGrid) TypedRune(r rune) {
	var st models.AttendanceStatus
	switch r {
	case 'p', 'P', '1':
		st = models.Present
	case 'l', 'L', '2':
		st = models.Late
	case 'e', 'E', '3':
		st = models.Excused
	case 'a', 'A', '4':
		st = models.Absent
	default:
		return
	}
	g.t.set(g.cursor.Row, st)
	g.moveTo(widget.TableCellID{Row: g.cursor.Row + 1, Col: attendanceFirstStatus + indexOf(models.AttendanceStatuses,
		func(s models.AttendanceStatus) bool { return s == st })})
	g.advanced = true
}
