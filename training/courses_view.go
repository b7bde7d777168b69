package training

import (
	"context"
	"sort"
	"strings"

	"peiyang/models"
	"peiyang/pinyin"
)

// Courses for the window: creating and changing a course under the rules,
// and the reads the course and schedule screens need (course summaries,
// a course's enrolments, one session's sign-ins, the schedule's conflicts
// over a period, the venues and instructors to choose from, and the
// certificates a course has issued).

// CreateCourse validates and stores a new course. Its cohort, when set,
// must exist.
func (s *Service) CreateCourse(ctx context.Context, c *models.Course) error {
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
func (s *Service) UpdateCourse(ctx context.Context, c *models.Course) error {
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
func (s *Service) checkCourse(ctx context.Context, c *models.Course) error {
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
func (s *Service) FindCourseByID(ctx context.Context, id int64) (*models.Course, error) {
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
func (s *Service) CourseSummaries(ctx context.Context, f models.CourseFilter) ([]CourseSummary, error) {
	return read(s, ctx, "course summaries", func(ctx context.Context) ([]CourseSummary, error) { return s.courseSummaries(ctx, f) })
}

func (s *Service) courseSummaries(ctx context.Context, f models.CourseFilter) ([]CourseSummary, error) {
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

// EnrolmentRow is one enrolment with its trainee.
type EnrolmentRow struct {
	Enrolment *models.Enrolment
	Trainee   *models.Trainee
}

// CourseEnrolments lists every enrolment on the course with its trainee:
// those holding a place in pinyin order of their names (the order of the
// roster and the sign-in sheets), then the waiting list by position, then
// those who withdrew, in pinyin order.
func (s *Service) CourseEnrolments(ctx context.Context, courseID int64) ([]EnrolmentRow, error) {
	return read(s, ctx, "course enrolments", func(ctx context.Context) ([]EnrolmentRow, error) { return s.courseEnrolments(ctx, courseID) })
}

func (s *Service) courseEnrolments(ctx context.Context, courseID int64) ([]EnrolmentRow, error) {
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
func (s *Service) SessionAttendance(ctx context.Context, sessionID int64) (*SessionSheet, error) {
	return read(s, ctx, "session attendance", func(ctx context.Context) (*SessionSheet, error) { return s.sessionAttendance(ctx, sessionID) })
}

func (s *Service) sessionAttendance(ctx context.Context, sessionID int64) (*SessionSheet, error) {
	ses, err := s.store.FindSessionByID(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	c, err := s.store.FindCourseByID(ctx, ses.CourseID)
	if err != nil {
		return nil, err
	}
	ts, err := s.placeHolderTrainees(ctx, c.ID)
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

// ScheduleConflicts checks every session from one day to another
// (inclusive) against the other sessions of its day, as CheckSession does
// for a new one: the same venue, the same instructor, or a trainee holding
// a place on both courses. It returns the conflicts of each session that
// has any, by session ID; a clash between two sessions appears under both.
func (s *Service) ScheduleConflicts(ctx context.Context, from, to models.Date) (map[int64][]Conflict, error) {
	return read(s, ctx, "schedule conflicts", func(ctx context.Context) (map[int64][]Conflict, error) { return s.scheduleConflicts(ctx, from, to) })
}

func (s *Service) scheduleConflicts(ctx context.Context, from, to models.Date) (map[int64][]Conflict, error) {
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

// Venues lists the venues of the sessions and the courses' default
// venues, each once (the same letters in any case count as one), in
// pinyin order.
func (s *Service) Venues(ctx context.Context) ([]string, error) {
	return read(s, ctx, "venues", func(ctx context.Context) ([]string, error) { return s.venues(ctx) })
}

func (s *Service) venues(ctx context.Context) ([]string, error) {
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

// CertificateCounts counts the course's valid certificates, and the
// trainees who completed it but hold no valid certificate for it yet.
func (s *Service) CertificateCounts(ctx context.Context, courseID int64) (issued, pending int, err error) {
	err = s.view(ctx, "certificate counts", func(ctx context.Context) error {
		issued, pending, err = s.certificateCounts(ctx, courseID)
		return err
	})
	return issued, pending, err
}

func (s *Service) certificateCounts(ctx context.Context, courseID int64) (issued, pending int, err error) {
	certs, err := s.store.FindCertificates(ctx, models.CertificateFilter{CourseID: courseID})
	if err != nil {
		return 0, 0, err
	}
	holds := map[int64]bool{}
	for _, c := range certs {
		if c.Status == models.CertValid {
			issued++
			holds[c.TraineeID] = true
		}
	}
	es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: courseID, Status: models.Completed})
	if err != nil {
		return 0, 0, err
	}
	for _, e := range es {
		if !holds[e.TraineeID] {
			pending++
		}
	}
	return issued, pending, nil
}
