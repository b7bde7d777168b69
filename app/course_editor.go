package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
)

// courseEditor creates or edits a course. Each validation message appears
// beside its field; the course is saved through the rules
// (training.CreateCourse, UpdateCourse), in the background. Tab follows
// the form, Enter saves, Escape cancels.
type courseEditor struct {
	s    *coursesScreen
	orig *models.Course // nil for a new course

	entries   map[string]*keyEntry // text fields, by the model's field name
	theme     *widget.Select
	cohort    *widget.Select
	status    *widget.Select
	placement *widget.Check
	errs      map[string]*widget.Label // by the model's field name
	general   *widget.Label
	body      *fyne.Container
	scroll    *container.Scroll

	cohortKnown bool // the course's cohort is among the choices (or it has none)

	saving bool
	dialog *dialog.CustomDialog
	submit func()
	onDone func() // after a save or a failed save; for tests
}

// openEditor opens the course form: c to edit, nil for a new course.
func (s *coursesScreen) openEditor(c *models.Course) *courseEditor {
	f := &courseEditor{s: s, orig: c, entries: map[string]*keyEntry{}, errs: map[string]*widget.Label{}}
	s.editor = f
	f.general = errorLabel()
	v := c
	if v == nil {
		today := s.u.svc.Today()
		v = &models.Course{Capacity: 50, StartDate: today, EndDate: today.AddDays(30),
			Rule: models.CompletionRule{MinAttendanceRate: 0.8, PassScore: 60}, Status: models.CoursePlanned}
	}
	text := func(key, value string) *keyEntry {
		e := newKeyEntry()
		e.SetText(value)
		e.OnSubmitted = func(string) { f.submit() }
		f.entries[key] = e
		return e
	}
	themes := make([]string, len(models.Themes))
	for i, th := range models.Themes {
		themes[i] = themeLabel(th)
	}
	f.theme = widget.NewSelect(themes, nil)
	f.theme.PlaceHolder = T("courses.choose_theme")
	if i := indexOf(models.Themes, func(t models.Theme) bool { return t == v.Theme }); i >= 0 {
		f.theme.SetSelectedIndex(i)
	}
	f.cohort = widget.NewSelect(append([]string{T("value.none")}, names(s.cohorts, func(c *models.Cohort) string { return c.Name })...), nil)
	ci := indexOf(s.cohorts, func(co *models.Cohort) bool { return co.ID == v.CohortID })
	f.cohortKnown = ci >= 0 || v.CohortID == 0
	f.cohort.SetSelectedIndex(ci + 1)
	statuses := make([]string, len(models.CourseStatuses))
	for i, st := range models.CourseStatuses {
		statuses[i] = courseStatusLabel(st)
	}
	f.status = widget.NewSelect(statuses, nil)
	if i := indexOf(models.CourseStatuses, func(st models.CourseStatus) bool { return st == v.Status }); i >= 0 {
		f.status.SetSelectedIndex(i)
	}
	f.placement = widget.NewCheck(T("courses.require_placement"), nil)
	f.placement.SetChecked(v.Rule.RequirePlacement)

	title := text("title", v.Title)
	start := text("start_date", dateText(v.StartDate))
	end := text("end_date", dateText(v.EndDate))
	start.SetPlaceHolder("YYYY-MM-DD")
	end.SetPlaceHolder("YYYY-MM-DD")
	venue := text("venue", v.Venue)
	capacity := text("capacity", strconv.Itoa(v.Capacity))
	required := text("required_hours", courseNumber(v.RequiredHours))
	rate := text("rule.min_attendance_rate", courseNumber(v.Rule.MinAttendanceRate*100))
	minHours := text("rule.min_hours", courseNumber(v.Rule.MinHours))
	pass := text("rule.pass_score", courseNumber(v.Rule.PassScore))
	pass.SetPlaceHolder(T("courses.pass_score_hint"))

	left := container.New(layout.NewFormLayout(), flatten(
		f.row("title", title),
		f.row("theme", f.theme),
		f.row("cohort_id", f.cohort),
		f.row("start_date", start),
		f.row("end_date", end),
		f.row("venue", venue),
		f.row("status", f.status),
	)...)
	ruleHead := widget.NewLabelWithStyle(T("courses.rule"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	right := container.New(layout.NewFormLayout(), flatten(
		f.row("capacity", capacity),
		f.row("required_hours", required),
		[]fyne.CanvasObject{ruleHead, widget.NewLabel("")},
		f.row("rule.min_attendance_rate", container.NewBorder(nil, nil, nil, widget.NewLabel("%"), rate)),
		f.row("rule.min_hours", minHours),
		f.row("rule.pass_score", pass),
		f.row("rule.require_placement", f.placement),
	)...)
	f.body = container.NewVBox(container.NewGridWithColumns(2, left, right), f.general)
	f.scroll = container.NewVScroll(f.body)
	dtitle := T("courses.new_title")
	if c != nil {
		dtitle = T("courses.edit_title", "Title", c.Title)
	}
	f.dialog, f.submit = showFormDialog(s.u.win, dtitle, f.scroll, fyne.NewSize(980, 500), f.save)
	s.u.win.Canvas().Focus(title)
	return f
}

// courseFieldLabel is the form's label of a course field.
func courseFieldLabel(field string) string {
	switch field {
	case "title":
		return T("courses.field.title")
	case "theme":
		return T("courses.field.theme")
	case "cohort_id":
		return T("courses.field.cohort")
	case "start_date":
		return T("courses.field.start_date")
	case "end_date":
		return T("courses.field.end_date")
	case "venue":
		return T("courses.field.venue")
	case "status":
		return T("courses.field.status")
	case "capacity":
		return T("courses.field.capacity")
	case "required_hours":
		return T("courses.field.required_hours")
	case "rule.min_attendance_rate":
		return T("courses.field.min_attendance_rate")
	case "rule.min_hours":
		return T("courses.field.min_hours")
	case "rule.pass_score":
		return T("courses.field.pass_score")
	case "rule.require_placement":
		return T("courses.field.require_placement")
	}
	return field
}

// row returns the two cells of a form layout row: the label, and the
// field with its error label below it.
func (f *courseEditor) row(field string, input fyne.CanvasObject) []fyne.CanvasObject {
	errLabel := errorLabel()
	f.errs[field] = errLabel
	label := widget.NewLabelWithStyle(courseFieldLabel(field), fyne.TextAlignTrailing, fyne.TextStyle{})
	return []fyne.CanvasObject{label, container.NewVBox(input, errLabel)}
}

// read returns a copy of the course with the form's values, or the errors
// of fields that do not parse.
func (f *courseEditor) read() (*models.Course, error) {
	var c models.Course
	if f.orig != nil {
		c = *f.orig
	}
	v := func(k string) string { return strings.TrimSpace(models.ToHalfWidth(f.entries[k].Text)) }
	var l models.ErrorList
	date := func(field string) models.Date {
		d, err := models.ParseDate(v(field))
		var e *models.Error
		if errors.As(err, &e) {
			l = append(l, models.Errorf(e.Code, field, e.Message, "Text", v(field)))
		}
		return d
	}
	number := func(field string) float64 {
		s := v(field)
		if s == "" {
			return 0
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			l = append(l, models.Errorf(models.EINVALID, field, T("courses.error.number", "Text", s)))
		}
		return n
	}
	c.Title = v("title")
	c.Venue = v("venue")
	c.StartDate, c.EndDate = date("start_date"), date("end_date")
	if s := v("capacity"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			l = append(l, models.Errorf(models.EINVALID, "capacity", T("courses.error.whole_number", "Text", s)))
		}
		c.Capacity = n
	} else {
		c.Capacity = 0
	}
	c.RequiredHours = number("required_hours")
	c.Rule.MinAttendanceRate = number("rule.min_attendance_rate") / 100
	c.Rule.MinHours = number("rule.min_hours")
	c.Rule.PassScore = number("rule.pass_score")
	c.Rule.RequirePlacement = f.placement.Checked
	c.Theme = ""
	if i := f.theme.SelectedIndex(); i >= 0 {
		c.Theme = models.Themes[i]
	}
	if i := f.status.SelectedIndex(); i >= 0 {
		c.Status = models.CourseStatuses[i]
	}
	if i := f.cohort.SelectedIndex(); i > 0 {
		c.CohortID = f.s.cohorts[i-1].ID
	} else if f.cohortKnown {
		c.CohortID = 0
	}
	return &c, l.Err()
}

// save checks and saves the course in the background; it returns false
// so that the dialog stays open until the save has succeeded.
func (f *courseEditor) save() bool {
	if f.saving {
		return false
	}
	f.clearErrors()
	c, err := f.read()
	if err != nil {
		// Show the other fields' messages too.
		var list models.ErrorList
		errors.As(err, &list)
		bad := map[string]bool{}
		for _, e := range list {
			bad[e.Field] = true
		}
		cp := *c
		if verr := cp.Validate(); verr != nil {
			var more models.ErrorList
			if errors.As(verr, &more) {
				for _, e := range more {
					if !bad[e.Field] {
						list = append(list, e)
					}
				}
			}
		}
		f.showErrors(list)
		if f.onDone != nil {
			f.onDone()
		}
		return false
	}
	u := f.s.u
	u.saveInBackground(&f.saving, func(ctx context.Context) error {
		if f.orig == nil {
			return u.svc.Courses.CreateCourse(ctx, c)
		}
		return u.svc.Courses.UpdateCourse(ctx, c)
	}, func(err error) {
		if err != nil {
			f.showErrors(err)
		} else {
			f.dialog.Hide()
			f.s.saved(c)
		}
		if f.onDone != nil {
			f.onDone()
		}
	})
	return false
}

func (f *courseEditor) clearErrors() {
	for _, l := range f.errs {
		setError(l, "")
	}
	setError(f.general, "")
	relayout(f.body, f.scroll)
}

// showErrors puts each field's message beside its field; messages of
// other fields go below the form, and failures that are no validation
// error go to showError.
func (f *courseEditor) showErrors(err error) {
	defer relayout(f.body, f.scroll)
	fe := fieldErrors(err)
	if fe == nil {
		showError(f.s.u.win, err)
		return
	}
	var rest []string
	for field, msg := range fe {
		if l := f.errs[field]; l != nil {
			setError(l, msg)
		} else {
			rest = append(rest, msg)
		}
	}
	setError(f.general, strings.Join(rest, "\n"))
}

// saved shows the saved course: the list reloads and selects it.
func (s *coursesScreen) saved(c *models.Course) {
	s.want, s.wantTab = c.ID, ""
	s.cur = nil
	s.reload(true)
}
