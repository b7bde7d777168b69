package training

import (
	"context"

	"peiyang/models"
)

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

// Transactor runs a function in one transaction. Update's is a write
// transaction: all of its changes are committed together, or none when fn
// returns an error or panics. View's is a read transaction: every read made
// with its context sees the same committed state, whatever other
// connections commit meanwhile; a write made with it fails. Called with a
// context that carries a transaction already, both join it.
type Transactor interface {
	Update(ctx context.Context, fn func(ctx context.Context) error) error
	View(ctx context.Context, fn func(ctx context.Context) error) error
}

// OrganisationStore reads and writes organisations.
type OrganisationStore interface {
	FindOrganisationByID(ctx context.Context, id int64) (*models.Organisation, error)
	FindOrganisations(ctx context.Context, f models.OrganisationFilter) ([]*models.Organisation, error)
	CreateOrganisation(ctx context.Context, o *models.Organisation) error
	UpdateOrganisation(ctx context.Context, o *models.Organisation) error
}

// TraineeStore reads and writes trainees.
type TraineeStore interface {
	FindTraineeByID(ctx context.Context, id int64) (*models.Trainee, error)
	FindTrainees(ctx context.Context, f models.TraineeFilter) ([]*models.Trainee, error)
	CreateTrainee(ctx context.Context, t *models.Trainee) error
	UpdateTrainee(ctx context.Context, t *models.Trainee) error
}

// PhotoStore reads and writes trainees' photos: JPEG files made by package
// photo, one a trainee.
type PhotoStore interface {
	// FindTraineePhoto returns the trainee's photo, or ENOTFOUND.
	FindTraineePhoto(ctx context.Context, traineeID int64) ([]byte, error)
	// FindTraineePhotos returns the photos of those trainees that have one.
	FindTraineePhotos(ctx context.Context, traineeIDs []int64) (map[int64][]byte, error)
	// SetTraineePhotos stores photos, replacing the trainees' own: all of
	// them or none.
	SetTraineePhotos(ctx context.Context, photos map[int64][]byte) error
	// DeleteTraineePhoto removes the trainee's photo; none is ENOTFOUND.
	DeleteTraineePhoto(ctx context.Context, traineeID int64) error
	// CountTraineePhotos returns how many trainees have a photo and the
	// bytes the photos take.
	CountTraineePhotos(ctx context.Context) (n int, bytes int64, err error)
}

// CohortStore reads cohorts; a trainee's cohort must exist.
type CohortStore interface {
	FindCohortByID(ctx context.Context, id int64) (*models.Cohort, error)
}

// TraineeBulkStore writes many new trainees at once: all of them or none.
type TraineeBulkStore interface {
	CreateTrainees(ctx context.Context, ts []*models.Trainee) error
}

// InstructorStore reads instructors and mentors.
type InstructorStore interface {
	FindInstructorByID(ctx context.Context, id int64) (*models.Instructor, error)
	FindInstructors(ctx context.Context, f models.InstructorFilter) ([]*models.Instructor, error)
}

// CourseStore reads and writes courses.
type CourseStore interface {
	FindCourseByID(ctx context.Context, id int64) (*models.Course, error)
	FindCourses(ctx context.Context, f models.CourseFilter) ([]*models.Course, error)
	CreateCourse(ctx context.Context, c *models.Course) error
	UpdateCourse(ctx context.Context, c *models.Course) error
}

// SessionStore reads and writes sessions.
type SessionStore interface {
	FindSessionByID(ctx context.Context, id int64) (*models.Session, error)
	FindSessions(ctx context.Context, f models.SessionFilter) ([]*models.Session, error)
	CreateSession(ctx context.Context, s *models.Session) error
	UpdateSession(ctx context.Context, s *models.Session) error
	DeleteSession(ctx context.Context, id int64) error
}

// EnrolmentStore reads and writes enrolments.
type EnrolmentStore interface {
	// FindEnrolment returns the trainee's enrolment on the course, of any
	// status, or ENOTFOUND.
	FindEnrolment(ctx context.Context, courseID, traineeID int64) (*models.Enrolment, error)
	FindEnrolments(ctx context.Context, f models.EnrolmentFilter) ([]*models.Enrolment, error)
	CreateEnrolment(ctx context.Context, e *models.Enrolment) error
	UpdateEnrolment(ctx context.Context, e *models.Enrolment) error
}

// AttendanceStore reads and writes sign-ins.
type AttendanceStore interface {
	FindAttendance(ctx context.Context, f models.AttendanceFilter) ([]*models.Attendance, error)
	// SetAttendance creates or replaces the record for (session, trainee).
	SetAttendance(ctx context.Context, a *models.Attendance) error
}

// PlacementStore reads and writes placements.
type PlacementStore interface {
	FindPlacementByID(ctx context.Context, id int64) (*models.Placement, error)
	FindPlacements(ctx context.Context, f models.PlacementFilter) ([]*models.Placement, error)
	CreatePlacement(ctx context.Context, p *models.Placement) error
	UpdatePlacement(ctx context.Context, p *models.Placement) error
}

