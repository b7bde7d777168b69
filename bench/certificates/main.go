// Command certificates benchmarks certificate printing from the database:
// it builds a temporary database with one course of N trainees who all
// completed it, issues their certificates, then times loading and signing
// them, one merged PDF, one file per trainee, and a zip archive.
//
//	go run ./bench/certificates [-n 1000] [-keep DIR] [-store both|sqlite|postgres]
//
// The store only counts in issuing and in loading and signing; the rest
// is the same work on both.
//
// Each figure is the wall time, the CPU time of the process (all cores,
// garbage collection included: on a machine shared with other work it is
// the steadier figure) and the output's size; the process's peak memory
// follows the merged PDFs and ends the run. The targets (issue 17), on
// 2 cores: one merged PDF of 1,000 certificates at most 3 MB in at most
// 0.3 s; one file per trainee at 500 or more certificates a second, a zip
// archive at 400 or more; with every holder's photo in the photo box, at
// most 1 s.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"peiyang/bench/internal/measure"
	"peiyang/bench/internal/portrait"
	"peiyang/bench/internal/stores"
	"peiyang/internal/parallel"
	"peiyang/internal/people"
	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/photo"
	"peiyang/reports/certificate"
	"peiyang/store"
	"peiyang/training"
)

func main() {
	n := flag.Int("n", 1000, "number of certificates (at most 1000, a course's capacity)")
	flag.StringVar(&keep, "keep", "", "write the PDFs and the archive into this folder to look at")
	which := stores.Flag()
	flag.Parse()
	kinds, stop, err := stores.Parse(*which)
	if err == nil {
		for _, k := range kinds {
			fmt.Printf("== %s\n", k.Name)
			if err = run(k, *n); err != nil {
				break
			}
		}
		stop()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "certificates bench:", err)
		os.Exit(1)
	}
}

// keep is the folder the outputs are kept in, "" for none.
var keep string

func run(kind stores.Kind, n int) error {
	if n < 1 || n > 1000 {
		return fmt.Errorf("-n must be between 1 and 1000")
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "peiyang-cert-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	out := dir
	if keep != "" {
		out = keep
		if err := os.MkdirAll(out, 0o700); err != nil {
			return err
		}
	}
	target, err := kind.New()
	if err != nil {
		return err
	}
	db, err := store.Open(target)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.LoadDataset(ctx, dataset(n)); err != nil {
		return err
	}
	now := time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local)
	svc := training.New(db, training.WithClock(func() time.Time { return now }))
	start := time.Now()
	certs, err := svc.Certificates.IssueCertificates(ctx, 1)
	if err != nil {
		return err
	}
	fmt.Printf("certificates: %d, on %d CPUs (issued in %s)\n", len(certs), runtime.GOMAXPROCS(0), since(start))

	settings, err := certificate.LoadSettings(ctx, svc.Settings)
	if err != nil {
		return err
	}
	if _, err := svc.Certificates.SigningKey(ctx); err != nil { // made once, outside the timing
		return err
	}
	t := measure.Start()
	batch, err := svc.Certificates.LoadBatch(ctx, 1, 0)
	if err != nil {
		return err
	}
	_, times := t.Stop()
	fmt.Printf("load and sign:       %s\n", times)

	for _, overlay := range []bool{false, true} {
		p := &certificate.Printer{Settings: settings, Overlay: overlay, Date: now}
		label, file := "merged PDF", "merged.pdf"
		if overlay {
			label, file = "merged PDF, overlay", "overlay.pdf"
		}
		t := measure.Start()
		var b bytes.Buffer
		if err := p.WriteMerged(&b, batch.Items); err != nil {
			return err
		}
		if err := userfile.WriteBytes(filepath.Join(out, file), b.Bytes()); err != nil {
			return err
		}
		_, times := t.Stop()
		fmt.Printf("%-21s%s  %.2f MB\n", label+":", times, float64(b.Len())/1e6)
	}
	fmt.Printf("peak memory so far (VmHWM, the database's set-up included): %s\n", measure.PeakMemory())

	p := &certificate.Printer{Settings: settings, Date: now}
	t = measure.Start()
	if _, err := p.WriteFiles(filepath.Join(out, "split"), batch.Items); err != nil {
		return err
	}
	d, times := t.Stop()
	fmt.Printf("one file each:       %s  %.0f certificates/s\n", times, float64(len(batch.Items))/d.Seconds())

	t = measure.Start()
	var zb bytes.Buffer
	if err := p.WriteZip(&zb, batch.Items); err != nil {
		return err
	}
	if err := userfile.WriteBytes(filepath.Join(out, "certs.zip"), zb.Bytes()); err != nil {
		return err
	}
	d, times = t.Stop()
	fmt.Printf("zip:                 %s  %.0f certificates/s, %.2f MB\n", times, float64(len(batch.Items))/d.Seconds(), float64(zb.Len())/1e6)
	return withPhotos(ctx, svc, settings, batch, now, out)
}

