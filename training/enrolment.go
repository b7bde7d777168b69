package training

import (
	"context"
	"sort"

	"peiyang/models"
	"peiyang/pinyin"
)

// Enrolment: capacity, the waiting list, withdrawal and promotion, and a
// course's enrolments as the window lists them.

// EnrolmentRow is one enrolment with its trainee.
type EnrolmentRow struct {
	Enrolment *models.Enrolment
	Trainee   *models.Trainee
}

// CourseEnrolments lists every enrolment on the course with its trainee:
// those holding a place in pinyin order of their names (the order of the
// roster and the sign-in sheets), then the waiting list by position, then
// those who withdrew, in pinyin order.
func (s *EnrolmentService) CourseEnrolments(ctx context.Context, courseID int64) ([]EnrolmentRow, error) {
	return read(s.rules, ctx, "course enrolments", func(ctx context.Context) ([]EnrolmentRow, error) { return s.courseEnrolments(ctx, courseID) })
}

func (s *rules) courseEnrolments(ctx context.Context, courseID int64) ([]EnrolmentRow, error) {
	if _, err := s.store.FindCourseByID(ctx, courseID); err != nil {
		return nil, err
	}
	es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(es))
	for i, e := range es {
		ids[i] = e.TraineeID
	}
	trainees, err := s.traineesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]EnrolmentRow, 0, len(es))
	for _, e := range es {
		t := trainees[e.TraineeID]
		if t == nil {
			return nil, notFound("Trainee {{.ID}} not found.", "ID", e.TraineeID)
		}
		out = append(out, EnrolmentRow{Enrolment: e, Trainee: t})
	}
	group := func(e *models.Enrolment) int {
		switch {
		case e.Status.HoldsPlace():
			return 0
		case e.Status == models.Waitlisted:
			return 1
		}
		return 2
	}
	keys := make(map[int64]string, len(out))
	for _, r := range out {
		keys[r.Trainee.ID] = pinyin.SortKey(r.Trainee.Name)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Enrolment, out[j].Enrolment
		if ga, gb := group(a), group(b); ga != gb {
			return ga < gb
		}
		if a.Status == models.Waitlisted && a.WaitPosition != b.WaitPosition {
			return a.WaitPosition < b.WaitPosition
		}
		if ka, kb := keys[a.TraineeID], keys[b.TraineeID]; ka != kb {
			return ka < kb
		}
		return a.ID < b.ID
	})
	return out, nil
}

// AcceptsEnrolment reports whether the course takes enrolments: it is
// planned, open or running, not finished or cancelled.
func AcceptsEnrolment(c *models.Course) bool {
	return c.Status == models.CoursePlanned || c.Status == models.CourseOpen || c.Status == models.CourseRunning
}

// CheckEnrol refuses to enrol the trainee on the course when the course
// takes no enrolments or the trainee already has an enrolment there that is
// not withdrawn (a place, a waiting-list position or a completed course).
// existing is the trainee's enrolment on the course, nil if none.
func CheckEnrol(course *models.Course, trainee *models.Trainee, existing *models.Enrolment) error {
	if !AcceptsEnrolment(course) {
		return conflict("course_id", "The course {{.Course}} is {{.Status}} and takes no enrolments.", "Course", course.Title, "Status", string(course.Status))
	}
	if existing == nil {
		return nil
	}
	switch existing.Status {
	case models.Enrolled:
		return conflict("trainee_id", "{{.Name}} is already enrolled on {{.Course}}.", "Name", trainee.Name, "Course", course.Title)
	case models.Waitlisted:
		return conflict("trainee_id", "{{.Name}} is already on the waiting list of {{.Course}}, at position {{.Position}}.", "Name", trainee.Name, "Course", course.Title, "Position", existing.WaitPosition)
	case models.Completed, models.NotCompleted:
		return conflict("trainee_id", "{{.Name}} has already taken {{.Course}}.", "Name", trainee.Name, "Course", course.Title)
	}
	return nil
}

// PlacesHeld counts the enrolments that hold a place: enrolled, completed
// and not completed.
func PlacesHeld(es []*models.Enrolment) int {
	n := 0
	for _, e := range es {
		if e.Status.HoldsPlace() {
			n++
		}
	}
	return n
}

