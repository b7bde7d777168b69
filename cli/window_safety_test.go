package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"peiyang/app"
	"peiyang/backup"
	"peiyang/internal/inuse"
	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"
)

// windowEnv opens the database as the window's process does.
func windowEnv(t *testing.T, path string) *env {
	t.Helper()
	inuse.SetProgram(inuse.Window)
	var stderr bytes.Buffer
	e := &env{ctx: context.Background(), dbPath: path, stderr: &stderr,
		now: func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local) }}
	if err := e.open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.close() })
	return e
}

func TestWindowRestore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "peiyang.db")
	e := windowEnv(t, path)
	if err := e.db.SetSetting(ctx, "user.name", "before"); err != nil {
		t.Fatal(err)
	}
	opts := withSafety(e, app.Options{})
	saved := filepath.Join(t.TempDir(), "saved.db")
	if err := opts.Backup(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if err := e.db.SetSetting(ctx, "user.name", "after"); err != nil {
		t.Fatal(err)
	}
	// A refused backup leaves the database open.
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte("junk"), 0o600); err != nil {
		t.Fatal(err)
	}
	first := e.svc
	out, err := opts.Restore(ctx, junk)
	if err == nil || out.Closed || out.Service != nil {
		t.Fatalf("junk: %+v, err %v", out, err)
	}
	if v, err := first.Settings.Setting(ctx, "user.name"); err != nil || v != "after" {
		t.Fatalf("after a refused restore: %q %v", v, err)
	}
	// A cancelled restore goes on over the original, reopened.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	out, err = opts.Restore(cctx, saved)
	if !errors.Is(err, context.Canceled) || out.Done {
		t.Fatalf("cancelled: %+v, err %v", out, err)
	}
	if out.Service != nil {
		if v, err := out.Service.Settings.Setting(ctx, "user.name"); err != nil || v != "after" {
			t.Fatalf("after a cancelled restore: %q %v", v, err)
		}
	} else if v, err := first.Settings.Setting(ctx, "user.name"); err != nil || v != "after" {
		t.Fatalf("after a cancelled restore: %q %v", v, err)
	}
	// A restore: the window goes on over the restored data.
	out, err = opts.Restore(ctx, saved)
	if err != nil || !out.Done || out.Aside == "" || out.Service == nil {
		t.Fatalf("restore: %+v %v", out, err)
	}
	if v, err := out.Service.Settings.Setting(ctx, "user.name"); err != nil || v != "before" {
		t.Fatalf("restored: %q %v", v, err)
	}
	if _, err := os.Stat(out.Aside); err != nil {
		t.Fatal(err)
	}
	// The reopened database is in the register: a restore from elsewhere
	// is refused, naming the window.
	if _, err := backup.Restore(ctx, path, saved, time.Now()); err == nil || !strings.Contains(err.Error(), "window") {
		t.Errorf("a restore from elsewhere while the window is open: %v", err)
	}
	if opts.Replaced() {
		t.Error("the window's own restore reads as a replacement by another program")
	}
}