// withPhotos stores a photo for every holder, then times reading them
// and printing the merged PDF with the photo box.
func withPhotos(ctx context.Context, svc *training.Service, settings *certificate.Settings, batch *certificate.Batch, now time.Time, out string) error {
	photos := make(map[int64][]byte, len(batch.Items))
	jpegs := make([][]byte, len(batch.Items))
	errs := make([]error, len(batch.Items))
	parallel.Each(len(batch.Items), func(i int) { jpegs[i], errs[i] = photo.Prepare(portrait.JPEG(480, 640, uint64(i))) })
	for i, it := range batch.Items {
		if errs[i] != nil {
			return errs[i]
		}
		photos[it.TraineeID] = jpegs[i]
	}
	if err := svc.Trainees.SetPhotos(ctx, photos); err != nil {
		return err
	}
	s := *settings
	s.Photo = true
	p := &certificate.Printer{Settings: &s, Date: now}
	t := measure.Start()
	if err := svc.Certificates.LoadPhotos(ctx, batch); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := p.WriteMerged(&b, batch.Items); err != nil {
		return err
	}
	if err := userfile.WriteBytes(filepath.Join(out, "photos.pdf"), b.Bytes()); err != nil {
		return err
	}
	_, times := t.Stop()
	fmt.Printf("merged, with photos: %s  %.2f MB (photos read from the database included)\n", times, float64(b.Len())/1e6)
	fmt.Printf("peak memory (VmHWM): %s\n", measure.PeakMemory())
	return nil
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }

// dataset is a course of n trainees, two sessions they all attended, all
// of them completed.
func dataset(n int) *models.Dataset {
	ds := &models.Dataset{Trainees: people.New(7).Trainees(n)}
	// Names that test the printing: a non-BMP character, a middle dot.
	ds.Trainees[0].Name = "王𠮷"
	if n > 1 {
		ds.Trainees[1].Name = "阿依古丽·买买提"
	}
	ds.Courses = []*models.Course{{ID: 1, Title: "2025年乡村振兴专题培训班（第一期）", Theme: models.ThemeRural,
		StartDate: models.MustDate("2025-06-02"), EndDate: models.MustDate("2025-06-13"), Capacity: 1000,
		Status: models.CourseFinished, Rule: models.CompletionRule{MinAttendanceRate: 0.5}}}
	for i, d := range []string{"2025-06-02", "2025-06-13"} {
		ds.Sessions = append(ds.Sessions, &models.Session{ID: int64(i + 1), CourseID: 1, Date: models.MustDate(d),
			Start: models.NewClock(9, 0), End: models.NewClock(12, 0), Venue: "第一教室", Topic: "专题讲座", Hours: 16})
	}
	at := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	for i, t := range ds.Trainees {
		ds.Enrolments = append(ds.Enrolments, &models.Enrolment{ID: int64(i + 1), CourseID: 1, TraineeID: t.ID,
			Status: models.Completed, Reason: "attendance 100%", EnrolledAt: at, UpdatedAt: at})
		for _, s := range ds.Sessions {
			ds.Attendance = append(ds.Attendance, &models.Attendance{SessionID: s.ID, TraineeID: t.ID, Status: models.Present, RecordedAt: at})
		}
	}
	return ds
}
