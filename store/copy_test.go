package store_test

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
)

// dump reads every table of a database around the store, row by row in
// key order, as JSON lines: what two databases hold compares equal when
// their dumps do.
func dump(t *testing.T, db *store.DB) map[string][]string {
	t.Helper()
	raw := rawSQL(t, db)
	out := map[string][]string{}
	for _, tb := range store.CopyTables() {
		sel := "*"
		if tb.Name == "trainee_search" { // the region is PostgreSQL's alone (misplacedKeys)
			sel = "key, trainee_id"
		}
		rows, err := raw.Query(`SELECT ` + sel + ` FROM ` + tb.Name + ` ORDER BY ` + tb.Order)
		must(t, err)
		cols, err := rows.Columns()
		must(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, rows.Scan(ptrs...))
			m := map[string]any{}
			for i, c := range cols {
				if b, ok := vals[i].([]byte); ok && tb.Name != "trainee_photos" && tb.Name != "setting_files" {
					vals[i] = string(b)
				}
				m[c] = vals[i]
			}
			b, err := json.Marshal(m)
			must(t, err)
			out[tb.Name] = append(out[tb.Name], string(b))
		}
		must(t, rows.Err())
		rows.Close()
	}
	return out
}

func sameDump(t *testing.T, what string, a, b map[string][]string) {
	t.Helper()
	for _, tb := range store.CopyTables() {
		x, y := a[tb.Name], b[tb.Name]
		if len(x) != len(y) {
			t.Errorf("%s: %s has %d rows, want %d", what, tb.Name, len(y), len(x))
			continue
		}
		for i := range x {
			if x[i] != y[i] {
				t.Errorf("%s: %s row %d is\n%s\nwant\n%s", what, tb.Name, i, y[i], x[i])
				break
			}
		}
	}
}

// filled is a SQLite database with records of every kind, an audit trail,
// a file setting and a photo.
func filled(t *testing.T) *store.DB {
	t.Helper()
	db := newDB(subtest(t, sqliteKind))
	must(t, db.LoadDataset(ctx, bigDataset(300, 6)))
	must(t, db.SetSettingFile(ctx, "certificate.background", &models.SettingFile{Name: "bg.png", Type: "image/png", Data: []byte{0x89, 'P', 'N', 'G', 0, 1, 2}}))
	must(t, db.SetTraineePhoto(ctx, 1, []byte{0xff, 0xd8, 0xff, 0, 7}))
	must(t, db.RecordAudit(ctx, "print", "certificates", 3, map[string]any{"copies": 2}))
	return db
}

// A copy from SQLite into PostgreSQL and back holds exactly what the
// first held, the per-table counts match, and both stores go on working:
// IDs continue after the copied ones.
func TestCopyBothWays(t *testing.T) {
	src := filled(t)
	pg := openTarget(t, postgresKind)
	counts, err := store.Copy(ctx, src, pg, "")
	must(t, err)
	for _, c := range counts {
		if c.Source != c.Target {
			t.Errorf("%s: %d read, %d after", c.Table, c.Source, c.Target)
		}
	}
	want := dump(t, src)
	if len(want["trainee_search"]) == 0 || len(want["audit_log"]) == 0 || len(want["trainee_photos"]) != 1 {
		t.Fatalf("the source lacks rows: %d search keys, %d audit entries", len(want["trainee_search"]), len(want["audit_log"]))
	}
	sameDump(t, "into PostgreSQL", want, dump(t, pg))
	// The keys carry their trainee's home city on PostgreSQL, none on SQLite.
	if n := misplacedKeys(t, rawSQL(t, pg)); n != 0 {
		t.Errorf("%d copied search keys name another region than their trainee's", n)
	}

	back := openTarget(t, sqliteKind)
	_, err = store.Copy(ctx, pg, back, "")
	must(t, err)
	sameDump(t, "back into SQLite", want, dump(t, back))
	if n := count(t, rawSQL(t, back), `SELECT COUNT(*) FROM trainee_search WHERE region <> ''`); n != 0 {
		t.Errorf("%d search keys copied into SQLite carry a region", n)
	}

	for _, db := range []*store.DB{pg, back} {
		o := &models.Organisation{Name: "新村", Kind: models.OrgVillage}
		must(t, db.CreateOrganisation(ctx, o))
		if o.ID <= int64(len(want["organisations"])) {
			t.Errorf("a new organisation got ID %d, taken by a copied one", o.ID)
		}
		ts, err := db.SearchTrainees(ctx, "1", 5)
		must(t, err)
		if len(ts) == 0 {
			t.Error("the copied search index finds nothing")
		}
	}
}

// openTarget opens a database to copy into, of the kind given.
func openTarget(t *testing.T, kind string) *store.DB {
	t.Helper()
	target := filepath.Join(t.TempDir(), "target.db")
	if kind == postgresKind {
		target = pgtest.NewDatabase(t, "") // without even the template's search index version
	}
	db, err := store.OpenTarget(target)
	must(t, err)
	targets.Store(db, target)
	t.Cleanup(func() { db.Close() })
	return db
}

// A copy refuses a target that holds anything, and changes nothing there;
// a copy that fails half-way (the source breaks a constraint the target
// enforces) leaves the target empty.
func TestCopyRefusesAndRollsBack(t *testing.T) {
	src := filled(t)
	pg := newDB(subtest(t, postgresKind)) // opened as usual: it records its search index's version
	before := dump(t, pg)
	_, err := store.Copy(ctx, src, pg, "copy")
	wantCode(t, err, models.ECONFLICT)
	if !strings.Contains(err.Error(), "not empty") {
		t.Errorf("message %q", err)
	}
	sameDump(t, "after a refusal", before, dump(t, pg))

	// An enrolment of a trainee who is not there, written around the
	// store with the foreign keys off.
	raw, err := sql.Open("sqlite", src.Path()+"?_pragma=foreign_keys(0)")
	must(t, err)
	defer raw.Close()
	_, err = raw.Exec(`INSERT INTO enrolments (course_id, trainee_id, status, enrolled_at, updated_at)
		VALUES (1, 999999, 'enrolled', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z')`)
	must(t, err)
	empty := openTarget(t, postgresKind)
	if _, err := store.Copy(ctx, src, empty, "copy"); err == nil {
		t.Fatal("a copy of broken data succeeded")
	}
	for table, rows := range dump(t, empty) {
		if len(rows) > 0 {
			t.Errorf("a failed copy left %d rows in %s", len(rows), table)
		}
	}
}

// A backup of a PostgreSQL database is an ordinary Peiyang SQLite file:
// it passes CheckFile and holds what the database held.
func TestBackupFromPostgres(t *testing.T) {
	src := filled(t)
	pg := openTarget(t, postgresKind)
	_, err := store.Copy(ctx, src, pg, "")
	must(t, err)
	path := filepath.Join(t.TempDir(), "backup.db")
	must(t, pg.BackupTo(ctx, path))
	if v, err := store.CheckFile(ctx, path); err != nil || v != store.LatestSchemaVersion() {
		t.Fatalf("CheckFile: %d, %v", v, err)
	}
	b, err := store.Open(path)
	must(t, err)
	defer b.Close()
	targets.Store(b, path)
	sameDump(t, "the backup", dump(t, pg), dump(t, b))
	if err := pg.BackupTo(ctx, path); models.ErrorCode(err) != models.ECONFLICT {
		t.Errorf("a backup over an existing file: %v", err)
	}
}
