package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"peiyang/models"
	"peiyang/store"
)

// TestWatchReportsChanges: a change committed through another connection
// (another window, another person) is reported with its table's name; a
// rolled-back change is not. On a file Watch returns at once.
func TestWatchReportsChanges(t *testing.T) {
	bothStores(t, func(t *testing.T) {
		f := newFixture(t)
		wctx, stop := context.WithCancel(ctx)
		defer stop()
		got := make(chan []string, 16)
		done := make(chan error, 1)
		go func() { done <- f.db.Watch(wctx, func(tables []string) { got <- tables }) }()
		if !f.db.IsPostgres() {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			return
		}
		other, err := store.Open(targetOf(t, f.db))
		must(t, err)
		defer other.Close()
		// Watch listens once its connection is made: change until told.
		deadline := time.Now().Add(30 * time.Second)
		for seen := false; !seen; {
			if time.Now().After(deadline) {
				t.Fatal("no change was reported")
			}
			tr, err := other.FindTraineeByID(ctx, f.trainees[0].ID)
			must(t, err)
			tr.Notes += "。"
			must(t, other.UpdateTrainee(ctx, tr))
			select {
			case tables := <-got:
				if !slices.Contains(tables, "trainees") || slices.Contains(tables, "audit_log") {
					t.Fatalf("reported %v", tables)
				}
				seen = true
			case <-time.After(time.Second):
			}
		}
		// A rolled-back change sends nothing; the next committed one does.
		_ = other.Update(ctx, func(ctx context.Context) error {
			must(t, other.CreateOrganisation(ctx, &models.Organisation{Name: "撤销的村", Kind: models.OrgVillage}))
			return context.Canceled
		})
		must(t, other.CreateCourse(ctx, &models.Course{Theme: models.ThemeRural, Title: "新班", CohortID: f.cohort.ID,
			StartDate: models.MustDate("2025-09-01"), EndDate: models.MustDate("2025-09-02"), Capacity: 10, Status: models.CourseOpen}))
		for tables := range got {
			if slices.Contains(tables, "organisations") {
				t.Fatalf("a rolled-back change was reported: %v", tables)
			}
			if slices.Contains(tables, "courses") {
				break
			}
		}
		stop()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}
