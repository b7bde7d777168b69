package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"peiyang/app"
	"peiyang/store"
)

func TestWindowRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "peiyang.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SetSetting(ctx, "user.name", "before"); err != nil {
		t.Fatal(err)
	}
	e := &env{db: db, now: func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local) }}
	opts := withSafety(e, app.Options{})
	saved := filepath.Join(dir, "saved.db")
	if err := opts.Backup(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "user.name", "after"); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("junk"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, closed, err := opts.Restore(ctx, junk); err == nil || closed {
		t.Fatalf("junk: closed %v, err %v", closed, err)
	}
	if _, err := db.Setting(ctx, "user.name"); err != nil {
		t.Fatalf("the database was closed by a refused restore: %v", err)
	}
	aside, closed, err := opts.Restore(ctx, saved)
	if err != nil || !closed || aside == "" {
		t.Fatalf("restore: %q %v %v", aside, closed, err)
	}
	db2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if v, _ := db2.Setting(ctx, "user.name"); v != "before" {
		t.Fatalf("restored: %q", v)
	}
	if _, err := os.Stat(aside); err != nil {
		t.Fatal(err)
	}
}
