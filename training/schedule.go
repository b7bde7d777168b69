package training

import (
	"fmt"
	"sort"
	"strings"

	"peiyang/models"
)

// The schedule's rules: a session lies in its course's dates and clashes
// with no other over venue, instructor or trainee.

// ConflictKind says what two overlapping sessions clash over.
type ConflictKind string

const (
	ConflictVenue      ConflictKind = "venue"      // both use the same room
	ConflictInstructor ConflictKind = "instructor" // both are taught by the same instructor
	ConflictTrainee    ConflictKind = "trainee"    // a trainee is due at both
)

// Conflict is one clash between a session and another one. Message is an
// English template that doubles as the translation key, filled from Data;
// String renders it.
type Conflict struct {
	Kind      ConflictKind
	Session   *models.Session // the session being checked
	Other     *models.Session // the session it clashes with
	TraineeID int64           // the trainee due at both, for ConflictTrainee
	Message   string
	Data      map[string]any
}

// String renders the conflict's message.
func (c Conflict) String() string { return models.Render(c.Message, c.Data) }

// Err returns the conflict as an ECONFLICT domain error.
func (c Conflict) Err() *models.Error {
	return &models.Error{Code: models.ECONFLICT, Message: c.Message, Data: c.Data}
}

// ConflictError refuses a change that clashes with the schedule. It lists
// every conflict; errors.As finds it, and it unwraps to an ECONFLICT
// *models.Error so models.ErrorCode reports ECONFLICT.
type ConflictError struct {
	Conflicts []Conflict
}

// Error joins the conflicts' messages.
func (e *ConflictError) Error() string {
	parts := make([]string, len(e.Conflicts))
	for i, c := range e.Conflicts {
		parts[i] = c.String()
	}
	return e.Unwrap().Error() + " " + strings.Join(parts, " ")
}

// Unwrap returns the summary domain error.
func (e *ConflictError) Unwrap() error {
	return models.Errorf(models.ECONFLICT, "", "The schedule has {{.N}} conflict(s).", "N", len(e.Conflicts))
}

// conflictErr returns nil for no conflicts and a *ConflictError otherwise.
func conflictErr(cs []Conflict) error {
	if len(cs) == 0 {
		return nil
	}
	return &ConflictError{Conflicts: cs}
}

// Schedule is what the conflict checks need to know beyond the sessions
// themselves. Missing entries make the checks fall back to IDs in messages.
type Schedule struct {
	Courses     map[int64]*models.Course // the courses of every session involved: titles and default venues
	Places      map[int64][]int64        // course ID → trainees holding a place on it
	Trainees    map[int64]string         // trainee ID → name
	Instructors map[int64]string         // instructor ID → name
}

// with returns a copy of sc whose Courses also holds course.
func (sc Schedule) with(course *models.Course) Schedule {
	if course == nil {
		return sc
	}
	m := make(map[int64]*models.Course, len(sc.Courses)+1)
	for id, c := range sc.Courses {
		m[id] = c
	}
	if m[course.ID] == nil {
		m[course.ID] = course
	}
	sc.Courses = m
	return sc
}

func (sc Schedule) courseTitle(id int64) string {
	if c := sc.Courses[id]; c != nil && c.Title != "" {
		return c.Title
	}
	return fmt.Sprintf("course no. %d", id)
}

// venueOf returns the session's venue, or its course's default venue.
func (sc Schedule) venueOf(s *models.Session) string {
	v := models.CleanText(s.Venue)
	if v == "" {
		if c := sc.Courses[s.CourseID]; c != nil {
			v = models.CleanText(c.Venue)
		}
	}
	return v
}

func (sc Schedule) traineeName(id int64) string {
	if n := sc.Trainees[id]; n != "" {
		return n
	}
	return fmt.Sprintf("trainee no. %d", id)
}

func (sc Schedule) instructorName(id int64) string {
	if n := sc.Instructors[id]; n != "" {
		return n
	}
	return fmt.Sprintf("instructor no. %d", id)
}

// ValidateSession checks a session's own fields and that it lies inside
// its course's dates.
func ValidateSession(course *models.Course, s *models.Session) error {
	var l models.ErrorList
	if err := s.Validate(); err != nil {
		l = append(l, err.(models.ErrorList)...)
	}
	if course != nil && s.CourseID != 0 && s.CourseID != course.ID {
		l.Add("course_id", "The session belongs to another course.")
	}
	if course != nil && !s.Date.IsZero() && (s.Date.Before(course.StartDate) || s.Date.After(course.EndDate)) {
		l.Add("date", "The session's date {{.Date}} lies outside the course's dates, {{.Start}} to {{.End}}.",
			"Date", s.Date.String(), "Start", course.StartDate.String(), "End", course.EndDate.String())
	}
	return l.Err()
}

