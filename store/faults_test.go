package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"peiyang/internal/people"
	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// The messages of a lost connection (store/pgerrors.go).
const (
	msgLostBeforeSaved = "The connection to the database server {{.Server}} was lost before the change was saved: nothing of it was saved. Try again; Peiyang reconnects by itself."
	msgLostRead        = "The connection to the database server {{.Server}} was lost. Try again; Peiyang reconnects by itself."
)

// wantMessage fails unless err is the ECONFLICT domain error with the
// message.
func wantMessage(t *testing.T, err error, msg string) {
	t.Helper()
	var de *models.Error
	if !errors.As(err, &de) || de.Code != models.ECONFLICT || de.Message != msg {
		t.Fatalf("got %v, want the ECONFLICT %q", err, msg)
	}
}

// killWhile ends (pg_terminate_backend) the first connection of the
// application that runs (or, in a transaction, ran last) a statement
// starting with one of prefixes, while
// run runs, and returns run's error and whether a connection was ended.
func killWhile(t *testing.T, raw *sql.DB, app string, prefixes []string, run func() error) (error, bool) {
	t.Helper()
	killed := make(chan bool, 1)
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				killed <- false
				return
			default:
			}
			var pid int
			var query string
			err := raw.QueryRow(`SELECT pid, query FROM pg_stat_activity
				WHERE application_name = $1 AND state IN ('active', 'idle in transaction') AND backend_type = 'client backend' AND pid <> pg_backend_pid()
				ORDER BY backend_start LIMIT 1`, app).Scan(&pid, &query)
			q := strings.ToUpper(strings.TrimSpace(query))
			if err == nil && hasPrefix(q, prefixes) {
				var ok bool
				if raw.QueryRow(`SELECT pg_terminate_backend($1)`, pid).Scan(&ok) == nil && ok {
					killed <- true
					return
				}
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	err := run()
	close(stop)
	return err, <-killed
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// A connection ended by the server in the middle of a big load (the
// demo's, or an import's): the load fails with the message that nothing
// was saved, the database holds nothing of it, and the next try on the
// same handle works, the pool having reconnected.
func TestPostgresConnectionKilledMidLoad(t *testing.T) {
	t.Run(postgresKind, func(t *testing.T) {
		target := newTarget(t) + "&application_name=victim"
		db, err := store.Open(target)
		must(t, err)
		defer db.Close()
		targets.Store(db, target)
		raw := rawSQL(t, db)
		ds := bigDataset(8000, 20)
		err, killed := killWhile(t, raw, "victim", []string{"COPY", "INSERT"}, func() error { return db.LoadDataset(ctx, ds) })
		if !killed {
			t.Fatalf("the load ended (%v) before its connection could be ended", err)
		}
		wantMessage(t, err, msgLostBeforeSaved)
		if strings.Contains(err.Error(), "{{") || !strings.Contains(err.Error(), "/t") {
			t.Errorf("message %q does not name the server", err)
		}
		if empty, err := db.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("after the ended load: empty %v, %v", empty, err)
		}
		must(t, db.LoadDataset(ctx, ds))
		if n, err := db.CountTrainees(ctx, models.TraineeFilter{}); err != nil || n != 8000 {
			t.Fatalf("the second load wrote %d trainees, %v", n, err)
		}
		integrityOK(t, db)

		// An import of trainees into it, ended the same way.
		more := people.New(5).Trainees(11000)[8000:] // the next 3,000 people
		for _, tr := range more {
			tr.ID, tr.CohortID, tr.NominatedByID = 0, 1, 2
		}
		err, killed = killWhile(t, raw, "victim", []string{"COPY", "INSERT"}, func() error { return db.CreateTrainees(ctx, more) })
		if !killed {
			t.Fatalf("the import ended (%v) before its connection could be ended", err)
		}
		wantMessage(t, err, msgLostBeforeSaved)
		if n, _ := db.CountTrainees(ctx, models.TraineeFilter{}); n != 8000 {
			t.Fatalf("after the ended import %d trainees, want 8000", n)
		}
		must(t, db.CreateTrainees(ctx, more))
		if n, _ := db.CountTrainees(ctx, models.TraineeFilter{}); n != 11000 {
			t.Fatalf("after the second import %d trainees, want 11000", n)
		}
	})
}

