package app

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
)

// traineeForm edits a trainee. Each validation message appears beside its
// field; the trainee is saved through the rules (training.UpdateTrainee),
// in the background. Tab follows the form, Enter saves, Escape cancels.
type traineeForm struct {
	s    *traineesScreen
	orig *models.Trainee

	entries   map[string]*keyEntry // text fields, by the model's field name
	gender    *widget.Select
	direction *widget.Select
	cohort    *widget.Select
	nominated *widget.Select
	keyTarget *widget.Check
	notes     *widget.Entry
	errs      map[string]*widget.Label // by the model's field name
	general   *widget.Label            // messages of fields the form lacks

	// Whether the trainee's cohort and nominating organisation are among
	// the choices; when not (the choices are still loading), saving keeps
	// them as they are.
	cohortKnown, nominatedKnown bool

	saving bool
	dialog *dialog.CustomDialog
	submit func()
	onDone func() // after a save or a failed save; for tests
}

// regionParts are the home region's entries, in the form's order.
var regionParts = []string{"province", "city", "county", "town", "village", "code"}

func openTraineeForm(s *traineesScreen, t *models.Trainee) *traineeForm {
	f := &traineeForm{s: s, orig: t, entries: map[string]*keyEntry{}, errs: map[string]*widget.Label{}}
	f.general = errorLabel()

	text := func(key, value string) fyne.CanvasObject {
		e := newKeyEntry()
		e.SetText(value)
		e.OnSubmitted = func(string) { f.submit() }
		f.entries[key] = e
		return e
	}
	f.gender = widget.NewSelect([]string{genderLabel(models.Male), genderLabel(models.Female)}, nil)
	if t.Gender != "" {
		f.gender.SetSelected(genderLabel(t.Gender))
	}
	f.direction = widget.NewSelect([]string{directionLabel(models.Inflow), directionLabel(models.Outflow)}, nil)
	f.direction.SetSelected(directionLabel(t.Direction))
	f.cohort = widget.NewSelect(append([]string{T("value.none")}, names(s.cohorts, func(c *models.Cohort) string { return c.Name })...), nil)
	ci := indexOf(s.cohorts, func(c *models.Cohort) bool { return c.ID == t.CohortID })
	f.cohortKnown = ci >= 0 || t.CohortID == 0
	f.cohort.SetSelectedIndex(ci + 1)
	f.nominated = widget.NewSelect(append([]string{T("value.none")}, names(s.orgs, func(o *models.Organisation) string { return o.Name })...), nil)
	ni := indexOf(s.orgs, func(o *models.Organisation) bool { return o.ID == t.NominatedByID })
	f.nominatedKnown = ni >= 0 || t.NominatedByID == 0
	f.nominated.SetSelectedIndex(ni + 1)
	f.keyTarget = widget.NewCheck(T("trainee.key_target_check"), nil)
	f.keyTarget.SetChecked(t.KeyTarget)
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetText(t.Notes)
	f.notes.SetMinRowsVisible(3)
	f.notes.Wrapping = fyne.TextWrapWord

	r := t.HomeRegion
	region := container.NewGridWithColumns(3,
		text("province", r.Province), text("city", r.City), text("county", r.County),
		text("town", r.Town), text("village", r.Village), text("code", r.Code))
	for i, p := range regionParts {
		f.entries[p].SetPlaceHolder(T("trainee.region." + regionParts[i]))
	}

	left := container.New(layout.NewFormLayout(), flatten(
		f.row("name", text("name", t.Name)),
		f.row("gender", f.gender),
		f.row("ethnicity", text("ethnicity", t.Ethnicity)),
		f.row("birth_date", text("birth_date", dateText(t.BirthDate))),
		f.row("id_number", text("id_number", t.IDNumber)),
		f.row("phone", text("phone", t.Phone)),
		f.row("education", text("education", t.Education)),
		f.row("joined_party", text("joined_party", dateText(t.JoinedParty))),
		f.row("branch", text("branch", t.Branch)),
		f.row("key_target", f.keyTarget),
	)...)
	right := container.New(layout.NewFormLayout(), flatten(
		f.row("direction", f.direction),
		f.row("home_region", region),
		f.row("current_district", text("current_district", t.CurrentDistrict)),
		f.row("employer", text("employer", t.Employer)),
		f.row("cohort_id", f.cohort),
		f.row("nominated_by_id", f.nominated),
		f.row("notes", f.notes),
	)...)
	for _, k := range []string{"birth_date", "joined_party"} {
		f.entries[k].SetPlaceHolder("YYYY-MM-DD")
	}
	body := container.NewVBox(container.NewGridWithColumns(2, left, right), f.general)
	title := T("trainee.edit_title", "Name", t.Name)
	f.dialog, f.submit = showFormDialog(s.u.win, title, container.NewVScroll(body), fyne.NewSize(1040, 580), f.save)
	s.u.win.Canvas().Focus(f.entries["name"])
	return f
}

