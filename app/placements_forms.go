package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// placementWeeks is how long a new placement runs unless changed.
const placementWeeks = 4

// placeForm places a trainee at the chosen key village: the trainee, the
// dates and the host's supervisor. The rules refuse a village at its
// capacity, beside the village.
type placeForm struct {
	*dialogForm
	village    training.VillageLoad
	picker     *traineePicker
	start, end *kit.Entry
	supervisor *kit.Entry
	saved      *models.Placement
}

// openPlace opens the form that places a trainee.
func (s *placementsScreen) openPlace() {
	l := s.load(s.villageID)
	if l == nil {
		return
	}
	f := &placeForm{dialogForm: newDialogForm(s.u), village: *l}
	s.placeForm = f
	f.picker = newTraineePicker(s.u, nil)
	today := s.u.svc.Today()
	f.start = f.entry(today.String(), "YYYY-MM-DD")
	f.end = f.entry(today.AddDays(7*placementWeeks-1).String(), "YYYY-MM-DD")
	f.supervisor = f.entry(l.Village.ContactPerson, T("placements.supervisor_placeholder"))
	village := widget.NewLabel(l.Village.Name + T("list.separator") +
		T("placements.load_text", "Today", l.Today, "Capacity", l.Village.PlacementCapacity))
	village.Wrapping = fyne.TextWrapWord
	f.row("village_id", T("placements.village_field"), village)
	f.row("trainee_id", T("placements.trainee"), f.picker)
	f.row("start_date", T("placements.start_date"), f.start)
	f.row("end_date", T("placements.end_date"), f.end)
	f.row("supervisor", T("placements.supervisor"), f.supervisor)
	f.open(T("placements.place_title"), f.body(), fyne.NewSize(760, 500), f.read, func() {
		if f.saved != nil {
			s.placeID = f.saved.ID
		}
		s.changed()
	})
	s.u.win.Canvas().Focus(f.picker.search)
}

// read returns the work that places the trainee.
func (f *placeForm) read() (func(ctx context.Context) error, error) {
	var l models.ErrorList
	p := &models.Placement{TraineeID: f.picker.traineeID(), VillageID: f.village.Village.ID,
		StartDate: parseDate(&l, "start_date", f.start.Text), EndDate: parseDate(&l, "end_date", f.end.Text),
		Supervisor: strings.TrimSpace(f.supervisor.Text)}
	if err := withChecks(l, p.Validate); err != nil {
		return nil, err
	}
	f.saved = p
	return func(ctx context.Context) error { return f.u.svc.FollowUp.PlaceTrainee(ctx, p) }, nil
}

// evaluateForm records the host's grade and comment on a placement.
type evaluateForm struct {
	*dialogForm
	placed  training.PlacedTrainee
	grade   *kit.Select
	comment *kit.Entry
}

// openEvaluate opens the evaluation of the chosen placement.
func (s *placementsScreen) openEvaluate() {
	r := s.row()
	if r == nil {
		return
	}
	f := &evaluateForm{dialogForm: newDialogForm(s.u), placed: *r}
	s.evalForm = f
	grades := make([]string, len(models.Grades))
	for i, g := range models.Grades {
		grades[i] = gradeLabel(g)
	}
	f.grade = f.choice(grades, nil)
	for i, g := range models.Grades {
		if g == r.Placement.Grade {
			f.grade.SetSelectedIndex(i)
		}
	}
	f.comment = f.entry(r.Placement.Comment, T("placements.comment_placeholder"))
	about := widget.NewLabel(placementTitle(*r))
	about.Wrapping = fyne.TextWrapWord
	f.row("grade", T("placements.grade"), f.grade)
	f.row("comment", T("placements.comment"), f.comment)
	id := r.Placement.ID
	f.open(T("placements.evaluate_title"), f.body(about), fyne.NewSize(620, 280), f.read, func() {
		s.placeID = id
		s.changed()
	})
	s.u.win.Canvas().Focus(f.grade)
}

// read returns the work that records the evaluation.
func (f *evaluateForm) read() (func(ctx context.Context) error, error) {
	grade := models.GradeNone
	if i := f.grade.SelectedIndex(); i >= 0 {
		grade = models.Grades[i]
	}
	id, comment := f.placed.Placement.ID, f.comment.Text
	return func(ctx context.Context) error { return f.u.svc.FollowUp.EvaluatePlacement(ctx, id, grade, comment) }, nil
}
