package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
)

// traineeForm edits a trainee. Each validation message appears beside its
// field; the trainee is saved through the rules (training.UpdateTrainee),
// in the background. Tab follows the form, Enter saves, Escape cancels.
type traineeForm struct {
	*dialogForm
	s    *traineesScreen
	orig *models.Trainee

	entries   map[string]*kit.Entry // text fields, by the model's field name
	gender    *widget.Select
	direction *widget.Select
	cohort    *widget.Select
	nominated *widget.Select
	keyTarget *widget.Check
	notes     *kit.Entry
	photo     *photoField

	// Whether the trainee's cohort and nominating organisation are among
	// the choices; when not (the choices are still loading), saving keeps
	// them as they are.
	cohortKnown, nominatedKnown bool
}

// regionParts are the home region's entries, in the form's order.
var regionParts = []string{"province", "city", "county", "town", "village", "code"}

func openTraineeForm(s *traineesScreen, t *models.Trainee) *traineeForm {
	f := &traineeForm{dialogForm: newDialogForm(s.u), s: s, orig: t, entries: map[string]*kit.Entry{}}
	f.choices(t)
	text := func(key, value string) *kit.Entry {
		e := kit.NewEntry()
		e.SetText(value)
		f.entries[key] = e
		return e
	}
	r := t.HomeRegion
	// Each of the home region's six entries has its label above it, which
	// stays once the entry is filled (a placeholder does not).
	var region, regionCells []fyne.CanvasObject
	for _, p := range regionParts {
		e := text(p, map[string]string{"province": r.Province, "city": r.City, "county": r.County,
			"town": r.Town, "village": r.Village, "code": r.Code}[p])
		e.SetPlaceHolder(T("trainee.region." + p))
		region = append(region, e)
		regionCells = append(regionCells, kit.Labelled(T("trainee.region."+p), e))
	}
	for _, k := range []string{"birth_date", "joined_party"} {
		text(k, dateText(map[string]models.Date{"birth_date": t.BirthDate, "joined_party": t.JoinedParty}[k])).SetPlaceHolder("YYYY-MM-DD")
	}
	row := func(field string, input fyne.CanvasObject, watch ...fyne.CanvasObject) []fyne.CanvasObject {
		return f.Row(field, T(formLabelKey(field)), input, watch...)
	}
	left := f.Grid(
		row("name", text("name", t.Name)),
		row("gender", f.gender),
		row("ethnicity", text("ethnicity", t.Ethnicity)),
		row("birth_date", f.entries["birth_date"]),
		row("id_number", text("id_number", t.IDNumber)),
		row("phone", text("phone", t.Phone)),
		row("education", text("education", t.Education)),
		row("joined_party", f.entries["joined_party"]),
		row("branch", text("branch", t.Branch)),
		row("key_target", f.keyTarget),
	)
	right := f.Grid(
		row("direction", f.direction),
		row("home_region", container.NewGridWithColumns(3, regionCells...), region...),
		row("current_district", text("current_district", t.CurrentDistrict)),
		row("employer", text("employer", t.Employer)),
		row("cohort_id", f.cohort),
		row("nominated_by_id", f.nominated),
		row("notes", f.notes),
		row("photo", f.photo),
	)
	body := container.NewVBox(container.NewGridWithColumns(2, left, right), f.General())
	f.Contain(body)
	var saved *models.Trainee
	f.open(T("trainee.edit_title", "Name", t.Name), container.NewVScroll(body), fyne.NewSize(1040, 580),
		func() (func(ctx context.Context) error, error) {
			t, err := f.read()
			if err != nil {
				return nil, err
			}
			saved = t
			return func(ctx context.Context) error {
				if err := s.u.svc.Trainees.UpdateTrainee(ctx, t); err != nil {
					return err
				}
				return f.photo.save(ctx, t.ID)
			}, nil
		}, func() { s.saved(saved) })
	s.u.win.Canvas().Focus(f.entries["name"])
	return f
}

// choices makes the selects, the check and the notes, set to the
// trainee's values.
func (f *traineeForm) choices(t *models.Trainee) {
	s := f.s
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
	f.notes = kit.NewMultiLineEntry()
	f.notes.SetText(t.Notes)
	f.notes.SetMinRowsVisible(3)
	f.photo = newPhotoField(s.u)
	f.photo.refuse = func(msg string) { f.Set("photo", msg) }
	if t.ID != 0 {
		f.photo.loadStored(t.ID)
	}
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
	t.Name, t.Ethnicity, t.IDNumber, t.Phone = v("name"), v("ethnicity"), v("id_number"), v("phone")
	t.Education, t.Branch, t.CurrentDistrict, t.Employer = v("education"), v("branch"), v("current_district"), v("employer")
	t.BirthDate, t.JoinedParty = parseDate(&l, "birth_date", v("birth_date")), parseDate(&l, "joined_party", v("joined_party"))
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
	today := f.s.u.svc.Today()
	return &t, withChecks(l, func() error { return t.Validate(today) })
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
