package training

import (
	"context"

	"peiyang/models"
)

// The database as a whole: its integrity check, and the retention of
// personal data.

// IntegrityCheck runs the database's own checks and returns "ok", or the
// problems found one a line, with the schema version.
func (s *Service) IntegrityCheck(ctx context.Context) (result string, version int, err error) {
	if result, err = s.store.IntegrityCheck(ctx); err != nil {
		return "", 0, wrap("integrity check", err)
	}
	version, err = s.store.SchemaVersion(ctx)
	return result, version, wrap("integrity check", err)
}

// InactiveTrainees returns the IDs of the trainees, not yet de-identified,
// with no activity since before the day, by ID.
func (s *Service) InactiveTrainees(ctx context.Context, before models.Date) ([]int64, error) {
	ids, err := s.store.Inactive(ctx, before)
	return ids, wrap("inactive trainees", err)
}

// DeidentifyTrainees removes the trainees' ID numbers, phones and birth
// dates, keeping their names, regions, courses and outcomes; in one
// transaction, each change in the audit trail.
func (s *Service) DeidentifyTrainees(ctx context.Context, ids []int64) error {
	return wrap("de-identify", s.store.Deidentify(ctx, ids))
}
