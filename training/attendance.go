package training

import (
	"context"
	"math"

	"peiyang/models"
)

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
func (s *Service) RecordAttendance(ctx context.Context, sessionID, traineeID int64, status models.AttendanceStatus) error {
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
func (s *Service) RecordScore(ctx context.Context, courseID, traineeID int64, score float64) error {
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
func (s *Service) placeOf(ctx context.Context, courseID, traineeID int64) (*models.Course, *models.Trainee, *models.Enrolment, error) {
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
