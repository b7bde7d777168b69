package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
	gen    int

	search      *enrolSearchEntry
	results     *widget.List
	resultsBox  fyne.CanvasObject
	found       []*models.Trainee
	pick        int // the highlighted search result
	searching   bool
	searchAgain bool

	message  *widget.Label
	summary  *widget.Label
	table    *widget.Table
	selected int // the selected row, -1 for none
	withdraw *widget.Button
	busy     bool
}

func newCourseEnrolment(s *coursesScreen) *courseEnrolment {
	t := &courseEnrolment{s: s, selected: -1}
	t.search = newEnrolSearchEntry()
	t.search.SetPlaceHolder(T("courses.enrol_placeholder"))
	t.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	t.search.OnChanged = func(string) { t.find() }
	t.search.OnSubmitted = func(string) {
		if t.pick >= 0 && t.pick < len(t.found) {
			t.enrol(t.found[t.pick])
		}
	}
	t.search.onUpDown = func(d int) {
		if n := len(t.found); n > 0 {
			t.pick = (t.pick + d + n) % n
			t.results.Select(t.pick)
		}
	}
	t.results = widget.NewList(func() int { return len(t.found) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("name")
			name.TextStyle.Bold = true
			detail := caption("detail")
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
	t.resultsBox = fixedHeight(4.2*t.results.MinSize().Height, t.results)
	t.resultsBox.Hide()

	t.message = widget.NewLabel("")
	t.message.Wrapping = fyne.TextWrapWord
	t.message.Hide()
	t.summary = widget.NewLabel("")
	t.withdraw = widget.NewButtonWithIcon(T("courses.withdraw"), theme.ContentRemoveIcon(), t.confirmWithdraw)
	t.withdraw.Disable()
	var box fyne.CanvasObject
	t.table, box = courseTable([]courseColumn{
		{T("trainee.name"), 100}, {T("courses.col.status"), 150}, {T("trainee.home_region"), 220},
		{T("courses.col.enrolled_on"), 110}, {T("courses.col.score"), 70},
	}, 2, func() int { return len(t.rows) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) {
		t.selected = id.Row
		t.updateWithdraw()
	}
	t.table.OnUnselected = func(widget.TableCellID) {
		t.selected = -1
		t.updateWithdraw()
	}
	t.top = container.NewVBox(t.search, t.resultsBox, t.message,
		container.NewBorder(nil, nil, nil, t.withdraw, t.summary))
	t.box = container.NewBorder(t.top, nil, nil, nil, box)
	return t
}

// enrolTraineeDetail is a search result's second line: region, masked ID.
func enrolTraineeDetail(t *models.Trainee) string {
	return strings.Join(nonEmpty([]string{t.HomeRegion.Short(), models.MaskIDNumber(t.IDNumber)}), T("list.separator"))
}

// fixedHeight makes o exactly h high in a vertical box.
func fixedHeight(h float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&heightLayout{h: h}, o)
}

type heightLayout struct{ h float32 }

func (l *heightLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(s)
	}
}

func (l *heightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.h)
}

func (t *courseEnrolment) content() fyne.CanvasObject { return t.box }

// load reads the course's enrolments.
func (t *courseEnrolment) load(c *models.Course) {
	if t.course == nil || t.course.ID != c.ID {
		t.message.Hide()
		t.search.SetText("")
		relayout(t.top, t.box)
	}
	t.course = c
	t.gen++
	gen := t.gen
	goLoad(t.s.u, func(ctx context.Context) ([]training.EnrolmentRow, error) {
		return t.s.u.svc.Enrolment.CourseEnrolments(ctx, c.ID)
	}, func(rows []training.EnrolmentRow) {
		if gen != t.gen {
			return
		}
		t.rows = rows
		t.table.UnselectAll()
		t.selected = -1
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

func (t *courseEnrolment) cell(row, col int) (string, widget.Importance) {
	if row >= len(t.rows) {
		return "", widget.MediumImportance
	}
	r := t.rows[row]
	e := r.Enrolment
	switch col {
	case 0:
		return r.Trainee.Name, widget.MediumImportance
	case 1:
		return enrolmentText(e), enrolmentImportance(e.Status)
	case 2:
		return r.Trainee.HomeRegion.Short(), widget.MediumImportance
	case 3:
		if e.EnrolledAt.IsZero() {
			return "", widget.MediumImportance
		}
		return dateText(models.DateOf(e.EnrolledAt.Local())), widget.MediumImportance
	case 4:
		if e.Score == nil {
			return "", widget.MediumImportance
		}
		return courseNumber(*e.Score), widget.MediumImportance
	}
	return "", widget.MediumImportance
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
		relayout(t.top, t.box)
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
			relayout(t.top, t.box)
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
	if t.busy || t.course == nil {
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
	relayout(t.top, t.top, t.box)
}

// relayout lays the containers out again, in order (inner ones first),
// after objects in them were shown, hidden or rewrapped: Fyne lays out a
// container only when it is refreshed or resized.
func relayout(cs ...fyne.CanvasObject) {
	for _, c := range cs {
		c.Refresh()
	}
}

// confirmWithdraw asks before withdrawing the selected trainee.
func (t *courseEnrolment) confirmWithdraw() {
	if t.selected < 0 || t.selected >= len(t.rows) || t.course == nil {
		return
	}
	r := t.rows[t.selected]
	courseConfirm(t.s.u.win, T("courses.withdraw"), T("courses.withdraw_confirm", "Name", r.Trainee.Name, "Course", t.course.Title),
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

// goLoadOrFail runs work in the background and hands its result or error
// to done on the UI thread (a cancelled context aside).
func goLoadOrFail[T any](u *ui, work func(ctx context.Context) (T, error), done func(T, error)) {
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		v, err := work(u.ctx)
		if u.ctx.Err() != nil {
			return
		}
		onUI(func() { done(v, err) })
	}()
}

// courseConfirm asks a yes-or-no question whose yes button says okText;
// Escape says no.
func courseConfirm(win fyne.Window, title, message, okText string, ok func()) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, message, func(yes bool) {
		if yes {
			ok()
		}
	}, win)
	d.SetConfirmText(okText)
	closeOnEscape(win, d)
	d.Show()
	return d
}

// enrolSearchEntry is the enrolment search box: Up and Down move through
// the results, Enter enrols the one highlighted, Escape goes to the
// window.
type enrolSearchEntry struct {
	widget.Entry
	onUpDown func(d int)
}

func newEnrolSearchEntry() *enrolSearchEntry {
	e := &enrolSearchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *enrolSearchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown:
		if e.onUpDown != nil {
			d := 1
			if ev.Name == fyne.KeyUp {
				d = -1
			}
			e.onUpDown(d)
			return
		}
	case fyne.KeyEscape:
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev)
			return
		}
	}
	e.Entry.TypedKey(ev)
}
