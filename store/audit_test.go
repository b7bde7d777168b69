package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"
	"testing"

	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/store"
)

func TestAuditMasksPersonalData(t *testing.T) {
	if bothStores(t, TestAuditMasksPersonalData) {
		return
	}
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
	// The birth date to the month, as every output shows it.
	for _, js := range []string{e.Before, e.After} {
		if strings.Contains(js, tr.BirthDate.String()) || !strings.Contains(js, `"birth_date":"`+tr.BirthDate.String()[:7]+`"`) {
			t.Errorf("the birth date is not masked to the month: %s", js)
		}
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
	if bothStores(t, TestAuditCommitsWithTheChange) {
		return
	}
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
	if bothStores(t, TestAuditLogIsAppendOnly) {
		return
	}
	db := newDB(t)
	must(t, db.RecordAudit(ctx, "export", "trainees", 0, "all"))
	raw := rawSQL(t, db)
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
		privatetest.Assert(t, p)
	}
}

// TestMigrationMasksOlderEntries: entries written under the older policy
// (the first six and last four characters of the ID number beside the full
// birth date) are masked again when the database is opened, and the trail
// stays append-only.
func TestMigrationMasksOlderEntries(t *testing.T) {
	db := newDB(t)
	path := db.Path()
	must(t, db.Close())
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	older := `{"birth_date":"1990-01-01","id":1,"id_number":"510104********0115","name":"赵明阳","phone":"138****1234"}`
	deid := `{"birth_date":null,"id":1,"id_number":"DEID-1","name":"赵明阳","phone":""}`
	for _, q := range []string{
		`INSERT INTO audit_log (at, action, entity, entity_id, before, after) VALUES ('2024-01-01T00:00:00.000000Z', 'create', 'trainees', '1', NULL, '` + older + `')`,
		`INSERT INTO audit_log (at, action, entity, entity_id, before, after) VALUES ('2024-02-01T00:00:00.000000Z', 'update', 'trainees', '1', '` + older + `', '` + deid + `')`,
		`INSERT INTO audit_log (at, action, entity, entity_id, after) VALUES ('2024-02-01T00:00:00.000000Z', 'print', '', '', '{"what":"roster"}')`,
		`DELETE FROM schema_migrations WHERE version = 4`,
	} {
		_, err := raw.Exec(q)
		must(t, err)
	}
	must(t, raw.Close())

	db, err = store.Open(path)
	must(t, err)
	es, err := db.FindAudit(ctx, store.AuditFilter{})
	must(t, err)
	if len(es) != 5 || es[0].Action != "remask" { // and the search index setting
		for _, e := range es {
			t.Logf("%+v", *e)
		}
		t.Fatalf("%d entries", len(es))
	}
	want := `{"birth_date":"1990-01","id":1,"id_number":"510104***********5","name":"赵明阳","phone":"138****1234"}`
	if es[2].Before != want || es[2].After != deid || es[3].After != want || es[1].After != `{"what":"roster"}` {
		t.Errorf("entries after the migration:\n%s\n%s\n%s\n%s", es[3].After, es[2].Before, es[2].After, es[1].After)
	}
	// Still append-only.
	raw, err = sql.Open("sqlite", path)
	must(t, err)
	if _, err := raw.Exec(`UPDATE audit_log SET after = '{}' WHERE id = 1`); err == nil {
		t.Error("the audit log can be changed after the migration")
	}
	if _, err := raw.Exec(`DELETE FROM audit_log WHERE id = 1`); err == nil {
		t.Error("the audit log can be deleted from after the migration")
	}
	// At rest, the file holds the older entry no more.
	must(t, raw.Close())
	must(t, db.Close())
	for _, p := range []string{path, path + "-wal"} {
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte("510104********0115")) {
			t.Errorf("the older entry is still readable in %s", p)
		}
	}
}
