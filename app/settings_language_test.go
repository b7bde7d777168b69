package app

import (
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"peiyang/models"
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
