package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/backup"
	"peiyang/models"
	"peiyang/settings"
	"peiyang/store"
	"peiyang/training"
)

// withSafetyHooks wires the window's backup hooks to the test database, as
// cli's withSafety does: the restore checks the backup with the database
// open, closes it, swaps, and reopens whatever is in place.
func withSafetyHooks(e *testEnv) {
	db := e.db
	e.u.opts.Backup = func(ctx context.Context, path string) error { return backup.Backup(ctx, db, path) }
	e.u.opts.AutoBackup = func(ctx context.Context, now time.Time) (string, error) { return backup.Auto(ctx, db, now) }
	e.u.opts.Restore = func(ctx context.Context, src string) (Restored, error) {
		p, err := backup.Prepare(ctx, db.Path(), src, fixedNow, nil)
		if err != nil {
			return Restored{}, err
		}
		if e.beforeSwap != nil {
			e.beforeSwap(ctx)
		}
		if err := db.Close(); err != nil {
			return Restored{}, err
		}
		aside, err := p.Commit(ctx)
		out := Restored{Done: err == nil, Aside: aside, Closed: true}
		again, oerr := store.Open(db.Path())
		if oerr != nil {
			return out, oerr
		}
		e.t.Cleanup(func() { again.Close() })
		db = again
		out.Service = training.New(again, training.WithClock(func() time.Time { return fixedNow }))
		return out, err
	}
	e.act(func() { e.u.win.SetMainMenu(e.u.mainMenu()) })
}

// menuItem finds an item of the File menu by its label.
func menuItem(t *testing.T, e *testEnv, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range e.u.win.MainMenu().Items[0].Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("the File menu has no %q", label)
	return nil
}

func auditEntries(t *testing.T, db *store.DB, f store.AuditFilter) []*store.AuditEntry {
	t.Helper()
	es, err := db.FindAudit(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestBackupNow(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", false)
	withSafetyHooks(e)
	menuItem(t, e, "Back up now…")
	menuItem(t, e, "Restore from a backup…")
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	var tk *task
	e.act(func() { tk = e.u.writeBackup(path) })
	waitTask(t, e, tk)
	if _, err := store.CheckFile(ctx, path); err != nil {
		t.Fatalf("the backup does not check: %v", err)
	}
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "copy.db") {
		t.Error("no confirmation naming the file")
	}
	if es := auditEntries(t, e.db, store.AuditFilter{Action: "backup"}); len(es) != 1 {
		t.Errorf("backup audit entries: %d", len(es))
	}
}

func TestAutoBackupOnClose(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", true)
	withSafetyHooks(e)
	dir := t.TempDir()
	if err := e.svc.Settings.SetSetting(ctx, backup.SettingFolder, dir); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Settings.SetSetting(ctx, backup.SettingKeep, "2"); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 1, 17, 0, 0, 0, time.Local)
	if p := e.u.autoBackup(ctx, day); p == "" {
		t.Fatal("no automatic backup on the first close")
	}
	if p := e.u.autoBackup(ctx, day.Add(2*time.Hour)); p != "" {
		t.Fatalf("a second automatic backup the same day: %s", p)
	}
	for i := 1; i <= 3; i++ {
		if p := e.u.autoBackup(ctx, day.AddDate(0, 0, i)); p == "" {
			t.Fatalf("no automatic backup on day %d", i+1)
		}
	}
	list, err := backup.List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || filepath.Base(list[1]) != "peiyang-20260304-170000.db" {
		t.Fatalf("kept backups: %v", list)
	}
	// A failure is logged and does not stop the close.
	e.u.opts.AutoBackup = func(context.Context, time.Time) (string, error) {
		return "", models.Errorf(models.EINVALID, "", "disk full")
	}
	if p := e.u.autoBackup(ctx, day.AddDate(0, 0, 9)); p != "" {
		t.Fatal("a failed backup reported a path")
	}
}

// auditEnv opens the audit screen after a change to a trainee.
func auditEnv(t *testing.T, lang string) (*testEnv, *auditScreen, *models.Trainee) {
	t.Helper()
	e := newEnv(t, lang, "dashboard", false)
	if err := e.svc.Settings.SetSetting(ctx, settings.UserName, "Wang Fang"); err != nil {
		t.Fatal(err)
	}
	ts, err := e.svc.Trainees.FindTrainees(ctx, models.TraineeFilter{Page: models.Page{Limit: 1}})
	if err != nil || len(ts) != 1 {
		t.Fatal(err)
	}
	tr := ts[0]
	tr.Notes = "changed for the audit test"
	if err := e.svc.Trainees.UpdateTrainee(ctx, tr); err != nil {
		t.Fatal(err)
	}
	e.act(func() { e.u.showScreen("audit") })
	return e, e.u.built["audit"].(*auditScreen), tr
}

