package store_test

import (
	"fmt"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/store"
)

func TestRetentionDeidentifies(t *testing.T) {
	f := newFixture(t)
	db := f.db
	// Trainee 1 has a placement that ends far ahead: still active.
	must(t, db.CreatePlacement(ctx, &models.Placement{TraineeID: f.trainees[1].ID, VillageID: f.village.ID,
		StartDate: models.MustDate("2098-01-01"), EndDate: models.MustDate("2099-01-01")}))
	cutoff := models.MustDate("2090-01-01")
	ids, err := db.Inactive(ctx, cutoff)
	must(t, err)
	want := []int64{f.trainees[0].ID, f.trainees[2].ID}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Fatalf("inactive %v, want %v", ids, want)
	}
	old := f.trainees[0]
	must(t, db.Deidentify(ctx, ids))

	got, err := db.FindTraineeByID(ctx, old.ID)
	must(t, err)
	if got.IDNumber != fmt.Sprintf("DEID-%d", old.ID) || !store.IsDeidentified(got.IDNumber) ||
		got.Phone != "" || !got.BirthDate.IsZero() {
		t.Errorf("personal data kept: %+v", got)
	}
	if got.Name != old.Name || got.HomeRegion != old.HomeRegion || got.CohortID != old.CohortID {
		t.Errorf("kept data lost: %+v", got)
	}
	// The search index forgot the ID number and phone, not the name.
	for _, q := range []string{old.IDNumber[10:], old.Phone[3:], "DEID"} {
		ts, err := db.SearchTrainees(ctx, q, 10)
		must(t, err)
		for _, tr := range ts {
			if tr.ID == old.ID {
				t.Errorf("search %q still finds the de-identified trainee", q)
			}
		}
	}
	ts, err := db.SearchTrainees(ctx, old.Name, 10)
	must(t, err)
	if len(ts) == 0 || ts[0].ID != old.ID {
		t.Errorf("search by name lost the trainee: %v", ts)
	}
	// Audited, masked; and done once only.
	es, err := db.FindAudit(ctx, store.AuditFilter{Entity: "trainees", Action: store.AuditUpdate})
	must(t, err)
	if len(es) != 2 {
		t.Errorf("%d update entries, want 2", len(es))
	}
	for _, e := range es {
		if strings.Contains(e.Before, old.IDNumber) || strings.Contains(e.Before, old.Phone) {
			t.Errorf("the log holds personal data: %s", e.Before)
		}
	}
	ids, err = db.Inactive(ctx, cutoff)
	must(t, err)
	if len(ids) != 0 {
		t.Errorf("inactive after de-identifying: %v", ids)
	}
	// The index rebuilt from the table agrees.
	must(t, db.Close())
	db2, err := store.Open(db.Path())
	must(t, err)
	defer db2.Close()
	ts, err = db2.SearchTrainees(ctx, "DEID", 10)
	must(t, err)
	if len(ts) != 0 {
		t.Errorf("placeholder indexed: %v", ts)
	}
}
