package training

import (
	"context"

	"peiyang/models"
)

// CreateSession schedules a session. It must lie inside its course's dates
// and end after it starts (EINVALID), and must not clash with another
// session over the venue, the instructor or a trainee (ECONFLICT, a
// *ConflictError listing every clash). A session without a venue takes its
// course's default venue.
func (s *Service) CreateSession(ctx context.Context, sess *models.Session) error {
	return s.update(ctx, "create session", func(ctx context.Context) error {
		if err := s.checkSession(ctx, sess); err != nil {
			return err
		}
		return s.store.CreateSession(ctx, sess)
	})
}

// UpdateSession reschedules a session under the same rules as
// CreateSession.
func (s *Service) UpdateSession(ctx context.Context, sess *models.Session) error {
	return s.update(ctx, "update session", func(ctx context.Context) error {
		if _, err := s.store.FindSessionByID(ctx, sess.ID); err != nil {
			return err
		}
		if err := s.checkSession(ctx, sess); err != nil {
			return err
		}
		return s.store.UpdateSession(ctx, sess)
	})
}

// CheckSessionConflicts reports the clashes the session would have, without
// writing anything, for a form that shows them as they are typed. A session
// whose date or times are not filled in yet has no conflicts.
func (s *Service) CheckSessionConflicts(ctx context.Context, sess *models.Session) ([]Conflict, error) {
	if sess.Date.IsZero() || sess.End <= sess.Start {
		return nil, nil
	}
	course, err := s.store.FindCourseByID(ctx, sess.CourseID)
	if err != nil {
		return nil, wrap("check session conflicts", err)
	}
	cs, err := s.sessionConflicts(ctx, course, sess)
	return cs, wrap("check session conflicts", err)
}

func (s *Service) checkSession(ctx context.Context, sess *models.Session) error {
	course, err := s.store.FindCourseByID(ctx, sess.CourseID)
	if err != nil {
		return refNotFound(err, "course_id", "The course no. {{.ID}} does not exist.", "ID", sess.CourseID)
	}
	if models.CleanText(sess.Venue) == "" {
		sess.Venue = course.Venue
	}
	if err := ValidateSession(course, sess); err != nil {
		return err
	}
	if sess.InstructorID != 0 {
		if _, err := s.store.FindInstructorByID(ctx, sess.InstructorID); err != nil {
			return refNotFound(err, "instructor_id", "The instructor no. {{.ID}} does not exist.", "ID", sess.InstructorID)
		}
	}
	cs, err := s.sessionConflicts(ctx, course, sess)
	if err != nil {
		return err
	}
	return conflictErr(cs)
}

// sessionConflicts gathers the sessions on the same day and what the checks
// need to name them, and runs CheckSession.
func (s *Service) sessionConflicts(ctx context.Context, course *models.Course, sess *models.Session) ([]Conflict, error) {
	others, err := s.store.FindSessions(ctx, models.SessionFilter{From: sess.Date, To: sess.Date})
	if err != nil {
		return nil, err
	}
	sc := Schedule{
		Courses:     map[int64]*models.Course{course.ID: course},
		Places:      map[int64][]int64{},
		Trainees:    map[int64]string{},
		Instructors: map[int64]string{},
	}
	for _, o := range others {
		if _, ok := sc.Courses[o.CourseID]; ok {
			continue
		}
		c, err := s.store.FindCourseByID(ctx, o.CourseID)
		if err != nil {
			return nil, err
		}
		sc.Courses[c.ID] = c
	}
	for id := range sc.Courses {
		ids, err := s.placeHolders(ctx, id)
		if err != nil {
			return nil, err
		}
		sc.Places[id] = ids
	}
	if sess.InstructorID != 0 {
		if in, err := s.store.FindInstructorByID(ctx, sess.InstructorID); err == nil {
			sc.Instructors[in.ID] = in.Name
		} else if !models.IsNotFound(err) {
			return nil, err
		}
	}
	// Name the trainees of this course who also hold a place elsewhere.
	elsewhere := map[int64]bool{}
	for id, ts := range sc.Places {
		if id == course.ID {
			continue
		}
		for _, t := range ts {
			elsewhere[t] = true
		}
	}
	var ids []int64
	for _, t := range sc.Places[course.ID] {
		if elsewhere[t] {
			ids = append(ids, t)
		}
	}
	if err := s.traineeNames(ctx, ids, sc.Trainees); err != nil {
		return nil, err
	}
	return CheckSession(course, sess, others, sc), nil
}

// placeHolders returns the IDs of the trainees holding a place on the
// course.
func (s *Service) placeHolders(ctx context.Context, courseID int64) ([]int64, error) {
	es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, e := range es {
		if e.Status.HoldsPlace() {
			ids = append(ids, e.TraineeID)
		}
	}
	return ids, nil
}

// traineeNames adds the names of the trainees to names.
func (s *Service) traineeNames(ctx context.Context, ids []int64, names map[int64]string) error {
	if len(ids) == 0 {
		return nil
	}
	ts, err := s.store.FindTrainees(ctx, models.TraineeFilter{IDs: ids})
	if err != nil {
		return err
	}
	for _, t := range ts {
		names[t.ID] = t.Name
	}
	return nil
}
