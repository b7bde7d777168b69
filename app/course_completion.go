package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// courseCompletion shows what the completion rule decides for each trainee
// holding a place, with the reasons of each failure translated
// (training.Decisions, which writes nothing), takes the assessment scores
// (Enter saves and goes to the next trainee), and records the decisions
// on the enrolments (training.DecideCompletion) once confirmed.
type courseCompletion struct {
	s      *coursesScreen
	box    *fyne.Container
	top    *fyne.Container
	course *models.Course
	rows   []completionRow
	latest kit.Latest

	rule     *widget.Label
	summary  *widget.Label
	message  *widget.Label
	decide   *widget.Button
	table    *kit.Table[completionRow]
	selected int

	scoreName *widget.Label
	score     *kit.Entry
	scoreErr  *widget.Label
	scoreBox  fyne.CanvasObject
	scoreSave *widget.Button
	filling   bool // the score is being filled in, not typed
	reasons   *widget.Label
	busy      bool
	notOver   models.ErrorList // why the course is not over, none when it is
}

// completionRow is one trainee's decision.
type completionRow struct {
	trainee   *models.Trainee
	enrolment *models.Enrolment
	decision  training.Decision
}

func newCourseCompletion(s *coursesScreen) *courseCompletion {
	t := &courseCompletion{s: s, selected: -1}
	t.rule = widget.NewLabel("")
	t.rule.Wrapping = fyne.TextWrapWord
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.message = widget.NewLabel("")
	t.message.Wrapping = fyne.TextWrapWord
	t.message.Hide()
	t.decide = s.u.actionButton(models.PermEdit, T("courses.decide"), theme.ConfirmIcon(), t.confirmDecide)
	t.decide.Importance = widget.HighImportance
	type row = completionRow
	t.table = kit.NewTable([]kit.Column[row]{
		{Title: T("trainee.name"), Width: 80, Text: func(r row) string { return r.trainee.Name }},
		{Title: T("courses.col.attended"), Width: 74, Text: func(r row) string {
			return strconv.Itoa(r.decision.SessionsPresent) + "/" + strconv.Itoa(r.decision.SessionsHeld)
		}},
		{Title: T("courses.col.rate"), Width: 68, Text: func(r row) string { return coursePercent(r.decision.AttendanceRate) }},
		{Title: T("courses.col.hours"), Width: 56, Text: func(r row) string { return courseNumber(r.decision.Hours) }},
		{Title: T("courses.col.score"), Width: 56, Text: func(r row) string { return scoreText(r.decision.Score, "—") },
			Importance: func(r row) widget.Importance {
				if r.decision.Score == nil {
					return widget.LowImportance
				}
				return widget.MediumImportance
			}},
		{Title: T("courses.col.decision"), Width: 100, Text: func(r row) string { return decisionText(r.decision) },
			Importance: func(r row) widget.Importance { return decisionImportance(r.decision) }},
		{Title: T("courses.col.recorded"), Width: 110, Text: func(r row) string { return enrolStatusLabel(r.enrolment.Status) },
			Importance: func(r row) widget.Importance { return enrolmentImportance(r.enrolment.Status) }},
		{Title: T("courses.col.reasons"), Width: 200, Flex: true, Text: func(r row) string { return decisionReasons(r.decision) }},
	}, func() int { return len(t.rows) }, func(i int) (completionRow, bool) { return at(t.rows, i) })
	t.table.OnSelected = func(id widget.TableCellID) { t.selectRow(id.Row) }

	t.scoreName = widget.NewLabel("")
	t.score = kit.NewEntry()
	t.score.SetPlaceHolder("0–100")
	t.score.OnSubmitted = func(string) { s.u.guard(models.PermEdit, t.saveScore)() }
	t.score.OnChanged = func(string) {
		if !t.filling {
			kit.SetMessage(t.scoreErr, "") // the message was about what the field held
		}
	}
	t.scoreErr = kit.ErrorLabel()
	t.scoreErr.Wrapping = fyne.TextWrapOff
	t.scoreErr.Truncation = fyne.TextTruncateEllipsis
	t.scoreSave = s.u.actionButton(models.PermEdit, T("courses.save_score"), theme.DocumentSaveIcon(), t.saveScore)
	// The score's row is always there and its message has a line of its
	// own, shown or not: neither moves the table under the pointer.
	t.scoreBox = container.NewVBox(container.NewHBox(t.scoreName, kit.Width(110, t.score), t.scoreSave),
		kit.Height(kit.LineHeight(t.scoreErr), t.scoreErr))
	s.u.allow(models.PermEdit, t.scoreBox)
	t.noScore()
	t.reasons = widget.NewLabel("")
	t.reasons.Wrapping = fyne.TextWrapWord

	t.top = container.NewVBox(t.rule,
		container.NewBorder(nil, nil, nil, t.decide, t.summary), t.message, t.scoreBox)
	t.box = container.NewBorder(t.top, t.reasons, nil, nil, t.table.Object())
	return t
}

