package training

import (
	"context"
	"sort"

	"peiyang/models"
)

// Courses: creating and changing a course under the rules, the course list
// with its counts, and the courses that need attention.

// CreateCourse validates and stores a new course. Its cohort, when set,
// must exist.
func (s *CourseService) CreateCourse(ctx context.Context, c *models.Course) error {
	return s.update(ctx, "create course", func(ctx context.Context) error {
		if err := s.checkCourse(ctx, c); err != nil {
			return err
		}
		return s.store.CreateCourse(ctx, c)
	})
}

// UpdateCourse changes a course under the rules of CreateCourse, and
// more: its capacity cannot fall below the places already held, its dates
// must still hold all its sessions, and when the capacity grows while the
// course takes enrolments, trainees on the waiting list move up into the
// new places, first in line first, in the same transaction.
func (s *CourseService) UpdateCourse(ctx context.Context, c *models.Course) error {
	return s.update(ctx, "update course", func(ctx context.Context) error {
		if _, err := s.store.FindCourseByID(ctx, c.ID); err != nil {
			return err
		}
		if err := s.checkCourse(ctx, c); err != nil {
			return err
		}
		es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: c.ID})
		if err != nil {
			return err
		}
		var l models.ErrorList
		if held := PlacesHeld(es); c.Capacity < held {
			l.Add("capacity", "{{.N}} trainees already hold a place on the course; the capacity cannot be less.", "N", held)
		}
		sessions, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: c.ID})
		if err != nil {
			return err
		}
		if len(sessions) > 0 {
			first, last := sessions[0].Date, sessions[0].Date
			for _, ses := range sessions {
				if ses.Date.Before(first) {
					first = ses.Date
				}
				if ses.Date.After(last) {
					last = ses.Date
				}
			}
			if first.Before(c.StartDate) {
				l.Add("start_date", "The course has a session on {{.Date}}, before this start date.", "Date", first.String())
			}
			if last.After(c.EndDate) {
				l.Add("end_date", "The course has a session on {{.Date}}, after this end date.", "Date", last.String())
			}
		}
		if err := l.Err(); err != nil {
			return err
		}
		if err := s.store.UpdateCourse(ctx, c); err != nil {
			return err
		}
		return s.saveEnrolments(ctx, FillPlaces(c, es))
	})
}

// checkCourse validates the course's fields and its cohort.
func (s *rules) checkCourse(ctx context.Context, c *models.Course) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.CohortID != 0 {
		if _, err := s.store.FindCohortByID(ctx, c.CohortID); err != nil {
			return refNotFound(err, "cohort_id", "The cohort no. {{.ID}} does not exist.", "ID", c.CohortID)
		}
	}
	return nil
}

// FindCourseByID returns one course, or ENOTFOUND.
func (s *CourseService) FindCourseByID(ctx context.Context, id int64) (*models.Course, error) {
	c, err := s.store.FindCourseByID(ctx, id)
	return c, wrap("find course", err)
}

// CourseSummary is a course with its counts, for the course list.
type CourseSummary struct {
	Course   *models.Course
	Places   int     // places held: enrolled, completed, not completed
	Waiting  int     // trainees on the waiting list
	Sessions int     // sessions scheduled
	Hours    float64 // class hours of the sessions scheduled
}

// CourseSummaries lists the courses the filter selects, each with its
// counts, latest start first (then by ID, newest first).
func (s *CourseService) CourseSummaries(ctx context.Context, f models.CourseFilter) ([]CourseSummary, error) {
	return read(s.rules, ctx, "course summaries", func(ctx context.Context) ([]CourseSummary, error) { return s.courseSummaries(ctx, f) })
}

func (s *rules) courseSummaries(ctx context.Context, f models.CourseFilter) ([]CourseSummary, error) {
	courses, err := s.store.FindCourses(ctx, f)
	if err != nil {
		return nil, err
	}
	index := make(map[int64]int, len(courses))
	out := make([]CourseSummary, len(courses))
	for i, c := range courses {
		index[c.ID] = i
		out[i].Course = c
	}
	if len(courses) > 0 {
		es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			i, ok := index[e.CourseID]
			if !ok {
				continue
			}
			switch {
			case e.Status.HoldsPlace():
				out[i].Places++
			case e.Status == models.Waitlisted:
				out[i].Waiting++
			}
		}
		ss, err := s.store.FindSessions(ctx, models.SessionFilter{})
		if err != nil {
			return nil, err
		}
		for _, ses := range ss {
			if i, ok := index[ses.CourseID]; ok {
				out[i].Sessions++
				out[i].Hours += ses.Hours
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Course, out[j].Course
		if !a.StartDate.Equal(b.StartDate) {
			return a.StartDate.After(b.StartDate)
		}
		return a.ID > b.ID
	})
	return out, nil
}

