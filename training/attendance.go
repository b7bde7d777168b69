package training

import (
	"context"
	"math"
	"sort"

	"peiyang/models"
	"peiyang/pinyin"
)

// Attendance and scores: sign-ins for the trainees holding a place, and
// one session's sign-in sheet as the window shows it.

// CheckPlaceHolder refuses a trainee without a place on the course: no
// enrolment, or one that is waitlisted or withdrawn.
func CheckPlaceHolder(course *models.Course, trainee *models.Trainee, e *models.Enrolment) error {
	if e == nil || !e.Status.HoldsPlace() {
		return conflict("trainee_id", "{{.Name}} holds no place on {{.Course}}.", "Name", trainee.Name, "Course", course.Title)
	}
	return nil
}

// RecordAttendance records (or corrects) a trainee's sign-in for a
// session. The trainee must hold a place on the session's course, and the
// session must not lie in the future.
func (s *EnrolmentService) RecordAttendance(ctx context.Context, sessionID, traineeID int64, status models.AttendanceStatus) error {
	return s.update(ctx, "record attendance", func(ctx context.Context) error {
		sess, err := s.store.FindSessionByID(ctx, sessionID)
		if err != nil {
			return err
		}
		a := &models.Attendance{SessionID: sessionID, TraineeID: traineeID, Status: status, RecordedAt: s.now()}
		if err := a.Validate(); err != nil {
			return err
		}
		if sess.Date.After(s.today()) {
			return invalid("session_id", "The session on {{.Date}} has not taken place yet.", "Date", sess.Date.String())
		}
		course, trainee, e, err := s.placeOf(ctx, sess.CourseID, traineeID)
		if err != nil {
			return err
		}
		if err := CheckPlaceHolder(course, trainee, e); err != nil {
			return err
		}
		return s.store.SetAttendance(ctx, a)
	})
}

// RecordScore records a trainee's assessment score (0 to 100) on a course
// the trainee holds a place on.
func (s *EnrolmentService) RecordScore(ctx context.Context, courseID, traineeID int64, score float64) error {
	return s.update(ctx, "record score", func(ctx context.Context) error {
		if score < 0 || score > 100 || math.IsNaN(score) {
			return invalid("score", "The score must be between 0 and 100.")
		}
		course, trainee, e, err := s.placeOf(ctx, courseID, traineeID)
		if err != nil {
			return err
		}
		if err := CheckPlaceHolder(course, trainee, e); err != nil {
			return err
		}
		e.Score = &score
		return s.store.UpdateEnrolment(ctx, e)
	})
}

// placeOf reads the course, the trainee and the trainee's enrolment on the
// course (nil if none).
func (s *rules) placeOf(ctx context.Context, courseID, traineeID int64) (*models.Course, *models.Trainee, *models.Enrolment, error) {
	course, err := s.store.FindCourseByID(ctx, courseID)
	if err != nil {
		return nil, nil, nil, err
	}
	trainee, err := s.store.FindTraineeByID(ctx, traineeID)
	if err != nil {
		return nil, nil, nil, err
	}
	e, err := s.store.FindEnrolment(ctx, courseID, traineeID)
	if models.IsNotFound(err) {
		return course, trainee, nil, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return course, trainee, e, nil
}

// SessionSheet is one session's sign-ins: the trainees holding a place on
// its course, in pinyin order of their names, and the status recorded for
// each (missing when none is).
type SessionSheet struct {
	Session  *models.Session
	Course   *models.Course
	Trainees []*models.Trainee
	Status   map[int64]models.AttendanceStatus
	Held     bool // the session's day has come: attendance may be taken
}

// SessionAttendance gathers one session's sign-ins.
func (s *EnrolmentService) SessionAttendance(ctx context.Context, sessionID int64) (*SessionSheet, error) {
	return read(s.rules, ctx, "session attendance", func(ctx context.Context) (*SessionSheet, error) { return s.sessionAttendance(ctx, sessionID) })
}

func (s *rules) sessionAttendance(ctx context.Context, sessionID int64) (*SessionSheet, error) {
	ses, c, ts, err := s.sessionHolders(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	keys := make(map[int64]string, len(ts))
	for _, t := range ts {
		keys[t.ID] = pinyin.SortKey(t.Name)
	}
	sort.SliceStable(ts, func(i, j int) bool {
		if ki, kj := keys[ts[i].ID], keys[ts[j].ID]; ki != kj {
			return ki < kj
		}
		return ts[i].ID < ts[j].ID
	})
	att, err := s.store.FindAttendance(ctx, models.AttendanceFilter{SessionID: sessionID})
	if err != nil {
		return nil, err
	}
	sheet := &SessionSheet{Session: ses, Course: c, Trainees: ts, Status: make(map[int64]models.AttendanceStatus, len(att)),
		Held: !ses.Date.After(s.today())}
	for _, a := range att {
		sheet.Status[a.TraineeID] = a.Status
	}
	return sheet, nil
}

// FindAttendance lists the sign-ins the filter selects.
func (s *EnrolmentService) FindAttendance(ctx context.Context, f models.AttendanceFilter) ([]*models.Attendance, error) {
	as, err := s.store.FindAttendance(ctx, f)
	return as, wrap("find attendance", err)
}