func (t *courseCompletion) content() fyne.CanvasObject { return t.box }

// load computes the decisions of the course as of today.
func (t *courseCompletion) load(c *models.Course) {
	if t.course == nil || t.course.ID != c.ID {
		t.message.Hide()
		t.selected = -1
		kit.Relayout(t.top, t.box)
	}
	t.course = c
	t.rule.SetText(T("courses.rule_line", "Rule", ruleText(c.Rule)))
	ticket := t.latest.Next()
	var notOver models.ErrorList
	goLoadOrFail(t.s.u, func(ctx context.Context) ([]completionRow, error) {
		var ds []training.Decision
		var es []training.EnrolmentRow
		err := t.s.u.svc.View(ctx, func(ctx context.Context) error { // decisions and enrolments of one moment
			var err error
			if ds, err = t.s.u.svc.Enrolment.Decisions(ctx, c.ID); err != nil {
				return err
			}
			if notOver, err = t.s.u.svc.Enrolment.WhyNotOver(ctx, c.ID); err != nil {
				return err
			}
			es, err = t.s.u.svc.Enrolment.CourseEnrolments(ctx, c.ID)
			return err
		})
		if err != nil {
			return nil, err
		}
		byTrainee := make(map[int64]training.Decision, len(ds))
		for _, d := range ds {
			byTrainee[d.TraineeID] = d
		}
		var rows []completionRow
		for _, r := range es {
			if d, ok := byTrainee[r.Trainee.ID]; ok {
				rows = append(rows, completionRow{trainee: r.Trainee, enrolment: r.Enrolment, decision: d})
			}
		}
		return rows, nil
	}, func(rows []completionRow, err error) {
		if !ticket.Current() {
			return
		}
		keep, typed := t.typedScore()
		if err != nil {
			t.rows = nil
			t.showMessage(UserMessage(err), widget.DangerImportance)
			t.decide.Disable()
		} else {
			t.rows = rows
			t.setNotOver(notOver)
			if len(rows) > 0 {
				t.decide.Enable()
			} else {
				t.decide.Disable()
			}
		}
		t.showRows(keep, typed)
		kit.Relayout(t.top, t.top, t.box)
	})
}

// showRows shows the rows read, the row of the trainee keep (0: none)
// chosen again with the score typed for them (nil: the one recorded).
func (t *courseCompletion) showRows(keep int64, typed *string) {
	meet, decided := 0, 0
	for _, r := range t.rows {
		if r.decision.Completed {
			meet++
		}
		if r.enrolment.Status != models.Enrolled {
			decided++
		}
	}
	t.summary.SetText(T("courses.completion_summary", "N", len(t.rows), "Meet", meet, "Fail", len(t.rows)-meet, "Decided", decided))
	t.table.Refresh()
	t.selected = -1
	for i, r := range t.rows {
		if r.trainee.ID == keep {
			t.selected = i
		}
	}
	if t.selected >= 0 {
		t.showSelectedTyped(typed) // what the user is typing stays
	} else {
		t.noScore()
		t.reasons.SetText(T("courses.reasons_hint"))
	}
}

// decisionText says whether the rule is met.
func decisionText(d training.Decision) string {
	if d.Completed {
		return T("courses.decision_yes")
	}
	return T("courses.decision_no")
}

func decisionImportance(d training.Decision) widget.Importance {
	if d.Completed {
		return widget.SuccessImportance
	}
	return widget.DangerImportance
}

// decisionReasons says why the trainee does not complete, each failed
// condition translated, or that the rule is met.
func decisionReasons(d training.Decision) string {
	if d.Completed {
		return T("courses.meets_rule")
	}
	parts := make([]string, len(d.Failures))
	for i, f := range d.Failures {
		parts[i] = ErrorText(f)
	}
	return strings.Join(parts, T("courses.reason_separator"))
}

// selectRow shows the row's reasons and its score to edit.
func (t *courseCompletion) selectRow(row int) {
	if row < 0 || row >= len(t.rows) {
		return
	}
	t.selected = row
	t.showSelected()
	t.s.u.win.Canvas().Focus(t.score)
}

func (t *courseCompletion) showSelected() { t.showSelectedTyped(nil) }

// showSelectedTyped shows the row chosen, with the score typed unless nil.
func (t *courseCompletion) showSelectedTyped(typed *string) {
	r := t.rows[t.selected]
	t.scoreName.SetText(T("courses.score_of", "Name", r.trainee.Name))
	t.filling = true
	switch {
	case typed != nil:
	case r.enrolment.Score != nil:
		t.score.SetText(courseNumber(*r.enrolment.Score))
	default:
		t.score.SetText("")
	}
	t.filling = false
	t.score.Enable()
	t.scoreSave.Enable()
	t.reasons.SetText(r.trainee.Name + T("courses.name_colon") + decisionReasons(r.decision))
	kit.Relayout(t.top, t.top, t.box)
}

