package training

import (
	"context"

	"peiyang/models"
)

// The audit trail, for the window and the command line: the store records
// every change itself (see store/audit.go); events that change no record
// (prints, exports, reveals) are recorded here.

// AuditEntry is one entry of the audit trail.
type AuditEntry = models.AuditEntry

// AuditFilter selects audit entries, newest first; Page.AfterID pages to
// older entries.
type AuditFilter = models.AuditFilter

// FindAudit returns the audit entries the filter selects, newest first.
func (s *AuditService) FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error) {
	es, err := s.store.FindAudit(ctx, f)
	return es, wrap("find audit", err)
}

// RecordAudit records in the audit trail an event that changes no record:
// a print, an export, a reveal of full ID numbers. entity and id name what
// it was about (id 0 for none); detail, marshalled to JSON, must hold no
// personal data.
func (s *AuditService) RecordAudit(ctx context.Context, action, entity string, id int64, detail any) error {
	return wrap("record audit", s.store.RecordAudit(ctx, action, entity, id, detail))
}
