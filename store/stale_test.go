package store_test

import (
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/store"
)

// staleCase reads one record through a store, changes it in memory and
// returns the save of that change.
type staleCase struct {
	name string
	edit func(t *testing.T, db *store.DB, f *fixture, mark string) (save func() error, saved func() string)
}

// staleCases edit the records whose update checks what it read: each
// reads the record, changes a text (or number) to mark and saves; saved
// reads the stored value back.
func staleCases() []staleCase {
	return []staleCase{
		{"trainee", func(t *testing.T, db *store.DB, f *fixture, mark string) (func() error, func() string) {
			r, err := db.FindTraineeByID(ctx, f.trainees[0].ID)
			must(t, err)
			r.Notes = mark
			return func() error { return db.UpdateTrainee(ctx, r) }, func() string {
				r, err := db.FindTraineeByID(ctx, r.ID)
				must(t, err)
				return r.Notes
			}
		}},
		{"course", func(t *testing.T, db *store.DB, f *fixture, mark string) (func() error, func() string) {
			r, err := db.FindCourseByID(ctx, f.course.ID)
			must(t, err)
			r.Venue = mark
			return func() error { return db.UpdateCourse(ctx, r) }, func() string {
				r, err := db.FindCourseByID(ctx, r.ID)
				must(t, err)
				return r.Venue
			}
		}},
		{"organisation", func(t *testing.T, db *store.DB, f *fixture, mark string) (func() error, func() string) {
			r, err := db.FindOrganisationByID(ctx, f.village.ID)
			must(t, err)
			r.ContactPerson = mark
			return func() error { return db.UpdateOrganisation(ctx, r) }, func() string {
				r, err := db.FindOrganisationByID(ctx, r.ID)
				must(t, err)
				return r.ContactPerson
			}
		}},
		{"instructor", func(t *testing.T, db *store.DB, f *fixture, mark string) (func() error, func() string) {
			r, err := db.FindInstructorByID(ctx, f.instructor.ID)
			must(t, err)
			r.Position = mark
			return func() error { return db.UpdateInstructor(ctx, r) }, func() string {
				r, err := db.FindInstructorByID(ctx, r.ID)
				must(t, err)
				return r.Position
			}
		}},
		{"programme", func(t *testing.T, db *store.DB, f *fixture, mark string) (func() error, func() string) {
			r, err := db.FindProgrammeByID(ctx, f.programme.ID)
			must(t, err)
			r.Notes = mark
			return func() error { return db.UpdateProgramme(ctx, r) }, func() string {
				r, err := db.FindProgrammeByID(ctx, r.ID)
				must(t, err)
				return r.Notes
			}
		}},
		{"cohort", func(t *testing.T, db *store.DB, f *fixture, mark string) (func() error, func() string) {
			r, err := db.FindCohortByID(ctx, f.cohort.ID)
			must(t, err)
			r.Name = mark
			return func() error { return db.UpdateCohort(ctx, r) }, func() string {
				r, err := db.FindCohortByID(ctx, r.ID)
				must(t, err)
				return r.Name
			}
		}},
	}
}

// TestSecondConflictingSaveIsRefused opens one database twice, as two
// windows on one file or two people on one server do: both read a record,
// the first saves its change, and the second's save is refused with
// ESTALE naming who changed it, leaving the first change in place; after
// reading the record again the second saves.
func TestSecondConflictingSaveIsRefused(t *testing.T) {
	bothStores(t, func(t *testing.T) {
		for _, c := range staleCases() {
			t.Run(c.name, func(t *testing.T) {
				f := newFixture(t)
				first := f.db
				who := "王老师"
				var second *store.DB
				if first.IsPostgres() {
					accounts := newAccounts(t, f.db, testPassword)
					who = accounts[models.RoleStaff]
					first = openAs(t, f.db, who)
					second = openAs(t, f.db, accounts[models.RoleAdmin])
				} else {
					must(t, first.SetSetting(ctx, store.SettingUserName, who))
					var err error
					second, err = store.Open(targetOf(t, f.db))
					must(t, err)
					t.Cleanup(func() { second.Close() })
				}
				saveFirst, _ := c.edit(t, first, f, "一")
				saveSecond, saved := c.edit(t, second, f, "二")
				must(t, saveFirst())
				err := saveSecond()
				if models.ErrorCode(err) != models.ESTALE {
					t.Fatalf("the second save: %v, want %s", err, models.ESTALE)
				}
				if msg := models.ErrorMessage(err); !strings.Contains(msg, who) || !strings.Contains(msg, "20") {
					t.Errorf("the refusal does not say who changed it and when: %s", msg)
				}
				if got := saved(); got != "一" {
					t.Errorf("after the refused save the record holds %q, want the first change", got)
				}
				again, _ := c.edit(t, second, f, "二")
				must(t, again())
				if got := saved(); got != "二" {
					t.Errorf("after reloading and saving the record holds %q", got)
				}
			})
		}
	})
}
