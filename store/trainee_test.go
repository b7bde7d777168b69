package store_test

import (
	"reflect"
	"testing"

	"peiyang/models"
)

func TestTraineeCRUD(t *testing.T) {
	if bothStores(t, TestTraineeCRUD) {
		return
	}
	f := newFixture(t)
	db := f.db
	tr := f.trainees[0]
	got, err := db.FindTraineeByID(ctx, tr.ID)
	must(t, err)
	if !reflect.DeepEqual(got, tr) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, tr)
	}
	tr.Employer = "美团"
	tr.CohortID = 0
	tr.NominatedByID = 0
	tr.KeyTarget = false
	must(t, db.UpdateTrainee(ctx, tr))
	got, err = db.FindTraineeByID(ctx, tr.ID)
	must(t, err)
	if !reflect.DeepEqual(got, tr) {
		t.Errorf("after update\n%+v\nwant\n%+v", got, tr)
	}
	if !got.UpdatedAt.After(got.CreatedAt) && !got.UpdatedAt.Equal(got.CreatedAt) {
		t.Errorf("UpdatedAt %v before CreatedAt %v", got.UpdatedAt, got.CreatedAt)
	}

	// The ID number is unique.
	dup := &models.Trainee{Name: "重复", IDNumber: tr.IDNumber, Direction: models.Inflow}
	err = db.CreateTrainee(ctx, dup)
	wantCode(t, err, models.ECONFLICT)
	if models.ErrorMessage(err) != "A trainee with this ID number is already on record." {
		t.Errorf("conflict message %q", models.ErrorMessage(err))
	}
	other := f.trainees[1]
	other.IDNumber = tr.IDNumber
	wantCode(t, db.UpdateTrainee(ctx, other), models.ECONFLICT)

	must(t, db.DeleteTrainee(ctx, tr.ID))
	_, err = db.FindTraineeByID(ctx, tr.ID)
	wantCode(t, err, models.ENOTFOUND)
	if models.ErrorMessage(err) != "Trainee "+itoa(tr.ID)+" not found." {
		t.Errorf("not-found message %q", models.ErrorMessage(err))
	}
	wantCode(t, db.DeleteTrainee(ctx, tr.ID), models.ENOTFOUND)
	wantCode(t, db.UpdateTrainee(ctx, tr), models.ENOTFOUND)

	// A trainee with records cannot be deleted.
	e := &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[2].ID, Status: models.Enrolled}
	must(t, db.CreateEnrolment(ctx, e))
	wantCode(t, db.DeleteTrainee(ctx, f.trainees[2].ID), models.ECONFLICT)
}

func TestFindTraineesFilters(t *testing.T) {
	if bothStores(t, TestFindTraineesFilters) {
		return
	}
	f := newFixture(t)
	db := f.db
	a, b, c := f.trainees[0].ID, f.trainees[1].ID, f.trainees[2].ID
	chengdu := &models.Trainee{Name: "刘芳", IDNumber: idNumber(101), Direction: models.Outflow,
		HomeRegion: models.Region{Province: "四川省", City: "成都市", County: "郫都区", Code: "510117"}}
	must(t, db.CreateTrainee(ctx, chengdu))
	d := chengdu.ID
	tests := []struct {
		name   string
		filter models.TraineeFilter
		want   []int64
	}{
		{"all", models.TraineeFilter{}, []int64{a, b, c, d}},
		{"ids", models.TraineeFilter{IDs: []int64{c, a, 999}}, []int64{a, c}},
		{"region text", models.TraineeFilter{Region: "郫都"}, []int64{d}},
		{"region province", models.TraineeFilter{Region: "四川"}, []int64{a, b, c, d}},
		{"region code", models.TraineeFilter{Region: "510623"}, []int64{a, b, c}},
		{"cohort", models.TraineeFilter{CohortID: f.cohort.ID}, []int64{a, b, c}},
		{"nominated by", models.TraineeFilter{NominatedByID: f.outflow.ID}, []int64{a, b, c}},
		{"direction", models.TraineeFilter{Direction: models.Outflow}, []int64{d}},
		{"key target", models.TraineeFilter{KeyTarget: ptr(true)}, []int64{a}},
		{"not key target", models.TraineeFilter{KeyTarget: ptr(false)}, []int64{b, c, d}},
		{"id number", models.TraineeFilter{IDNumber: f.trainees[1].IDNumber}, []int64{b}},
		{"id numbers", models.TraineeFilter{IDNumbers: []string{f.trainees[2].IDNumber, "11010519491231002X", f.trainees[0].IDNumber}}, []int64{a, c}},
		{"combined", models.TraineeFilter{CohortID: f.cohort.ID, KeyTarget: ptr(false), Region: "德阳"}, []int64{b, c}},
		{"limit", models.TraineeFilter{Page: models.Page{Limit: 2}}, []int64{a, b}},
		{"after", models.TraineeFilter{Page: models.Page{AfterID: b, Limit: 2}}, []int64{c, d}},
		{"after last", models.TraineeFilter{Page: models.Page{AfterID: d}}, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.FindTrainees(ctx, tt.filter)
			must(t, err)
			if g := ids(got, func(x *models.Trainee) int64 { return x.ID }); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("FindTrainees = %v, want %v", g, tt.want)
			}
			f := tt.filter
			f.Page = models.Page{}
			all, err := db.FindTrainees(ctx, f)
			must(t, err)
			n, err := db.CountTrainees(ctx, tt.filter)
			must(t, err)
			if n != len(all) {
				t.Errorf("CountTrainees = %d, want %d (paging ignored)", n, len(all))
			}
		})
	}
}

// Keyset paging walks through every trainee exactly once.
func TestTraineeKeysetPaging(t *testing.T) {
	if bothStores(t, TestTraineeKeysetPaging) {
		return
	}
	db := newDB(t)
	for i := range 7 {
		must(t, db.CreateTrainee(ctx, &models.Trainee{Name: "学员", IDNumber: idNumber(200 + i), Direction: models.Inflow}))
	}
	var seen []int64
	var after int64
	for pages := 0; ; pages++ {
		page, err := db.FindTrainees(ctx, models.TraineeFilter{Page: models.Page{AfterID: after, Limit: 3}})
		must(t, err)
		if len(page) == 0 {
			if pages != 3 {
				t.Errorf("%d pages, want 3", pages)
			}
			break
		}
		for _, x := range page {
			seen = append(seen, x.ID)
		}
		after = page[len(page)-1].ID
	}
	if len(seen) != 7 {
		t.Errorf("paged through %d trainees, want 7", len(seen))
	}
}