// saveScore records the score of the selected trainee, then goes to the
// next row.
func (t *courseCompletion) saveScore() {
	if t.busy || t.selected < 0 || t.selected >= len(t.rows) || t.course == nil {
		return
	}
	text := strings.TrimSpace(models.ToHalfWidth(t.score.Text))
	v, err := strconv.ParseFloat(text, 64)
	t.scoreErr.Importance = widget.DangerImportance
	if err != nil {
		kit.SetMessage(t.scoreErr, T("courses.error.number", "Text", text))
		kit.Relayout(t.top, t.box)
		return
	}
	r := t.rows[t.selected]
	c := t.course
	t.busy = true
	goLoadOrFail(t.s.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, t.s.u.svc.Enrolment.RecordScore(ctx, c.ID, r.trainee.ID, v)
	}, func(_ struct{}, err error) {
		t.busy = false
		if err != nil {
			kit.SetMessage(t.scoreErr, UserMessage(err))
			kit.Relayout(t.top, t.box)
			return
		}
		kit.SetMessage(t.scoreErr, T("courses.score_saved", "Name", r.trainee.Name, "Score", courseNumber(v)))
		t.scoreErr.Importance = widget.SuccessImportance
		t.scoreErr.Refresh()
		r.enrolment.Score = &v
		if t.selected+1 < len(t.rows) {
			t.table.Select(widget.TableCellID{Row: t.selected + 1, Col: 0})
		}
		t.load(c)
		t.s.u.win.Canvas().Focus(t.score)
	})
}

// noScore says, in the score's row, to choose a trainee.
func (t *courseCompletion) noScore() {
	t.scoreName.SetText(T("courses.score_choose"))
	t.filling = true
	t.score.SetText("")
	t.filling = false
	t.score.Disable()
	t.scoreSave.Disable()
	kit.SetMessage(t.scoreErr, "")
}

// setNotOver says, above the table and on the button, that the course is
// not over yet: deciding then takes a reason.
func (t *courseCompletion) setNotOver(why models.ErrorList) {
	t.notOver = why
	if len(why) == 0 {
		t.decide.SetText(T("courses.decide"))
		if t.message.Importance == widget.WarningImportance {
			t.message.Hide()
		}
		return
	}
	t.decide.SetText(T("courses.decide_early"))
	if t.message.Visible() && t.message.Importance == widget.SuccessImportance {
		return // the decision just made stays said
	}
	lines := make([]string, len(why))
	for i, e := range why {
		lines[i] = ErrorText(e)
	}
	t.showMessage(strings.Join(lines, "\n")+"\n"+T("courses.not_over_hint"), widget.WarningImportance)
}

// confirmDecide asks before recording the decisions; a course that is not
// over asks for the reason to decide it early instead.
func (t *courseCompletion) confirmDecide() {
	if t.course == nil || len(t.rows) == 0 {
		return
	}
	if len(t.notOver) > 0 {
		c := t.course
		var ds []training.Decision
		t.s.u.askEarly(T("courses.decide_early"), t.notOver, func(ctx context.Context, reason string) error {
			var err error
			ds, err = t.s.u.svc.Enrolment.DecideCompletionEarly(ctx, c.ID, reason)
			return err
		}, func() { t.decided(c, ds) })
		return
	}
	meet := 0
	for _, r := range t.rows {
		if r.decision.Completed {
			meet++
		}
	}
	kit.Confirm(t.s.u.win, T("courses.decide"),
		T("courses.decide_confirm", "N", len(t.rows), "Meet", meet, "Fail", len(t.rows)-meet, "Course", t.course.Title),
		T("courses.decide"), t.decideNow)
}

// decideNow records the decisions in the background.
func (t *courseCompletion) decideNow() {
	c := t.course
	goLoadOrFail(t.s.u, func(ctx context.Context) ([]training.Decision, error) {
		return t.s.u.svc.Enrolment.DecideCompletion(ctx, c.ID)
	}, func(ds []training.Decision, err error) {
		if err != nil {
			t.showMessage(UserMessage(err), widget.DangerImportance)
			return
		}
		t.decided(c, ds)
	})
}

// decided says how the decisions went and reloads the tab and the list.
func (t *courseCompletion) decided(c *models.Course, ds []training.Decision) {
	done := 0
	for _, d := range ds {
		if d.Completed {
			done++
		}
	}
	t.showMessage(T("courses.decided", "Completed", done, "NotCompleted", len(ds)-done), widget.SuccessImportance)
	t.load(c)
	t.s.changed()
}

func (t *courseCompletion) showMessage(text string, imp widget.Importance) {
	t.message.Importance = imp
	t.message.SetText(text)
	t.message.Show()
	kit.Relayout(t.top, t.top, t.box)
}