// A server restarted (as a crash would: every connection cut) between
// two writes: the next call is refused with the message of a lost
// connection or goes, and the one after goes, on the same handle; what
// was committed before is there.
func TestPostgresServerRestart(t *testing.T) {
	srv, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		pgtest.Unavailable(t, err)
	}
	defer srv.Stop()
	must(t, srv.CreateDatabase("peiyang", ""))
	db, err := store.Open(srv.URL("peiyang"))
	must(t, err)
	defer db.Close()
	must(t, db.SetSetting(ctx, "before", "1"))
	must(t, srv.Restart())
	for _, step := range []struct {
		name string
		run  func() error
		msg  string
	}{
		{"read", func() error { _, err := db.Setting(ctx, "before"); return err }, msgLostRead},
		{"write", func() error { return db.SetSetting(ctx, "after", "1") }, msgLostBeforeSaved},
	} {
		if err := step.run(); err != nil {
			wantMessage(t, err, step.msg)
			must(t, step.run())
		}
	}
	for _, k := range []string{"before", "after"} {
		if v, err := db.Setting(context.Background(), k); err != nil || v != "1" {
			t.Errorf("setting %s = %q, %v", k, v, err)
		}
	}
}

// certificateCourses is a dataset of two finished courses of n trainees
// each, who all completed both and hold no certificate yet.
func certificateCourses(n int) *models.Dataset {
	ds := &models.Dataset{Trainees: people.New(7).Trainees(n)}
	at := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	for c := int64(1); c <= 2; c++ {
		start := models.MustDate("2025-06-02").AddDays(int(c-1) * 14)
		ds.Courses = append(ds.Courses, &models.Course{ID: c, Title: fmt.Sprintf("2025年乡村振兴专题培训班（第%d期）", c),
			Theme: models.ThemeRural, StartDate: start, EndDate: start.AddDays(11), Capacity: 1000,
			Status: models.CourseFinished, Rule: models.CompletionRule{MinAttendanceRate: 0.5}})
		s := &models.Session{ID: c, CourseID: c, Date: start, Start: models.NewClock(9, 0), End: models.NewClock(12, 0),
			Venue: "第一教室", Topic: "专题讲座", Hours: 16}
		ds.Sessions = append(ds.Sessions, s)
		for _, tr := range ds.Trainees {
			ds.Enrolments = append(ds.Enrolments, &models.Enrolment{ID: int64(len(ds.Enrolments) + 1), CourseID: c,
				TraineeID: tr.ID, Status: models.Completed, Reason: "attendance 100%", EnrolledAt: at, UpdatedAt: at})
			ds.Attendance = append(ds.Attendance, &models.Attendance{SessionID: s.ID, TraineeID: tr.ID, Status: models.Present, RecordedAt: at})
		}
	}
	return ds
}

// holdBatchAt makes the certificate batch of application victim wait at
// its certificate number seq of 2025, so that it can be cut off there, at
// a known point: a second connection's transaction inserts a certificate
// with that number, uncommitted, on which the batch's own insert of it
// waits (the unique key). It returns once the batch waits, with the
// blocking transaction, to be rolled back.
func holdBatchAt(t *testing.T, raw *sql.DB, seq int) *sql.Tx {
	t.Helper()
	tx, err := raw.Begin()
	must(t, err)
	if _, err := tx.Exec(`INSERT INTO certificates (serial, year, seq, trainee_id, course_id, issued_on, status, created_at, updated_at)
		VALUES ('blocker', 2025, $1, 1, 1, '2025-07-01', 'valid', '', '')`, seq); err != nil {
		_ = tx.Rollback()
		t.Fatal(err)
	}
	return tx
}

