package app

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"peiyang/models"
)

// Issue 11, item 8: the attendance grid says that it moves on by itself,
// ↓ right after that does not skip a row, and the statuses read apart by
// colour and by letter.

func TestAttendanceDownAfterAutoAdvance(t *testing.T) {
	e, s := coursesEnv(t, LangChinese)
	day := e.svc.Today().AddDays(-6).String()
	c, _ := testCourse(t, e, 10, models.CompletionRule{}, []int64{4, 5, 6, 7}, day)
	openCourse(t, e, s, c.ID, "attendance")
	a := s.attendance
	cv := e.u.win.Canvas()
	if cv.Focused() != a.grid {
		t.Fatalf("the grid has no focus: %v", cv.Focused())
	}
	down := func() { cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) }
	e.act(func() { typeKeys(cv, "p") }) // row 1 present, on to row 2
	if a.grid.cursor.Row != 1 {
		t.Fatalf("after P the cursor is on row %d", a.grid.cursor.Row+1)
	}
	e.act(down) // out of habit: stays on row 2
	if a.grid.cursor.Row != 1 {
		t.Errorf("↓ right after P moved on to row %d, skipping row 2", a.grid.cursor.Row+1)
	}
	e.act(down) // a second ↓ moves
	if a.grid.cursor.Row != 2 {
		t.Errorf("a second ↓ leaves the cursor on row %d", a.grid.cursor.Row+1)
	}
	e.act(func() { cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) }) // row 3, on to row 4
	e.act(down)
	if a.grid.cursor.Row != 3 {
		t.Errorf("↓ right after Space: row %d", a.grid.cursor.Row+1)
	}
	hint := T("courses.attendance_keys")
	if !shows(a.box, hint) || !strings.Contains(hint, "自动移到下一行") {
		t.Errorf("the hint does not say the cursor moves on: %q", hint)
	}
	if txt, _ := a.cell(0, attendanceFirstStatus); txt != "出" {
		t.Errorf("row 1's present cell shows %q", txt)
	}
}

func TestAttendanceStatusesReadApart(t *testing.T) {
	for _, lang := range []string{LangChinese, LangEnglish} {
		if err := SetLanguage(lang); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, st := range models.AttendanceStatuses {
			l := attendanceLetter(st)
			if l == "" || seen[l] || strings.HasPrefix(l, "attendance.") {
				t.Errorf("%s: the letter of %s is %q, not its own", lang, st, l)
			}
			seen[l] = true
		}
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		for i, a := range models.AttendanceStatuses {
			for _, b := range models.AttendanceStatuses[i+1:] {
				if d := hueDistance(attendanceTint(a, v), attendanceTint(b, v)); d < 45 {
					t.Errorf("variant %d: %s and %s differ by %.0f° of hue", v, a, b, d)
				}
			}
		}
	}
}

// hueDistance is how far apart two colours' hues are, in degrees.
func hueDistance(a, b color.Color) float64 {
	d := hue(a) - hue(b)
	if d < 0 {
		d = -d
	}
	return min(d, 360-d)
}

func hue(c color.Color) float64 {
	r16, g16, b16, _ := c.RGBA()
	r, g, b := float64(r16), float64(g16), float64(b16)
	mx, mn := max(r, g, b), min(r, g, b)
	if mx == mn {
		return 0
	}
	var h float64
	switch mx {
	case r:
		h = (g - b) / (mx - mn)
	case g:
		h = 2 + (b-r)/(mx-mn)
	default:
		h = 4 + (r-g)/(mx-mn)
	}
	h *= 60
	if h < 0 {
		h += 360
	}
	return h
}
