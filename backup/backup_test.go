package backup_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"peiyang/backup"
	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/store"
)

var ctx = context.Background()

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func open(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path)
	must(t, err)
	return db
}

func addOrg(t testing.TB, db *store.DB, name string) {
	t.Helper()
	must(t, db.CreateOrganisation(ctx, &models.Organisation{Name: name, Kind: models.OrgVillage}))
}

func orgNames(t testing.TB, path string) map[string]bool {
	t.Helper()
	db := open(t, path)
	defer db.Close()
	os, err := db.FindOrganisations(ctx, models.OrganisationFilter{})
	must(t, err)
	out := map[string]bool{}
	for _, o := range os {
		out[o.Name] = true
	}
	return out
}

func wantMode(t testing.TB, path string) {
	t.Helper()
	privatetest.Assert(t, path)
}

func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	db := open(t, filepath.Join(dir, "peiyang.db"))
	defer db.Close()
	addOrg(t, db, "村0")
	// Another connection, as another process would have, writes meanwhile.
	other := open(t, db.Path())
	defer other.Close()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			// A pause between writes, as a person's work has: a writer
			// that never lets go starves the copy past the busy timeout
			// under -race.
			case <-time.After(2 * time.Millisecond):
			}
			if err := other.CreateOrganisation(ctx, &models.Organisation{Name: fmt.Sprintf("村%d", i), Kind: models.OrgVillage}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var paths []string
	for i := range 3 {
		p := filepath.Join(dir, fmt.Sprintf("copy%d.db", i))
		must(t, backup.Backup(ctx, db, p))
		paths = append(paths, p)
	}
	close(stop)
	wg.Wait()
	for _, p := range paths {
		wantMode(t, p)
		v, err := store.CheckFile(ctx, p)
		must(t, err)
		if v != store.LatestSchemaVersion() {
			t.Errorf("backup schema %d, want %d", v, store.LatestSchemaVersion())
		}
		if !orgNames(t, p)["村0"] {
			t.Errorf("%s lacks the first organisation", p)
		}
	}
	// A backup never overwrites a file.
	if err := backup.Backup(ctx, db, paths[0]); models.ErrorCode(err) != models.ECONFLICT {
		t.Errorf("backup over an existing file: %v, want ECONFLICT", err)
	}
	// The backup is in the audit trail.
	es, err := db.FindAudit(ctx, store.AuditFilter{Action: "backup"})
	must(t, err)
	if len(es) != 3 {
		t.Errorf("%d backup entries, want 3", len(es))
	}
}

func TestRestoreSwapsAndKeepsOld(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "peiyang.db")
	db := open(t, dbPath)
	addOrg(t, db, "旧村")
	bak := filepath.Join(dir, "bak.db")
	must(t, backup.Backup(ctx, db, bak))
	addOrg(t, db, "新村")
	must(t, db.Close())

	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.Local)
	aside, err := backup.Restore(ctx, dbPath, bak, now)
	must(t, err)
	if want := dbPath + ".before-restore-20260304-050607"; aside != want {
		t.Errorf("set aside as %s, want %s", aside, want)
	}
	got := orgNames(t, dbPath)
	if !got["旧村"] || got["新村"] {
		t.Errorf("restored database holds %v, want 旧村 only", got)
	}
	if !orgNames(t, aside)["新村"] {
		t.Error("the set-aside database lost the later change")
	}
	wantMode(t, dbPath)
	db = open(t, dbPath)
	defer db.Close()
	es, err := db.FindAudit(ctx, store.AuditFilter{Action: "restore"})
	must(t, err)
	if len(es) != 1 {
		t.Errorf("%d restore entries, want 1", len(es))
	}
}