// row returns the two cells of a form layout row: the label, and the
// field with its error label below it.
func (f *traineeForm) row(field string, input fyne.CanvasObject) []fyne.CanvasObject {
	errLabel := errorLabel()
	f.errs[field] = errLabel
	label := widget.NewLabelWithStyle(T(formLabelKey(field)), fyne.TextAlignTrailing, fyne.TextStyle{})
	return []fyne.CanvasObject{label, container.NewVBox(input, errLabel)}
}

// flatten joins form rows into the form layout's objects.
func flatten(rows ...[]fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// formLabelKey maps a model field name to its label's key.
func formLabelKey(field string) string {
	return "trainee." + strings.TrimSuffix(field, "_id")
}

// read returns a copy of the trainee with the form's values, or the
// errors of fields that do not parse.
func (f *traineeForm) read() (*models.Trainee, error) {
	t := *f.orig
	v := func(k string) string { return strings.TrimSpace(f.entries[k].Text) }
	var l models.ErrorList
	date := func(field string) models.Date {
		d, err := models.ParseDate(v(field))
		var e *models.Error
		if errors.As(err, &e) {
			l = append(l, models.Errorf(e.Code, field, e.Message, "Text", v(field)))
		}
		return d
	}
	t.Name, t.Ethnicity, t.IDNumber, t.Phone = v("name"), v("ethnicity"), v("id_number"), v("phone")
	t.Education, t.Branch, t.CurrentDistrict, t.Employer = v("education"), v("branch"), v("current_district"), v("employer")
	t.BirthDate, t.JoinedParty = date("birth_date"), date("joined_party")
	t.HomeRegion = models.Region{Province: v("province"), City: v("city"), County: v("county"),
		Town: v("town"), Village: v("village"), Code: v("code")}
	t.Gender = ""
	if i := f.gender.SelectedIndex(); i >= 0 {
		t.Gender = models.Genders[i]
	}
	if i := f.direction.SelectedIndex(); i >= 0 {
		t.Direction = models.Directions[i]
	}
	if i := f.cohort.SelectedIndex(); i > 0 {
		t.CohortID = f.s.cohorts[i-1].ID
	} else if f.cohortKnown {
		t.CohortID = 0
	}
	if i := f.nominated.SelectedIndex(); i > 0 {
		t.NominatedByID = f.s.orgs[i-1].ID
	} else if f.nominatedKnown {
		t.NominatedByID = 0
	}
	t.KeyTarget = f.keyTarget.Checked
	t.Notes = f.notes.Text
	return &t, l.Err()
}

// save checks and saves the trainee in the background; it returns false
// so that the dialog stays open until the save has succeeded.
func (f *traineeForm) save() bool {
	if f.saving {
		return false
	}
	f.clearErrors()
	t, err := f.read()
	if err != nil {
		// Show the other fields' messages too: check a copy without the
		// dates that did not parse.
		var list models.ErrorList
		errors.As(err, &list)
		c := *t
		if verr := c.Validate(f.s.u.svc.Today()); verr != nil {
			var more models.ErrorList
			if errors.As(verr, &more) {
				list = append(list, more...)
			}
		}
		f.showErrors(list)
		return false
	}
	u := f.s.u
	u.saveInBackground(&f.saving, func(ctx context.Context) error {
		return u.svc.Trainees.UpdateTrainee(ctx, t)
	}, func(err error) {
		if err != nil {
			f.showErrors(err)
		} else {
			f.dialog.Hide()
			f.s.saved(t)
		}
		if f.onDone != nil {
			f.onDone()
		}
	})
	return false
}

func (f *traineeForm) clearErrors() {
	for _, l := range f.errs {
		setError(l, "")
	}
	setError(f.general, "")
}

// showErrors puts each field's message beside its field; messages of
// other fields go below the form, and failures that are no validation
// error go to showError.
func (f *traineeForm) showErrors(err error) {
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

func names[T any](xs []T, name func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = name(x)
	}
	return out
}

func indexOf[T any](xs []T, match func(T) bool) int {
	for i, x := range xs {
		if match(x) {
			return i
		}
	}
	return -1
}
