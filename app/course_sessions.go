package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
	"peiyang/training"
)

// courseSessions is the course's sessions in a table, with a form to add
// or change one that lists its clashes with other sessions as it is
// typed.
type courseSessions struct {
	s      *coursesScreen
	box    fyne.CanvasObject
	table  *widget.Table
	count  *widget.Label
	course *models.Course
	rows   []*models.Session
	gen    int

	editFirst bool           // open the form on the first session once loaded (screenshots)
	editor    *sessionEditor // the open form, for tests
}

func newCourseSessions(s *coursesScreen) *courseSessions {
	t := &courseSessions{s: s}
	t.count = widget.NewLabel("")
	var box fyne.CanvasObject
	t.table, box = courseTable([]courseColumn{
		{T("courses.col.date"), 152}, {T("courses.col.time"), 112}, {T("courses.col.topic"), 120},
		{T("courses.col.venue"), 150}, {T("courses.col.instructor"), 96}, {T("courses.col.hours"), 60},
	}, 2, func() int { return len(t.rows) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(t.rows) {
			t.openEditor(t.rows[id.Row])
		}
	}
	add := widget.NewButtonWithIcon(T("courses.add_session"), theme.ContentAddIcon(), func() { t.openEditor(nil) })
	top := container.NewBorder(nil, nil, nil, add, container.NewHBox(t.count, caption(T("courses.sessions_hint"))))
	t.box = container.NewBorder(top, nil, nil, nil, box)
	return t
}

func (t *courseSessions) content() fyne.CanvasObject { return t.box }

// load reads the course's sessions.
func (t *courseSessions) load(c *models.Course) {
	t.course = c
	t.gen++
	gen := t.gen
	goLoad(t.s.u, func(ctx context.Context) ([]*models.Session, error) {
		return t.s.u.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: c.ID})
	}, func(ss []*models.Session) {
		if gen != t.gen {
			return
		}
		t.rows = ss
		hours := 0.0
		for _, s := range ss {
			hours += s.Hours
		}
		t.count.SetText(T("courses.sessions_hours", "N", len(ss), "Hours", courseNumber(hours)))
		t.table.Refresh()
		if t.editFirst {
			t.editFirst = false
			if len(ss) > 0 {
				t.openEditor(ss[0])
			}
		}
	})
}

