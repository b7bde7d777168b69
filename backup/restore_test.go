package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"peiyang/internal/inuse"
	"peiyang/models"
	"peiyang/store"
)

var bg = context.Background()

// scene is a database holding 旧村 and a backup of it; the database then
// gains 新村, so that each restore's outcome is plain.
type scene struct {
	dir, db, bak string
}

func newScene(t *testing.T) *scene {
	t.Helper()
	dir := t.TempDir()
	s := &scene{dir: dir, db: filepath.Join(dir, "peiyang.db"), bak: filepath.Join(dir, "bak.db")}
	db, err := store.Open(s.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s.addOrg(t, db, "旧村")
	if err := Backup(bg, db, s.bak); err != nil {
		t.Fatal(err)
	}
	s.addOrg(t, db, "新村")
	return s
}

func (s *scene) addOrg(t *testing.T, db *store.DB, name string) {
	t.Helper()
	if err := db.CreateOrganisation(bg, &models.Organisation{Name: name, Kind: models.OrgVillage}); err != nil {
		t.Fatal(err)
	}
}

// orgs lists the organisations of a database file, opened directly.
func orgs(t *testing.T, path string) string {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	defer db.Close()
	os, err := db.FindOrganisations(bg, models.OrganisationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range os {
		names = append(names, o.Name)
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// leftovers lists the files beside the database other than the database
// itself, its gate and the backup.
func (s *scene) leftovers(t *testing.T) []string {
	t.Helper()
	des, err := os.ReadDir(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		switch de.Name() {
		case "peiyang.db", "peiyang.db.lock", "bak.db":
		default:
			out = append(out, de.Name())
		}
	}
	return out
}

// wantOriginal checks that a restore failed, saying the database is as it
// was, and that it is.
func (s *scene) wantOriginal(t *testing.T, err error, says string) {
	t.Helper()
	var nr *NotRestored
	if !errors.As(err, &nr) {
		t.Fatalf("restore: %v, want a NotRestored error", err)
	}
	if !strings.Contains(err.Error(), says) {
		t.Errorf("error %q does not say %q", err, says)
	}
	if got := orgs(t, s.db); got != "新村,旧村" {
		t.Errorf("the database holds %s after a failed restore", got)
	}
	if l := s.leftovers(t); len(l) > 0 {
		t.Errorf("files left: %v", l)
	}
}

func TestRestoreRefusedWhileOpenElsewhere(t *testing.T) {
	s := newScene(t)
	inuse.SetProgram("peiyang import trainees")
	other, err := inuse.Open(bg, s.db, 0)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(s.db) // the import's connection
	if err != nil {
		t.Fatal(err)
	}
	_, err = Restore(bg, s.db, s.bak, time.Now())
	var nr *NotRestored
	if !errors.As(err, &nr) || models.ErrorCode(err) != models.ECONFLICT ||
		!strings.Contains(err.Error(), fmt.Sprintf("peiyang import trainees (process %d", os.Getpid())) {
		t.Errorf("refusal %v: want ECONFLICT naming the process", err)
	}
	// The other process's work after the refusal lands in the live file.
	s.addOrg(t, db, "导入村")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Release(); err != nil {
		t.Fatal(err)
	}
	if got := orgs(t, s.db); got != "导入村,新村,旧村" {
		t.Errorf("after the refusal the database holds %s", got)
	}
	if l := s.leftovers(t); len(l) > 0 {
		t.Errorf("files left: %v", l)
	}
	if _, err := Restore(bg, s.db, s.bak, time.Now()); err != nil {
		t.Fatalf("restore once the other process closed: %v", err)
	}
	if got := orgs(t, s.db); got != "旧村" {
		t.Errorf("restored database holds %s", got)
	}
}

func TestRestoreSelfHoldAndGate(t *testing.T) {
	s := newScene(t)
	inuse.SetProgram(inuse.Window)
	self, err := inuse.Open(bg, s.db, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The window's own hold does not refuse the checks…
	p, err := Prepare(bg, s.db, s.bak, time.Now(), self)
	if err != nil {
		t.Fatalf("prepare beside the caller's own hold: %v", err)
	}
	// …but the swap waits for it to be released.
	if _, err := p.Commit(bg); err == nil || !strings.Contains(err.Error(), "window") {
		t.Fatalf("commit while the caller still holds the database: %v", err)
	}
	if got := orgs(t, s.db); got != "新村,旧村" {
		t.Errorf("the database holds %s", got)
	}
	p, err = Prepare(bg, s.db, s.bak, time.Now(), self)
	if err != nil {
		t.Fatal(err)
	}
	// A second restore meanwhile is refused, naming the first.
	if _, err := Restore(bg, s.db, s.bak, time.Now()); err == nil || !strings.Contains(err.Error(), "Another restore") {
		t.Errorf("a second restore during the first: %v", err)
	}
	if err := self.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Commit(bg); err != nil {
		t.Fatal(err)
	}
	if got := orgs(t, s.db); got != "旧村" {
		t.Errorf("restored database holds %s", got)
	}
}

func TestRestoreIncludesTheBackupsLog(t *testing.T) {
	s := newScene(t)
	// A backup whose last change is still in its -wal file, as a copy of
	// a database taken while it was open leaves it.
	live := filepath.Join(s.dir, "live.db")
	raw, err := sql.Open("sqlite", "file:"+live+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	b, err := os.ReadFile(s.bak)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(live, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO organisations (name, kind, created_at, updated_at) SELECT '日志村', kind, created_at, updated_at FROM organisations LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	wal := filepath.Join(s.dir, "wal.db")
	for _, sfx := range []string{"", "-wal"} {
		b, err := os.ReadFile(live + sfx)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(wal+sfx, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := os.Stat(wal + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("the backup's log is empty: %v", err)
	}
	if _, err := Restore(bg, s.db, wal, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := orgs(t, s.db); got != "日志村,旧村" {
		t.Errorf("restored database holds %s; the change in the backup's log is lost", got)
	}
}

// brokenBackup copies the scene's backup and changes it with SQL run with
// foreign keys off.
func (s *scene) brokenBackup(t *testing.T, name string, stmts ...string) string {
	t.Helper()
	b, err := os.ReadFile(s.bak)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name+".db")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+p+"?_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return p
}

func TestRestoreRefusesBrokenSchema(t *testing.T) {
	s := newScene(t)
	for _, c := range []struct {
		name  string
		stmts []string
		says  string
	}{
		{"no-certificates", []string{`DROP TABLE certificates`}, "table certificates is missing"},
		{"no-trainees", []string{`DROP TABLE trainees`}, "table trainees is missing"},
		{"no-audit-trigger", []string{`DROP TRIGGER audit_log_no_delete`}, "trigger audit_log_no_delete is missing"},
		{"no-index", []string{`DROP INDEX trainees_region_code`}, "index trainees_region_code is missing"},
		{"no-column", []string{`ALTER TABLE trainees DROP COLUMN notes`}, "column trainees.notes is missing"},
		{"extra-table", []string{`CREATE TABLE other_app (x)`}, "table other_app is not Peiyang's"},
		{"audit-insert-fails", []string{`CREATE TRIGGER audit_log_no_insert BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no'); END`},
			"trigger audit_log_no_insert is not Peiyang's"},
		{"dangling", []string{`INSERT INTO trainees (name, id_number, direction, nominated_by_id, created_at, updated_at)
			VALUES ('某', '1', 'inflow', 999, '2026-01-01', '2026-01-01')`},
			"refer to missing ones"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := s.brokenBackup(t, c.name, c.stmts...)
			_, err := Restore(bg, s.db, bad, time.Now())
			if models.ErrorCode(err) != models.EINVALID {
				t.Errorf("error %v, want EINVALID", err)
			}
			s.wantOriginal(t, err, c.says)
			if !strings.Contains(err.Error(), bad) {
				t.Errorf("the message %q does not name the backup", err)
			}
		})
	}
}

func TestRestoreFailingStepKeepsOriginal(t *testing.T) {
	for _, at := range []string{"stage", "audit", "checkpoint", "aside", "swap"} {
		t.Run(at, func(t *testing.T) {
			s := newScene(t)
			failAt = func(step string) error {
				if step == at {
					return fmt.Errorf("step %s failed", step)
				}
				return nil
			}
			defer func() { failAt = nil }()
			_, err := Restore(bg, s.db, s.bak, time.Now())
			s.wantOriginal(t, err, "step "+at+" failed")
		})
	}
}

func TestRestoreCancelled(t *testing.T) {
	s := newScene(t)
	ctx, cancel := context.WithCancel(bg)
	cancel()
	_, err := Restore(ctx, s.db, s.bak, time.Now())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	s.wantOriginal(t, err, "canceled")
	// Cancelled (Ctrl+C) as the copy starts: the copy stops and goes.
	ctx, cancel = context.WithCancel(bg)
	failAt = func(step string) error {
		if step == "stage" {
			cancel()
		}
		return nil
	}
	_, err = Restore(ctx, s.db, s.bak, time.Now())
	failAt = nil
	s.wantOriginal(t, err, "canceled")
	// Cancelled between the checks and the swap.
	ctx, cancel = context.WithCancel(bg)
	p, err := Prepare(ctx, s.db, s.bak, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	_, err = p.Commit(ctx)
	s.wantOriginal(t, err, "canceled")
}

func TestRecoverStaleStaging(t *testing.T) {
	s := newScene(t)
	for _, sfx := range []string{".restoring", ".restoring-wal"} {
		if err := os.WriteFile(s.db+sfx, []byte("half a copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// A second name of the live file: the kill came just before the swap.
	link := s.db + ".before-restore-20260101-000000"
	if err := os.Link(s.db, link); err != nil {
		t.Fatal(err)
	}
	// While a restore is under way the staged copy is its own.
	r, err := inuse.Register(s.db, inuse.Restore)
	if err != nil {
		t.Fatal(err)
	}
	h, note, err := Hold(bg, s.db)
	if err != nil || note != nil {
		t.Fatalf("hold during a restore: %v %v", note, err)
	}
	h.Release()
	if _, err := os.Stat(s.db + ".restoring"); err != nil {
		t.Fatal("the staged copy of a running restore was removed")
	}
	r.Release()
	h, note, err = Hold(bg, s.db)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	if note == nil || !strings.Contains(note.Error(), "peiyang.db.restoring was removed") {
		t.Errorf("no message about the stale copy: %v", note)
	}
	if l := s.leftovers(t); len(l) != 1 || !strings.HasPrefix(l[0], "peiyang.db.open-") {
		t.Errorf("files left: %v", l)
	}
	if got := orgs(t, s.db); got != "新村,旧村" {
		t.Errorf("the database holds %s", got)
	}
}

// TestRestoreDiskFull restores onto a small file system that cannot hold
// the copy (root only: it mounts a tmpfs).
func TestRestoreDiskFull(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	s := newScene(t)
	small := t.TempDir()
	if out, err := runCmd("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer runCmd("umount", small)
	db := filepath.Join(small, "peiyang.db")
	d, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	s.addOrg(t, d, "小村")
	d.Close()
	// A backup too large for what is left.
	big := s.brokenBackup(t, "big", `CREATE TABLE IF NOT EXISTS pad (x)`)
	raw, err := sql.Open("sqlite", big)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec(`DROP TABLE pad`)
	raw.Exec(`INSERT INTO audit_log (at, action, after) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 8000)
		SELECT '2026-01-01T00:00:00Z', 'print', printf('%.400c', 'x') FROM n`)
	raw.Close()
	_, err = Restore(bg, db, big, time.Now())
	var nr *NotRestored
	if !errors.As(err, &nr) || !strings.Contains(err.Error(), "not enough free space") {
		t.Fatalf("restore onto a full disk: %v", err)
	}
	if got := orgs(t, db); got != "小村" {
		t.Errorf("the database holds %s", got)
	}
	m, _ := filepath.Glob(db + ".restoring*")
	if len(m) > 0 {
		t.Errorf("files left: %v", m)
	}
}

func runCmd(name string, args ...string) ([]byte, error) {
	return exec.Command(name, args...).CombinedOutput()
}
