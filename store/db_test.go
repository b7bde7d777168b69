package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"peiyang/internal/pgtest"
	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/store"
)

func TestOpenTwiceIsIdempotent(t *testing.T) {
	if bothStores(t, TestOpenTwiceIsIdempotent) {
		return
	}
	path := filepath.Join(t.TempDir(), "p.db")
	if storeKind(t) == postgresKind {
		path = pgtest.NewDatabase(t, "") // empty: Open makes the schema
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := db.SchemaVersion(ctx)
	must(t, err)
	if v1 < 1 {
		t.Fatalf("schema version %d after open, want at least 1", v1)
	}
	must(t, db.SetSetting(ctx, "k", "v"))
	must(t, db.Close())

	if !db.IsPostgres() {
		privatetest.Assert(t, path)
	}

	db, err = store.Open(path)
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	defer db.Close()
	v2, err := db.SchemaVersion(ctx)
	must(t, err)
	if v2 != v1 {
		t.Errorf("schema version %d after reopening, want %d", v2, v1)
	}
	if v, _ := db.Setting(ctx, "k"); v != "v" {
		t.Errorf("setting lost on reopening: %q", v)
	}
	ok, err := db.IntegrityCheck(ctx)
	must(t, err)
	if ok != "ok" {
		t.Errorf("integrity check: %q", ok)
	}
}

func TestForeignKeysEnforced(t *testing.T) {
	if bothStores(t, TestForeignKeysEnforced) {
		return
	}
	f := newFixture(t)
	err := f.db.CreateEnrolment(ctx, &models.Enrolment{CourseID: 9999, TraineeID: f.trainees[0].ID, Status: models.Enrolled})
	wantCode(t, err, models.EINVALID)
	err = f.db.CreatePlacement(ctx, &models.Placement{TraineeID: f.trainees[0].ID, VillageID: 9999,
		StartDate: models.MustDate("2024-10-01"), EndDate: models.MustDate("2024-10-31")})
	wantCode(t, err, models.EINVALID)
	// A referenced record cannot be deleted.
	wantCode(t, f.db.DeleteOrganisation(ctx, f.outflow.ID), models.ECONFLICT)
	wantCode(t, f.db.DeleteCohort(ctx, f.cohort.ID), models.ECONFLICT)
	if _, err := f.db.FindOrganisationByID(ctx, f.outflow.ID); err != nil {
		t.Errorf("organisation gone after a refused delete: %v", err)
	}
}

func TestUpdateRollsBackOnError(t *testing.T) {
	if bothStores(t, TestUpdateRollsBackOnError) {
		return
	}
	db := newDB(t)
	boom := errors.New("boom")
	o := &models.Organisation{Name: "甲", Kind: models.OrgOutflow}
	err := db.Update(ctx, func(ctx context.Context) error {
		if err := db.CreateOrganisation(ctx, o); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v, want the callback's error", err)
	}
	if _, err := db.FindOrganisationByID(ctx, o.ID); !models.IsNotFound(err) {
		t.Errorf("organisation written despite the rollback: %v", err)
	}
	empty, err := db.IsEmpty(ctx)
	must(t, err)
	if !empty {
		t.Error("database not empty after a rolled-back Update")
	}
}

func TestUpdateRollsBackOnPanic(t *testing.T) {
	if bothStores(t, TestUpdateRollsBackOnPanic) {
		return
	}
	db := newDB(t)
	o := &models.Organisation{Name: "乙", Kind: models.OrgOutflow}
	func() {
		defer func() {
			if r := recover(); r != "bang" {
				t.Errorf("recovered %v, want the callback's panic", r)
			}
		}()
		_ = db.Update(ctx, func(ctx context.Context) error {
			must(t, db.CreateOrganisation(ctx, o))
			panic("bang")
		})
	}()
	if _, err := db.FindOrganisationByID(ctx, o.ID); !models.IsNotFound(err) {
		t.Errorf("organisation written despite the panic: %v", err)
	}
	// The writer is usable again.
	must(t, db.CreateOrganisation(ctx, &models.Organisation{Name: "丙", Kind: models.OrgOutflow}))
}

func TestTransactionSeesItsOwnWrites(t *testing.T) {
	if bothStores(t, TestTransactionSeesItsOwnWrites) {
		return
	}
	db := newDB(t)
	o := &models.Organisation{Name: "丁", Kind: models.OrgOutflow}
	err := db.Update(ctx, func(tctx context.Context) error {
		must(t, db.CreateOrganisation(tctx, o))
		got, err := db.FindOrganisationByID(tctx, o.ID)
		if err != nil {
			t.Errorf("the transaction does not see its own insert: %v", err)
		} else if got.Name != "丁" {
			t.Errorf("read back %q", got.Name)
		}
		// Outside the transaction, the uncommitted row is not there.
		if _, err := db.FindOrganisationByID(ctx, o.ID); !models.IsNotFound(err) {
			t.Errorf("uncommitted row visible outside the transaction: %v", err)
		}
		// A nested Update joins the transaction.
		return db.Update(tctx, func(ctx context.Context) error {
			o.Name = "戊"
			return db.UpdateOrganisation(ctx, o)
		})
	})
	must(t, err)
	got, err := db.FindOrganisationByID(ctx, o.ID)
	must(t, err)
	if got.Name != "戊" {
		t.Errorf("after commit the name is %q, want 戊", got.Name)
	}
}

func TestViewIsReadOnlyAndConsistent(t *testing.T) {
	if bothStores(t, TestViewIsReadOnlyAndConsistent) {
		return
	}
	db := newDB(t)
	must(t, db.CreateOrganisation(ctx, &models.Organisation{Name: "甲", Kind: models.OrgOutflow}))
	err := db.View(ctx, func(vctx context.Context) error {
		before, err := db.FindOrganisations(vctx, models.OrganisationFilter{})
		must(t, err)
		// A write committed meanwhile is not seen by the view.
		must(t, db.CreateOrganisation(ctx, &models.Organisation{Name: "乙", Kind: models.OrgOutflow}))
		after, err := db.FindOrganisations(vctx, models.OrganisationFilter{})
		must(t, err)
		if len(before) != 1 || len(after) != 1 {
			t.Errorf("view saw %d then %d organisations, want 1 and 1", len(before), len(after))
		}
		return db.CreateOrganisation(vctx, &models.Organisation{Name: "丙", Kind: models.OrgOutflow})
	})
	if err == nil {
		t.Error("a write inside View succeeded")
	}
	all, err := db.FindOrganisations(ctx, models.OrganisationFilter{})
	must(t, err)
	if len(all) != 2 {
		t.Errorf("%d organisations, want 2", len(all))
	}
}

func TestSettings(t *testing.T) {
	if bothStores(t, TestSettings) {
		return
	}
	db := newDB(t)
	v, err := db.Setting(ctx, "school.name")
	must(t, err)
	if v != "" {
		t.Errorf("unset setting = %q, want empty", v)
	}
	must(t, db.SetSetting(ctx, "school.name", "基层党务学院"))
	must(t, db.SetSetting(ctx, "school.name", "成都市基层党务学院"))
	if v, _ := db.Setting(ctx, "school.name"); v != "成都市基层党务学院" {
		t.Errorf("setting = %q", v)
	}
	// Text the documents could not print is refused, naming the key, and
	// the old value stays.
	for _, bad := range []string{"学院\x00", "\x1b[31m", "\xff\xfe", strings.Repeat("院", 4001)} {
		err := db.SetSetting(ctx, "school.name", bad)
		var e *models.Error
		if !errors.As(err, &e) || e.Code != models.EINVALID || e.Field != "school.name" {
			t.Errorf("SetSetting(%.20q) = %v, want EINVALID on school.name", bad, err)
		}
	}
	if v, _ := db.Setting(ctx, "school.name"); v != "成都市基层党务学院" {
		t.Errorf("a refused value changed the setting: %q", v)
	}
}

func TestIsEmpty(t *testing.T) {
	if bothStores(t, TestIsEmpty) {
		return
	}
	db := newDB(t)
	empty, err := db.IsEmpty(ctx)
	must(t, err)
	if !empty {
		t.Fatal("new database not empty")
	}
	must(t, db.SetSetting(ctx, "a", "b"))
	if empty, _ := db.IsEmpty(ctx); !empty {
		t.Error("settings make the database non-empty")
	}
	must(t, db.CreateInstructor(ctx, &models.Instructor{Name: "周"}))
	if empty, _ := db.IsEmpty(ctx); empty {
		t.Error("database with an instructor reported empty")
	}
}

// Writers queue for the single writer connection while readers go on; no
// call fails with a busy database.
func TestConcurrentReadsAndWrites(t *testing.T) {
	if bothStores(t, TestConcurrentReadsAndWrites) {
		return
	}
	db := newDB(t)
	const writers, each = 4, 25
	errs := make(chan error, writers*2)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range each {
				o := &models.Organisation{Name: fmt.Sprintf("组织%d-%d", w, i), Kind: models.OrgOutflow}
				if err := db.Update(ctx, func(ctx context.Context) error { return db.CreateOrganisation(ctx, o) }); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range each {
				if _, err := db.FindOrganisations(ctx, models.OrganisationFilter{Kind: models.OrgOutflow}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all, err := db.FindOrganisations(ctx, models.OrganisationFilter{})
	must(t, err)
	if len(all) != writers*each {
		t.Errorf("%d organisations, want %d", len(all), writers*each)
	}
}
