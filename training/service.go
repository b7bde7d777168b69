package training

import (
	"context"
	"fmt"
	"time"

	"peiyang/models"
)

// Service applies the programme's rules to the store. Every method that
// changes data runs in one transaction: it either makes all of its changes
// or none. Errors are wrapped with the operation's name ("training: enrol:
// ...") and keep the domain error findable with errors.As and
// models.ErrorCode.
type Service struct {
	store Store
	clock func() time.Time
}

// Option configures a Service.
type Option func(*Service)

// WithClock sets the clock the Service reads "now" and "today" from; tests
// pass a fixed time. The default is time.Now. "Today" is the clock's
// calendar day in local time.
func WithClock(clock func() time.Time) Option {
	return func(s *Service) {
		if clock != nil {
			s.clock = clock
		}
	}
}

// New returns a Service over the store.
func New(s Store, opts ...Option) *Service {
	svc := &Service{store: s, clock: time.Now}
	for _, o := range opts {
		o(svc)
	}
	return svc
}

// now returns the clock's time.
func (s *Service) now() time.Time { return s.clock() }

// today returns the calendar day of the clock's time in local time.
func (s *Service) today() models.Date { return models.DateOf(s.clock().Local()) }

// update runs fn in one transaction and wraps any error with the
// operation's name.
func (s *Service) update(ctx context.Context, op string, fn func(ctx context.Context) error) error {
	if err := s.store.Update(ctx, fn); err != nil {
		return fmt.Errorf("training: %s: %w", op, err)
	}
	return nil
}

// read runs fn in one read transaction, so that its several reads see one
// committed state, and wraps any error with the operation's name.
func read[T any](s *Service, ctx context.Context, op string, fn func(ctx context.Context) (T, error)) (T, error) {
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
func (s *Service) view(ctx context.Context, op string, fn func(ctx context.Context) error) error {
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
