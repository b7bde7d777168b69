package backup

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"peiyang/internal/inuse"
	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// pgScene is a PostgreSQL database holding 旧村, a backup of it, and then
// 新村 too.
func pgScene(t *testing.T) (target, bak string) {
	t.Helper()
	target = pgtest.NewDatabase(t, "")
	bak = filepath.Join(t.TempDir(), "bak.db")
	db, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &scene{}
	s.addOrg(t, db, "旧村")
	if err := Backup(bg, db, bak); err != nil {
		t.Fatal(err)
	}
	s.addOrg(t, db, "新村")
	return target, bak
}

// A backup of a PostgreSQL database restores into it: the backup's data
// with the restore's entry in the audit trail, the previous data kept in
// the set-aside schema.
func TestRestorePostgres(t *testing.T) {
	target, bak := pgScene(t)
	if got := orgs(t, target); got != "新村,旧村" {
		t.Fatalf("before: %q", got)
	}
	aside, err := Restore(bg, target, bak, time.Date(2026, 3, 1, 9, 30, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	if aside != "before_restore_20260301_093000" {
		t.Errorf("aside %q", aside)
	}
	if got := orgs(t, target); got != "旧村" {
		t.Errorf("after: %q, want the backup's", got)
	}
	db, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	es, err := db.FindAudit(bg, models.AuditFilter{Action: "restore"})
	if err != nil || len(es) != 1 || !strings.Contains(es[0].After, "bak.db") {
		t.Errorf("restore entries %v, %v", es, err)
	}
	// The previous data are there, in their schema.
	c, err := pgx.Connect(bg, target)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := c.QueryRow(bg, `SELECT count(*) FROM `+aside+`.organisations WHERE name = '新村'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the set-aside schema holds %d 新村, %v", n, err)
	}
	c.Close(bg)
	// A second restore in the same second gets a name of its own.
	aside2, err := restoreOnceAlone(target, bak, time.Date(2026, 3, 1, 9, 30, 0, 0, time.Local))
	if err != nil || aside2 == aside {
		t.Errorf("second restore: %q, %v", aside2, err)
	}
}

// While another client is connected, a restore is refused, naming it,
// and the database is as it was; once it has gone, the restore goes.
func TestRestorePostgresRefusedWhileConnected(t *testing.T) {
	target, bak := pgScene(t)
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		t.Fatal(err)
	}
	cfg.RuntimeParams["application_name"] = "psql"
	other, err := pgx.ConnectConfig(bg, cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Restore(bg, target, bak, time.Now())
	var nr *NotRestored
	if err == nil || !errors.As(err, &nr) || models.ErrorCode(err) != models.ECONFLICT || !strings.Contains(err.Error(), "psql") {
		t.Fatalf("restore beside another client: %v", err)
	}
	if got := orgs(t, target); got != "新村,旧村" {
		t.Errorf("after a refusal: %q", got)
	}
	other.Close(context.Background())
	if _, err := restoreOnceAlone(target, bak, time.Now()); err != nil {
		t.Fatalf("restore once alone: %v", err)
	}
	if got := orgs(t, target); got != "旧村" {
		t.Errorf("after the restore: %q", got)
	}
}

// restoreOnceAlone restores, trying again for a while as long as it is
// refused for another connection: the server ends a closed session a
// moment after its client has gone.
func restoreOnceAlone(target, bak string, now time.Time) (string, error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		aside, err := Restore(bg, target, bak, now)
		if err == nil || time.Now().After(deadline) || !strings.Contains(err.Error(), "other connection") {
			return aside, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A restore into PostgreSQL keeps the accounts working: the restored
// schema's functions (which row-level security calls) search it under its
// final name, the accounts' regions come back with the data, and the
// audit entries keep the database user who made them.
func TestRestorePostgresKeepsAccounts(t *testing.T) {
	target, bak := "", ""
	u, err := url.Parse(pgtest.NewDatabase(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	target = u.String()
	name := strings.TrimPrefix(u.Path, "/") + ".region"
	db, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.CreateAccount(bg, &models.Account{Name: name, Role: models.RoleRegion, Region: "德阳市"}, "a long password"))
	as := *u
	as.User = url.User(name)
	region, err := store.Open(as.String())
	must(err)
	must(region.RecordAudit(bg, "print", "courses", 1, map[string]string{"document": "roster"}))
	region.Close()
	bak = filepath.Join(t.TempDir(), "bak.db")
	must(Backup(bg, db, bak))
	db.Close()
	_, err = restoreOnceAlone(target, bak, time.Date(2026, 3, 1, 9, 30, 0, 0, time.Local))
	must(err)
	c, err := pgx.Connect(bg, as.String())
	must(err)
	defer c.Close(bg)
	var got *string
	if err := c.QueryRow(bg, `SELECT peiyang_region()`).Scan(&got); err != nil || got == nil || *got != "德阳市" {
		t.Errorf("after the restore the account's region is %v, %v", got, err)
	}
	var user string
	if err := c.QueryRow(bg, `SELECT db_user FROM audit_log WHERE action = 'print'`).Scan(&user); err != nil || user != name {
		t.Errorf("after the restore the print's entry names %q (%v), want %q", user, err, name)
	}
}

// What a restore killed half-way leaves in the database, the schema it
// was copying the backup into, is removed when Peiyang opens the database
// again, as the file a restore staged beside a SQLite database is; but not
// while another restore (holding its advisory lock) may be building it.
func TestRestorePostgresLeftoverDroppedOnOpen(t *testing.T) {
	target, _ := pgScene(t)
	c, err := pgx.Connect(bg, target)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(bg)
	if _, err := c.Exec(bg, `CREATE SCHEMA peiyang_restoring;
		CREATE TABLE peiyang_restoring.trainees (id BIGINT, name TEXT);
		INSERT INTO peiyang_restoring.trainees VALUES (1, '张三')`); err != nil {
		t.Fatal(err)
	}
	left := func() bool {
		var ok bool
		if err := c.QueryRow(bg, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'peiyang_restoring')`).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	open := func() {
		db, err := store.Open(target)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	if _, err := c.Exec(bg, `SELECT pg_advisory_lock($1)`, store.LockRestore); err != nil {
		t.Fatal(err)
	}
	open()
	if !left() {
		t.Fatal("opened while a restore held its lock, the schema it builds was dropped")
	}
	if _, err := c.Exec(bg, `SELECT pg_advisory_unlock($1)`, store.LockRestore); err != nil {
		t.Fatal(err)
	}
	open()
	if left() {
		t.Fatal("the schema a killed restore left is still there after the database was opened again")
	}
	if got := orgs(t, target); got != "新村,旧村" {
		t.Errorf("the live data: %q", got)
	}
}

// A restore into PostgreSQL stages the backup in the temporary folder: a
// restore killed there leaves its copy of the backup behind, which the
// next restore on the computer removes, leaving alone the staging of a
// restore still running and a folder too new to have its entry yet.
func TestRestorePostgresRemovesStagingOfKilledRestore(t *testing.T) {
	target, bak := pgScene(t)
	tmp := t.TempDir()
	for _, v := range []string{"TMPDIR", "TMP", "TEMP"} { // os.TempDir on Unix and on Windows
		t.Setenv(v, tmp)
	}
	folder := func(name string) string {
		d := filepath.Join(tmp, name)
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "restoring.db"), []byte("张三 510104199001011234"), 0o600); err != nil {
			t.Fatal(err)
		}
		return d
	}
	killed := folder("peiyang-restore-killed")
	// The entry of a process that ended: nobody holds its lock.
	if err := os.WriteFile(filepath.Join(killed, "restoring.db.open-999999-1"), []byte(`{"pid":999999,"what":"restore"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	running := folder("peiyang-restore-running")
	hold, err := inuse.Register(filepath.Join(running, "restoring.db"), "restore")
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Release()
	young := folder("peiyang-restore-young")
	if _, err := Restore(bg, target, bak, time.Now()); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "peiyang-restore-*"))
	if want := []string{running, young}; strings.Join(left, " ") != strings.Join(want, " ") {
		t.Errorf("staging folders left %v, want %v", left, want)
	}
}