// WaitingList returns the waitlisted enrolments in order of their position
// (then of enrolment time and ID, should positions repeat).
func WaitingList(es []*models.Enrolment) []*models.Enrolment {
	var w []*models.Enrolment
	for _, e := range es {
		if e.Status == models.Waitlisted {
			w = append(w, e)
		}
	}
	sort.SliceStable(w, func(i, j int) bool {
		a, b := w[i], w[j]
		if a.WaitPosition != b.WaitPosition {
			return a.WaitPosition < b.WaitPosition
		}
		if !a.EnrolledAt.Equal(b.EnrolledAt) {
			return a.EnrolledAt.Before(b.EnrolledAt)
		}
		return a.ID < b.ID
	})
	return w
}

// Admit decides where a new enrolment goes: a place when one is free and
// nobody is waiting, else the end of the waiting list (position n+1).
// es are the course's current enrolments.
func Admit(course *models.Course, es []*models.Enrolment) (models.EnrolmentStatus, int) {
	w := WaitingList(es)
	if len(w) == 0 && PlacesHeld(es) < course.Capacity {
		return models.Enrolled, 0
	}
	return models.Waitlisted, len(w) + 1
}

// FillPlaces promotes waiting trainees, first in line first, into the
// course's free places while the course takes enrolments, and renumbers
// the rest of the waiting list 1..n. It changes the enrolments in es and
// returns those it changed.
func FillPlaces(course *models.Course, es []*models.Enrolment) []*models.Enrolment {
	var changed []*models.Enrolment
	w := WaitingList(es)
	held := PlacesHeld(es)
	if AcceptsEnrolment(course) {
		for len(w) > 0 && held < course.Capacity {
			w[0].Status = models.Enrolled
			w[0].WaitPosition = 0
			changed = append(changed, w[0])
			w = w[1:]
			held++
		}
	}
	for i, e := range w {
		if e.WaitPosition != i+1 {
			e.WaitPosition = i + 1
			changed = append(changed, e)
		}
	}
	return changed
}

// WithdrawFrom marks the trainee's enrolment among the course's enrolments es
// withdrawn, promotes the first on the waiting list into a freed place and
// renumbers the waiting list. It changes the enrolments in es and returns
// those it changed, the withdrawn one first. A trainee without an
// enrolment, already withdrawn, or whose completion has been decided
// cannot withdraw.
func WithdrawFrom(course *models.Course, trainee *models.Trainee, es []*models.Enrolment) ([]*models.Enrolment, error) {
	var e *models.Enrolment
	for _, x := range es {
		if x.TraineeID == trainee.ID {
			e = x
		}
	}
	switch {
	case e == nil:
		return nil, notFound("{{.Name}} is not enrolled on {{.Course}}.", "Name", trainee.Name, "Course", course.Title)
	case e.Status == models.Withdrawn:
		return nil, conflict("trainee_id", "{{.Name}} has already withdrawn from {{.Course}}.", "Name", trainee.Name, "Course", course.Title)
	case e.Status == models.Completed || e.Status == models.NotCompleted:
		return nil, conflict("trainee_id", "The completion of {{.Name}} on {{.Course}} has been decided; the trainee can no longer withdraw.", "Name", trainee.Name, "Course", course.Title)
	}
	e.Status = models.Withdrawn
	e.WaitPosition = 0
	changed := []*models.Enrolment{e}
	for _, c := range FillPlaces(course, es) {
		if c != e {
			changed = append(changed, c)
		}
	}
	return changed, nil
}

