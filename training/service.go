package training

import (
	"context"
	"fmt"
	"time"

	"peiyang/models"
)

// Service is the door to the programme's rules: the window and the command
// line reach the store only through it. Its operations are grouped by
// aggregate, as the domain is, one field each; every name follows one
// pattern (FindCourseByID, FindCourses(ctx, filter), CreateCourse,
// UpdateCourse, ...). Every method that changes data runs in one
// transaction: it either makes all of its changes or none; every method
// that reads several things reads them in one read transaction. Errors are
// wrapped with the operation's name ("training: enrol: ...") and keep the
// domain error findable with errors.As and models.ErrorCode.
type Service struct {
	*rules

	Trainees     *TraineeService     // trainees, organisations and cohorts, the pipeline, records, retention
	Courses      *CourseService      // courses, sessions, instructors, the schedule, rosters and sign-in sheets
	Enrolment    *EnrolmentService   // enrolment and the waiting list, attendance, scores, completion
	Certificates *CertificateService // issue, void, reissue, list, sign and verify certificates
	FollowUp     *FollowUpService    // mentors, placements, returns and elections, outcome reports
	Settings     *SettingService     // the settings, as package settings declares them
	Audit        *AuditService       // the audit trail
	Accounts     *AccountService     // the accounts of a shared database (accounts.go)
}

// TraineeService takes trainees into the programme and reads them
// (trainees.go, organisations.go, pipeline.go, record.go).
type TraineeService struct{ *rules }

// CourseService plans courses and their sessions (courses.go, sessions.go,
// schedule.go, course_lists.go).
type CourseService struct{ *rules }

// EnrolmentService enrols trainees, takes attendance and decides completion
// (enrolment.go, attendance.go, completion.go).
type EnrolmentService struct{ *rules }

// CertificateService issues and checks completion certificates
// (certificates.go, certificate_list.go, certsign.go).
type CertificateService struct{ *rules }

// FollowUpService follows trainees after their courses: mentors,
// shadow-study placements, returns and elections (mentors.go,
// mentors_view.go, placements.go, returns.go, returns_view.go).
type FollowUpService struct{ *rules }

// SettingService reads and saves settings (settings.go).
type SettingService struct{ *rules }

// AuditService reads the audit trail and records events in it (audit.go).
type AuditService struct{ *rules }

// rules is what every part of the Service shares: the store, the clock,
// and the helpers the rules of several aggregates use.
type rules struct {
	store Store
	clock func() time.Time
}

// Option configures a Service.
type Option func(*rules)

// WithClock sets the clock the Service reads "now" and "today" from; tests
// pass a fixed time. The default is time.Now. "Today" is the clock's
// calendar day in local time.
func WithClock(clock func() time.Time) Option {
	return func(r *rules) {
		if clock != nil {
			r.clock = clock
		}
	}
}

// New returns a Service over the store.
func New(s Store, opts ...Option) *Service {
	r := &rules{store: s, clock: time.Now}
	for _, o := range opts {
		o(r)
	}
	return &Service{rules: r, Trainees: &TraineeService{r}, Courses: &CourseService{r},
		Enrolment: &EnrolmentService{r}, Certificates: &CertificateService{r}, FollowUp: &FollowUpService{r},
		Settings: &SettingService{r}, Audit: &AuditService{r}, Accounts: &AccountService{r}}
}

// Today is the service clock's calendar day.
func (s *Service) Today() models.Date { return s.today() }

// now returns the clock's time.
func (s *rules) now() time.Time { return s.clock() }

// today returns the calendar day of the clock's time in local time.
func (s *rules) today() models.Date { return models.DateOf(s.clock().Local()) }

// update runs fn in one transaction and wraps any error with the
// operation's name.
func (s *rules) update(ctx context.Context, op string, fn func(ctx context.Context) error) error {
	if err := s.store.Update(ctx, fn); err != nil {
		return fmt.Errorf("training: %s: %w", op, err)
	}
	return nil
}

// read runs fn in one read transaction, so that its several reads see one
// committed state, and wraps any error with the operation's name.
func read[T any](s *rules, ctx context.Context, op string, fn func(ctx context.Context) (T, error)) (T, error) {
	var out T
	err := s.store.View(ctx, func(ctx context.Context) error {
		var err error
		out, err = fn(ctx)
		return err
	})
	if err != nil {
		var zero T
		return zero, wrap(op, err)
	}
	return out, nil
}

// view runs fn in one read transaction and wraps any error with the
// operation's name.
func (s *rules) view(ctx context.Context, op string, fn func(ctx context.Context) error) error {
	return wrap(op, s.store.View(ctx, fn))
}

// View runs fn in one read transaction: every service read made with the
// context fn gets sees the same committed state, whatever is written
// meanwhile. A screen or document that reads several things at once uses
// it so that they agree.
func (s *Service) View(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.store.View(ctx, fn)
}

// Update runs fn in one write transaction: the service calls made with the
// context fn gets are committed together, or none of them when fn returns
// an error. Imports use it to take a whole file in or nothing.
func (s *Service) Update(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.store.Update(ctx, fn)
}

// wrap adds the operation's name to an error of a read-only method.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("training: %s: %w", op, err)
}

// refNotFound turns the store's ENOTFOUND for a record that another record
// refers to into an EINVALID error on the referring field; other errors
// pass unchanged.
func refNotFound(err error, field, message string, data ...any) error {
	if models.IsNotFound(err) {
		return models.Errorf(models.EINVALID, field, message, data...)
	}
	return err
}

// notFound returns an ENOTFOUND error.
func notFound(message string, data ...any) *models.Error {
	return models.Errorf(models.ENOTFOUND, "", message, data...)
}

// conflict returns an ECONFLICT error.
func conflict(field, message string, data ...any) *models.Error {
	return models.Errorf(models.ECONFLICT, field, message, data...)
}

// invalid returns an EINVALID error.
func invalid(field, message string, data ...any) *models.Error {
	return models.Errorf(models.EINVALID, field, message, data...)
}

// overlapDays reports whether two inclusive date ranges share a day. A zero
// end date means the range is open-ended.
func overlapDays(aStart, aEnd, bStart, bEnd models.Date) bool {
	aEndsBeforeB := !aEnd.IsZero() && aEnd.Before(bStart)
	bEndsBeforeA := !bEnd.IsZero() && bEnd.Before(aStart)
	return !aEndsBeforeB && !bEndsBeforeA
}

// Now is the service clock's time.
func (s *Service) Now() time.Time { return s.now() }
