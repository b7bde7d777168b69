package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// sessionEditor adds or changes a session. Its clashes with other sessions
// are checked on every change (training.CheckSessionConflicts, in the
// background) and listed beside the form, each naming the other session;
// saving is refused while any remains.
type sessionEditor struct {
	*dialogForm
	t    *courseSessions
	orig *models.Session // nil for a new session

	entries    map[string]*kit.Entry
	instructor *widget.Select
	conflicts  *fyne.Container // the conflicts, or a note that there are none
	scroll     *container.Scroll
	found      []training.Conflict
	checked    bool // the conflicts shown are those of the form's values
	checks     kit.Latest
}

// sessionFields are the form's fields, in order, with their labels.
func sessionFields() []struct{ name, label string } {
	return []struct{ name, label string }{
		{"date", T("courses.col.date")}, {"start", T("courses.field.start")}, {"end", T("courses.field.end")},
		{"topic", T("courses.col.topic")}, {"venue", T("courses.col.venue")}, {"instructor_id", T("courses.col.instructor")},
		{"hours", T("courses.col.hours")},
	}
}

// openEditor opens the session form: ses to change, nil for a new one.
func (t *courseSessions) openEditor(ses *models.Session) *sessionEditor {
	if t.course == nil {
		return nil
	}
	e := &sessionEditor{dialogForm: newDialogForm(t.s.u), t: t, orig: ses, entries: map[string]*kit.Entry{}}
	t.editor = e
	v := ses
	if v == nil {
		v = &models.Session{CourseID: t.course.ID}
		if n := len(t.rows); n > 0 {
			last := t.rows[n-1]
			v.Start, v.End, v.Hours, v.InstructorID = last.Start, last.End, last.Hours, last.InstructorID
		}
	}
	inputs := e.inputs(v)
	var rows [][]fyne.CanvasObject
	for _, f := range sessionFields() {
		rows = append(rows, e.Row(f.name, f.label, inputs[f.name]))
	}
	e.OnChange = e.check
	e.conflicts = container.NewVBox()
	e.scroll = container.NewVScroll(e.conflicts)
	side := kit.CardWithHeading(kit.Heading(T("courses.conflicts")), e.scroll)
	dates := kit.Caption(T("courses.session_dates", "From", dateText(t.course.StartDate), "To", dateText(t.course.EndDate)))
	body := kit.Ratio([]float32{0.52, 0.48}, container.NewVBox(e.Grid(rows...), dates, e.General()), side)
	title := T("courses.new_session_title", "Course", t.course.Title)
	if ses != nil {
		title = T("courses.edit_session_title", "Date", ses.Date.String(), "Start", ses.Start.String())
	}
	e.failed = e.refusedSave
	e.open(title, body, fyne.NewSize(920, 500), e.work, func() {
		t.load(t.course)
		t.s.changed()
	})
	t.s.u.win.Canvas().Focus(e.entries["date"])
	e.check()
	return e
}

// inputs makes the form's inputs, by field, holding the session's values.
func (e *sessionEditor) inputs(v *models.Session) map[string]fyne.CanvasObject {
	out := map[string]fyne.CanvasObject{}
	text := func(key, value string) *kit.Entry {
		en := kit.NewEntry()
		en.SetText(value)
		e.entries[key] = en
		out[key] = en
		return en
	}
	text("date", dateText(v.Date)).SetPlaceHolder("YYYY-MM-DD")
	start, end := "", ""
	if v.End > v.Start {
		start, end = v.Start.String(), v.End.String()
	}
	text("start", start).SetPlaceHolder("HH:MM")
	text("end", end).SetPlaceHolder("HH:MM")
	text("topic", v.Topic)
	if venue := text("venue", v.Venue); e.t.course.Venue != "" {
		venue.SetPlaceHolder(e.t.course.Venue)
	}
	hours := ""
	if v.Hours > 0 {
		hours = courseNumber(v.Hours)
	}
	text("hours", hours)
	ins := e.t.s.instructors
	e.instructor = widget.NewSelect(append([]string{T("value.none")}, names(ins, func(i *models.Instructor) string { return i.Name })...), nil)
	e.instructor.SetSelectedIndex(indexOf(ins, func(i *models.Instructor) bool { return i.ID == v.InstructorID }) + 1)
	out["instructor_id"] = e.instructor
	return out
}

// read returns the session with the form's values, or the errors of the
// fields that do not parse.
func (e *sessionEditor) read() (*models.Session, error) {
	var s models.Session
	if e.orig != nil {
		s = *e.orig
	}
	s.CourseID = e.t.course.ID
	v := func(k string) string { return formText(e.entries[k].Text) }
	var l models.ErrorList
	s.Date = parseDate(&l, "date", v("date"))
	s.Start, s.End = parseClock(&l, "start", v("start")), parseClock(&l, "end", v("end"))
	s.Topic, s.Venue = v("topic"), v("venue")
	s.Hours = parseNumber(&l, "hours", v("hours"))
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
	e.checked = false
	ses, err := e.read()
	var list models.ErrorList
	errors.As(err, &list)
	for _, f := range list {
		if f.Field == "date" || f.Field == "start" || f.Field == "end" {
			e.checks.Drop()
			e.showConflicts(nil, false)
			return
		}
	}
	u := e.t.s.u
	ticket := e.checks.Next()
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		cs, err := u.svc.Courses.CheckSessionConflicts(u.ctx, ses)
		onUI(func() {
			if !ticket.Current() {
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
		objs = append(objs, kit.WrapLabel(T("courses.conflicts_pending"), widget.LowImportance))
	case len(cs) == 0:
		objs = append(objs, kit.WrapLabel(T("courses.no_conflicts"), widget.SuccessImportance))
	default:
		objs = append(objs, kit.WrapLabel(T("courses.conflicts_n", "N", len(cs)), widget.DangerImportance))
		for _, c := range cs {
			objs = append(objs, kit.WrapLabel("⚠"+ErrorText(c.Err()), widget.DangerImportance))
		}
	}
	e.conflicts.Objects = objs
	// Twice: the wrapped labels know their height once they know their
	// width.
	kit.Relayout(e.conflicts, e.conflicts, e.scroll)
}

// work returns what saves the session, or the errors of the fields that
// do not parse.
func (e *sessionEditor) work() (func(ctx context.Context) error, error) {
	ses, err := e.read()
	if err != nil {
		return nil, err
	}
	svc := e.t.s.u.svc
	return func(ctx context.Context) error {
		if e.orig == nil {
			return svc.Courses.CreateSession(ctx, ses)
		}
		return svc.Courses.UpdateSession(ctx, ses)
	}, nil
}

// refusedSave lists the clashes of a refused save beside the form, and
// shows a rule of no field below it; it reports whether it did either.
func (e *sessionEditor) refusedSave(err error) bool {
	var ce *training.ConflictError
	if errors.As(err, &ce) {
		e.checks.Drop() // a check in flight would replace the list
		e.showConflicts(ce.Conflicts, true)
		e.Set("", UserMessage(err))
		return true
	}
	if _, ok := fieldMessages(err); !ok && (models.ErrorCode(err) == models.EINVALID || models.ErrorCode(err) == models.ECONFLICT) {
		e.Show([]kit.Message{{Text: UserMessage(err)}})
		return true
	}
	return false
}
