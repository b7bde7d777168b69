package app

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestLanguageWinsOverSystemLocale stands for Windows, where Fyne reads
// the user's locale from the system and not from LC_ALL or LANGUAGE: the
// environment is left alone (localeFollowsEnv off) and names the system's
// locale, and the chosen language must still be the one on screen, Fyne's
// own buttons included.
func TestLanguageWinsOverSystemLocale(t *testing.T) {
	old := localeFollowsEnv
	localeFollowsEnv = false
	defer func() {
		localeFollowsEnv = old
		SetLanguage(LangEnglish)
	}()
	cases := []struct {
		system, chosen, trainees, cancel string
	}{
		{"zh_CN.UTF-8", LangEnglish, "Trainees", "Cancel"},
		{"en_US.UTF-8", LangChinese, "学员", "取消"},
		{"zh_CN.UTF-8", LangChinese, "学员", "取消"},
		{"de_DE.UTF-8", LangChinese, "学员", "取消"},
		{"C", LangChinese, "学员", "取消"},
		{"en_US.UTF-8", LangEnglish, "Trainees", "Cancel"},
	}
	for _, c := range cases {
		t.Setenv("LANGUAGE", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", "")
		t.Setenv("LC_ALL", c.system)
		if err := SetLanguage(c.chosen); err != nil {
			t.Fatal(err)
		}
		if got := T("nav.trainees"); got != c.trainees {
			t.Errorf("system %s, chosen %s: nav.trainees = %q, want %q", c.system, c.chosen, got, c.trainees)
		}
		if got := lang.L("Cancel"); got != c.cancel {
			t.Errorf("system %s, chosen %s: Fyne's Cancel = %q, want %q", c.system, c.chosen, got, c.cancel)
		}
	}
}
