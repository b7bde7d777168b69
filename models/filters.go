package models

// Filters for the Find… services. A zero field does not filter. Lists are
// ordered by ID unless a filter says otherwise; AfterID and Limit page
// through long lists by key (keyset paging): pass the last ID of one page as
// AfterID to get the next. Limit 0 means no limit.

// Page is the keyset paging part of every filter.
type Page struct {
	AfterID int64 `json:"after_id,omitempty"`
	Limit   int   `json:"limit,omitempty"`
}

// OrganisationFilter selects organisations.
type OrganisationFilter struct {
	Kind       OrgKind
	KeyVillage *bool
	Name       string // exact name
	Region     string // text found in the region, or its code
	Page
}

// TraineeFilter selects trainees.
type TraineeFilter struct {
	IDs           []int64
	Region        string // text found in the home region, or its code
	CohortID      int64
	NominatedByID int64
	Direction     Direction
	KeyTarget     *bool
	IDNumber      string   // exact, normalised
	IDNumbers     []string // any of these, exact and normalised
	Page
}

// InstructorFilter selects instructors.
type InstructorFilter struct {
	Theme      Theme
	MentorOnly bool // MaxMentees > 0
	Name       string
	Page
}

// ProgrammeFilter selects programmes.
type ProgrammeFilter struct {
	InflowOrgID int64
	Page
}

// CohortFilter selects cohorts.
type CohortFilter struct {
	ProgrammeID int64
	Year        int
	Page
}

// CourseFilter selects courses.
type CourseFilter struct {
	CohortID int64
	Theme    Theme
	Status   CourseStatus
	Year     int // start date's year
	Page
}

// SessionFilter selects sessions, ordered by date and start time.
type SessionFilter struct {
	CourseID     int64
	Venue        string
	InstructorID int64
	TraineeID    int64 // sessions of courses the trainee holds a place on
	From, To     Date  // inclusive
	Page
}

// EnrolmentFilter selects enrolments. Waitlisted ones come in order of
// their position when Status is Waitlisted.
type EnrolmentFilter struct {
	CourseID  int64
	TraineeID int64
	Status    EnrolmentStatus
	Page
}

// AttendanceFilter selects attendance records.
type AttendanceFilter struct {
	SessionID int64
	CourseID  int64
	TraineeID int64
}

// PlacementFilter selects placements.
type PlacementFilter struct {
	TraineeID  int64
	VillageID  int64
	ActiveOnly bool // not yet evaluated
	Page
}

// MentorshipFilter selects mentorships.
type MentorshipFilter struct {
	MentorID  int64
	TraineeID int64
	ActiveOn  Date // runs on that day
	Page
}

// ContactFilter selects contact log entries, ordered by date.
type ContactFilter struct {
	MentorshipID int64
	Page
}

// ReturnFilter selects returns.
type ReturnFilter struct {
	TraineeID int64
	VillageID int64
	Region    string // text found in the trainee's home region
	Year      int    // return date's year
	Page
}

// ElectionFilter selects elections.
type ElectionFilter struct {
	ReturnID  int64
	TraineeID int64
	Committee Committee
	Post      Post
	Result    ElectionResult
	Year      int
	Region    string // text found in the trainee's home region
	Page
}

// CertificateFilter selects certificates, ordered by year and sequence.
type CertificateFilter struct {
	CourseID  int64
	TraineeID int64
	Year      int
	Status    CertificateStatus
	Page
}

// StageFacts is what the pipeline needs to know of one trainee; the store
// gathers it with aggregate queries and the rules derive the stage.
type StageFacts struct {
	TraineeID   int64
	HomeRegion  Region
	CohortID    int64
	Themes      []Theme // themes of the courses the trainee completed
	CoursesDone int     // courses completed
	Placed      bool    // any placement, running or passed
	Mentored    bool    // any mentorship
	Returned    bool    // a return record
	Elected     bool    // an election with result elected or appointed
	// Trainees is how many trainees the facts stand for: 0 or 1 for the
	// one of TraineeID; more for a group of trainees of one home region
	// and cohort with no record but their nomination (TraineeID 0).
	Trainees int
}
