package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
)

// courseSessions is the course's sessions in a table, with a form to add
// or change one that lists its clashes with other sessions as it is
// typed (session_editor.go).
type courseSessions struct {
	s      *coursesScreen
	box    fyne.CanvasObject
	table  *kit.Table[*models.Session]
	count  *widget.Label
	course *models.Course
	rows   []*models.Session
	latest kit.Latest

	editor *sessionEditor // the open form, for tests
}

func newCourseSessions(s *coursesScreen) *courseSessions {
	t := &courseSessions{s: s}
	t.count = widget.NewLabel("")
	t.table = kit.NewTable([]kit.Column[*models.Session]{
		{Title: T("courses.col.date"), Width: 152, Text: func(ses *models.Session) string { return weekdayDate(ses.Date) }},
		{Title: T("courses.col.time"), Width: 112, Text: func(ses *models.Session) string { return ses.Start.String() + "–" + ses.End.String() }},
		{Title: T("courses.col.topic"), Width: 120, Flex: true, Text: func(ses *models.Session) string { return ses.Topic }},
		{Title: T("courses.col.venue"), Width: 150, Text: func(ses *models.Session) string { return ses.Venue }},
		{Title: T("courses.col.instructor"), Width: 96, Text: func(ses *models.Session) string { return s.instructorName(ses.InstructorID) }},
		{Title: T("courses.col.hours"), Width: 60, Text: func(ses *models.Session) string { return courseNumber(ses.Hours) }},
	}, func() int { return len(t.rows) }, func(i int) (*models.Session, bool) { return at(t.rows, i) })
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if ses, ok := at(t.rows, id.Row); ok && t.s.u.permit(models.PermEdit) {
			t.openEditor(ses)
		}
	}
	add := t.s.u.actionButton(models.PermEdit, T("courses.add_session"), theme.ContentAddIcon(), func() { t.openEditor(nil) })
	hint := kit.Caption(T("courses.sessions_hint"))
	t.s.u.allow(models.PermEdit, hint)
	top := container.NewBorder(nil, nil, nil, add, container.NewHBox(t.count, hint))
	t.box = container.NewBorder(top, nil, nil, nil, t.table.Object())
	return t
}

// at returns the i-th row, false when there is none.
func at[R any](rows []R, i int) (R, bool) {
	if i < 0 || i >= len(rows) {
		var zero R
		return zero, false
	}
	return rows[i], true
}

func (t *courseSessions) content() fyne.CanvasObject { return t.box }

// load reads the course's sessions.
func (t *courseSessions) load(c *models.Course) {
	t.course = c
	loadLatest(t.s.u, &t.latest, func(ctx context.Context) ([]*models.Session, error) {
		return t.s.u.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: c.ID})
	}, func(ss []*models.Session) {
		t.rows = ss
		hours := 0.0
		for _, s := range ss {
			hours += s.Hours
		}
		t.count.SetText(T("courses.sessions_hours", "N", len(ss), "Hours", courseNumber(hours)))
		t.table.Refresh()
		if show := t.s.u.peekShow("courses"); show == "newsession" || show == "session" && len(ss) > 0 {
			t.s.u.takeShow("courses")
			if show == "session" {
				t.openEditor(ss[0])
			} else {
				t.openEditor(nil)
			}
		}
	})
}

// instructorName returns the instructor's name, "" when unknown or none.
func (s *coursesScreen) instructorName(id int64) string {
	for _, in := range s.instructors {
		if in.ID == id {
			return in.Name
		}
	}
	return ""
}

// weekdayDate is "Wed 2025-11-26" in the window's language.
func weekdayDate(d models.Date) string {
	return T("date.weekday_date", "Weekday", T(fmt.Sprintf("weekday.%d", d.Time().Weekday())), "Date", d.String())
}
