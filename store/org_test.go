package store_test

import (
	"reflect"
	"testing"

	"peiyang/models"
)

func TestOrganisationCRUD(t *testing.T) {
	if bothStores(t, TestOrganisationCRUD) {
		return
	}
	f := newFixture(t)
	db := f.db
	got, err := db.FindOrganisationByID(ctx, f.village.ID)
	must(t, err)
	if !reflect.DeepEqual(got, f.village) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, f.village)
	}
	if got.CreatedAt.IsZero() || got.CreatedAt.Location().String() != "UTC" {
		t.Errorf("CreatedAt %v, want a UTC time", got.CreatedAt)
	}
	f.village.PlacementCapacity = 8
	f.village.ContactPerson = "李书记"
	must(t, db.UpdateOrganisation(ctx, f.village))
	got, err = db.FindOrganisationByID(ctx, f.village.ID)
	must(t, err)
	if got.PlacementCapacity != 8 || got.ContactPerson != "李书记" {
		t.Errorf("update not saved: %+v", got)
	}

	spare := &models.Organisation{Name: "空白村", Kind: models.OrgVillage}
	must(t, db.CreateOrganisation(ctx, spare))
	must(t, db.DeleteOrganisation(ctx, spare.ID))
	_, err = db.FindOrganisationByID(ctx, spare.ID)
	wantCode(t, err, models.ENOTFOUND)
	wantCode(t, db.DeleteOrganisation(ctx, spare.ID), models.ENOTFOUND)
	wantCode(t, db.UpdateOrganisation(ctx, spare), models.ENOTFOUND)
}

func TestFindOrganisationsFilters(t *testing.T) {
	if bothStores(t, TestFindOrganisationsFilters) {
		return
	}
	f := newFixture(t)
	tests := []struct {
		name   string
		filter models.OrganisationFilter
		want   []int64
	}{
		{"all", models.OrganisationFilter{}, []int64{f.inflow.ID, f.outflow.ID, f.village.ID}},
		{"kind", models.OrganisationFilter{Kind: models.OrgVillage}, []int64{f.village.ID}},
		{"key village", models.OrganisationFilter{KeyVillage: ptr(true)}, []int64{f.village.ID}},
		{"not key village", models.OrganisationFilter{KeyVillage: ptr(false)}, []int64{f.inflow.ID, f.outflow.ID}},
		{"name", models.OrganisationFilter{Name: "中江县委组织部"}, []int64{f.outflow.ID}},
		{"name is exact", models.OrganisationFilter{Name: "中江"}, []int64{}},
		{"region text", models.OrganisationFilter{Region: "德阳"}, []int64{f.outflow.ID, f.village.ID}},
		{"region code", models.OrganisationFilter{Region: "510104"}, []int64{f.inflow.ID}},
		{"region wildcard is literal", models.OrganisationFilter{Region: "%"}, []int64{}},
		{"page 1", models.OrganisationFilter{Page: models.Page{Limit: 2}}, []int64{f.inflow.ID, f.outflow.ID}},
		{"page 2", models.OrganisationFilter{Page: models.Page{AfterID: f.outflow.ID, Limit: 2}}, []int64{f.village.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.db.FindOrganisations(ctx, tt.filter)
			must(t, err)
			if g := ids(got, func(o *models.Organisation) int64 { return o.ID }); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("got %v, want %v", g, tt.want)
			}
		})
	}
}

