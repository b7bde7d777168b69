package training

import (
	"context"
	"sort"

	"peiyang/models"
	"peiyang/settings"
)

// Read-only queries for screens: trainee search and counts, cohorts and
// organisations for filters and choices, the stages of many trainees at
// once, the sessions of a period, the courses that need attention, and the
// bulk load of a whole dataset into an empty database. The storage they
// need is in the small interfaces below, part of Store.

// TraineeQueries searches and counts trainees.
type TraineeQueries interface {
	// SearchTrainees finds trainees by any part of the name, its pinyin or
	// initials, or any part of the ID or phone number, best matches first.
	SearchTrainees(ctx context.Context, query string, limit int) ([]*models.Trainee, error)
	// CountTrainees counts the trainees the filter selects, paging aside.
	CountTrainees(ctx context.Context, f models.TraineeFilter) (int, error)
}

// CohortQueries lists cohorts.
type CohortQueries interface {
	FindCohorts(ctx context.Context, f models.CohortFilter) ([]*models.Cohort, error)
}

// DatasetLoader fills an empty database in one go.
type DatasetLoader interface {
	// IsEmpty reports whether the database holds no records.
	IsEmpty(ctx context.Context) (bool, error)
	// LoadDataset writes a whole dataset in one transaction.
	LoadDataset(ctx context.Context, ds *models.Dataset) error
}

// SearchTrainees finds trainees by a name substring, pinyin, initials, or
// an ID number or phone fragment; at most limit of them, best first.
func (s *Service) SearchTrainees(ctx context.Context, query string, limit int) ([]*models.Trainee, error) {
	ts, err := s.store.SearchTrainees(ctx, query, limit)
	return ts, wrap("search trainees", err)
}

// CountTrainees counts the trainees the filter selects.
func (s *Service) CountTrainees(ctx context.Context, f models.TraineeFilter) (int, error) {
	n, err := s.store.CountTrainees(ctx, f)
	return n, wrap("count trainees", err)
}

// FindTrainees returns the trainees the filter selects, by ID; page with
// the filter's AfterID and Limit.
func (s *Service) FindTrainees(ctx context.Context, f models.TraineeFilter) ([]*models.Trainee, error) {
	ts, err := s.store.FindTrainees(ctx, f)
	return ts, wrap("find trainees", err)
}

// FindTraineeByID returns one trainee, or ENOTFOUND.
func (s *Service) FindTraineeByID(ctx context.Context, id int64) (*models.Trainee, error) {
	t, err := s.store.FindTraineeByID(ctx, id)
	return t, wrap("find trainee", err)
}

// FindCohorts lists the cohorts the filter selects, by ID.
func (s *Service) FindCohorts(ctx context.Context, f models.CohortFilter) ([]*models.Cohort, error) {
	cs, err := s.store.FindCohorts(ctx, f)
	return cs, wrap("find cohorts", err)
}

// FindOrganisations lists the organisations the filter selects, by ID.
func (s *Service) FindOrganisations(ctx context.Context, f models.OrganisationFilter) ([]*models.Organisation, error) {
	orgs, err := s.store.FindOrganisations(ctx, f)
	return orgs, wrap("find organisations", err)
}

// FindCourses lists the courses the filter selects, by ID.
func (s *Service) FindCourses(ctx context.Context, f models.CourseFilter) ([]*models.Course, error) {
	cs, err := s.store.FindCourses(ctx, f)
	return cs, wrap("find courses", err)
}

// FindSessions lists the sessions the filter selects, by date and time.
func (s *Service) FindSessions(ctx context.Context, f models.SessionFilter) ([]*models.Session, error) {
	ss, err := s.store.FindSessions(ctx, f)
	return ss, wrap("find sessions", err)
}

// Stages returns the pipeline stage of every trainee the filter selects
// (paging aside), by trainee ID.
func (s *Service) Stages(ctx context.Context, f models.TraineeFilter) (map[int64]models.Stage, error) {
	facts, err := s.store.FindStageFacts(ctx, f)
	if err != nil {
		return nil, wrap("stages", err)
	}
	out := make(map[int64]models.Stage, len(facts))
	for _, fa := range facts {
		out[fa.TraineeID] = StageOf(fa)
	}
	return out, nil
}

// Today is the service clock's calendar day.
func (s *Service) Today() models.Date { return s.today() }

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
func (s *Service) SessionsBetween(ctx context.Context, from, to models.Date, limit int) ([]SessionItem, error) {
	return read(s, ctx, "sessions between", func(ctx context.Context) ([]SessionItem, error) { return s.sessionsBetween(ctx, from, to, limit) })
}

func (s *Service) sessionsBetween(ctx context.Context, from, to models.Date, limit int) ([]SessionItem, error) {
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
func (s *Service) CoursesNeedingAttention(ctx context.Context) ([]CourseAttention, error) {
	return read(s, ctx, "courses needing attention", func(ctx context.Context) ([]CourseAttention, error) { return s.coursesNeedingAttention(ctx) })
}

func (s *Service) coursesNeedingAttention(ctx context.Context) ([]CourseAttention, error) {
	today := s.today()
	courses, err := s.store.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		return nil, err
	}
	var out []CourseAttention
	for _, c := range courses {
		if c.Status == models.CourseCancelled {
			continue
		}
		es, err := s.store.FindEnrolments(ctx, models.EnrolmentFilter{CourseID: c.ID})
		if err != nil {
			return nil, err
		}
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
func (s *Service) sessionsWithoutAttendance(ctx context.Context, courseID int64, today models.Date) (int, error) {
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

// IsEmpty reports whether the database holds no records yet.
func (s *Service) IsEmpty(ctx context.Context) (bool, error) {
	empty, err := s.store.IsEmpty(ctx)
	return empty, wrap("is empty", err)
}

// LoadDataset writes a whole dataset (such as demo data) into an empty
// database, in one transaction; a database that holds data already is
// refused with ECONFLICT.
func (s *Service) LoadDataset(ctx context.Context, ds *models.Dataset) error {
	empty, err := s.store.IsEmpty(ctx)
	if err != nil {
		return wrap("load dataset", err)
	}
	if !empty {
		return wrap("load dataset", conflict("", "The database already holds data; demo data goes only into an empty database."))
	}
	for k, v := range ds.Settings {
		if err := settings.Check(k, v, s.settingContext()); err != nil {
			return wrap("load dataset", err)
		}
	}
	return wrap("load dataset", s.store.LoadDataset(ctx, ds))
}
