package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"peiyang/certsign"
	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/settings"
)

// settingsEnv opens the settings screen.
func settingsEnv(t *testing.T, lang string) (*testEnv, *settingsScreen) {
	t.Helper()
	e := newEnv(t, lang, "settings", false)
	s, ok := e.u.built["settings"].(*settingsScreen)
	if !ok {
		t.Fatalf("the settings screen is %T", e.u.built["settings"])
	}
	if !s.loaded {
		t.Fatal("the settings are not read")
	}
	return e, s
}

func setting(t *testing.T, e *testEnv, key string) string {
	t.Helper()
	v, err := e.svc.Settings.Setting(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSettingsShown(t *testing.T) {
	e, s := settingsEnv(t, LangEnglish)
	if got := s.entries[certificate.KeyOrgFallback].Text; got != "成都市基层党务学院" {
		t.Errorf("organisation %q", got)
	}
	// The demo organisation has a short name and no serial format of its
	// own: the default carries the short name.
	if got := s.entries[settings.SerialFormat].Text; got != "" || s.entries[settings.OrgShortName].Text != "成基党院" {
		t.Errorf("serial format %q, short name %q", got, s.entries[settings.OrgShortName].Text)
	}
	if got := s.preview.Text; got != "Example: 成基党院结〔2025〕12号" && !strings.HasPrefix(got, "Example: 成基党院结〔") {
		t.Errorf("preview %q", got)
	}
	e.act(func() { s.entries[settings.OrgShortName].SetText("") })
	if got := s.preview.Text; !strings.HasPrefix(got, "Example: 20") || !strings.HasSuffix(got, "-0012") {
		t.Errorf("preview without a short name %q", got)
	}
	e.act(func() { s.entries[settings.OrgShortName].SetText("成基党院") })
	// The signing key is never shown, once it exists too.
	if _, err := e.svc.Certificates.SigningKey(ctx); err != nil {
		t.Fatal(err)
	}
	e.act(s.shown)
	if _, ok := s.entries[certsign.SettingKey]; ok {
		t.Error("the signing key is a field")
	}
	for _, txt := range texts(s.box) {
		if strings.Contains(txt, "ed25519") {
			t.Errorf("the screen shows the signing key: %q", txt)
		}
	}
	if !shows(s.box, "/data/peiyang.db") || !shows(s.box, `peiyang --db "/data/other.db"`) {
		t.Error("the database file and how to change it are not shown")
	}
}

func TestSettingsBadSerialFormat(t *testing.T) {
	e, s := settingsEnv(t, LangEnglish)
	serial := s.entries[settings.SerialFormat]
	e.act(func() {
		s.entries[certificate.KeyOrgFallback].SetText("新的学院")
		serial.SetText("第{seq}号")
	})
	if l := s.form.Message(settings.SerialFormat); s.preview.Visible() || !strings.Contains(l, "is not valid") {
		t.Errorf("as typed, the preview shows %v, the error %q", s.preview.Visible(), l)
	}
	e.act(func() { test.Tap(s.save) })
	if l := s.form.Message(settings.SerialFormat); !strings.Contains(l, "The certificate serial format 第{seq}号 is not valid") {
		t.Errorf("serial error %q", l)
	}
	if g := s.form.General(); !g.Visible() || s.saved.Text != "" {
		t.Errorf("general %q, saved %q", g.Text, s.saved.Text)
	}
	if got := setting(t, e, certificate.KeyOrgFallback); got != "成都市基层党务学院" {
		t.Errorf("a refused save changed the organisation to %q", got)
	}
	if got := setting(t, e, settings.SerialFormat); got != "" {
		t.Errorf("a refused save changed the format to %q", got)
	}
}

func TestSettingsBadCertificateValues(t *testing.T) {
	e, s := settingsEnv(t, LangChinese)
	e.act(func() {
		s.entries[certificate.KeyOffsetX].SetText("abc")
		s.entries[certificate.KeyFieldPrefix+"name"].SetText("58,96,200")
		s.body.SetText("{{name}}同志于{{place}}学习。")
		s.entries[certificate.KeyTitle].SetText("培训证书")
		s.submit()
	})
	for key, want := range map[string]string{
		certificate.KeyOffsetX:              "abc不是偏移量",
		certificate.KeyFieldPrefix + "name": "字号须在 6 到 72 磅之间",
		certificate.KeyBody:                 "未知字段{{place}}",
	} {
		if l := s.form.Message(key); !strings.Contains(l, want) {
			t.Errorf("%s: %q, want %q", key, l, want)
		}
	}
	if got := setting(t, e, certificate.KeyTitle); got != "结业证书" {
		t.Errorf("a refused save changed the title to %q", got)
	}
}

func TestSettingsSaved(t *testing.T) {
	e, s := settingsEnv(t, LangEnglish)
	dir := t.TempDir()
	values := map[string]string{
		certificate.KeyOrgFallback:          "成都市新都区基层党务学院",
		certificate.KeySignatory:            "院长：李建国",
		certificate.KeyTitle:                "培训结业证书",
		settings.SerialFormat:               "〔{year}〕培字第{seq:3}号",
		certificate.KeyOffsetX:              "1.5",
		certificate.KeyOffsetY:              "-2",
		certificate.KeyFieldPrefix + "name": "60,98,20,45",
		certificate.KeyFieldPrefix + "qr":   "20,150,25",
		settings.BackupFolder:               dir,
	}
	body := "{{name}}同志参加{{course}}，完成{{hours}}学时。\n特发此证。"
	e.act(func() {
		for k, v := range values {
			s.entries[k].SetText(v)
		}
		s.body.SetText(body)
		// Enter in any field saves.
		s.entries[certificate.KeyTitle].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	for k, v := range values {
		if got := setting(t, e, k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if got := setting(t, e, certificate.KeyBody); got != body {
		t.Errorf("body %q", got)
	}
	if g := s.form.General(); !strings.HasPrefix(s.saved.Text, "Saved at ") || g.Visible() {
		t.Errorf("saved %q, general %q", s.saved.Text, g.Text)
	}
	st, err := certificate.LoadSettings(ctx, e.svc.Settings)
	if err != nil || st.OrgName != values[certificate.KeyOrgFallback] || st.OffsetX != 1.5 || st.Positions["name"].X != 60 {
		t.Errorf("the certificates read %+v, %v", st, err)
	}
	// Issuing now numbers with the new format.
	rows, _ := e.svc.Certificates.CertificateRows(ctx, certificateFilterValid())
	if err := e.svc.Certificates.VoidCertificate(ctx, rows[0].Certificate.Serial, "测试"); err != nil {
		t.Fatal(err)
	}
	issued, err := e.svc.Certificates.IssueCertificates(ctx, rows[0].Certificate.CourseID)
	if err != nil || len(issued) != 1 || !strings.Contains(issued[0].Serial, "培字第") {
		t.Errorf("issued %+v, %v", issued, err)
	}

	// Nothing changed: nothing written.
	e.act(s.submit)
	if s.saved.Text != "Nothing has changed." {
		t.Errorf("saving again says %q", s.saved.Text)
	}
	// A relative backup folder is refused.
	e.act(func() {
		s.entries[settings.BackupFolder].SetText("backups")
		s.submit()
	})
	if l := s.form.Message(settings.BackupFolder); l != "Give the folder's full path." {
		t.Errorf("relative folder: %q", l)
	}
}

func TestSettingsLanguage(t *testing.T) {
	e, s := settingsEnv(t, LangEnglish)
	defer SetLanguage(LangEnglish)
	e.act(func() { s.lang.SetSelectedIndex(0) })
	if e.u.current != "settings" || Language() != LangChinese {
		t.Fatalf("after switching: screen %s, language %s", e.u.current, Language())
	}
	if got := setting(t, e, SettingLanguage); got != LangChinese {
		t.Errorf("saved language %q", got)
	}
	s2, ok := e.u.built["settings"].(*settingsScreen)
	if !ok || s2 == s || s2.lang.Selected != "中文" {
		t.Fatal("the settings screen was not rebuilt in Chinese")
	}
	e.u.waitIdle()
	if !shows(e.u.win.Canvas().Content(), "证书编号格式") || s2.entries[certificate.KeyOrgFallback].Text != "成都市基层党务学院" {
		t.Error("the rebuilt screen is not in Chinese or lacks the settings")
	}
	e.act(func() { s2.lang.SetSelectedIndex(1) })
	if Language() != LangEnglish || !shows(e.u.win.Canvas().Content(), "Serial format") {
		t.Error("switching back to English failed")
	}
}

func TestSettingsKeyboard(t *testing.T) {
	e, s := settingsEnv(t, LangEnglish)
	c := e.u.win.Canvas()
	c.Focus(s.entries[certificate.KeyOrgFallback])
	c.FocusNext()
	if c.Focused() != s.entries[settings.OrgShortName] {
		t.Errorf("Tab from the organisation goes to %v", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != s.entries[certificate.KeySignatory] {
		t.Errorf("Tab from the short name goes to %v", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != s.entries[certificate.KeySealImage] {
		t.Errorf("Tab from the signatory goes to %v", c.Focused())
	}
}

func certificateFilterValid() models.CertificateFilter {
	return models.CertificateFilter{Status: models.CertValid}
}

// The calibration page is saved where the user says and recorded in the
// audit trail, as every print of the window is.
func TestCalibrationPageAudited(t *testing.T) {
	e, s := settingsEnv(t, LangEnglish)
	opened := recordOpened(t)
	e.act(s.askCalibration)
	waitPDF(t, e, t.TempDir(), opened, T("settings.calibration_file"))
}