// Enrol enrols the trainee on the course, or puts the trainee on its
// waiting list when the course is full (or others are already waiting). A
// withdrawn trainee may enrol again; the old enrolment is reused. Enrolment
// is refused when the course's sessions clash with those of another course
// the trainee holds or waits for a place on (a *ConflictError).
func (s *EnrolmentService) Enrol(ctx context.Context, courseID, traineeID int64) (*models.Enrolment, error) {
	var out *models.Enrolment
	err := s.update(ctx, "enrol", func(ctx context.Context) error {
		course, trainee, es, err := s.courseAndTrainee(ctx, courseID, traineeID)
		if err != nil {
			return err
		}
		var existing *models.Enrolment
		for _, e := range es {
			if e.TraineeID == traineeID {
				existing = e
			}
		}
		if err := CheckEnrol(course, trainee, existing); err != nil {
			return err
		}
		if err := s.enrolmentClashes(ctx, course, trainee); err != nil {
			return err
		}
		// Waiting trainees take any free places before the newcomer.
		if err := s.saveEnrolments(ctx, FillPlaces(course, es)); err != nil {
			return err
		}
		status, pos := Admit(course, es)
		e := existing
		if e == nil {
			e = &models.Enrolment{CourseID: courseID, TraineeID: traineeID}
		}
		e.Status, e.WaitPosition = status, pos
		e.Score, e.Reason = nil, ""
		e.EnrolledAt = s.now()
		if err := e.Validate(); err != nil {
			return err
		}
		if existing != nil {
			err = s.store.UpdateEnrolment(ctx, e)
		} else {
			err = s.store.CreateEnrolment(ctx, e)
		}
		out = e
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Withdraw withdraws the trainee from the course (from a place or from the
// waiting list), promotes the first waiting trainee into a freed place and
// renumbers the waiting list, all in one transaction. It returns the
// promoted trainee's enrolment, nil when nobody moved up.
func (s *EnrolmentService) Withdraw(ctx context.Context, courseID, traineeID int64) (*models.Enrolment, error) {
	var promoted *models.Enrolment
	err := s.update(ctx, "withdraw", func(ctx context.Context) error {
		promoted = nil
		course, trainee, es, err := s.courseAndTrainee(ctx, courseID, traineeID)
		if err != nil {
			return err
		}
		changed, err := WithdrawFrom(course, trainee, es)
		if err != nil {
			return err
		}
		for _, e := range changed[1:] {
			if e.Status == models.Enrolled && promoted == nil {
				promoted = e
			}
		}
		return s.saveEnrolments(ctx, changed)
	})
	if err != nil {
		return nil, err
	}
	return promoted, nil
}

func (s *rules) saveEnrolments(ctx context.Context, es []*models.Enrolment) error {
	for _, e := range es {
		if err := s.store.UpdateEnrolment(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// enrolmentClashes refuses an enrolment whose sessions overlap those of
// another course the trainee holds or waits for a place on.
func (s *rules) enrolmentClashes(ctx context.Context, course *models.Course, trainee *models.Trainee) error {
	sessions, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: course.ID})
	if err != nil || len(sessions) == 0 {
		return err
	}
	mine, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{TraineeID: trainee.ID})
	if err != nil {
		return err
	}
	sc := Schedule{Courses: map[int64]*models.Course{course.ID: course}, Trainees: map[int64]string{trainee.ID: trainee.Name}}
	var theirs []*models.Session
	for _, e := range mine {
		if e.CourseID == course.ID || e.Status == models.Withdrawn {
			continue
		}
		c, err := s.store.FindCourseByID(ctx, e.CourseID)
		if err != nil {
			return err
		}
		sc.Courses[c.ID] = c
		ss, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: c.ID})
		if err != nil {
			return err
		}
		theirs = append(theirs, ss...)
	}
	return conflictErr(CheckEnrolment(course, sessions, trainee.ID, theirs, sc))
}

// FindEnrolments lists the enrolments the filter selects.
func (s *EnrolmentService) FindEnrolments(ctx context.Context, f models.EnrolmentFilter) ([]*models.Enrolment, error) {
	es, err := s.store.FindEnrolments(ctx, f)
	return es, wrap("find enrolments", err)
}

// courseAndTrainee reads a course, a trainee and the course's enrolments.
func (s *rules) courseAndTrainee(ctx context.Context, courseID, traineeID int64) (*models.Course, *models.Trainee, []*models.Enrolment, error) {
	course, err := s.store.FindCourseByID(ctx, courseID)
	if err != nil {
		return nil, nil, nil, err
	}
	trainee, err := s.store.FindTraineeByID(ctx, traineeID)
	if err != nil {
		return nil, nil, nil, err
	}
	es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID})
	if err != nil {
		return nil, nil, nil, err
	}
	return course, trainee, es, nil
}