func TestAuditScreen(t *testing.T) {
	e, s, tr := auditEnv(t, LangEnglish)
	if len(s.rows) == 0 {
		t.Fatal("the audit screen lists nothing")
	}
	first := s.rows[0]
	if first.Entity != "trainees" || first.EntityID != strconv.FormatInt(tr.ID, 10) || first.Action != "update" ||
		first.UserName != "Wang Fang" {
		t.Fatalf("newest entry: %+v", first)
	}
	e.act(func() { s.table.Select(widget.TableCellID{Row: 0, Col: 0}) })
	if !shows(s.box, "Wang Fang") || !shows(s.box, "changed for the audit test") {
		t.Errorf("the detail lacks the entry: %q", texts(s.box))
	}
	// Filter by entity: settings only.
	for i, ent := range auditEntities {
		if ent == "settings" {
			e.act(func() { s.entity.SetSelectedIndex(i) })
		}
	}
	if len(s.rows) == 0 {
		t.Fatal("no settings entries")
	}
	for _, r := range s.rows {
		if r.Entity != "settings" {
			t.Fatalf("the entity filter let through %+v", r)
		}
	}
	// A bad date is refused; a future date leaves nothing.
	e.act(func() { s.since.SetText("2026-13-01"); s.reload() })
	if s.sinceEr.Text == "" {
		t.Error("a bad date was not refused")
	}
	e.act(func() { s.since.SetText(time.Now().AddDate(0, 0, 2).Format("2006-01-02")); s.reload() })
	if len(s.rows) != 0 || s.count.Text != "No entries." {
		t.Errorf("future since: %d rows, %q", len(s.rows), s.count.Text)
	}
}

func TestAuditScreenPages(t *testing.T) {
	e, s, _ := auditEnv(t, LangChinese)
	for i := 0; i < auditPageSize+5; i++ {
		if err := e.db.RecordAudit(ctx, "print", "courses", int64(i+1), nil); err != nil {
			t.Fatal(err)
		}
	}
	e.act(s.reload)
	if len(s.rows) != auditPageSize || !s.more || s.older.Disabled() || !s.newer.Disabled() {
		t.Fatalf("first page: %d rows, more %v", len(s.rows), s.more)
	}
	top := s.rows[0].ID
	e.act(s.pageOlder)
	if len(s.rows) == 0 || s.rows[0].ID >= top-auditPageSize+1 || s.newer.Disabled() {
		t.Fatalf("second page starts at %d", s.rows[0].ID)
	}
	e.act(s.pageNewer)
	if s.rows[0].ID != top {
		t.Fatal("back to the first page failed")
	}
}

func TestRevealIsAudited(t *testing.T) {
	e, s := traineesEnv(t, LangEnglish)
	d := openFirstRow(t, e, s)
	tr := d.rec.Trainee
	if es := auditEntries(t, e.db, store.AuditFilter{Action: "reveal"}); len(es) != 0 {
		t.Fatalf("reveal entries before: %d", len(es))
	}
	e.act(func() { test.Tap(d.reveal) })
	if d.values["id_number"].Text != tr.IDNumber {
		t.Fatal("not revealed")
	}
	es := auditEntries(t, e.db, store.AuditFilter{Action: "reveal"})
	if len(es) != 1 || es[0].Entity != "trainee" || es[0].EntityID != strconv.FormatInt(tr.ID, 10) {
		t.Fatalf("reveal entries: %+v", es)
	}
	// Masking records nothing; revealing again does.
	e.act(func() { test.Tap(d.reveal) })
	e.act(func() { test.Tap(d.edit) })
	if es := auditEntries(t, e.db, store.AuditFilter{Action: "reveal"}); len(es) != 2 {
		t.Fatalf("opening the edit form (full numbers) recorded %d reveals in all", len(es))
	}
}

func TestRestoreFromWindow(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", true)
	withSafetyHooks(e)
	if err := e.svc.Settings.SetSetting(ctx, settings.UserName, "before"); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(t.TempDir(), "saved.db")
	if err := backup.Backup(ctx, e.db, saved); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Settings.SetSetting(ctx, settings.UserName, "after"); err != nil {
		t.Fatal(err)
	}
	// A file that is no backup is refused and the window carries on.
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	var tk *task
	e.act(func() { tk = e.u.restore(junk) })
	waitTask(t, e, tk)
	if v, err := e.u.svc.Settings.Setting(ctx, settings.UserName); err != nil || v != "after" {
		t.Fatalf("after a refused restore: %q %v", v, err)
	}
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "The database is as it was") {
		t.Error("the refusal does not say the database is as it was")
	}
	e.act(func() { e.u.win.Canvas().Overlays().Top().Hide() })

	// The restore: the window goes on over the restored data.
	e.act(func() { tk = e.u.restore(saved) })
	waitTask(t, e, tk)
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "The data are restored from saved.db") {
		t.Fatal("no message that the data are restored")
	}
	if e.u.closedDB || !shows(e.u.win.Content(), T("nav.trainees")) {
		t.Fatalf("after the restore the window shows %q", texts(e.u.win.Content()))
	}
	if v, err := e.u.svc.Settings.Setting(ctx, settings.UserName); err != nil || v != "before" {
		t.Fatalf("the window's data after the restore: %q %v", v, err)
	}
	if m, _ := filepath.Glob(e.db.Path() + ".before-restore-*"); len(m) != 1 {
		t.Errorf("the previous data were not kept aside: %v", m)
	}
}