// refused checks that a restore of src fails and leaves the database as it
// was, with nothing set aside.
func refused(t *testing.T, dbPath, src string) {
	t.Helper()
	before, err := os.ReadFile(dbPath)
	must(t, err)
	if _, err := backup.Restore(ctx, dbPath, src, time.Now()); err == nil {
		t.Fatal("restore accepted")
	} else if models.ErrorCode(err) != models.EINVALID {
		t.Errorf("error %v, want EINVALID", err)
	}
	after, err := os.ReadFile(dbPath)
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Error("the database changed")
	}
	m, _ := filepath.Glob(dbPath + ".*")
	if len(m) > 0 {
		t.Errorf("files left: %v", m)
	}
	if !orgNames(t, dbPath)["旧村"] {
		t.Error("the database lost its data")
	}
}

func TestRestoreRefusesCorrupt(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "peiyang.db")
	db := open(t, dbPath)
	addOrg(t, db, "旧村")
	bak := filepath.Join(dir, "bak.db")
	must(t, backup.Backup(ctx, db, bak))
	must(t, db.Close())

	// Damage the copy: overwrite a page in the middle with junk.
	b, err := os.ReadFile(bak)
	must(t, err)
	for i := 4096 * 2; i < 4096*3 && i < len(b); i++ {
		b[i] = 0xA5
	}
	bad := filepath.Join(dir, "bad.db")
	must(t, os.WriteFile(bad, b, 0o600))
	refused(t, dbPath, bad)

	junk := filepath.Join(dir, "junk.db")
	must(t, os.WriteFile(junk, []byte("not a database at all, not at all"), 0o600))
	refused(t, dbPath, junk)
	refused(t, dbPath, filepath.Join(dir, "missing.db"))
}

func TestRestoreRefusesNewerSchema(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "peiyang.db")
	db := open(t, dbPath)
	addOrg(t, db, "旧村")
	bak := filepath.Join(dir, "bak.db")
	must(t, backup.Backup(ctx, db, bak))
	must(t, db.Close())

	raw, err := sql.Open("sqlite", bak)
	must(t, err)
	_, err = raw.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, '2030-01-01T00:00:00Z')`,
		store.LatestSchemaVersion()+1)
	must(t, err)
	must(t, raw.Close())
	refused(t, dbPath, bak)
}

func TestRotateKeepsN(t *testing.T) {
	dir := t.TempDir()
	db := open(t, filepath.Join(dir, "peiyang.db"))
	defer db.Close()
	addOrg(t, db, "村")
	bdir := filepath.Join(dir, "backups")
	must(t, os.MkdirAll(bdir, 0o700))
	other := filepath.Join(bdir, "notes.txt")
	must(t, os.WriteFile(other, []byte("keep me"), 0o600))

	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.Local)
	var made []string
	for i := range 5 {
		p, err := backup.Rotate(ctx, db, bdir, 3, start.Add(time.Duration(i)*time.Hour))
		must(t, err)
		wantMode(t, p)
		made = append(made, p)
	}
	// Two in the same second.
	p, err := backup.Rotate(ctx, db, bdir, 3, start.Add(4*time.Hour))
	must(t, err)
	made = append(made, p)
	got, err := backup.List(bdir)
	must(t, err)
	want := made[3:]
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("rotation removed a file that is not a backup")
	}

	// The settings, with their defaults.
	d, keep, err := backup.Settings(ctx, db)
	must(t, err)
	if d != filepath.Join(dir, "backups") || keep != backup.DefaultKeep {
		t.Errorf("defaults %s %d", d, keep)
	}
	must(t, db.SetSetting(ctx, backup.SettingFolder, filepath.Join(dir, "auto")))
	must(t, db.SetSetting(ctx, backup.SettingKeep, "2"))
	for i := range 3 {
		_, err := backup.Auto(ctx, db, start.Add(time.Duration(10+i)*time.Hour))
		must(t, err)
	}
	got, err = backup.List(filepath.Join(dir, "auto"))
	must(t, err)
	if len(got) != 2 {
		t.Errorf("auto kept %d, want 2", len(got))
	}
}
