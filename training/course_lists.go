package training

import (
	"context"

	"peiyang/models"
)

// What the rosters and sign-in sheets print: a course with the trainees
// holding a place, and one session's or all sessions' sign-in sheets.

// CourseList is a course with the trainees holding a place on it, for the
// roster (花名册).
type CourseList struct {
	Course *models.Course
	Cohort *models.Cohort // nil when the course belongs to no cohort
	// Trainees hold a place: enrolled, completed or not completed.
	Trainees []*models.Trainee
}

// SessionList is one session with its course, instructor and the
// trainees expected, for the sign-in sheet (签到表).
type SessionList struct {
	Session    *models.Session
	Course     *models.Course
	Instructor *models.Instructor // nil when none is set
	Trainees   []*models.Trainee  // holding a place on the course
}

// CourseList gathers the course and the trainees holding a place on it.
func (s *CourseService) CourseList(ctx context.Context, courseID int64) (*CourseList, error) {
	return read(s.rules, ctx, "course list", func(ctx context.Context) (*CourseList, error) { return s.courseList(ctx, courseID) })
}

func (s *rules) courseList(ctx context.Context, courseID int64) (*CourseList, error) {
	c, err := s.store.FindCourseByID(ctx, courseID)
	if err != nil {
		return nil, err
	}
	l := &CourseList{Course: c}
	if c.CohortID != 0 {
		if l.Cohort, err = s.store.FindCohortByID(ctx, c.CohortID); err != nil {
			return nil, err
		}
	}
	if l.Trainees, err = s.placeHolderTrainees(ctx, courseID); err != nil {
		return nil, err
	}
	return l, nil
}

// SessionList gathers one session's sign-in sheet.
func (s *CourseService) SessionList(ctx context.Context, sessionID int64) (*SessionList, error) {
	return read(s.rules, ctx, "session list", func(ctx context.Context) (*SessionList, error) { return s.sessionList(ctx, sessionID) })
}

func (s *rules) sessionList(ctx context.Context, sessionID int64) (*SessionList, error) {
	ses, c, ts, err := s.sessionHolders(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	l := &SessionList{Session: ses, Course: c, Trainees: ts}
	if l.Instructor, err = s.instructorOf(ctx, ses); err != nil {
		return nil, err
	}
	return l, nil
}

// CourseSessionLists gathers the sign-in sheets of all of a course's
// sessions, in order of date and time. A course without sessions is an
// EINVALID error.
func (s *CourseService) CourseSessionLists(ctx context.Context, courseID int64) ([]*SessionList, error) {
	return read(s.rules, ctx, "session lists", func(ctx context.Context) ([]*SessionList, error) { return s.courseSessionLists(ctx, courseID) })
}

func (s *rules) courseSessionLists(ctx context.Context, courseID int64) ([]*SessionList, error) {
	c, err := s.store.FindCourseByID(ctx, courseID)
	if err != nil {
		return nil, err
	}
	sessions, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: courseID})
	if err != nil {
		return nil, err
	}
	if len(sessions) == 0 {
		return nil, invalid("course", "The course {{.Title}} has no sessions yet.", "Title", c.Title)
	}
	ts, err := s.placeHolderTrainees(ctx, courseID)
	if err != nil {
		return nil, err
	}
	out := make([]*SessionList, 0, len(sessions))
	for _, ses := range sessions {
		l := &SessionList{Session: ses, Course: c, Trainees: ts}
		if l.Instructor, err = s.instructorOf(ctx, ses); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// placeHolderTrainees returns the trainees holding a place on the course,
// by ID.
func (s *rules) placeHolderTrainees(ctx context.Context, courseID int64) ([]*models.Trainee, error) {
	ids, err := s.placeHolders(ctx, courseID)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return []*models.Trainee{}, nil
	}
	return s.store.FindTrainees(ctx, models.TraineeFilter{IDs: ids})
}

// traineesByID fetches the trainees with the IDs (duplicates allowed).
func (s *rules) traineesByID(ctx context.Context, ids []int64) (map[int64]*models.Trainee, error) {
	out := map[int64]*models.Trainee{}
	if len(ids) == 0 {
		return out, nil
	}
	ts, err := s.store.FindTrainees(ctx, models.TraineeFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		out[t.ID] = t
	}
	return out, nil
}

// instructorOf returns the session's instructor, nil when none is set.
func (s *rules) instructorOf(ctx context.Context, ses *models.Session) (*models.Instructor, error) {
	if ses.InstructorID == 0 {
		return nil, nil
	}
	return s.store.FindInstructorByID(ctx, ses.InstructorID)
}

// sessionHolders reads a session, its course and the trainees holding a
// place on it.
func (s *rules) sessionHolders(ctx context.Context, sessionID int64) (*models.Session, *models.Course, []*models.Trainee, error) {
	ses, err := s.store.FindSessionByID(ctx, sessionID)
	if err != nil {
		return nil, nil, nil, err
	}
	c, err := s.store.FindCourseByID(ctx, ses.CourseID)
	if err != nil {
		return nil, nil, nil, err
	}
	ts, err := s.placeHolderTrainees(ctx, c.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	return ses, c, ts, nil
}
