package training

import (
	"context"

	"peiyang/models"
)

// Plain reads of single kinds of record, for the packages that build on the
// rules (imports, exports, documents): each returns what the store returns,
// with the operation's name on any error.

// FindOrganisationByID returns one organisation, or ENOTFOUND.
func (s *Service) FindOrganisationByID(ctx context.Context, id int64) (*models.Organisation, error) {
	o, err := s.store.FindOrganisationByID(ctx, id)
	return o, wrap("find organisation", err)
}

// FindCohortByID returns one cohort, or ENOTFOUND.
func (s *Service) FindCohortByID(ctx context.Context, id int64) (*models.Cohort, error) {
	c, err := s.store.FindCohortByID(ctx, id)
	return c, wrap("find cohort", err)
}

// FindInstructorByID returns one instructor, or ENOTFOUND.
func (s *Service) FindInstructorByID(ctx context.Context, id int64) (*models.Instructor, error) {
	i, err := s.store.FindInstructorByID(ctx, id)
	return i, wrap("find instructor", err)
}

// FindInstructors lists the instructors the filter selects, by ID.
func (s *Service) FindInstructors(ctx context.Context, f models.InstructorFilter) ([]*models.Instructor, error) {
	is, err := s.store.FindInstructors(ctx, f)
	return is, wrap("find instructors", err)
}

// FindEnrolments lists the enrolments the filter selects.
func (s *Service) FindEnrolments(ctx context.Context, f models.EnrolmentFilter) ([]*models.Enrolment, error) {
	es, err := s.store.FindEnrolments(ctx, f)
	return es, wrap("find enrolments", err)
}

// FindAttendance lists the sign-ins the filter selects.
func (s *Service) FindAttendance(ctx context.Context, f models.AttendanceFilter) ([]*models.Attendance, error) {
	as, err := s.store.FindAttendance(ctx, f)
	return as, wrap("find attendance", err)
}

// FindPlacements lists the placements the filter selects, by ID.
func (s *Service) FindPlacements(ctx context.Context, f models.PlacementFilter) ([]*models.Placement, error) {
	ps, err := s.store.FindPlacements(ctx, f)
	return ps, wrap("find placements", err)
}

// FindMentorships lists the mentorships the filter selects, by ID.
func (s *Service) FindMentorships(ctx context.Context, f models.MentorshipFilter) ([]*models.Mentorship, error) {
	ms, err := s.store.FindMentorships(ctx, f)
	return ms, wrap("find mentorships", err)
}

// FindContacts lists the contact log entries the filter selects.
func (s *Service) FindContacts(ctx context.Context, f models.ContactFilter) ([]*models.Contact, error) {
	cs, err := s.store.FindContacts(ctx, f)
	return cs, wrap("find contacts", err)
}

// FindReturnByID returns one return record, or ENOTFOUND.
func (s *Service) FindReturnByID(ctx context.Context, id int64) (*models.Return, error) {
	r, err := s.store.FindReturnByID(ctx, id)
	return r, wrap("find return", err)
}

// FindReturns lists the return records the filter selects, by ID.
func (s *Service) FindReturns(ctx context.Context, f models.ReturnFilter) ([]*models.Return, error) {
	rs, err := s.store.FindReturns(ctx, f)
	return rs, wrap("find returns", err)
}

// FindElections lists the election records the filter selects, by ID.
func (s *Service) FindElections(ctx context.Context, f models.ElectionFilter) ([]*models.Election, error) {
	es, err := s.store.FindElections(ctx, f)
	return es, wrap("find elections", err)
}

// FindCertificates lists the certificates the filter selects, by year and
// sequence number.
func (s *Service) FindCertificates(ctx context.Context, f models.CertificateFilter) ([]*models.Certificate, error) {
	cs, err := s.store.FindCertificates(ctx, f)
	return cs, wrap("find certificates", err)
}

// FindCertificateBySerial returns one certificate, or ENOTFOUND.
func (s *Service) FindCertificateBySerial(ctx context.Context, serial string) (*models.Certificate, error) {
	c, err := s.store.FindCertificateBySerial(ctx, serial)
	return c, wrap("find certificate", err)
}