// CheckSession lists every conflict of session s of course with the other
// sessions: the same venue (the session's own, or else its course's
// default; an empty venue clashes with nothing), the same instructor, or a
// trainee holding a place on both courses (sessions of the same course do
// not clash over trainees). Sessions clash only when they share a minute of
// the same day: one that ends when the other starts does not. Another
// session with s's own ID (s's stored version) is skipped. The conflicts
// come in the order of the other sessions' dates and times.
func CheckSession(course *models.Course, s *models.Session, others []*models.Session, sc Schedule) []Conflict {
	sc = sc.with(course)
	sorted := append([]*models.Session(nil), others...)
	sortSessions(sorted)
	venue := sc.venueOf(s)
	var out []Conflict
	for _, o := range sorted {
		if (s.ID != 0 && o.ID == s.ID) || !s.Overlaps(o) {
			continue
		}
		if venue != "" && strings.EqualFold(venue, sc.venueOf(o)) {
			out = append(out, sc.conflict(ConflictVenue, s, o, 0,
				"{{.Course}} on {{.Date}} {{.Start}}–{{.End}} clashes with {{.OtherCourse}} on {{.OtherDate}} {{.OtherStart}}–{{.OtherEnd}}: both use the venue {{.Venue}}.",
				"Venue", venue))
		}
		if s.InstructorID != 0 && s.InstructorID == o.InstructorID {
			out = append(out, sc.conflict(ConflictInstructor, s, o, 0,
				"{{.Course}} on {{.Date}} {{.Start}}–{{.End}} clashes with {{.OtherCourse}} on {{.OtherDate}} {{.OtherStart}}–{{.OtherEnd}}: both are taught by {{.Instructor}}.",
				"Instructor", sc.instructorName(s.InstructorID)))
		}
		if o.CourseID != s.CourseID {
			for _, id := range commonTrainees(sc.Places[s.CourseID], sc.Places[o.CourseID]) {
				out = append(out, sc.conflict(ConflictTrainee, s, o, id,
					"{{.Course}} on {{.Date}} {{.Start}}–{{.End}} clashes with {{.OtherCourse}} on {{.OtherDate}} {{.OtherStart}}–{{.OtherEnd}}: {{.Trainee}} holds a place on both courses.",
					"Trainee", sc.traineeName(id)))
			}
		}
	}
	return out
}

// CheckEnrolment lists the clashes of enrolling a trainee on course: every
// pair of a session of the course and an overlapping session of another
// course the trainee holds (or waits for) a place on. theirs holds the
// sessions of those other courses; sessions of course itself among them
// are skipped.
func CheckEnrolment(course *models.Course, sessions []*models.Session, traineeID int64, theirs []*models.Session, sc Schedule) []Conflict {
	sc = sc.with(course)
	mine := append([]*models.Session(nil), sessions...)
	sortSessions(mine)
	other := append([]*models.Session(nil), theirs...)
	sortSessions(other)
	var out []Conflict
	for _, s := range mine {
		for _, o := range other {
			if o.CourseID == course.ID || !s.Overlaps(o) {
				continue
			}
			out = append(out, sc.conflict(ConflictTrainee, s, o, traineeID,
				"{{.Course}} on {{.Date}} {{.Start}}–{{.End}} clashes with {{.OtherCourse}} on {{.OtherDate}} {{.OtherStart}}–{{.OtherEnd}}, which {{.Trainee}} is also enrolled on.",
				"Trainee", sc.traineeName(traineeID)))
		}
	}
	return out
}

// conflict builds a Conflict whose data names both sessions.
func (sc Schedule) conflict(kind ConflictKind, s, o *models.Session, traineeID int64, msg string, data ...any) Conflict {
	d := map[string]any{
		"Course": sc.courseTitle(s.CourseID), "Date": s.Date.String(), "Start": s.Start.String(), "End": s.End.String(),
		"OtherCourse": sc.courseTitle(o.CourseID), "OtherDate": o.Date.String(), "OtherStart": o.Start.String(), "OtherEnd": o.End.String(),
	}
	for i := 0; i+1 < len(data); i += 2 {
		d[fmt.Sprint(data[i])] = data[i+1]
	}
	return Conflict{Kind: kind, Session: s, Other: o, TraineeID: traineeID, Message: msg, Data: d}
}

// commonTrainees returns the IDs in both lists, sorted.
func commonTrainees(a, b []int64) []int64 {
	in := make(map[int64]bool, len(a))
	for _, id := range a {
		in[id] = true
	}
	var out []int64
	seen := map[int64]bool{}
	for _, id := range b {
		if in[id] && !seen[id] {
			out = append(out, id)
			seen[id] = true
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// sortSessions orders sessions by date, start time and ID.
func sortSessions(ss []*models.Session) {
	sort.SliceStable(ss, func(i, j int) bool {
		a, b := ss[i], ss[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.ID < b.ID
	})
}