// MentorshipStore reads and writes mentorships and their contact logs.
type MentorshipStore interface {
	FindMentorshipByID(ctx context.Context, id int64) (*models.Mentorship, error)
	FindMentorships(ctx context.Context, f models.MentorshipFilter) ([]*models.Mentorship, error)
	CreateMentorship(ctx context.Context, m *models.Mentorship) error
	UpdateMentorship(ctx context.Context, m *models.Mentorship) error
	FindContacts(ctx context.Context, f models.ContactFilter) ([]*models.Contact, error)
	CreateContact(ctx context.Context, c *models.Contact) error
}

// ReturnStore reads and writes returns and elections.
type ReturnStore interface {
	FindReturnByID(ctx context.Context, id int64) (*models.Return, error)
	FindReturns(ctx context.Context, f models.ReturnFilter) ([]*models.Return, error)
	CreateReturn(ctx context.Context, r *models.Return) error
	FindElectionByID(ctx context.Context, id int64) (*models.Election, error)
	FindElections(ctx context.Context, f models.ElectionFilter) ([]*models.Election, error)
	CreateElection(ctx context.Context, e *models.Election) error
	UpdateElection(ctx context.Context, e *models.Election) error
	DeleteElection(ctx context.Context, id int64) error
}

// CertificateStore reads and writes certificates.
type CertificateStore interface {
	FindCertificateBySerial(ctx context.Context, serial string) (*models.Certificate, error)
	FindCertificates(ctx context.Context, f models.CertificateFilter) ([]*models.Certificate, error)
	CreateCertificate(ctx context.Context, c *models.Certificate) error
	UpdateCertificate(ctx context.Context, c *models.Certificate) error
	// LastCertificateSeq returns the highest sequence number issued in the
	// year, 0 if none.
	LastCertificateSeq(ctx context.Context, year int) (int, error)
}

// SettingStore reads and writes named settings.
type SettingStore interface {
	// Setting returns the value, or "" when it was never set.
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	// SettingFile returns the file copied in for a setting, nil when
	// there is none; SetSettingFile replaces it, or removes it when f is
	// nil.
	SettingFile(ctx context.Context, key string) (*models.SettingFile, error)
	SetSettingFile(ctx context.Context, key string, f *models.SettingFile) error
}

// PipelineStore gathers what the pipeline rules need of every trainee the
// filter selects (its paging fields are ignored): FindStageFacts one
// trainee at a time; FindStageGroups, for the counts, the trainees with
// no record but their nomination grouped by home city, county and cohort
// (StageFacts.Trainees).
type PipelineStore interface {
	FindStageFacts(ctx context.Context, f models.TraineeFilter) ([]models.StageFacts, error)
	FindStageGroups(ctx context.Context, f models.TraineeFilter) ([]models.StageFacts, error)
}

// AuditStore keeps the audit trail. Every write method of a Store records
// its change there itself, in the same transaction; RecordAudit records an
// event that changes no record.
type AuditStore interface {
	// RecordAudit records an event (a print, an export, a reveal of full ID
	// numbers, a backup): the action, the kind of record and its ID (0 for
	// none), and a detail marshalled to JSON, which must hold no personal
	// data.
	RecordAudit(ctx context.Context, action, entity string, id int64, detail any) error
	// FindAudit returns the entries the filter selects, newest first.
	FindAudit(ctx context.Context, f models.AuditFilter) ([]*models.AuditEntry, error)
}

// RetentionStore finds trainees inactive for long and removes their
// personal data.
type RetentionStore interface {
	// Inactive returns the IDs of the trainees not yet de-identified whose
	// last activity is before the date, by ID.
	Inactive(ctx context.Context, before models.Date) ([]int64, error)
	// Deidentify removes the trainees' ID numbers, phones and birth dates,
	// in one transaction, each change in the audit trail, and then (called
	// outside a transaction) scrubs the database file so that none of them
	// stays readable in it: with no trainees it only scrubs. When another
	// reader keeps the file from being scrubbed, the change stands and the
	// error is ECONFLICT with the message MsgRetentionIncomplete.
	Deidentify(ctx context.Context, ids []int64) error
}

// MsgRetentionIncomplete says that de-identification succeeded but the
// database file could not be scrubbed of the removed values.
const MsgRetentionIncomplete = "The trainees were de-identified, but another window or program is reading the database, so older copies of the removed numbers may stay in the file until every window on it is closed. Close the others and run retention again."

// CheckStore checks the database itself.
type CheckStore interface {
	// IntegrityCheck returns "ok", or the problems found one a line.
	IntegrityCheck(ctx context.Context) (string, error)
	// SchemaVersion returns the number of the last migration applied.
	SchemaVersion(ctx context.Context) (int, error)
}

// Store is everything the Service needs. store.DB satisfies it, on SQLite
// and on PostgreSQL alike, which its package checks at compile time.
type Store interface {
	Transactor
	OrganisationStore
	TraineeStore
	TraineeBulkStore
	PhotoStore
	CohortStore
	InstructorStore
	CourseStore
	SessionStore
	EnrolmentStore
	AttendanceStore
	PlacementStore
	MentorshipStore
	ReturnStore
	CertificateStore
	SettingStore
	PipelineStore
	TraineeQueries
	CohortQueries
	ReviewQueries
	DatasetLoader
	AuditStore
	RetentionStore
	CheckStore
	AccountStore
	ChangeWatcher
}
