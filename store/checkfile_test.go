package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/store"
)

// TestCheckFileEveryVersion: the schema each migration leaves passes the
// check as that version, and opening the file brings it up to date.
func TestCheckFileEveryVersion(t *testing.T) {
	ctx := context.Background()
	for v := 1; v <= store.LatestSchemaVersion(); v++ {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", v))
		if err := store.WriteSchemaFile(path, v); err != nil {
			t.Fatal(err)
		}
		// A version's file records the migrations applied.
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= v; i++ {
			if _, err := raw.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, '2025-01-01T00:00:00Z')`, i); err != nil {
				t.Fatal(err)
			}
		}
		raw.Close()
		got, err := store.CheckFile(ctx, path)
		if err != nil || got != v {
			t.Fatalf("version %d: checked as %d, %v", v, got, err)
		}
		db, err := store.Open(path)
		if err != nil {
			t.Fatalf("version %d: open: %v", v, err)
		}
		if sv, err := db.SchemaVersion(ctx); err != nil || sv != store.LatestSchemaVersion() {
			t.Errorf("version %d: opened at %d %v", v, sv, err)
		}
		db.Close()
		if got, err := store.CheckFile(ctx, path); err != nil || got != store.LatestSchemaVersion() {
			t.Errorf("version %d, brought up to date: checked as %d, %v", v, got, err)
		}
	}
}

// TestCheckFileNamesWhatIsWrong: the message says what differs.
func TestCheckFileNamesWhatIsWrong(t *testing.T) {
	ctx := context.Background()
	base := filepath.Join(t.TempDir(), "base.db")
	db, err := store.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, c := range []struct{ stmt, says string }{
		{`ALTER TABLE trainees ADD COLUMN extra TEXT`, "column trainees.extra is not Peiyang's"},
		{`DROP INDEX audit_log_at`, "index audit_log_at is missing"},
		{`CREATE VIEW v AS SELECT 1`, "view v is not Peiyang's"},
	} {
		path := filepath.Join(t.TempDir(), "x.db")
		if err := copyFile(base, path); err != nil {
			t.Fatal(err)
		}
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(c.stmt); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		_, err = store.CheckFile(ctx, path)
		if models.ErrorCode(err) != models.EINVALID || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want EINVALID saying %q", c.stmt, err, c.says)
		}
	}
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}
