package training

import (
	"context"
	"sort"
	"strings"

	"peiyang/models"
	"peiyang/pinyin"
)

// Sessions: scheduling under the rules, the sessions of a period, the
// schedule's conflicts, and the venues and instructors to choose from.

// ScheduleConflicts checks every session from one day to another
// (inclusive) against the other sessions of its day, as CheckSession does
// for a new one: the same venue, the same instructor, or a trainee holding
// a place on both courses. It returns the conflicts of each session that
// has any, by session ID; a clash between two sessions appears under both.
func (s *CourseService) ScheduleConflicts(ctx context.Context, from, to models.Date) (map[int64][]Conflict, error) {
	return read(s.rules, ctx, "schedule conflicts", func(ctx context.Context) (map[int64][]Conflict, error) { return s.scheduleConflicts(ctx, from, to) })
}

func (s *rules) scheduleConflicts(ctx context.Context, from, to models.Date) (map[int64][]Conflict, error) {
	ss, err := s.store.FindSessions(ctx, models.SessionFilter{From: from, To: to})
	if err != nil {
		return nil, err
	}
	sc := Schedule{Courses: map[int64]*models.Course{}, Places: map[int64][]int64{}, Trainees: map[int64]string{}, Instructors: map[int64]string{}}
	byDay := map[models.Date][]*models.Session{}
	for _, ses := range ss {
		byDay[ses.Date] = append(byDay[ses.Date], ses)
		if sc.Courses[ses.CourseID] == nil {
			c, err := s.store.FindCourseByID(ctx, ses.CourseID)
			if err != nil {
				return nil, err
			}
			sc.Courses[c.ID] = c
			if sc.Places[c.ID], err = s.placeHolders(ctx, c.ID); err != nil {
				return nil, err
			}
		}
		if id := ses.InstructorID; id != 0 && sc.Instructors[id] == "" {
			in, err := s.store.FindInstructorByID(ctx, id)
			if err != nil && !models.IsNotFound(err) {
				return nil, err
			}
			if in != nil {
				sc.Instructors[id] = in.Name
			}
		}
	}
	// Name the trainees who hold a place on two of the courses.
	courses := map[int64]int{}
	var twice []int64
	for _, ids := range sc.Places {
		for _, id := range ids {
			if courses[id]++; courses[id] == 2 {
				twice = append(twice, id)
			}
		}
	}
	if err := s.traineeNames(ctx, twice, sc.Trainees); err != nil {
		return nil, err
	}
	out := map[int64][]Conflict{}
	for _, day := range byDay {
		if len(day) < 2 {
			continue
		}
		for _, ses := range day {
			if cs := CheckSession(sc.Courses[ses.CourseID], ses, day, sc); len(cs) > 0 {
				out[ses.ID] = cs
			}
		}
	}
	return out, nil
}

// FindVenues lists the venues of the sessions and the courses' default
// venues, each once (the same letters in any case count as one), in
// pinyin order.
func (s *CourseService) FindVenues(ctx context.Context) ([]string, error) {
	return read(s.rules, ctx, "venues", func(ctx context.Context) ([]string, error) { return s.venues(ctx) })
}

func (s *rules) venues(ctx context.Context) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(v string) {
		v = models.CleanText(v)
		k := strings.ToLower(v)
		if v != "" && !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	cs, err := s.store.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		add(c.Venue)
	}
	ss, err := s.store.FindSessions(ctx, models.SessionFilter{})
	if err != nil {
		return nil, err
	}
	for _, ses := range ss {
		add(ses.Venue)
	}
	keys := make(map[string]string, len(out))
	for _, v := range out {
		keys[v] = pinyin.SortKey(v)
	}
	sort.SliceStable(out, func(i, j int) bool { return keys[out[i]] < keys[out[j]] })
	return out, nil
}

// FindInstructorByID returns one instructor, or ENOTFOUND.
func (s *CourseService) FindInstructorByID(ctx context.Context, id int64) (*models.Instructor, error) {
	i, err := s.store.FindInstructorByID(ctx, id)
	return i, wrap("find instructor", err)
}

