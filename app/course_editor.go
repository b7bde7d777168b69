package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
)

// courseEditor creates or edits a course. Each validation message appears
// beside its field; the course is saved through the rules
// (training.CreateCourse, UpdateCourse), in the background. Tab follows
// the form, Enter saves, Escape cancels.
type courseEditor struct {
	*dialogForm
	s    *coursesScreen
	orig *models.Course // nil for a new course

	entries   map[string]*kit.Entry // text fields, by the model's field name
	theme     *widget.Select
	cohort    *widget.Select
	status    *widget.Select
	placement *widget.Check

	cohortKnown bool // the course's cohort is among the choices (or it has none)
}

// courseFields are the course form's fields, in order: the left column,
// then the right one after "capacity".
var courseFields = []string{"title", "theme", "cohort_id", "start_date", "end_date", "venue", "status",
	"capacity", "required_hours", "rule.min_attendance_rate", "rule.min_hours", "rule.pass_score", "rule.require_placement"}

// openEditor opens the course form: c to edit, nil for a new course.
func (s *coursesScreen) openEditor(c *models.Course) *courseEditor {
	f := &courseEditor{dialogForm: newDialogForm(s.u), s: s, orig: c, entries: map[string]*kit.Entry{}}
	s.editor = f
	v := c
	if v == nil {
		today := s.u.svc.Today()
		v = &models.Course{Capacity: 50, StartDate: today, EndDate: today.AddDays(30),
			Rule: models.CompletionRule{MinAttendanceRate: 0.8, PassScore: 60}, Status: models.CoursePlanned}
	}
	inputs := f.inputs(v)
	row := func(field string) []fyne.CanvasObject {
		return f.Row(field, courseFieldLabel(field), inputs[field], f.watched(field, inputs[field]))
	}
	var left, right [][]fyne.CanvasObject
	for i, field := range courseFields {
		if i < 7 {
			left = append(left, row(field))
			continue
		}
		if field == "rule.min_attendance_rate" {
			right = append(right, kit.Row(T("courses.rule"), widget.NewLabel("")))
		}
		right = append(right, row(field))
	}
	body := container.NewVBox(container.NewGridWithColumns(2, f.Grid(left...), f.Grid(right...)), f.General())
	f.Contain(body)
	title := T("courses.new_title")
	if c != nil {
		title = T("courses.edit_title", "Title", c.Title)
	}
	var saved *models.Course
	f.open(title, container.NewVScroll(body), fyne.NewSize(980, 500), func() (func(ctx context.Context) error, error) {
		c, err := f.read()
		if err != nil {
			return nil, err
		}
		saved = c
		return func(ctx context.Context) error {
			if f.orig == nil {
				return s.u.svc.Courses.CreateCourse(ctx, c)
			}
			return s.u.svc.Courses.UpdateCourse(ctx, c)
		}, nil
	}, func() { s.saved(saved) })
	s.u.win.Canvas().Focus(f.entries["title"])
	return f
}

// inputs makes the form's inputs, by field, holding the course's values.
func (f *courseEditor) inputs(v *models.Course) map[string]fyne.CanvasObject {
	s := f.s
	text := func(key, value string) *kit.Entry {
		e := kit.NewEntry()
		e.SetText(value)
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
	f.cohort = widget.NewSelect(nil, nil)
	f.setCohorts(s.cohorts, v.CohortID)
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
	start, end := text("start_date", dateText(v.StartDate)), text("end_date", dateText(v.EndDate))
	start.SetPlaceHolder("YYYY-MM-DD")
	end.SetPlaceHolder("YYYY-MM-DD")
	pass := text("rule.pass_score", courseNumber(v.Rule.PassScore))
	pass.SetPlaceHolder(T("courses.pass_score_hint"))
	rate := text("rule.min_attendance_rate", courseNumber(v.Rule.MinAttendanceRate*100))
	return map[string]fyne.CanvasObject{
		"title": text("title", v.Title), "theme": f.theme, "cohort_id": f.cohort, "start_date": start, "end_date": end,
		"venue": text("venue", v.Venue), "status": f.status, "capacity": text("capacity", strconv.Itoa(v.Capacity)),
		"required_hours":           text("required_hours", courseNumber(v.RequiredHours)),
		"rule.min_attendance_rate": container.NewBorder(nil, nil, nil, widget.NewLabel("%"), rate),
		"rule.min_hours":           text("rule.min_hours", courseNumber(v.Rule.MinHours)),
		"rule.pass_score":          pass, "rule.require_placement": f.placement,
	}
}

// watched is the input of a field the form watches: the entry inside the
// attendance rate's box, else the input itself.
func (f *courseEditor) watched(field string, input fyne.CanvasObject) fyne.CanvasObject {
	if e := f.entries[field]; e != nil {
		return e
	}
	return input
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

// read returns a copy of the course with the form's values, or the errors
// of fields that do not parse together with the other fields' messages.
func (f *courseEditor) read() (*models.Course, error) {
	var c models.Course
	if f.orig != nil {
		c = *f.orig
	}
	v := func(k string) string { return formText(f.entries[k].Text) }
	var l models.ErrorList
	c.Title = v("title")
	c.Venue = v("venue")
	c.StartDate, c.EndDate = parseDate(&l, "start_date", v("start_date")), parseDate(&l, "end_date", v("end_date"))
	c.Capacity = parseWhole(&l, "capacity", v("capacity"))
	c.RequiredHours = parseNumber(&l, "required_hours", v("required_hours"))
	c.Rule.MinAttendanceRate = parseNumber(&l, "rule.min_attendance_rate", v("rule.min_attendance_rate")) / 100
	c.Rule.MinHours = parseNumber(&l, "rule.min_hours", v("rule.min_hours"))
	c.Rule.PassScore = parseNumber(&l, "rule.pass_score", v("rule.pass_score"))
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
	return &c, withChecks(l, c.Validate)
}

// setCohorts makes the cohorts the choices of the cohort field and
// chooses the course's (id, 0 for none).
func (f *courseEditor) setCohorts(cohorts []*models.Cohort, id int64) {
	f.cohort.Options = append([]string{T("value.none")}, names(cohorts, func(c *models.Cohort) string { return c.Name })...)
	ci := indexOf(cohorts, func(co *models.Cohort) bool { return co.ID == id })
	f.cohortKnown = ci >= 0 || id == 0
	f.cohort.SetSelectedIndex(ci + 1)
}

// cohortsArrived gives the form the cohorts when they were not loaded yet
// as it opened (a form opened at once, by the route or a quick click),
// which showed the course's cohort as none. f may be nil (no form yet).
func (f *courseEditor) cohortsArrived(cohorts []*models.Cohort) {
	if f == nil || len(f.cohort.Options) > 1 || len(cohorts) == 0 || f.cohort.SelectedIndex() > 0 {
		return
	}
	var id int64
	if f.orig != nil {
		id = f.orig.CohortID
	}
	f.setCohorts(cohorts, id)
}

// saved shows the saved course: the list reloads and selects it.
func (s *coursesScreen) saved(c *models.Course) {
	s.want, s.wantTab = c.ID, ""
	s.cur = nil
	s.reload(true)
}
