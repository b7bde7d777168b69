package models

import "time"

// Placement is a shadow-study placement of a trainee at a key village.
// It is active until the host village records its evaluation.
type Placement struct {
	ID         int64     `json:"id"`
	TraineeID  int64     `json:"trainee_id"`
	VillageID  int64     `json:"village_id"`
	StartDate  Date      `json:"start_date"`
	EndDate    Date      `json:"end_date"`
	Supervisor string    `json:"supervisor,omitempty"` // host supervisor
	Grade      Grade     `json:"grade,omitempty"`
	Comment    string    `json:"comment,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Active reports whether the placement has not been evaluated yet.
func (p *Placement) Active() bool { return p.Grade == GradeNone }

// Validate checks the placement's fields.
func (p *Placement) Validate() error {
	var l ErrorList
	if p.TraineeID == 0 {
		l.Add("trainee_id", "Choose the trainee.")
	}
	if p.VillageID == 0 {
		l.Add("village_id", "Choose the key village.")
	}
	if p.StartDate.IsZero() {
		l.Add("start_date", "The start date is required.")
	}
	if p.EndDate.IsZero() {
		l.Add("end_date", "The end date is required.")
	} else if p.EndDate.Before(p.StartDate) {
		l.Add("end_date", "The placement ends before it starts.")
	}
	if p.Grade != GradeNone && !oneOf(p.Grade, Grades) {
		l.Add("grade", "The grade must be excellent, good, pass or fail.")
	}
	checkLen(&l, "supervisor", p.Supervisor, MaxName)
	p.Comment = StripBidiControls(p.Comment)
	checkLen(&l, "comment", p.Comment, MaxText)
	return l.Err()
}

// Mentorship pairs a mentor with a trainee. It is active while EndDate is
// unset or not yet passed.
type Mentorship struct {
	ID        int64     `json:"id"`
	MentorID  int64     `json:"mentor_id"` // an Instructor
	TraineeID int64     `json:"trainee_id"`
	StartDate Date      `json:"start_date"`
	EndDate   Date      `json:"end_date"`
	Goals     string    `json:"goals,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ActiveOn reports whether the mentorship runs on the day.
func (m *Mentorship) ActiveOn(d Date) bool {
	return !d.Before(m.StartDate) && (m.EndDate.IsZero() || !m.EndDate.Before(d))
}

// Validate checks the mentorship's fields.
func (m *Mentorship) Validate() error {
	var l ErrorList
	if m.MentorID == 0 {
		l.Add("mentor_id", "Choose the mentor.")
	}
	if m.TraineeID == 0 {
		l.Add("trainee_id", "Choose the trainee.")
	}
	if m.StartDate.IsZero() {
		l.Add("start_date", "The start date is required.")
	}
	if !m.EndDate.IsZero() && m.EndDate.Before(m.StartDate) {
		l.Add("end_date", "The mentorship ends before it starts.")
	}
	m.Goals = StripBidiControls(m.Goals)
	checkLen(&l, "goals", m.Goals, MaxText)
	return l.Err()
}

// Contact is one entry in a mentorship's contact log.
type Contact struct {
	ID           int64       `json:"id"`
	MentorshipID int64       `json:"mentorship_id"`
	Date         Date        `json:"date"`
	Mode         ContactMode `json:"mode"`
	Summary      string      `json:"summary"`
	CreatedAt    time.Time   `json:"created_at"`
}

// Validate checks the contact's fields.
func (c *Contact) Validate() error {
	var l ErrorList
	if c.MentorshipID == 0 {
		l.Add("mentorship_id", "Choose the mentorship.")
	}
	if c.Date.IsZero() {
		l.Add("date", "The date is required.")
	}
	if !oneOf(c.Mode, ContactModes) {
		l.Add("mode", "Choose how the contact took place.")
	}
	c.Summary = CleanText(StripBidiControls(c.Summary))
	if c.Summary == "" {
		l.Add("summary", "The summary is required.")
	}
	checkLen(&l, "summary", c.Summary, MaxText)
	return l.Err()
}
