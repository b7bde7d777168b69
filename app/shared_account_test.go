package app

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"peiyang/models"
	"peiyang/settings"
	"peiyang/store"
	"peiyang/training"
)

// TestSharedDatabaseLanguageIsPersonal: on a shared database a staff
// member's choice of language is theirs, kept on their machine; it does not
// change the database's setting, the school's default that everyone else
// starts in, and it is what their own window starts in next time.
func TestSharedDatabaseLanguageIsPersonal(t *testing.T) {
	t.Setenv(EnvLanguage, "")
	defer SetLanguage(LangEnglish)
	_, svc, target := accountDB(t, models.RoleStaff, "")
	owner, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	school := training.New(owner)
	if err := school.Settings.SetSetting(ctx, SettingLanguage, LangEnglish); err != nil {
		t.Fatal(err)
	}
	tu, _ := url.Parse(target)
	user := strings.TrimPrefix(tu.Path, "/") + "." + string(models.RoleStaff)
	open := func(a fyne.App) *ui {
		u, err := newUI(a, svc, Options{Route: ParseRoute("settings"), DBPath: "server", DBUser: user})
		if err != nil {
			t.Fatal(err)
		}
		u.waitIdle()
		t.Cleanup(func() { u.cancel(); u.waitIdle(); u.win.Close() })
		return u
	}
	mine := test.NewTempApp(t)
	u := open(mine)
	if Language() != LangEnglish {
		t.Fatalf("the window starts in %s, not the school's English", Language())
	}
	s, ok := u.built["settings"].(*settingsScreen)
	if !ok {
		t.Fatalf("the settings screen is %T", u.built["settings"])
	}
	test.WidgetRenderer(s.lang) // the select is live as on screen
	s.lang.SetSelectedIndex(0)
	u.waitIdle()
	if Language() != LangChinese {
		t.Fatalf("after choosing 中文 the window speaks %s", Language())
	}
	if v, err := school.Settings.Setting(ctx, SettingLanguage); err != nil || v != LangEnglish {
		t.Errorf("the school's setting became %q (%v); a staff member's choice is their own", v, err)
	}
	SetLanguage(LangEnglish)
	open(mine)
	if Language() != LangChinese {
		t.Errorf("the staff member's window starts in %s next time, not their 中文", Language())
	}
	open(test.NewTempApp(t))
	if Language() != LangEnglish {
		t.Errorf("another machine's window starts in %s, not the school's English", Language())
	}
}

// TestAuditShowsTheAccount: on a shared database the audit trail's table
// and an entry's detail name the account that made the change, as the
// database recorded it (session_user); a file's trail has no such column.
func TestAuditShowsTheAccount(t *testing.T) {
	_, svc, target := accountDB(t, models.RoleStaff, "")
	tu, _ := url.Parse(target)
	user := strings.TrimPrefix(tu.Path, "/") + "." + string(models.RoleStaff)
	tr, err := svc.Trainees.FindTraineeByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	tr.Notes = "账号写入审计"
	if err := svc.Trainees.UpdateTrainee(ctx, tr); err != nil {
		t.Fatal(err)
	}
	u, err := newUI(test.NewTempApp(t), svc, Options{Language: LangChinese, Route: ParseRoute("audit"), DBPath: "server", DBUser: user})
	if err != nil {
		t.Fatal(err)
	}
	defer SetLanguage(LangEnglish)
	u.waitIdle()
	defer func() { u.cancel(); u.waitIdle(); u.win.Close() }()
	s, ok := u.built["audit"].(*auditScreen)
	if !ok || len(s.rows) == 0 {
		t.Fatalf("the audit screen is %T with no rows", u.built["audit"])
	}
	if s.rows[0].DBUser != user {
		t.Fatalf("the newest entry's account is %q, not %q", s.rows[0].DBUser, user)
	}
	cols := auditColumns(true)
	if cols[1].Title != "数据库账号" || cols[1].Text(s.rows[0]) != user {
		t.Errorf("the second column is %q showing %q", cols[1].Title, cols[1].Text(s.rows[0]))
	}
	s.showDetail(0)
	if !strings.Contains(s.detail.Text, "数据库账号："+user) && !strings.Contains(s.detail.Text, "数据库账号: "+user) {
		t.Errorf("the entry's detail does not name the account:\n%s", s.detail.Text)
	}
	if len(auditColumns(false)) != len(cols)-1 {
		t.Error("a file's audit trail has an account column")
	}
}

// TestSettingsOnASharedDatabase: the database card names the shared
// database and the account, offers no other file to start on, and says an
// empty backup folder makes no automatic backup (backup.Auto on a server);
// on a file it shows the folder beside the file as before.
func TestSettingsOnASharedDatabase(t *testing.T) {
	_, svc, _ := accountDB(t, models.RoleAdmin, "")
	u, err := newUI(test.NewTempApp(t), svc, Options{Language: LangEnglish, Route: ParseRoute("settings"),
		DBPath: "zhang@db.example:5432/peiyang", DBUser: "zhang"})
	if err != nil {
		t.Fatal(err)
	}
	u.waitIdle()
	defer func() { u.cancel(); u.waitIdle(); u.win.Close() }()
	s := u.built["settings"].(*settingsScreen)
	if got := s.entries[settings.BackupFolder].PlaceHolder; got != T("settings.backup_none_shared") {
		t.Errorf("the backup folder's placeholder on a shared database is %q", got)
	}
	shown := visibleTexts(u.win.Canvas().Content(), nil)
	if !slices.Contains(shown, "Shared database: db.example:5432/peiyang (user zhang)") {
		t.Errorf("the database card does not name the shared database: %q", shown)
	}
	for _, v := range shown {
		if strings.Contains(v, "PEIYANG_DB=") || strings.Contains(v, "other.db") {
			t.Errorf("a shared database's card offers a file: %q", v)
		}
	}
	_, f := settingsEnv(t, LangEnglish)
	if got := f.entries[settings.BackupFolder].PlaceHolder; !strings.HasSuffix(got, "backups") {
		t.Errorf("a file's backup placeholder is %q", got)
	}
}
