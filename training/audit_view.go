package training

import (
	"context"

	"peiyang/models"
)

// The audit trail, read-only, for the window: the store records it (see
// store/audit.go); the window reads it here without importing the store.

// AuditEntry is one entry of the audit trail.
type AuditEntry = models.AuditEntry

// AuditFilter selects audit entries, newest first; Page.AfterID pages to
// older entries.
type AuditFilter = models.AuditFilter

// AuditReader reads the audit trail; the SQLite store is one.
type AuditReader interface {
	FindAudit(ctx context.Context, f models.AuditFilter) ([]*models.AuditEntry, error)
}

// FindAudit returns the audit entries the filter selects, newest first. A
// store without an audit trail refuses with EINVALID.
func (s *Service) FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error) {
	r, ok := s.store.(AuditReader)
	if !ok {
		return nil, wrap("find audit", models.Errorf(models.EINVALID, "", "This database keeps no audit trail."))
	}
	es, err := r.FindAudit(ctx, f)
	return es, wrap("find audit", err)
}