func TestProgrammeAndCohortCRUD(t *testing.T) {
	if bothStores(t, TestProgrammeAndCohortCRUD) {
		return
	}
	f := newFixture(t)
	db := f.db
	other := &models.Organisation{Name: "仁寿县委组织部", Kind: models.OrgOutflow}
	must(t, db.CreateOrganisation(ctx, other))

	got, err := db.FindProgrammeByID(ctx, f.programme.ID)
	must(t, err)
	if !reflect.DeepEqual(got, f.programme) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, f.programme)
	}
	f.programme.OutflowOrgIDs = []int64{other.ID, f.outflow.ID}
	f.programme.Notes = "二期"
	must(t, db.UpdateProgramme(ctx, f.programme))
	got, err = db.FindProgrammeByID(ctx, f.programme.ID)
	must(t, err)
	if !reflect.DeepEqual(got.OutflowOrgIDs, []int64{other.ID, f.outflow.ID}) || got.Notes != "二期" {
		t.Errorf("update not saved: %+v", got)
	}
	// the outflow organisations are listed in order and a duplicate conflicts
	f.programme.OutflowOrgIDs = []int64{other.ID, other.ID}
	wantCode(t, db.UpdateProgramme(ctx, f.programme), models.ECONFLICT)

	p2 := &models.Programme{Name: "郫都—仁寿", InflowOrgID: other.ID, OutflowOrgIDs: []int64{f.outflow.ID}}
	must(t, db.CreateProgramme(ctx, p2))
	ps, err := db.FindProgrammes(ctx, models.ProgrammeFilter{InflowOrgID: other.ID})
	must(t, err)
	if len(ps) != 1 || ps[0].ID != p2.ID || !reflect.DeepEqual(ps[0].OutflowOrgIDs, []int64{f.outflow.ID}) {
		t.Errorf("filter by inflow organisation: %+v", ps)
	}
	ps, err = db.FindProgrammes(ctx, models.ProgrammeFilter{Page: models.Page{AfterID: f.programme.ID}})
	must(t, err)
	if len(ps) != 1 || ps[0].ID != p2.ID {
		t.Errorf("paging: %+v", ps)
	}

	c2 := &models.Cohort{ProgrammeID: p2.ID, Year: 2025, Name: "2025年度"}
	must(t, db.CreateCohort(ctx, c2))
	gotC, err := db.FindCohortByID(ctx, c2.ID)
	must(t, err)
	if !reflect.DeepEqual(gotC, c2) {
		t.Errorf("cohort read back %+v, want %+v", gotC, c2)
	}
	for _, tt := range []struct {
		filter models.CohortFilter
		want   []int64
	}{
		{models.CohortFilter{}, []int64{f.cohort.ID, c2.ID}},
		{models.CohortFilter{ProgrammeID: p2.ID}, []int64{c2.ID}},
		{models.CohortFilter{Year: 2024}, []int64{f.cohort.ID}},
		{models.CohortFilter{Page: models.Page{Limit: 1}}, []int64{f.cohort.ID}},
		{models.CohortFilter{Page: models.Page{AfterID: f.cohort.ID}}, []int64{c2.ID}},
	} {
		cs, err := db.FindCohorts(ctx, tt.filter)
		must(t, err)
		if g := ids(cs, func(c *models.Cohort) int64 { return c.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindCohorts(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	c2.TargetTrainees = 30
	must(t, db.UpdateCohort(ctx, c2))
	if gotC, _ := db.FindCohortByID(ctx, c2.ID); gotC.TargetTrainees != 30 {
		t.Errorf("cohort update not saved")
	}
	wantCode(t, db.DeleteProgramme(ctx, p2.ID), models.ECONFLICT) // has a cohort
	must(t, db.DeleteCohort(ctx, c2.ID))
	must(t, db.DeleteProgramme(ctx, p2.ID))
	_, err = db.FindProgrammeByID(ctx, p2.ID)
	wantCode(t, err, models.ENOTFOUND)
	_, err = db.FindCohortByID(ctx, c2.ID)
	wantCode(t, err, models.ENOTFOUND)
	wantCode(t, db.UpdateCohort(ctx, c2), models.ENOTFOUND)
	wantCode(t, db.UpdateProgramme(ctx, p2), models.ENOTFOUND)
}

func TestInstructorCRUD(t *testing.T) {
	if bothStores(t, TestInstructorCRUD) {
		return
	}
	f := newFixture(t)
	db := f.db
	got, err := db.FindInstructorByID(ctx, f.instructor.ID)
	must(t, err)
	if !reflect.DeepEqual(got, f.instructor) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, f.instructor)
	}
	teacher := &models.Instructor{Name: "吴教授", Themes: []models.Theme{models.ThemeIndustry}}
	must(t, db.CreateInstructor(ctx, teacher))
	for _, tt := range []struct {
		filter models.InstructorFilter
		want   []int64
	}{
		{models.InstructorFilter{}, []int64{f.instructor.ID, teacher.ID}},
		{models.InstructorFilter{Theme: models.ThemeTheory}, []int64{f.instructor.ID}},
		{models.InstructorFilter{Theme: models.ThemeIndustry}, []int64{teacher.ID}},
		{models.InstructorFilter{MentorOnly: true}, []int64{f.instructor.ID}},
		{models.InstructorFilter{Name: "教授"}, []int64{teacher.ID}},
		{models.InstructorFilter{Page: models.Page{AfterID: f.instructor.ID, Limit: 5}}, []int64{teacher.ID}},
	} {
		is, err := db.FindInstructors(ctx, tt.filter)
		must(t, err)
		if g := ids(is, func(i *models.Instructor) int64 { return i.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindInstructors(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	teacher.Themes = []models.Theme{models.ThemeGovernance, models.ThemeIndustry}
	teacher.MaxMentees = 2
	must(t, db.UpdateInstructor(ctx, teacher))
	got, err = db.FindInstructorByID(ctx, teacher.ID)
	must(t, err)
	if !reflect.DeepEqual(got.Themes, teacher.Themes) || got.MaxMentees != 2 {
		t.Errorf("update not saved: %+v", got)
	}
	wantCode(t, db.DeleteInstructor(ctx, f.instructor.ID), models.ECONFLICT) // teaches sessions
	must(t, db.DeleteInstructor(ctx, teacher.ID))
	_, err = db.FindInstructorByID(ctx, teacher.ID)
	wantCode(t, err, models.ENOTFOUND)
	wantCode(t, db.UpdateInstructor(ctx, teacher), models.ENOTFOUND)
}