// TestWindowSeesReplacement: another program puts a file in place of the
// window's database; the window hears of it and reopens on the new file.
func TestWindowSeesReplacement(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows does not let another program replace a file the window has open")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "peiyang.db")
	e := windowEnv(t, path)
	opts := withSafety(e, app.Options{})
	if err := e.db.SetSetting(ctx, "user.name", "mine"); err != nil {
		t.Fatal(err)
	}
	// The other program keeps the old file aside, and puts its own in.
	if err := os.Link(path, filepath.Join(dir, "aside.db")); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "user.name", "other"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if opts.Replaced() {
		t.Fatal("replaced before anything happened")
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	if !opts.Replaced() {
		t.Fatal("the replacement went unnoticed")
	}
	svc, err := opts.Reopen(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := svc.Settings.Setting(ctx, "user.name"); err != nil || v != "other" {
		t.Fatalf("reopened on %q %v", v, err)
	}
	if opts.Replaced() {
		t.Error("still replaced after the reopen")
	}
	// What the window saved before is in the old file.
	db, err = store.Open(filepath.Join(dir, "aside.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.Setting(ctx, "user.name"); err != nil || v != "mine" {
		t.Fatalf("the old file holds %q %v", v, err)
	}
}

func TestRestoreCommandRefusesWhileOpen(t *testing.T) {
	db := tempDB(t)
	cmd(t, db, "trainees", "add", "--name", "赵明阳", "--id", idNumber("51062319880215123")).want(t, 0)
	bak := filepath.Join(t.TempDir(), "copy.db")
	cmd(t, db, "backup", bak).want(t, 0)
	cmd(t, db, "trainees", "add", "--name", "张伟", "--id", idNumber("51062319900101001")).want(t, 0)

	inuse.SetProgram("peiyang import trainees")
	h, err := inuse.Open(context.Background(), db, 0)
	if err != nil {
		t.Fatal(err)
	}
	r := cmd(t, db, "restore", bak)
	h.Release()
	r.want(t, 1, "open in another Peiyang program: peiyang import trainees (process", "not restored; it is as it was")
	cmd(t, db, "trainees", "search", "张伟").want(t, 0, "张伟")
	cmd(t, db, "restore", bak).want(t, 0, "Restored")
	cmd(t, db, "trainees", "search", "张伟").want(t, 0, "No trainee found")
}

func TestStaleRestoreCleanedOnStart(t *testing.T) {
	db := tempDB(t)
	cmd(t, db, "trainees", "add", "--name", "赵明阳", "--id", idNumber("51062319880215123")).want(t, 0)
	if err := os.WriteFile(db+".restoring", []byte("half a copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd(t, db, "check").want(t, 0, "interrupted", "peiyang.db.restoring was removed", "integrity:")
	if _, err := os.Stat(db + ".restoring"); !errors.Is(err, os.ErrNotExist) {
		t.Error("the stale copy is still there")
	}
	r := cmd(t, db, "check")
	r.want(t, 0)
	if strings.Contains(r.stderr, "interrupted") {
		t.Error("the message comes again")
	}
}

// The window's File → Open a shared database: from a file to a
// PostgreSQL database, with a password typed in the window; the window
// goes on over it, knows the database and the user, and remembers the
// connection string without the password. A wrong address leaves the
// window on its database.
func TestWindowOpensSharedDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "peiyang.db")
	e := windowEnv(t, path)
	opts := withSafety(e, app.Options{})
	if err := e.db.SetSetting(ctx, "user.name", "file"); err != nil {
		t.Fatal(err)
	}
	if _, err := opts.OpenShared(ctx, filepath.Join(t.TempDir(), "x.db"), ""); models.ErrorCode(err) != models.EINVALID {
		t.Fatalf("a file as a shared database: %v", err)
	}
	target := pgtest.NewDatabase(t, pgTemplate(t))
	bad := strings.Replace(target, "port=", "port=1", 1)
	if _, err := opts.OpenShared(ctx, bad, "s3cret-pw"); err == nil || strings.Contains(err.Error(), "s3cret-pw") {
		t.Fatalf("a server that is not there: %v", err)
	}
	if v, err := e.svc.Settings.Setting(ctx, "user.name"); err != nil || v != "file" {
		t.Fatalf("after a refusal the window is not on its file: %q, %v", v, err)
	}
	s, err := opts.OpenShared(ctx, target, "s3cret-pw") // the test server trusts its socket: any password goes
	if err != nil {
		t.Fatal(err)
	}
	if !e.db.IsPostgres() || s.Service != e.svc || s.User != pgtest.Role || s.Name != e.db.Name() || !strings.Contains(s.Name, "@") {
		t.Fatalf("opened %+v; the window's database %q", s, e.db.Name())
	}
	if strings.Contains(s.Remember, "s3cret-pw") || s.Remember != store.WithoutPassword(target) {
		t.Errorf("remembered %q", s.Remember)
	}
	if v, err := s.Service.Settings.Setting(ctx, "user.name"); err != nil || v != "" {
		t.Fatalf("the shared database's user.name: %q, %v", v, err)
	}
	if err := s.Service.Settings.SetSetting(ctx, "user.name", "shared"); err != nil {
		t.Fatal(err)
	}
	if opts.Replaced() {
		t.Error("a shared database reads as a replaced file")
	}
}