// TestRestoreCancelledFromWindow: the user cancels once the backup is
// checked; the window goes on over the original data, reopened, and says
// so (it used to run on over a closed database).
func TestRestoreCancelledFromWindow(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", true)
	withSafetyHooks(e)
	if err := e.svc.Settings.SetSetting(ctx, settings.UserName, "kept"); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(t.TempDir(), "saved.db")
	if err := backup.Backup(ctx, e.db, saved); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Settings.SetSetting(ctx, settings.UserName, "current"); err != nil {
		t.Fatal(err)
	}
	started := make(chan *task, 1)
	e.beforeSwap = func(ctx context.Context) {
		(<-started).cancel() // as the dialog's Cancel button does
		<-ctx.Done()
	}
	var tk *task
	e.act(func() {
		tk = e.u.restore(saved)
		started <- tk
	})
	waitTask(t, e, tk)
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "cancelled") {
		t.Error("no message that the restore was cancelled")
	}
	if v, err := e.u.svc.Settings.Setting(ctx, settings.UserName); err != nil || v != "current" {
		t.Fatalf("after a cancelled restore the window reads %q %v", v, err)
	}
	if e.u.closedDB {
		t.Error("the window is closed down after a cancelled restore")
	}
	if p := e.u.autoBackup(ctx, fixedNow); p == "" {
		t.Error("no automatic backup on close after a cancelled restore")
	}
}

// TestWindowToldOfReplacement: another program replaced the database file
// under the window; the window says so and goes on over the new file.
func TestWindowToldOfReplacement(t *testing.T) {
	e := newEnv(t, LangEnglish, "dashboard", true)
	other, err := store.Open(filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	if err := other.SetSetting(ctx, settings.UserName, "other"); err != nil {
		t.Fatal(err)
	}
	var replaced atomic.Bool
	e.u.opts.Replaced = replaced.Load
	e.u.opts.Reopen = func(context.Context) (*training.Service, error) {
		replaced.Store(false)
		return training.New(other), nil
	}
	go e.u.watchFile(5 * time.Millisecond)
	replaced.Store(true)
	deadline := time.Now().Add(20 * time.Second)
	for {
		var told bool
		e.act(func() {
			top := e.u.win.Canvas().Overlays().Top()
			told = top != nil && shows(top, "was replaced by another program")
		})
		if told {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the window was not told the database was replaced")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if v, err := e.u.svc.Settings.Setting(ctx, settings.UserName); err != nil || v != "other" {
		t.Fatalf("the window reads %q %v after the replacement", v, err)
	}
}

func TestNoticeAtStart(t *testing.T) {
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "peiyang.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	note := models.Errorf(models.EINVALID, "",
		"A restore was interrupted before it replaced the database; its unfinished copy {{.File}} was removed. The database is as it was before that restore.",
		"File", "peiyang.db.restoring")
	u, err := newUI(a, training.New(db), Options{Language: LangEnglish, Notice: note})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { u.cancel(); u.waitIdle(); u.win.Close() }()
	u.waitIdle()
	found := false
	for _, o := range u.win.Canvas().Overlays().List() {
		found = found || shows(o, "peiyang.db.restoring was removed")
	}
	if !found {
		t.Error("the notice is not shown")
	}
}

func TestSettingsKeepAndUserName(t *testing.T) {
	e, s := settingsEnv(t, LangEnglish)
	e.act(func() {
		s.entries[settings.BackupKeep].SetText("0")
		s.submit()
	})
	if l := s.form.Message(settings.BackupKeep); l != "Enter a whole number from 1 to 1000." {
		t.Errorf("keep 0: %q", l)
	}
	e.act(func() {
		s.entries[settings.BackupKeep].SetText("5")
		s.entries[settings.UserName].SetText("Li Hua")
		s.submit()
	})
	if got := setting(t, e, backup.SettingKeep); got != "5" {
		t.Errorf("backup.keep = %q", got)
	}
	if got := setting(t, e, store.SettingUserName); got != "Li Hua" {
		t.Errorf("user.name = %q", got)
	}
	es := auditEntries(t, e.db, store.AuditFilter{Entity: "settings", Page: models.Page{Limit: 1}})
	if len(es) != 1 || es[0].UserName != "Li Hua" {
		t.Errorf("the newest settings entry: %+v", es)
	}
}
