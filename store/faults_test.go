package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"peiyang/internal/people"
	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
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
