// Command certificates benchmarks certificate printing from the database:
// it builds a temporary database with one course of N trainees who all
// completed it, issues their certificates, then times loading and signing
// them, one merged PDF, one file per trainee, and a zip archive.
//
//	go run ./bench/certificates [-n 1000]
//
// The targets: one merged PDF of 1,000 certificates in under 1 s, and one
// file per trainee at 100 or more certificates per second.
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

	"peiyang/bench/search/people"
	"peiyang/certsign"
	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/store"
	"peiyang/training"
)

func main() {
	n := flag.Int("n", 1000, "number of certificates (at most 1000, a course's capacity)")
	flag.Parse()
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "certificates bench:", err)
		os.Exit(1)
	}
}

func run(n int) error {
	if n < 1 || n > 1000 {
		return fmt.Errorf("-n must be between 1 and 1000")
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "peiyang-cert-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(filepath.Join(dir, "bench.db"))
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
	certs, err := svc.IssueCertificates(ctx, 1)
	if err != nil {
		return err
	}
	fmt.Printf("certificates: %d, on %d CPUs (issued in %s)\n", len(certs), runtime.GOMAXPROCS(0), since(start))

	settings, err := certificate.LoadSettings(ctx, db)
	if err != nil {
		return err
	}
	key, err := certsign.Key(ctx, db)
	if err != nil {
		return err
	}
	start = time.Now()
	batch, err := certificate.Load(ctx, db, 1, 0, key)
	if err != nil {
		return err
	}
	load := time.Since(start)
	fmt.Printf("load and sign:       %8s\n", since(start))

	for _, overlay := range []bool{false, true} {
		p := &certificate.Printer{Settings: settings, Overlay: overlay, Date: now}
		label := map[bool]string{false: "merged PDF", true: "merged PDF, overlay"}[overlay]
		start = time.Now()
		var b bytes.Buffer
		if err := p.WriteMerged(&b, batch.Items); err != nil {
			return err
		}
		if err := userfile.WriteBytes(filepath.Join(dir, "merged.pdf"), b.Bytes()); err != nil {
			return err
		}
		d := time.Since(start)
		fmt.Printf("%-21s%8s  (%s with loading and signing; %.1f MB)\n", label+":", d.Round(time.Millisecond),
			(d + load).Round(time.Millisecond), float64(b.Len())/1e6)
	}

	p := &certificate.Printer{Settings: settings, Date: now}
	start = time.Now()
	if _, err := p.WriteFiles(filepath.Join(dir, "split"), batch.Items); err != nil {
		return err
	}
	d := time.Since(start)
	fmt.Printf("one file each:       %8s  (%.0f certificates/s)\n", d.Round(time.Millisecond), float64(len(batch.Items))/d.Seconds())

	start = time.Now()
	var zb bytes.Buffer
	if err := p.WriteZip(&zb, batch.Items); err != nil {
		return err
	}
	if err := userfile.WriteBytes(filepath.Join(dir, "certs.zip"), zb.Bytes()); err != nil {
		return err
	}
	d = time.Since(start)
	fmt.Printf("zip:                 %8s  (%.0f certificates/s; %.1f MB)\n", d.Round(time.Millisecond), float64(len(batch.Items))/d.Seconds(), float64(zb.Len())/1e6)
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
