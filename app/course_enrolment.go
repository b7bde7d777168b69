package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// enrolSearchLimit is how many trainees the enrolment search offers.
const enrolSearchLimit = 8

// courseEnrolment enrols trainees found by name, pinyin or ID number, and
// shows the course's enrolments: those holding a place, the waiting list
// by position, and those who withdrew. Withdrawing a trainee promotes the
// first on the waiting list, which the message above the table says.
type courseEnrolment struct {
	s      *coursesScreen
	box    *fyne.Container
	top    *fyne.Container
	course *models.Course
	rows   []training.EnrolmentRow
	latest kit.Latest

	search      *kit.Entry
	results     *widget.List
	resultsBox  fyne.CanvasObject
	found       []*models.Trainee
	pick        int // the highlighted search result
	searching   bool
	searchAgain bool

	message  *widget.Label
	summary  *widget.Label
	table    *kit.Table[training.EnrolmentRow]
	selected int // the selected row, -1 for none
	withdraw *widget.Button
	busy     bool
}

func newCourseEnrolment(s *coursesScreen) *courseEnrolment {
	t := &courseEnrolment{s: s, selected: -1}
	t.search = kit.NewEntry()
	t.search.SetPlaceHolder(T("courses.enrol_placeholder"))
	t.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	t.search.OnChanged = func(string) { t.find() }
	t.search.OnSubmitted = func(string) {
		if t.pick >= 0 && t.pick < len(t.found) {
			t.enrol(t.found[t.pick])
		}
	}
	t.search.OnUpDown = func(d int) {
		if n := len(t.found); n > 0 {
			t.pick = (t.pick + d + n) % n
			t.results.Select(t.pick)
		}
	}
	t.results = widget.NewList(func() int { return len(t.found) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("name")
			detail := kit.Caption("detail")
			detail.Truncation = fyne.TextTruncateEllipsis
			btn := widget.NewButtonWithIcon(T("courses.enrol"), theme.ContentAddIcon(), nil)
			return container.NewBorder(nil, nil, name, btn, detail)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(t.found) {
				return
			}
			tr := t.found[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(enrolTraineeDetail(tr))
			box.Objects[1].(*widget.Label).SetText(tr.Name)
			box.Objects[2].(*widget.Button).OnTapped = func() { t.enrol(tr) }
		})
	t.results.OnSelected = func(id widget.ListItemID) { t.pick = id }
	t.resultsBox = kit.Height(4.2*t.results.MinSize().Height, t.results)
	t.resultsBox.Hide()

	t.message = widget.NewLabel("")
	t.message.Wrapping = fyne.TextWrapWord
	t.message.Hide()
	t.summary = widget.NewLabel("")
	t.withdraw = s.u.actionButton(models.PermEdit, T("courses.withdraw"), theme.ContentRemoveIcon(), t.confirmWithdraw)
	t.withdraw.Disable()
	t.table = kit.NewTable([]kit.Column[training.EnrolmentRow]{
		{Title: T("trainee.name"), Width: 100, Text: func(r training.EnrolmentRow) string { return r.Trainee.Name }},
		{Title: T("courses.col.status"), Width: 150, Text: func(r training.EnrolmentRow) string { return enrolmentText(r.Enrolment) },
			Importance: func(r training.EnrolmentRow) widget.Importance { return enrolmentImportance(r.Enrolment.Status) }},
		{Title: T("trainee.home_region"), Width: 220, Flex: true, Text: func(r training.EnrolmentRow) string { return r.Trainee.HomeRegion.Short() }},
		{Title: T("courses.col.enrolled_on"), Width: 110, Text: enrolledOn},
		{Title: T("courses.col.score"), Width: 70, Text: func(r training.EnrolmentRow) string { return scoreText(r.Enrolment.Score, "") }},
	}, func() int { return len(t.rows) }, func(i int) (training.EnrolmentRow, bool) { return at(t.rows, i) })
	t.table.OnSelected = func(id widget.TableCellID) {
		t.selected = id.Row
		t.updateWithdraw()
	}
	t.table.OnUnselected = func(widget.TableCellID) {
		t.selected = -1
		t.updateWithdraw()
	}
	s.u.allow(models.PermEdit, t.search)
	t.top = container.NewVBox(t.search, t.resultsBox, t.message,
		container.NewBorder(nil, nil, nil, t.withdraw, t.summary))
	t.box = container.NewBorder(t.top, nil, nil, nil, t.table.Object())
	return t
}

// enrolTraineeDetail is a search result's second line: region, masked ID.
func enrolTraineeDetail(t *models.Trainee) string {
	return strings.Join(nonEmpty([]string{t.HomeRegion.Short(), models.MaskIDNumber(t.IDNumber)}), T("list.separator"))
}

func (t *courseEnrolment) content() fyne.CanvasObject { return t.box }

// load reads the course's enrolments.
func (t *courseEnrolment) load(c *models.Course) {
	if t.course == nil || t.course.ID != c.ID {
		t.message.Hide()
		t.search.SetText("")
		kit.Relayout(t.top, t.box)
	}
	t.course = c
	loadLatest(t.s.u, &t.latest, func(ctx context.Context) ([]training.EnrolmentRow, error) {
		return t.s.u.svc.Enrolment.CourseEnrolments(ctx, c.ID)
	}, func(rows []training.EnrolmentRow) {
		// The row chosen stays chosen when it is still there (the course
		// read again after a change, here or by others).
		var keep int64
		if t.selected >= 0 && t.selected < len(t.rows) && t.course.ID == c.ID {
			keep = t.rows[t.selected].Trainee.ID
		}
		t.rows = rows
		t.table.UnselectAll()
		t.selected = -1
		for i, r := range rows {
			if keep != 0 && r.Trainee.ID == keep {
				t.table.Select(widget.TableCellID{Row: i})
			}
		}
		t.updateWithdraw()
		held, waiting, withdrawn := 0, 0, 0
		for _, r := range rows {
			switch st := r.Enrolment.Status; {
			case st.HoldsPlace():
				held++
			case st == models.Waitlisted:
				waiting++
			default:
				withdrawn++
			}
		}
		t.summary.SetText(T("courses.enrolment_summary", "Places", held, "Capacity", c.Capacity, "Waiting", waiting, "Withdrawn", withdrawn))
		t.table.Refresh()
	})
}

// enrolledOn is the day of an enrolment, "" when unknown.
func enrolledOn(r training.EnrolmentRow) string {
	if r.Enrolment.EnrolledAt.IsZero() {
		return ""
	}
	return dateText(models.DateOf(r.Enrolment.EnrolledAt.Local()))
}

// scoreText is an assessment score, none for none.
func scoreText(score *float64, none string) string {
	if score == nil {
		return none
	}
	return courseNumber(*score)
}

// enrolmentText is an enrolment's status, with the waiting-list position.
func enrolmentText(e *models.Enrolment) string {
	if e.Status == models.Waitlisted {
		return T("courses.waiting_position", "N", e.WaitPosition)
	}
	return enrolStatusLabel(e.Status)
}

func enrolmentImportance(s models.EnrolmentStatus) widget.Importance {
	switch s {
	case models.Waitlisted:
		return widget.WarningImportance
	case models.Withdrawn:
		return widget.LowImportance
	case models.Completed:
		return widget.SuccessImportance
	case models.NotCompleted:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func (t *courseEnrolment) updateWithdraw() {
	if t.selected >= 0 && t.selected < len(t.rows) {
		st := t.rows[t.selected].Enrolment.Status
		if st == models.Enrolled || st == models.Waitlisted {
			t.withdraw.Enable()
			return
		}
	}
	t.withdraw.Disable()
}

// find searches the trainees, one search at a time: keystrokes that come
// meanwhile make one more search with the latest text.
func (t *courseEnrolment) find() {
	q := strings.TrimSpace(t.search.Text)
	if q == "" {
		t.found, t.pick = nil, -1
		t.results.Refresh()
		t.resultsBox.Hide()
		kit.Relayout(t.top, t.box)
		return
	}
	if t.searching {
		t.searchAgain = true
		return
	}
	t.searching = true
	u := t.s.u
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		ts, err := u.svc.Trainees.SearchTrainees(u.ctx, q, enrolSearchLimit)
		onUI(func() {
			t.searching = false
			if t.searchAgain {
				t.searchAgain = false
				t.find()
				return
			}
			if err != nil {
				u.showError(err)
				return
			}
			if strings.TrimSpace(t.search.Text) == "" {
				return
			}
			t.found, t.pick = ts, -1
			t.results.UnselectAll()
			t.results.Refresh()
			t.resultsBox.Show()
			kit.Relayout(t.top, t.box)
			if len(ts) > 0 {
				t.pick = 0
				t.results.Select(0)
			} else {
				t.showMessage(T("courses.nobody_found"), widget.WarningImportance)
			}
		})
	}()
}

// enrol enrols the trainee in the background and says where the trainee
// went: a place, or the waiting list at a position.
func (t *courseEnrolment) enrol(tr *models.Trainee) {
	if t.busy || t.course == nil || !t.s.u.permit(models.PermEdit) {
		return
	}
	t.busy = true
	c := t.course
	goLoadOrFail(t.s.u, func(ctx context.Context) (*models.Enrolment, error) {
		return t.s.u.svc.Enrolment.Enrol(ctx, c.ID, tr.ID)
	}, func(e *models.Enrolment, err error) {
		t.busy = false
		if err != nil {
			t.showMessage(UserMessage(err), widget.DangerImportance)
			return
		}
		if e.Status == models.Waitlisted {
			t.showMessage(T("courses.enrolled_waiting", "Name", tr.Name, "N", e.WaitPosition), widget.WarningImportance)
		} else {
			t.showMessage(T("courses.enrolled_place", "Name", tr.Name), widget.SuccessImportance)
		}
		t.search.SetText("")
		t.s.u.win.Canvas().Focus(t.search)
		t.load(c)
		t.s.changed()
	})
}

func (t *courseEnrolment) showMessage(text string, imp widget.Importance) {
	t.message.Importance = imp
	t.message.SetText(text)
	t.message.Show()
	kit.Relayout(t.top, t.top, t.box)
}

// confirmWithdraw asks before withdrawing the selected trainee.
func (t *courseEnrolment) confirmWithdraw() {
	if t.selected < 0 || t.selected >= len(t.rows) || t.course == nil {
		return
	}
	r := t.rows[t.selected]
	kit.Confirm(t.s.u.win, T("courses.withdraw"), T("courses.withdraw_confirm", "Name", r.Trainee.Name, "Course", t.course.Title),
		T("courses.withdraw"), func() { t.withdrawTrainee(r.Trainee) })
}

// withdrawTrainee withdraws the trainee in the background and says who
// moved up from the waiting list.
func (t *courseEnrolment) withdrawTrainee(tr *models.Trainee) {
	c := t.course
	goLoadOrFail(t.s.u, func(ctx context.Context) (*models.Enrolment, error) {
		return t.s.u.svc.Enrolment.Withdraw(ctx, c.ID, tr.ID)
	}, func(promoted *models.Enrolment, err error) {
		if err != nil {
			t.showMessage(UserMessage(err), widget.DangerImportance)
			return
		}
		msg := T("courses.withdrawn", "Name", tr.Name)
		if promoted != nil {
			name := ""
			for _, r := range t.rows {
				if r.Trainee.ID == promoted.TraineeID {
					name = r.Trainee.Name
				}
			}
			msg = T("courses.withdrawn_promoted", "Name", tr.Name, "Promoted", name)
		}
		t.showMessage(msg, widget.SuccessImportance)
		t.load(c)
		t.s.changed()
	})
}
