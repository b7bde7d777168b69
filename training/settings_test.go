package training_test

import (
	"errors"
	"testing"

	"peiyang/models"
	"peiyang/settings"
)

func TestSaveSettingsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	err := f.svc.Settings.SaveSettings(f.ctx, map[string]string{
		settings.OrgName: "中共成都市委党校", settings.CertOffsetX: "left", settings.BackupKeep: "0", "x": "1",
	})
	var l models.ErrorList
	if !errors.As(err, &l) {
		t.Fatalf("error %v, want a list", err)
	}
	if got := l.Fields(); len(got) != 3 {
		t.Errorf("fields %v, want the offset, the count and the unknown key", got)
	}
	if v, _ := f.svc.Settings.Setting(f.ctx, settings.OrgName); v != "" {
		t.Errorf("a refused save stored %q", v)
	}
	wantCode(t, f.svc.Settings.SaveSettings(f.ctx, map[string]string{settings.SigningKey: "x"}), models.EINVALID)
	wantCode(t, f.svc.Settings.SaveSettings(f.ctx, map[string]string{settings.LastAutoBackup: "2025-06-15"}), models.EINVALID)
	f.must(f.svc.Settings.SaveSettings(f.ctx, map[string]string{settings.OrgName: "中共成都市委党校", settings.BackupKeep: "3"}))
	if v, _ := f.svc.Settings.Setting(f.ctx, settings.BackupKeep); v != "3" {
		t.Errorf("backup.keep %q", v)
	}
	// The program may keep an internal setting, not an undeclared one.
	f.must(f.svc.Settings.SetSetting(f.ctx, settings.LastAutoBackup, "2025-06-15"))
	wantCode(t, f.svc.Settings.SetSetting(f.ctx, "x", "1"), models.EINVALID)
}

func TestListSettingsHidesSecrets(t *testing.T) {
	f := newFixture(t)
	if _, err := f.svc.Certificates.SigningKey(f.ctx); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.Settings.ListSettings(f.ctx)
	f.must(err)
	if len(list) != len(settings.All()) {
		t.Fatalf("%d settings listed, %d declared", len(list), len(settings.All()))
	}
	for _, s := range list {
		if s.Key == settings.SigningKey && (!s.Set || s.Value != "") {
			t.Errorf("signing key listed as %+v", s)
		}
	}
}