// waitBlocked waits until the write connection of application victim
// waits for a lock, and reports whether it did within a minute.
func waitBlocked(raw *sql.DB) bool {
	for range 60000 {
		var n int
		err := raw.QueryRow(`SELECT COUNT(*) FROM pg_stat_activity
			WHERE application_name = 'victim' AND wait_event_type = 'Lock'`).Scan(&n)
		if err == nil && n > 0 {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}

// cutMidBatch issues course 2's certificates while a second connection
// holds the batch at its certificate number seq and cut runs once it
// waits there; it returns what the batch returned.
func cutMidBatch(t *testing.T, svc *training.Service, raw *sql.DB, seq int, cut func() error) error {
	t.Helper()
	block := holdBatchAt(t, raw, seq)
	defer block.Rollback()
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() {
		got, err := svc.Certificates.IssueCertificates(ctx, 2)
		done <- result{len(got), err}
	}()
	if !waitBlocked(raw) {
		_ = block.Rollback()
		r := <-done
		t.Fatalf("the batch never waited at number %d (%d certificates, %v)", seq, r.n, r.err)
	}
	must(t, cut())
	r := <-done
	if r.err == nil {
		t.Fatalf("the batch cut off at number %d issued %d certificates", seq, r.n)
	}
	return r.err
}

// terminateVictim ends the connection of application victim that is in a
// transaction (the write connection of the batch).
func terminateVictim(raw *sql.DB) error {
	var ok bool
	err := raw.QueryRow(`SELECT COALESCE(bool_or(pg_terminate_backend(pid)), false) FROM pg_stat_activity
		WHERE application_name = 'victim' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`).Scan(&ok)
	if err == nil && !ok {
		err = errors.New("no connection of the batch to end")
	}
	return err
}

// batchLeftNothing checks that the database holds the first course's
// certificates, serials 1 to n, and their audit entries, and nothing of
// the second course's batch.
func batchLeftNothing(t *testing.T, db *store.DB, n int) {
	t.Helper()
	certs, err := db.FindCertificates(ctx, models.CertificateFilter{})
	must(t, err)
	if len(certs) != n {
		t.Fatalf("%d certificates after the ended batch, want the first course's %d", len(certs), n)
	}
	for i, c := range certs {
		if c.CourseID != 1 || c.Seq != i+1 {
			t.Fatalf("certificate %d: course %d, number %d", i, c.CourseID, c.Seq)
		}
	}
	if last, err := db.LastCertificateSeq(ctx, 2025); err != nil || last != n {
		t.Fatalf("last serial %d, %v; want %d", last, err, n)
	}
	entries, err := db.FindAudit(ctx, store.AuditFilter{Entity: "certificates"})
	must(t, err)
	if len(entries) != n {
		t.Fatalf("%d audit entries for certificates, want %d", len(entries), n)
	}
}

// issuedAfter checks the second batch: n certificates of course 2,
// numbered on from the first course's without a gap, one audit entry
// each.
func issuedAfter(t *testing.T, db *store.DB, got []*models.Certificate, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("the batch after issued %d certificates, want %d", len(got), n)
	}
	for i, c := range got {
		if c.CourseID != 2 || c.Seq != n+i+1 {
			t.Fatalf("certificate %d of the batch after: course %d, number %d, want %d", i, c.CourseID, c.Seq, n+i+1)
		}
	}
	entries, err := db.FindAudit(ctx, store.AuditFilter{Entity: "certificates"})
	must(t, err)
	if len(entries) != 2*n {
		t.Fatalf("%d audit entries for certificates, want %d", len(entries), 2*n)
	}
}

// The connection of a batch of several hundred certificates ended by the
// server (pg_terminate_backend from a second connection) half-way: the
// user gets the message that nothing was saved, the database holds no
// certificate of the batch, no serial is taken and no audit entry written
// for it, and the next try on the same handle issues the whole batch
// under the next serials.
func TestPostgresConnectionKilledMidBatch(t *testing.T) {
	t.Run(postgresKind, func(t *testing.T) {
		const n = 400
		target := newTarget(t) + "&application_name=victim"
		db, err := store.Open(target)
		must(t, err)
		defer db.Close()
		targets.Store(db, target)
		raw := rawSQL(t, db)
		must(t, db.LoadDataset(ctx, certificateCourses(n)))
		svc := training.New(db, training.WithClock(func() time.Time { return time.Date(2025, 7, 1, 10, 0, 0, 0, time.Local) }))
		if got, err := svc.Certificates.IssueCertificates(ctx, 1); err != nil || len(got) != n {
			t.Fatalf("the first course's batch: %d certificates, %v", len(got), err)
		}

		err = cutMidBatch(t, svc, raw, n+n/3, func() error { return terminateVictim(raw) })
		wantMessage(t, err, msgLostBeforeSaved)
		if models.ErrorMessage(err) == "" || strings.Contains(err.Error(), "{{") {
			t.Errorf("message %q", err)
		}
		batchLeftNothing(t, db, n)
		got, err := svc.Certificates.IssueCertificates(ctx, 2)
		must(t, err)
		issuedAfter(t, db, got, n)
		integrityOK(t, db)
	})
}

// The same batch when the server restarts (every connection cut) half-way.
func TestPostgresServerRestartMidBatch(t *testing.T) {
	srv, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		pgtest.Unavailable(t, err)
	}
	defer srv.Stop()
	must(t, srv.CreateDatabase("peiyang", ""))
	db, err := store.Open(srv.URL("peiyang") + "&application_name=victim")
	must(t, err)
	defer db.Close()
	raw, err := sql.Open("pgx", srv.URL("peiyang"))
	must(t, err)
	defer raw.Close()
	const n = 400
	must(t, db.LoadDataset(ctx, certificateCourses(n)))
	svc := training.New(db, training.WithClock(func() time.Time { return time.Date(2025, 7, 1, 10, 0, 0, 0, time.Local) }))
	if got, err := svc.Certificates.IssueCertificates(ctx, 1); err != nil || len(got) != n {
		t.Fatalf("the first course's batch: %d certificates, %v", len(got), err)
	}
	err = cutMidBatch(t, svc, raw, n+n/3, srv.Restart)
	wantMessage(t, err, msgLostBeforeSaved)
	batchLeftNothing(t, db, n)
	got, err := svc.Certificates.IssueCertificates(ctx, 2)
	must(t, err)
	issuedAfter(t, db, got, n)
}