// FindCourses lists the courses the filter selects, by ID.
func (s *CourseService) FindCourses(ctx context.Context, f models.CourseFilter) ([]*models.Course, error) {
	cs, err := s.store.FindCourses(ctx, f)
	return cs, wrap("find courses", err)
}

// CourseAttention is what needs doing on one course: it is full, or
// trainees wait for a place (both only while it takes enrolments),
// sessions were held without any sign-in recorded, or the course has ended
// with completions not yet decided.
type CourseAttention struct {
	Course       *models.Course
	Places       int // places held (enrolled, completed, not completed)
	Waiting      int // trainees on the waiting list
	Full         bool
	NoAttendance int // sessions held by today with no sign-in recorded
	Undecided    int // trainees still enrolled on a course that has ended
}

// NeedsAttention reports whether anything is to be done.
func (a CourseAttention) NeedsAttention() bool {
	return a.Full || a.Waiting > 0 || a.NoAttendance > 0 || a.Undecided > 0
}

// CoursesNeedingAttention lists the courses, cancelled ones aside, that
// are full or have a waiting list while they take enrolments, have
// sessions held without attendance taken, or have ended with completions
// undecided; by start date, then ID.
// Attendance is checked only on courses with trainees still enrolled (once
// every completion is decided, missing sign-ins no longer matter).
func (s *CourseService) CoursesNeedingAttention(ctx context.Context) ([]CourseAttention, error) {
	return read(s.rules, ctx, "courses needing attention", func(ctx context.Context) ([]CourseAttention, error) { return s.coursesNeedingAttention(ctx) })
}

func (s *rules) coursesNeedingAttention(ctx context.Context) ([]CourseAttention, error) {
	today := s.today()
	courses, err := s.store.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		return nil, err
	}
	// Every course's enrolments in one read, not one read a course: on a
	// server each read is a round trip.
	all, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{})
	if err != nil {
		return nil, err
	}
	byCourse := map[int64][]*models.Enrolment{}
	for _, e := range all {
		byCourse[e.CourseID] = append(byCourse[e.CourseID], e)
	}
	var out []CourseAttention
	for _, c := range courses {
		if c.Status == models.CourseCancelled {
			continue
		}
		es := byCourse[c.ID]
		a := CourseAttention{Course: c, Places: PlacesHeld(es)}
		if AcceptsEnrolment(c) { // a finished course's waiting list is moot
			a.Waiting = len(WaitingList(es))
			a.Full = a.Places >= c.Capacity
		}
		enrolled := 0
		for _, e := range es {
			if e.Status == models.Enrolled {
				enrolled++
			}
		}
		ended := c.Status == models.CourseFinished || (!c.EndDate.IsZero() && c.EndDate.Before(today))
		if ended {
			a.Undecided = enrolled
		}
		if enrolled > 0 && !c.StartDate.After(today) {
			if a.NoAttendance, err = s.sessionsWithoutAttendance(ctx, c.ID, today); err != nil {
				return nil, err
			}
		}
		if a.NeedsAttention() {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ci, cj := out[i].Course, out[j].Course
		if !ci.StartDate.Equal(cj.StartDate) {
			return ci.StartDate.Before(cj.StartDate)
		}
		return ci.ID < cj.ID
	})
	return out, nil
}

// sessionsWithoutAttendance counts the course's sessions held by today
// with no sign-in recorded.
func (s *rules) sessionsWithoutAttendance(ctx context.Context, courseID int64, today models.Date) (int, error) {
	ss, err := s.store.FindSessions(ctx, models.SessionFilter{CourseID: courseID, To: today})
	if err != nil || len(ss) == 0 {
		return 0, err
	}
	att, err := s.store.FindAttendance(ctx, models.AttendanceFilter{CourseID: courseID})
	if err != nil {
		return 0, err
	}
	taken := make(map[int64]bool, len(ss))
	for _, a := range att {
		taken[a.SessionID] = true
	}
	n := 0
	for _, ses := range ss {
		if !taken[ses.ID] {
			n++
		}
	}
	return n, nil
}
