package certificate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/reports/certificate/certtest"
)

// TestPrintCancelledLeavesNothing cancels a print between its chunks, as
// Ctrl+C or the window's cancel button does: no file of the batch is left,
// and nothing is recorded as printed.
func TestPrintCancelledLeavesNothing(t *testing.T) {
	f := certtest.New(t)
	names := make([]string, 70) // two chunks
	for i := range names {
		names[i] = fmt.Sprintf("学员%c%c", 0x4E00+i*37, 0x4E00+i*11)
	}
	c, _ := f.Course("乡村振兴专题培训班", names, len(names))
	f.Issue(c)
	dir := t.TempDir()
	for _, mode := range []certificate.Mode{certificate.Split, certificate.Zip, certificate.Merged} {
		ctx, cancel := context.WithCancel(context.Background())
		path := filepath.Join(dir, fmt.Sprintf("out-%d", mode))
		job := certificate.Job{CourseID: c.ID, Mode: mode, Path: path, Progress: func(done, total int) {
			if done > 0 {
				cancel()
			}
		}}
		_, err := certificate.Print(ctx, f.Svc, job)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("mode %d: %v, want cancelled", mode, err)
		}
		if _, err := os.Stat(path); err == nil && mode != certificate.Split {
			t.Errorf("mode %d: the file was written", mode)
		}
		if files, _ := filepath.Glob(filepath.Join(path, "*")); len(files) > 0 {
			t.Errorf("mode %d: %d files left behind, such as %s", mode, len(files), files[0])
		}
	}
	es, err := f.Svc.Audit.FindAudit(f.Ctx, models.AuditFilter{Action: "print"})
	if err != nil || len(es) != 0 {
		t.Errorf("cancelled prints in the audit trail: %v %v", es, err)
	}
	// Not cancelled: the whole batch, and its entry.
	p, err := certificate.Print(f.Ctx, f.Svc, certificate.Job{CourseID: c.ID, Mode: certificate.Split, Path: filepath.Join(dir, "all")})
	if err != nil || len(p.Paths) != len(names) {
		t.Fatalf("print: %v", err)
	}
	if es, _ := f.Svc.Audit.FindAudit(f.Ctx, models.AuditFilter{Action: "print"}); len(es) != 1 {
		t.Errorf("%d print entries, want 1", len(es))
	}
}