func (t *courseSessions) cell(row, col int) (string, widget.Importance) {
	if row >= len(t.rows) {
		return "", widget.MediumImportance
	}
	s := t.rows[row]
	switch col {
	case 0:
		return weekdayDate(s.Date), widget.MediumImportance
	case 1:
		return s.Start.String() + "–" + s.End.String(), widget.MediumImportance
	case 2:
		return s.Topic, widget.MediumImportance
	case 3:
		return s.Venue, widget.MediumImportance
	case 4:
		return t.s.instructorName(s.InstructorID), widget.MediumImportance
	case 5:
		return courseNumber(s.Hours), widget.MediumImportance
	}
	return "", widget.MediumImportance
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

// sessionEditor adds or changes a session. Its clashes with other sessions
// are checked on every change (training.CheckSessionConflicts, in the
// background) and listed beside the form, each naming the other session;
// saving is refused while any remains.
type sessionEditor struct {
	t    *courseSessions
	orig *models.Session // nil for a new session

	entries    map[string]*keyEntry
	instructor *widget.Select
	errs       map[string]*widget.Label
	general    *widget.Label
	conflicts  *fyne.Container // the conflicts, or a note that there are none
	scroll     *container.Scroll
	body       *fyne.Container
	found      []training.Conflict
	checked    bool // the conflicts shown are those of the form's values

	checkGen int
	saving   bool
	dialog   *dialog.CustomDialog
	submit   func()
}

// openEditor opens the session form: ses to change, nil for a new one.
func (t *courseSessions) openEditor(ses *models.Session) *sessionEditor {
	if t.course == nil {
		return nil
	}
	e := &sessionEditor{t: t, orig: ses, entries: map[string]*keyEntry{}, errs: map[string]*widget.Label{}}
	t.editor = e
	e.general = errorLabel()
	v := ses
	if v == nil {
		v = &models.Session{CourseID: t.course.ID}
		if n := len(t.rows); n > 0 {
			last := t.rows[n-1]
			v.Start, v.End, v.Hours, v.InstructorID = last.Start, last.End, last.Hours, last.InstructorID
		}
	}
	text := func(key, value string) *keyEntry {
		en := newKeyEntry()
		en.SetText(value)
		en.OnSubmitted = func(string) { e.submit() }
		en.OnChanged = func(string) { e.check() }
		e.entries[key] = en
		return en
	}
	date := text("date", dateText(v.Date))
	date.SetPlaceHolder("YYYY-MM-DD")
	start, end := "", ""
	if v.End > v.Start {
		start, end = v.Start.String(), v.End.String()
	}
	startE := text("start", start)
	startE.SetPlaceHolder("HH:MM")
	endE := text("end", end)
	endE.SetPlaceHolder("HH:MM")
	topic := text("topic", v.Topic)
	venue := text("venue", v.Venue)
	if t.course.Venue != "" {
		venue.SetPlaceHolder(t.course.Venue)
	}
	hours := ""
	if v.Hours > 0 {
		hours = courseNumber(v.Hours)
	}
	hoursE := text("hours", hours)
	ins := t.s.instructors
	e.instructor = widget.NewSelect(append([]string{T("value.none")}, names(ins, func(i *models.Instructor) string { return i.Name })...),
		func(string) { e.check() })
	e.instructor.SetSelectedIndex(indexOf(ins, func(i *models.Instructor) bool { return i.ID == v.InstructorID }) + 1)

	form := container.New(layout.NewFormLayout(), flatten(
		e.row("date", T("courses.col.date"), date),
		e.row("start", T("courses.field.start"), startE),
		e.row("end", T("courses.field.end"), endE),
		e.row("topic", T("courses.col.topic"), topic),
		e.row("venue", T("courses.col.venue"), venue),
		e.row("instructor_id", T("courses.col.instructor"), e.instructor),
		e.row("hours", T("courses.col.hours"), hoursE),
	)...)
	e.conflicts = container.NewVBox()
	e.scroll = container.NewVScroll(e.conflicts)
	side := cardWithHeading(heading(T("courses.conflicts")), e.scroll)
	dates := caption(T("courses.session_dates", "From", dateText(t.course.StartDate), "To", dateText(t.course.EndDate)))
	e.body = container.New(&ratioLayout{ratios: []float32{0.52, 0.48}},
		container.NewVBox(form, dates, e.general), side)
	title := T("courses.new_session_title", "Course", t.course.Title)
	if ses != nil {
		title = T("courses.edit_session_title", "Date", ses.Date.String(), "Start", ses.Start.String())
	}
	e.dialog, e.submit = showFormDialog(t.s.u.win, title, e.body, fyne.NewSize(920, 500), e.save)
	t.s.u.win.Canvas().Focus(date)
	e.check()
	return e
}

func (e *sessionEditor) row(field, label string, input fyne.CanvasObject) []fyne.CanvasObject {
	errLabel := errorLabel()
	e.errs[field] = errLabel
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{})
	return []fyne.CanvasObject{l, container.NewVBox(input, errLabel)}
}

// read returns the session with the form's values, or the errors of the
// fields that do not parse.
func (e *sessionEditor) read() (*models.Session, error) {
	var s models.Session
	if e.orig != nil {
		s = *e.orig
	}
	s.CourseID = e.t.course.ID
	v := func(k string) string { return strings.TrimSpace(models.ToHalfWidth(e.entries[k].Text)) }
	var l models.ErrorList
	d, err := models.ParseDate(v("date"))
	var me *models.Error
	if errors.As(err, &me) {
		l = append(l, models.Errorf(me.Code, "date", me.Message, "Text", v("date")))
	}
	s.Date = d
	clock := func(field string) models.Clock {
		c, err := models.ParseClock(v(field))
		if errors.As(err, &me) {
			l = append(l, models.Errorf(me.Code, field, me.Message, "Text", v(field)))
		}
		return c
	}
	s.Start, s.End = clock("start"), clock("end")
	s.Topic, s.Venue = v("topic"), v("venue")
	s.Hours = 0
	if h := v("hours"); h != "" {
		n, err := strconv.ParseFloat(h, 64)
		if err != nil {
			l = append(l, models.Errorf(models.EINVALID, "hours", T("courses.error.number", "Text", h)))
		}
		s.Hours = n
	}
	s.InstructorID = 0
	if i := e.instructor.SelectedIndex(); i > 0 && i-1 < len(e.t.s.instructors) {
		s.InstructorID = e.t.s.instructors[i-1].ID
	}
	return &s, l.Err()
}

