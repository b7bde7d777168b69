package store_test

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/internal/readonlytest"
	"peiyang/models"
	"peiyang/store"
)

// snapshot is what a refused Open must leave as it was: the files of the
// folder, their bytes and modes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		fi, _ := os.Stat(p)
		b, _ := os.ReadFile(p)
		out[e.Name()] = fi.Mode().String() + string(b)
	}
	return out
}

func rawDB(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
}

func wantRefused(t *testing.T, path, msg string, parts ...string) {
	t.Helper()
	dir := filepath.Dir(path)
	before := snapshot(t, dir)
	db, err := store.Open(path)
	if err == nil {
		db.Close()
		t.Fatalf("%s opened", path)
	}
	var de *models.Error
	if !errors.As(err, &de) || de.Message != msg {
		t.Fatalf("open %s: %v, want %q", path, err, msg)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%v: does not name %q", err, p)
		}
	}
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("files %v after, %v before", keys(after), keys(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed", k)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Another program's SQLite file, a file that is no database, a folder
// and a missing folder are refused, and nothing is changed or made.
func TestOpenRefusesFilesNotPeiyangs(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "accounts.db")
	rawDB(t, other, `CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)`, `INSERT INTO accounts (owner) VALUES ('x')`)
	if err := os.Chmod(other, 0o644); err != nil {
		t.Fatal(err)
	}
	wantRefused(t, other, store.MsgForeignTables, "accounts")

	marked := filepath.Join(t.TempDir(), "app.db")
	rawDB(t, marked, `PRAGMA application_id = 1234`, `CREATE TABLE trainees (id INTEGER)`)
	wantRefused(t, marked, store.MsgForeignApp)

	// Peiyang's table names without Peiyang's bookkeeping.
	lookalike := filepath.Join(t.TempDir(), "look.db")
	rawDB(t, lookalike, `CREATE TABLE trainees (id INTEGER)`)
	wantRefused(t, lookalike, store.MsgForeignTables, "trainees")

	text := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(text, []byte(strings.Repeat("名单\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	wantRefused(t, text, store.MsgNotSQLite)

	folder := filepath.Join(t.TempDir(), "folder.db")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	wantRefused(t, folder, store.MsgNotAFile)

	missing := filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")
	if _, err := store.Open(missing); models.ErrorCode(err) != models.EINVALID || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Error("the missing folder was made")
	}
}

// Peiyang's own files open: a new one, an empty one, one made before
// files were marked (then marked), one marked that another version gave
// more tables; an SQLite file without tables too.
func TestOpenAcceptsPeiyangFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	must(t, db.Close())
	head := func() []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b[68:72]
	}
	if !bytes.Equal(head(), []byte("PYNG")) {
		t.Fatalf("application id %q", head())
	}
	// As an older version left it: no mark.
	rawDB(t, path, `PRAGMA application_id = 0`)
	db, err = store.Open(path)
	if err != nil {
		t.Fatalf("unmarked Peiyang file: %v", err)
	}
	must(t, db.Close())
	if !bytes.Equal(head(), []byte("PYNG")) {
		t.Fatalf("not marked on opening: %q", head())
	}
	// Marked, with a table of a later version.
	rawDB(t, path, `CREATE TABLE later_feature (id INTEGER)`)
	db, err = store.Open(path)
	if err != nil {
		t.Fatalf("marked file with a later table: %v", err)
	}
	must(t, db.Close())

	empty := filepath.Join(dir, "empty.db")
	must(t, os.WriteFile(empty, nil, 0o600))
	bare := filepath.Join(dir, "bare.db")
	rawDB(t, bare, `PRAGMA user_version = 0`, `VACUUM`)
	for _, p := range []string{empty, bare} {
		db, err := store.Open(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		must(t, db.Close())
	}
}

// A database whose file and folder cannot be written is refused by Open
// with ErrNotWritable, and opens for reading with OpenReadOnly: reads
// work, writes fail with a clear message, prints are not recorded.
func TestReadOnlyDatabase(t *testing.T) {
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	must(t, db.CreateOrganisation(ctx, &models.Organisation{Name: "南华镇党委", Kind: models.OrgOutflow}))
	must(t, db.Close())
	readonlytest.Run(t, dir, "TestReadOnlyDatabaseChild")
}

func TestReadOnlyDatabaseChild(t *testing.T) {
	dir := readonlytest.Dir()
	if dir == "" {
		t.Skip("run by TestReadOnlyDatabase")
	}
	path := filepath.Join(dir, "p.db")
	_, err := store.Open(path)
	if !errors.Is(err, store.ErrNotWritable) || models.ErrorMessage(err) == "" {
		t.Fatalf("Open: %v, want ErrNotWritable", err)
	}
	db, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.ReadOnly() {
		t.Error("not read-only")
	}
	orgs, err := db.FindOrganisations(ctx, models.OrganisationFilter{})
	if err != nil || len(orgs) != 1 {
		t.Fatalf("read: %v %v", orgs, err)
	}
	if ok, err := db.IntegrityCheck(ctx); err != nil || ok != "ok" {
		t.Errorf("check: %q %v", ok, err)
	}
	err = db.CreateOrganisation(ctx, &models.Organisation{Name: "先锋村", Kind: models.OrgVillage})
	if !errors.Is(err, store.ErrNotWritable) || !strings.Contains(models.ErrorMessage(err), "reading only") {
		t.Errorf("write: %v", err)
	}
	if err := db.RecordAudit(ctx, "print", "courses", 1, map[string]string{"what": "roster"}); err != nil {
		t.Errorf("a print's audit entry: %v", err)
	}
}
