package certificate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/training"
)

// Item is one certificate as printed, and Batch a course's certificates to
// print; the rules load and sign them (training.CertificateService).
type (
	Item  = training.CertificateItem
	Batch = training.CertificateBatch
)

// Mode is where a print's certificates go.
type Mode int

// The modes of a print.
const (
	Merged Mode = iota // one PDF
	Split              // one PDF each, in a folder
	Zip                // one PDF each, in a zip archive
)

// Job is one print of a course's certificates.
type Job struct {
	CourseID  int64
	TraineeID int64 // only this trainee's certificate; 0 for the course's
	Issue     bool  // issue the missing certificates first
	// EarlyReason, with Issue, issues them although the course is not
	// over yet, for this reason (training.IssueCertificatesEarly).
	EarlyReason string
	Overlay     bool // only the variable fields, for pre-printed stock
	Mode        Mode
	Path        string // the PDF or zip file, or the folder for Split
	// Progress, when set, is told how many certificates are drawn, as the
	// work goes; ctx's cancellation is checked as often.
	Progress func(done, total int)
	// Detail adds to the audit entry of the print (who asked: the window,
	// a command); it must hold no personal data.
	Detail map[string]any
}

// Printed is what a print wrote.
type Printed struct {
	Batch *Batch
	Paths []string // the files written: one, or one per certificate for Split
}

// chunk is how many certificates are drawn between two progress reports
// and checks for cancellation.
const chunk = 64

// Print is the one sequence that prints certificates, from the window and
// from the command line alike: issue the missing ones (when asked), read
// the settings, load the batch and sign its codes with the signing key,
// lay the certificates out, write them, and record the print in the audit
// trail. Dates come from the service's clock. A cancelled ctx stops it
// between chunks, before anything of a PDF or zip file is written.
func Print(ctx context.Context, svc *training.Service, job Job) (*Printed, error) {
	if job.Issue {
		issue := svc.Certificates.IssueCertificates
		if job.EarlyReason != "" {
			issue = func(ctx context.Context, id int64) ([]*models.Certificate, error) {
				return svc.Certificates.IssueCertificatesEarly(ctx, id, job.EarlyReason)
			}
		}
		if _, err := issue(ctx, job.CourseID); err != nil {
			return nil, err
		}
	}
	settings, err := LoadSettings(ctx, svc.Settings)
	if err != nil {
		return nil, err
	}
	batch, err := svc.Certificates.LoadBatch(ctx, job.CourseID, job.TraineeID)
	if err != nil {
		return nil, err
	}
	if settings.showsPhoto(job.Overlay) {
		if err := svc.Certificates.LoadPhotos(ctx, batch); err != nil {
			return nil, err
		}
	}
	p := &Printer{Settings: settings, Overlay: job.Overlay, Date: svc.Now()}
	paths, err := p.write(ctx, job, batch.Items)
	if err != nil {
		return nil, err
	}
	detail := map[string]any{"what": fmt.Sprintf("%d certificate(s)", len(batch.Items)),
		"file": filepath.Base(job.Path), "overlay": job.Overlay}
	for k, v := range job.Detail {
		detail[k] = v
	}
	// The files are written: the print is recorded, cancelled or not.
	if err := svc.Audit.RecordAudit(context.WithoutCancel(ctx), "print", "courses", batch.Course.ID, detail); err != nil {
		return nil, err
	}
	return &Printed{Batch: batch, Paths: paths}, nil
}

// write lays the items out and writes them as the job says, a chunk at a
// time.
func (p *Printer) write(ctx context.Context, job Job, items []Item) ([]string, error) {
	n := len(items)
	progress := func(done int) error {
		if job.Progress != nil {
			job.Progress(done, n)
		}
		return ctx.Err()
	}
	if err := progress(0); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	switch job.Mode {
	case Split:
		return p.writeSplit(job, items, progress)
	case Zip:
		if err := p.writeZip(&b, items, progress); err != nil {
			return nil, err
		}
	default:
		if err := p.WriteMerged(&b, items); err != nil {
			return nil, err
		}
		if err := progress(n); err != nil {
			return nil, err
		}
	}
	if err := userfile.WriteBytes(job.Path, b.Bytes()); err != nil {
		return nil, err
	}
	return []string{job.Path}, nil
}

// writeSplit writes one PDF per item into the job's folder, a chunk at a
// time, first into a hidden staging folder of its own inside it; only
// when every PDF is written does each take its real name (commitFiles).
// A failure, a full disk, a cancellation or the program's end part way
// leaves the folder as it was: no half batch under certificate names, and
// the files of an earlier print of the same certificates untouched.
func (p *Printer) writeSplit(job Job, items []Item, progress func(done int) error) ([]string, error) {
	if err := checkNames(items); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(job.Path, 0o700); err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	removeStaleStaging(job.Path)
	stage, err := os.MkdirTemp(job.Path, stagingPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	defer os.RemoveAll(stage)
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = FileName(it)
	}
	n := len(items)
	for start := 0; start < n; start += chunk {
		if _, err := p.WriteFiles(stage, items[start:min(start+chunk, n)]); err != nil {
			return nil, err
		}
		if err := progress(min(start+chunk, n)); err != nil {
			return nil, err
		}
	}
	return commitFiles(stage, job.Path, names)
}

// stagingPrefix starts the name of a split print's staging folder.
const stagingPrefix = ".peiyang-batch-"

// removeStaleStaging removes the staging folders in dir that a print
// stopped by force (kill -9, a power cut) left behind, those untouched
// for an hour: a print still under way keeps writing into its own.
func removeStaleStaging(dir string) {
	stale, _ := filepath.Glob(filepath.Join(dir, stagingPrefix+"*"))
	for _, s := range stale {
		if fi, err := os.Stat(s); err == nil && fi.IsDir() && time.Since(fi.ModTime()) > time.Hour {
			os.RemoveAll(s)
		}
	}
}

// commitFiles moves the staged files into dir under their names, all or
// none: a file already there is first moved aside into the staging
// folder, and should a later move fail (a file open in a viewer on
// Windows), the files moved so far are taken back and the ones set aside
// put back.
func commitFiles(stage, dir string, names []string) ([]string, error) {
	aside := filepath.Join(stage, "replaced")
	if err := os.Mkdir(aside, 0o700); err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	type moved struct {
		name     string
		replaced bool
	}
	var done []moved
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			os.Remove(filepath.Join(dir, done[i].name))
			if done[i].replaced {
				os.Rename(filepath.Join(aside, done[i].name), filepath.Join(dir, done[i].name))
			}
		}
	}
	paths := make([]string, len(names))
	for i, name := range names {
		dst := filepath.Join(dir, name)
		m := moved{name: name}
		if _, err := os.Lstat(dst); err == nil {
			if err := os.Rename(dst, filepath.Join(aside, name)); err != nil {
				undo()
				return nil, models.Errorf(models.EINVALID, "file", userfile.MsgReplace, "File", name, "Dir", dir)
			}
			m.replaced = true
		}
		if err := os.Rename(filepath.Join(stage, name), dst); err != nil {
			if m.replaced {
				os.Rename(filepath.Join(aside, name), dst)
			}
			undo()
			return nil, models.Errorf(models.EINVALID, "file", userfile.MsgReplace, "File", name, "Dir", dir)
		}
		done = append(done, m)
		paths[i] = dst
	}
	return paths, nil
}