// check looks for the clashes of the form's values in the background and
// lists them; with the date or times unfinished it says so instead.
func (e *sessionEditor) check() {
	if e.conflicts == nil {
		return // still building the form
	}
	e.checkGen++
	gen := e.checkGen
	e.checked = false
	ses, err := e.read()
	var list models.ErrorList
	errors.As(err, &list)
	for _, f := range list {
		if f.Field == "date" || f.Field == "start" || f.Field == "end" {
			e.showConflicts(nil, false)
			return
		}
	}
	u := e.t.s.u
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		cs, err := u.svc.Courses.CheckSessionConflicts(u.ctx, ses)
		onUI(func() {
			if gen != e.checkGen {
				return
			}
			if err != nil {
				logError("check session conflicts", err)
				return
			}
			e.showConflicts(cs, true)
		})
	}()
}

// showConflicts lists the conflicts beside the form; done says whether
// they were checked (false: the date or times are unfinished).
func (e *sessionEditor) showConflicts(cs []training.Conflict, done bool) {
	e.found, e.checked = cs, done
	var objs []fyne.CanvasObject
	switch {
	case !done:
		objs = append(objs, wrapLabel(T("courses.conflicts_pending"), widget.LowImportance))
	case len(cs) == 0:
		objs = append(objs, wrapLabel(T("courses.no_conflicts"), widget.SuccessImportance))
	default:
		objs = append(objs, wrapLabel(T("courses.conflicts_n", "N", len(cs)), widget.DangerImportance))
		for _, c := range cs {
			objs = append(objs, wrapLabel("⚠"+ErrorText(c.Err()), widget.DangerImportance))
		}
	}
	e.conflicts.Objects = objs
	// Twice: the wrapped labels know their height once they know their
	// width.
	relayout(e.conflicts, e.conflicts, e.scroll)
}

// wrapLabel is a word-wrapped label of the importance.
func wrapLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

// save saves the session in the background; the dialog stays open until
// the rules accepted it. A clash is listed beside the form.
func (e *sessionEditor) save() bool {
	if e.saving {
		return false
	}
	for _, l := range e.errs {
		setError(l, "")
	}
	setError(e.general, "")
	relayout(e.body)
	ses, err := e.read()
	if err != nil {
		e.showErrors(err)
		return false
	}
	u := e.t.s.u
	u.saveInBackground(&e.saving, func(ctx context.Context) error {
		if e.orig == nil {
			return u.svc.Courses.CreateSession(ctx, ses)
		}
		return u.svc.Courses.UpdateSession(ctx, ses)
	}, func(err error) {
		if err == nil {
			e.dialog.Hide()
			e.t.load(e.t.course)
			e.t.s.changed()
			return
		}
		var ce *training.ConflictError
		if errors.As(err, &ce) {
			e.checkGen++ // drop a check in flight
			e.showConflicts(ce.Conflicts, true)
			setError(e.general, UserMessage(err))
			relayout(e.body)
			return
		}
		e.showErrors(err)
	})
	return false
}

func (e *sessionEditor) showErrors(err error) {
	defer relayout(e.body)
	fe := fieldErrors(err)
	if fe == nil {
		if models.ErrorCode(err) == models.EINVALID || models.ErrorCode(err) == models.ECONFLICT {
			setError(e.general, UserMessage(err))
			return
		}
		showError(e.t.s.u.win, err)
		return
	}
	var rest []string
	for field, msg := range fe {
		if l := e.errs[field]; l != nil {
			setError(l, msg)
		} else {
			rest = append(rest, msg)
		}
	}
	setError(e.general, strings.Join(rest, "\n"))
}

// courseColumn is a column of a course table: its title (translated) and
// width.
type courseColumn struct {
	title string
	width float32
}

// courseTable is a table with a header row of bold titles and cells of
// one truncated label each, whose text and importance cell gives; flex is
// the column that takes the width the others leave (-1: none). It returns
// the table and the object to lay out.
func courseTable(cols []courseColumn, flex int, rows func() int, cell func(row, col int) (string, widget.Importance)) (*widget.Table, fyne.CanvasObject) {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text, imp := cell(id.Row, id.Col)
			if l.Text != text || l.Importance != imp {
				l.Importance = imp
				l.Text = text
				l.Refresh()
			}
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	if flex < 0 {
		return t, t
	}
	return t, container.New(&flexColumn{t: t, cols: cols, flex: flex}, t)
}

// flexColumn lays out a table and widens its flexible column to the width
// the other columns leave.
type flexColumn struct {
	t     *widget.Table
	cols  []courseColumn
	flex  int
	width float32
}

func (l *flexColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if size.Width == l.width {
		return
	}
	l.width = size.Width
	rest := size.Width - 14 // the dividers and the scroll bar
	for i, c := range l.cols {
		if i != l.flex {
			rest -= c.width + 1
		}
	}
	l.t.SetColumnWidth(l.flex, max(l.cols[l.flex].width, rest))
}

func (l *flexColumn) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }
