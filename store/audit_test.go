package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/store"
)

func TestAuditMasksPersonalData(t *testing.T) {
	f := newFixture(t)
	db := f.db
	tr := f.trainees[0]
	es, err := db.FindAudit(ctx, store.AuditFilter{Entity: "trainees", Action: store.AuditCreate})
	must(t, err)
	if len(es) != len(f.trainees) {
		t.Fatalf("%d create entries for trainees, want %d", len(es), len(f.trainees))
	}
	tr.Phone = "13912345678"
	must(t, db.UpdateTrainee(ctx, tr))
	es, err = db.FindAudit(ctx, store.AuditFilter{Entity: "trainees", Action: store.AuditUpdate})
	must(t, err)
	if len(es) != 1 || es[0].EntityID != itoa(tr.ID) || es[0].Before == "" || es[0].After == "" {
		t.Fatalf("update entries %+v", es)
	}
	e := es[0]
	for _, js := range []string{e.Before, e.After} {
		if strings.Contains(js, tr.IDNumber) || strings.Contains(js, "13912345678") || strings.Contains(js, "13800001234") {
			t.Errorf("the log holds personal data: %s", js)
		}
	}
	if !strings.Contains(e.After, models.MaskIDNumber(tr.IDNumber)) || !strings.Contains(e.After, models.MaskPhone("13912345678")) {
		t.Errorf("masked values missing: %s", e.After)
	}
	if !strings.Contains(e.After, tr.Name) {
		t.Errorf("the name is missing: %s", e.After)
	}
	// Deletes and the user name.
	must(t, db.SetSetting(ctx, store.SettingUserName, "王老师"))
	spare := &models.Organisation{Name: "空白村", Kind: models.OrgVillage, ContactPhone: "13700001111"}
	must(t, db.CreateOrganisation(ctx, spare))
	must(t, db.DeleteOrganisation(ctx, spare.ID))
	es, err = db.FindAudit(ctx, store.AuditFilter{Entity: "organisations", Page: models.Page{Limit: 1}})
	must(t, err)
	if len(es) != 1 || es[0].Action != store.AuditDelete || es[0].After != "" || es[0].UserName != "王老师" ||
		strings.Contains(es[0].Before, "13700001111") {
		t.Errorf("delete entry %+v", es)
	}
	// Secret settings are hidden.
	must(t, db.SetSetting(ctx, "certificate.signing_key", "s3cret-value"))
	es, err = db.FindAudit(ctx, store.AuditFilter{Entity: "settings"})
	must(t, err)
	for _, e := range es {
		if strings.Contains(e.After, "s3cret-value") {
			t.Errorf("secret in the log: %s", e.After)
		}
	}
	// Events.
	must(t, db.RecordAudit(ctx, "print", "trainees", tr.ID, map[string]string{"document": "roster"}))
	es, err = db.FindAudit(ctx, store.AuditFilter{Action: "print"})
	must(t, err)
	if len(es) != 1 || es[0].EntityID != itoa(tr.ID) || !strings.Contains(es[0].After, "roster") {
		t.Errorf("print entry %+v", es)
	}
}

func TestAuditCommitsWithTheChange(t *testing.T) {
	db := newDB(t)
	count := func() int {
		es, err := db.FindAudit(ctx, store.AuditFilter{Entity: "organisations"})
		must(t, err)
		return len(es)
	}
	boom := errors.New("boom")
	err := db.Update(ctx, func(ctx context.Context) error {
		must(t, db.CreateOrganisation(ctx, &models.Organisation{Name: "甲村", Kind: models.OrgVillage}))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Errorf("%d entries after a rollback, want 0", n)
	}
	os, err := db.FindOrganisations(ctx, models.OrganisationFilter{})
	must(t, err)
	if len(os) != 0 {
		t.Error("the change was kept")
	}
	must(t, db.Update(ctx, func(ctx context.Context) error {
		return db.CreateOrganisation(ctx, &models.Organisation{Name: "乙村", Kind: models.OrgVillage})
	}))
	if n := count(); n != 1 {
		t.Errorf("%d entries after a commit, want 1", n)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	db := newDB(t)
	must(t, db.RecordAudit(ctx, "export", "trainees", 0, "all"))
	raw, err := sql.Open("sqlite", db.Path())
	must(t, err)
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE audit_log SET action = 'x'`); err == nil || !strings.Contains(err.Error(), "cannot be changed") {
		t.Errorf("update: %v, want refused", err)
	}
	if _, err := raw.Exec(`DELETE FROM audit_log`); err == nil || !strings.Contains(err.Error(), "cannot be changed") {
		t.Errorf("delete: %v, want refused", err)
	}
	es, err := db.FindAudit(ctx, store.AuditFilter{Action: "export"})
	must(t, err)
	if len(es) != 1 || es[0].After != `"all"` {
		for _, e := range es {
			t.Errorf("entry %+v", *e)
		}
	}
}

func TestDatabaseFilesPrivate(t *testing.T) {
	db := newDB(t)
	must(t, db.RecordAudit(ctx, "x", "", 0, nil))
	for _, p := range []string{db.Path(), db.Path() + "-wal"} {
		st, err := os.Stat(p)
		must(t, err)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", p, st.Mode().Perm())
		}
	}
}
