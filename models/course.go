package models

import (
	"math"
	"time"
)

// CompletionRule says what a trainee must achieve to complete a course.
type CompletionRule struct {
	MinAttendanceRate float64 `json:"min_attendance_rate"` // 0 to 1, share of sessions present or late
	MinHours          float64 `json:"min_hours"`           // class hours earned
	PassScore         float64 `json:"pass_score"`          // 0 means no assessment
	RequirePlacement  bool    `json:"require_placement"`   // a passed shadow-study placement
}

// Course is a themed training course with its sessions.
type Course struct {
	ID            int64          `json:"id"`
	Theme         Theme          `json:"theme"`
	Title         string         `json:"title"`
	CohortID      int64          `json:"cohort_id,omitempty"`
	StartDate     Date           `json:"start_date"`
	EndDate       Date           `json:"end_date"`
	Venue         string         `json:"venue,omitempty"` // default venue of its sessions
	Capacity      int            `json:"capacity"`
	RequiredHours float64        `json:"required_hours"`
	Rule          CompletionRule `json:"rule"`
	Status        CourseStatus   `json:"status"`
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

// Validate checks the course's fields.
func (c *Course) Validate() error {
	var l ErrorList
	c.Title = CleanText(c.Title)
	if c.Title == "" {
		l.Add("title", "The title is required.")
	}
	checkLen(&l, "title", c.Title, MaxName)
	if !oneOf(c.Theme, Themes) {
		l.Add("theme", "Choose the course's theme.")
	}
	if c.StartDate.IsZero() {
		l.Add("start_date", "The start date is required.")
	}
	if c.EndDate.IsZero() {
		l.Add("end_date", "The end date is required.")
	} else if !c.StartDate.IsZero() && c.EndDate.Before(c.StartDate) {
		l.Add("end_date", "The course ends before it starts.")
	}
	if c.Capacity < 1 || c.Capacity > 1000 {
		l.Add("capacity", "The capacity must be between 1 and 1000.")
	}
	if c.RequiredHours < 0 || math.IsNaN(c.RequiredHours) {
		l.Add("required_hours", "The required class hours cannot be negative.")
	}
	r := c.Rule
	if r.MinAttendanceRate < 0 || r.MinAttendanceRate > 1 || math.IsNaN(r.MinAttendanceRate) {
		l.Add("rule.min_attendance_rate", "The minimum attendance rate must be between 0% and 100%.")
	}
	if r.MinHours < 0 || math.IsNaN(r.MinHours) {
		l.Add("rule.min_hours", "The minimum class hours cannot be negative.")
	}
	if r.PassScore < 0 || r.PassScore > 100 || math.IsNaN(r.PassScore) {
		l.Add("rule.pass_score", "The pass score must be between 0 and 100.")
	}
	if c.Status == "" {
		c.Status = CoursePlanned
	}
	if !oneOf(c.Status, CourseStatuses) {
		l.Add("status", "Unknown course status.")
	}
	checkLen(&l, "venue", c.Venue, MaxName)
	return l.Err()
}

// Session is one dated, timed class of a course.
type Session struct {
	ID           int64   `json:"id"`
	CourseID     int64   `json:"course_id"`
	Date         Date    `json:"date"`
	Start        Clock   `json:"start"`
	End          Clock   `json:"end"`
	Venue        string  `json:"venue"`
	InstructorID int64   `json:"instructor_id,omitempty"`
	Topic        string  `json:"topic"`
	Hours        float64 `json:"hours"` // class hours credited for attending
}

// Validate checks the session's own fields; the course's dates and
// conflicts with other sessions are the scheduling rules' business.
func (s *Session) Validate() error {
	var l ErrorList
	if s.CourseID == 0 {
		l.Add("course_id", "Choose the course.")
	}
	if s.Date.IsZero() {
		l.Add("date", "The date is required.")
	}
	if s.Start < 0 || s.Start >= 24*60 || s.End < 0 || s.End >= 24*60 {
		l.Add("start", "The times must lie within one day.")
	} else if s.End <= s.Start {
		l.Add("end", "The session must end after it starts.")
	}
	s.Topic = CleanText(s.Topic)
	if s.Topic == "" {
		l.Add("topic", "The topic is required.")
	}
	checkLen(&l, "topic", s.Topic, MaxName*2)
	s.Venue = CleanText(s.Venue)
	checkLen(&l, "venue", s.Venue, MaxName)
	if s.Hours < 0 || s.Hours > 12 || math.IsNaN(s.Hours) {
		l.Add("hours", "The class hours must be between 0 and 12.")
	}
	return l.Err()
}

// Overlaps reports whether two sessions share any minute on the same day.
func (s *Session) Overlaps(o *Session) bool {
	return s.Date.Equal(o.Date) && s.Start < o.End && o.Start < s.End
}

// Enrolment is a trainee's place, or waiting-list position, on a course.
// Score is nil until the assessment is recorded. Reason holds the
// completion decision's explanation once it is made.
type Enrolment struct {
	ID           int64           `json:"id"`
	CourseID     int64           `json:"course_id"`
	TraineeID    int64           `json:"trainee_id"`
	Status       EnrolmentStatus `json:"status"`
	WaitPosition int             `json:"wait_position,omitempty"` // 1-based, only when waitlisted
	Score        *float64        `json:"score,omitempty"`
	Reason       string          `json:"reason,omitempty"`
	EnrolledAt   time.Time       `json:"enrolled_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
}

// Validate checks the enrolment's fields.
func (e *Enrolment) Validate() error {
	var l ErrorList
	if e.CourseID == 0 {
		l.Add("course_id", "Choose the course.")
	}
	if e.TraineeID == 0 {
		l.Add("trainee_id", "Choose the trainee.")
	}
	if !oneOf(e.Status, EnrolmentStatuses) {
		l.Add("status", "Unknown enrolment status.")
	}
	if e.Status == Waitlisted && e.WaitPosition < 1 {
		l.Add("wait_position", "A waitlisted trainee needs a position on the waiting list.")
	}
	if e.Status != Waitlisted && e.WaitPosition != 0 {
		l.Add("wait_position", "Only a waitlisted trainee has a position on the waiting list.")
	}
	if e.Score != nil && (*e.Score < 0 || *e.Score > 100 || math.IsNaN(*e.Score)) {
		l.Add("score", "The score must be between 0 and 100.")
	}
	return l.Err()
}

// Attendance is a trainee's sign-in for one session.
type Attendance struct {
	SessionID  int64            `json:"session_id"`
	TraineeID  int64            `json:"trainee_id"`
	Status     AttendanceStatus `json:"status"`
	RecordedAt time.Time        `json:"recorded_at"`
}

// Validate checks the attendance record.
func (a *Attendance) Validate() error {
	var l ErrorList
	if a.SessionID == 0 {
		l.Add("session_id", "Choose the session.")
	}
	if a.TraineeID == 0 {
		l.Add("trainee_id", "Choose the trainee.")
	}
	if !oneOf(a.Status, AttendanceStatuses) {
		l.Add("status", "The attendance must be present, late, excused or absent.")
	}
	return l.Err()
}
