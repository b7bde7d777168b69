package app

import (
	"context"
	"errors"
	"time"

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
	date       *kit.DateField
	instructor *kit.SearchSelect
	teachers   []*models.Instructor // the instructor's choices, in pinyin order
	conflicts  *fyne.Container      // the conflicts, or a note that there are none
	scroll     *container.Scroll
	found      []training.Conflict
	checked    bool            // the conflicts shown are those of the form's values
	warnings   []*models.Error // of the date checked: a public holiday (training.SessionWarnings)
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
	v, last := ses, (*models.Session)(nil)
	if v == nil {
		v = &models.Session{CourseID: t.course.ID}
		if n := len(t.rows); n > 0 {
			last = t.rows[n-1]
			v.InstructorID = last.InstructorID
		}
	}
	inputs := e.inputs(v, last)
	var rows [][]fyne.CanvasObject
	for _, f := range sessionFields() {
		var watch []fyne.CanvasObject
		if f.name == "date" {
			watch = append(watch, e.date.Entry)
		}
		rows = append(rows, e.Row(f.name, f.label, inputs[f.name], watch...))
	}
	e.OnChange = e.check
	e.conflicts = container.NewVBox()
	e.scroll = container.NewVScroll(e.conflicts)
	side := kit.CardWithHeading(kit.Heading(T("courses.conflicts")), e.scroll)
	dates := kit.Caption(T("courses.session_dates", "From", dateText(t.course.StartDate), "To", dateText(t.course.EndDate)))
	if last != nil {
		dates.SetText(dates.Text + "\n" + T("courses.session_same_as_last"))
	}
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
	t.s.u.win.Canvas().Focus(e.date.Entry)
	e.check()
	return e
}

// inputs makes the form's inputs, by field, holding the session's values;
// a new session's times and hours are offered as placeholders of the last
// session's (last, nil for none), which an empty field takes.
func (e *sessionEditor) inputs(v, last *models.Session) map[string]fyne.CanvasObject {
	out := map[string]fyne.CanvasObject{}
	text := func(key, value string) *kit.Entry {
		en := kit.NewEntry()
		en.SetText(value)
		e.entries[key] = en
		out[key] = en
		return en
	}
	e.date = kit.NewDateField()
	e.date.Today = func() time.Time { return e.t.s.u.svc.Today().Time() }
	e.date.Entry.SetText(dateText(v.Date))
	e.entries["date"], out["date"] = e.date.Entry, e.date.Box
	start, end, hours := "", "", ""
	if v.End > v.Start {
		start, end = v.Start.String(), v.End.String()
	}
	if v.Hours > 0 {
		hours = courseNumber(v.Hours)
	}
	text("start", start).SetPlaceHolder("HH:MM")
	text("end", end).SetPlaceHolder("HH:MM")
	text("topic", v.Topic)
	if venue := text("venue", v.Venue); e.t.course.Venue != "" {
		venue.SetPlaceHolder(e.t.course.Venue)
	}
	text("hours", hours)
	if last != nil && last.End > last.Start {
		e.entries["start"].SetPlaceHolder(last.Start.String())
		e.entries["end"].SetPlaceHolder(last.End.String())
		e.entries["hours"].SetPlaceHolder(courseNumber(last.Hours))
	}
	for _, k := range []string{"date", "start", "end"} {
		en, field := e.entries[k], k
		en.OnFocusLost = func() { e.checkTyped(field, true) }
	}
	out["instructor_id"] = e.instructorChoice(v.InstructorID)
	return out
}

// value is what the field holds: its text, else the placeholder a new
// session's times and hours take from the last session.
func (e *sessionEditor) value(key string) string {
	en := e.entries[key]
	if t := formText(en.Text); t != "" || key == "date" || key == "venue" {
		return t
	}
	if p := en.PlaceHolder; p != "HH:MM" {
		return p
	}
	return ""
}

// checkTyped says below a date or time field, as it is typed, when its
// text is no date or time: once it is as long as one, or when the field
// is left (done).
func (e *sessionEditor) checkTyped(field string, done bool) {
	text := formText(e.entries[field].Text)
	full := map[string]int{"date": len("2006-01-02"), "start": len("09:00"), "end": len("09:00")}[field]
	if text == "" || !done && len([]rune(text)) < full {
		return
	}
	var l models.ErrorList
	if field == "date" {
		parseDate(&l, field, text)
	} else {
		parseClock(&l, field, text)
	}
	if len(l) > 0 {
		e.Set(field, ErrorText(l[0]))
	}
}

// read returns the session with the form's values, or the errors of the
// fields that do not parse.
func (e *sessionEditor) read() (*models.Session, error) {
	var s models.Session
	if e.orig != nil {
		s = *e.orig
	}
	s.CourseID = e.t.course.ID
	v := e.value
	var l models.ErrorList
	s.Date = parseDate(&l, "date", v("date"))
	s.Start, s.End = parseClock(&l, "start", v("start")), parseClock(&l, "end", v("end"))
	s.Topic, s.Venue = v("topic"), v("venue")
	s.Hours = parseNumber(&l, "hours", v("hours"))
	s.InstructorID = e.instructorID(&l)
	return &s, l.Err()
}

// check looks for the clashes of the form's values in the background and
// lists them; with the date or times unfinished it says so instead.
func (e *sessionEditor) check() {
	if e.conflicts == nil {
		return // still building the form
	}
	e.checked = false
	for _, k := range []string{"date", "start", "end"} {
		e.checkTyped(k, false)
	}
	ses, err := e.read()
	var list models.ErrorList
	errors.As(err, &list)
	unfinished := e.value("date") == "" || e.value("start") == "" || e.value("end") == ""
	for _, f := range list {
		unfinished = unfinished || f.Field == "date" || f.Field == "start" || f.Field == "end"
	}
	if unfinished {
		e.checks.Drop()
		e.showConflicts(nil, false)
		return
	}
	u := e.t.s.u
	ticket := e.checks.Next()
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		cs, err := u.svc.Courses.CheckSessionConflicts(u.ctx, ses)
		ws := training.SessionWarnings(ses)
		onUI(func() {
			if !ticket.Current() {
				return
			}
			if err != nil {
				logError("check session conflicts", err)
				return
			}
			e.warnings = ws
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
	if done {
		for _, w := range e.warnings {
			objs = append(objs, kit.WrapLabel("⚠"+ErrorText(w), widget.WarningImportance))
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
