package models

import "time"

// Return records a trainee going back to the home village to serve (回引).
type Return struct {
	ID         int64     `json:"id"`
	TraineeID  int64     `json:"trainee_id"`
	VillageID  int64     `json:"village_id"` // the home village or community, an Organisation
	ReturnDate Date      `json:"return_date"`
	Post       string    `json:"post,omitempty"` // the post taken up on returning (任职情况), as reported
	Notes      string    `json:"notes,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Validate checks the return's fields.
func (r *Return) Validate(today Date) error {
	var l ErrorList
	if r.TraineeID == 0 {
		l.Add("trainee_id", "Choose the trainee.")
	}
	if r.VillageID == 0 {
		l.Add("village_id", "Choose the home village or community.")
	}
	if r.ReturnDate.IsZero() {
		l.Add("return_date", "The return date is required.")
	} else if !today.IsZero() && r.ReturnDate.After(today) {
		l.Add("return_date", "The return date is in the future.")
	}
	r.Notes = StripBidiControls(r.Notes)
	checkLen(&l, "notes", r.Notes, MaxText)
	r.Post = StripBidiControls(CleanText(r.Post))
	checkLen(&l, "post", r.Post, MaxName)
	return l.Err()
}

// Election records a returnee standing for a village (community) committee.
type Election struct {
	ID        int64          `json:"id"`
	ReturnID  int64          `json:"return_id"`
	TraineeID int64          `json:"trainee_id"`
	Date      Date           `json:"date"`
	Committee Committee      `json:"committee"`
	Post      Post           `json:"post"`
	Result    ElectionResult `json:"result"`
	TermYears int            `json:"term_years"`
	Votes     *int           `json:"votes,omitempty"` // votes received, nil when not reported
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// Validate checks the election's fields and that the post is one the
// committee has and was filled as the law allows (see PostsOf and
// ResultsFor).
func (e *Election) Validate() error {
	var l ErrorList
	if e.ReturnID == 0 {
		l.Add("return_id", "Choose the return record.")
	}
	if e.Date.IsZero() {
		l.Add("date", "The election date is required.")
	}
	if !oneOf(e.Committee, Committees) {
		l.Add("committee", "Choose the committee.")
	}
	if !oneOf(e.Post, Posts) {
		l.Add("post", "Choose the post.")
	}
	if !oneOf(e.Result, ElectionResults) {
		l.Add("result", "Choose the result.")
	}
	checkSeat(&l, e.Committee, e.Post, e.Result)
	if e.TermYears < 0 || e.TermYears > 10 {
		l.Add("term_years", "The term must be between 0 and 10 years.")
	}
	if e.Votes != nil && *e.Votes < 0 {
		l.Add("votes", "The votes cannot be negative.")
	}
	return l.Err()
}

// Certificate is a numbered completion certificate. A serial is never
// reused: a void certificate keeps its serial and reason, and a reissue
// gets a new serial that points back to the one it replaces.
type Certificate struct {
	ID         int64             `json:"id"`
	Serial     string            `json:"serial"` // e.g. 〔2025〕第0001号
	Year       int               `json:"year"`
	Seq        int               `json:"seq"` // 1, 2, ... within the year, gapless
	TraineeID  int64             `json:"trainee_id"`
	CourseID   int64             `json:"course_id"`
	Hours      float64           `json:"hours"`
	IssuedOn   Date              `json:"issued_on"`
	Status     CertificateStatus `json:"status"`
	VoidReason string            `json:"void_reason,omitempty"`
	ReplacedBy string            `json:"replaced_by,omitempty"` // serial of the reissue
	Replaces   string            `json:"replaces,omitempty"`    // serial this one replaces
	CreatedAt  time.Time         `json:"created_at"`
	UpdatedAt  time.Time         `json:"updated_at"`
}

// Validate checks the certificate's fields.
func (c *Certificate) Validate() error {
	var l ErrorList
	if c.Serial == "" {
		l.Add("serial", "The serial is required.")
	}
	if c.Seq < 1 {
		l.Add("seq", "The sequence number must be at least 1.")
	}
	if c.TraineeID == 0 || c.CourseID == 0 {
		l.Add("trainee_id", "A certificate needs a trainee and a course.")
	}
	if c.IssuedOn.IsZero() {
		l.Add("issued_on", "The issue date is required.")
	}
	if !oneOf(c.Status, CertificateStatuses) {
		l.Add("status", "Unknown certificate status.")
	}
	if c.Status == CertVoid && CleanText(c.VoidReason) == "" {
		l.Add("void_reason", "Give the reason for voiding the certificate.")
	}
	if c.Status == CertReplaced && c.ReplacedBy == "" {
		l.Add("replaced_by", "A replaced certificate names its replacement.")
	}
	return l.Err()
}