// FindInstructors lists the instructors the filter selects, by ID.
func (s *CourseService) FindInstructors(ctx context.Context, f models.InstructorFilter) ([]*models.Instructor, error) {
	is, err := s.store.FindInstructors(ctx, f)
	return is, wrap("find instructors", err)
}

// FindSessions lists the sessions the filter selects, by date and time.
func (s *CourseService) FindSessions(ctx context.Context, f models.SessionFilter) ([]*models.Session, error) {
	ss, err := s.store.FindSessions(ctx, f)
	return ss, wrap("find sessions", err)
}

// WeekOf returns the Monday and Sunday of the week the day falls in.
func WeekOf(d models.Date) (models.Date, models.Date) {
	back := (int(d.Time().Weekday()) + 6) % 7 // days since Monday
	monday := d.AddDays(-back)
	return monday, monday.AddDays(6)
}

// SessionItem is a session with its course and instructor, for lists.
type SessionItem struct {
	Session    *models.Session
	Course     *models.Course
	Instructor *models.Instructor // nil when none is set
}

// SessionsBetween lists the sessions from one day to another (inclusive),
// by date and time, at most limit of them (0: no limit), each with its
// course and instructor.
func (s *CourseService) SessionsBetween(ctx context.Context, from, to models.Date, limit int) ([]SessionItem, error) {
	return read(s.rules, ctx, "sessions between", func(ctx context.Context) ([]SessionItem, error) { return s.sessionsBetween(ctx, from, to, limit) })
}

func (s *rules) sessionsBetween(ctx context.Context, from, to models.Date, limit int) ([]SessionItem, error) {
	ss, err := s.store.FindSessions(ctx, models.SessionFilter{From: from, To: to, Page: models.Page{Limit: limit}})
	if err != nil {
		return nil, err
	}
	courses := map[int64]*models.Course{}
	instructors := map[int64]*models.Instructor{}
	out := make([]SessionItem, 0, len(ss))
	for _, ses := range ss {
		c := courses[ses.CourseID]
		if c == nil {
			if c, err = s.store.FindCourseByID(ctx, ses.CourseID); err != nil {
				return nil, err
			}
			courses[c.ID] = c
		}
		item := SessionItem{Session: ses, Course: c}
		if id := ses.InstructorID; id != 0 {
			if instructors[id] == nil {
				if instructors[id], err = s.store.FindInstructorByID(ctx, id); err != nil {
					return nil, err
				}
			}
			item.Instructor = instructors[id]
		}
		out = append(out, item)
	}
	return out, nil
}

// CreateSession schedules a session. It must lie inside its course's dates
// and end after it starts (EINVALID), and must not clash with another
// session over the venue, the instructor or a trainee (ECONFLICT, a
// *ConflictError listing every clash). A session without a venue takes its
// course's default venue.
func (s *CourseService) CreateSession(ctx context.Context, sess *models.Session) error {
	return s.update(ctx, "create session", func(ctx context.Context) error {
		if err := s.checkSession(ctx, sess); err != nil {
			return err
		}
		return s.store.CreateSession(ctx, sess)
	})
}

// UpdateSession reschedules a session under the same rules as
// CreateSession.
func (s *CourseService) UpdateSession(ctx context.Context, sess *models.Session) error {
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
func (s *CourseService) CheckSessionConflicts(ctx context.Context, sess *models.Session) ([]Conflict, error) {
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

func (s *rules) checkSession(ctx context.Context, sess *models.Session) error {
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
func (s *rules) sessionConflicts(ctx context.Context, course *models.Course, sess *models.Session) ([]Conflict, error) {
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
func (s *rules) placeHolders(ctx context.Context, courseID int64) ([]int64, error) {
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
func (s *rules) traineeNames(ctx context.Context, ids []int64, names map[int64]string) error {
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
