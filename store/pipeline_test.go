package store_test

import (
	"reflect"
	"testing"

	"peiyang/models"
	"peiyang/store"
)

func TestFindStageFacts(t *testing.T) {
	if bothStores(t, TestFindStageFacts) {
		return
	}
	f := newFixture(t)
	db := f.db
	a, b, c := f.trainees[0], f.trainees[1], f.trainees[2]
	theory := &models.Course{Theme: models.ThemeTheory, Title: "理论", StartDate: models.MustDate("2024-10-01"),
		EndDate: models.MustDate("2024-10-30"), Capacity: 10, Status: models.CourseFinished}
	industry := &models.Course{Theme: models.ThemeIndustry, Title: "产业", StartDate: models.MustDate("2024-11-01"),
		EndDate: models.MustDate("2024-11-30"), Capacity: 10, Status: models.CourseFinished}
	must(t, db.CreateCourse(ctx, theory))
	must(t, db.CreateCourse(ctx, industry))
	// a: completed two courses (rural, theory), placed and passed, mentored, returned, elected
	for _, co := range []*models.Course{f.course, theory} {
		must(t, db.CreateEnrolment(ctx, &models.Enrolment{CourseID: co.ID, TraineeID: a.ID, Status: models.Completed}))
	}
	must(t, db.CreateEnrolment(ctx, &models.Enrolment{CourseID: industry.ID, TraineeID: a.ID, Status: models.Withdrawn}))
	must(t, db.CreatePlacement(ctx, &models.Placement{TraineeID: a.ID, VillageID: f.village.ID, StartDate: models.MustDate("2024-12-01"),
		EndDate: models.MustDate("2024-12-31"), Grade: models.GradePass}))
	must(t, db.CreateMentorship(ctx, &models.Mentorship{MentorID: f.instructor.ID, TraineeID: a.ID, StartDate: models.MustDate("2024-12-01")}))
	ret := &models.Return{TraineeID: a.ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2025-01-10")}
	must(t, db.CreateReturn(ctx, ret))
	must(t, db.CreateElection(ctx, &models.Election{ReturnID: ret.ID, Date: models.MustDate("2025-03-01"),
		Committee: models.CommitteeVillageParty, Post: models.PostMember, Result: models.NotElected}))
	must(t, db.CreateElection(ctx, &models.Election{ReturnID: ret.ID, Date: models.MustDate("2025-06-01"),
		Committee: models.CommitteeVillagers, Post: models.PostMember, Result: models.Appointed}))
	// b: enrolled but not completed, a failed placement, a running one is not there; returned but not elected
	must(t, db.CreateEnrolment(ctx, &models.Enrolment{CourseID: f.course.ID, TraineeID: b.ID, Status: models.NotCompleted}))
	must(t, db.CreatePlacement(ctx, &models.Placement{TraineeID: b.ID, VillageID: f.village.ID, StartDate: models.MustDate("2024-12-01"),
		EndDate: models.MustDate("2024-12-31"), Grade: models.GradeFail}))
	retB := &models.Return{TraineeID: b.ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2025-01-10")}
	must(t, db.CreateReturn(ctx, retB))
	must(t, db.CreateElection(ctx, &models.Election{ReturnID: retB.ID, Date: models.MustDate("2025-03-01"),
		Committee: models.CommitteeVillageParty, Post: models.PostMember, Result: models.NotElected}))
	// c: a running placement only
	must(t, db.CreatePlacement(ctx, &models.Placement{TraineeID: c.ID, VillageID: f.village.ID, StartDate: models.MustDate("2025-01-01"),
		EndDate: models.MustDate("2025-01-31")}))
	// d: another region and no cohort, nothing at all
	d := &models.Trainee{Name: "刘芳", IDNumber: idNumber(800), Direction: models.Inflow,
		HomeRegion: models.Region{Province: "四川省", City: "眉山市", County: "仁寿县", Code: "511421"}}
	must(t, db.CreateTrainee(ctx, d))

	want := []models.StageFacts{
		{TraineeID: a.ID, HomeRegion: a.HomeRegion, CohortID: f.cohort.ID, Themes: []models.Theme{models.ThemeTheory, models.ThemeRural},
			CoursesDone: 2, Placed: true, Mentored: true, Returned: true, Elected: true},
		{TraineeID: b.ID, HomeRegion: b.HomeRegion, CohortID: f.cohort.ID, Returned: true},
		{TraineeID: c.ID, HomeRegion: c.HomeRegion, CohortID: f.cohort.ID, Placed: true},
		{TraineeID: d.ID, HomeRegion: d.HomeRegion},
	}
	got, err := db.FindStageFacts(ctx, models.TraineeFilter{})
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindStageFacts:\n got %+v\nwant %+v", got, want)
	}
	// The filter applies and paging is ignored.
	got, err = db.FindStageFacts(ctx, models.TraineeFilter{Region: "德阳", KeyTarget: ptr(true), Page: models.Page{AfterID: 9999, Limit: 1}})
	must(t, err)
	if !reflect.DeepEqual(got, want[:1]) {
		t.Errorf("filtered FindStageFacts:\n got %+v\nwant %+v", got, want[:1])
	}
	got, err = db.FindStageFacts(ctx, models.TraineeFilter{IDs: []int64{d.ID, c.ID}})
	must(t, err)
	if !reflect.DeepEqual(got, want[2:]) {
		t.Errorf("FindStageFacts by IDs:\n got %+v\nwant %+v", got, want[2:])
	}
	got, err = db.FindStageFacts(ctx, models.TraineeFilter{CohortID: 9999})
	must(t, err)
	if got == nil || len(got) != 0 {
		t.Errorf("no trainees: %+v, want an empty slice", got)
	}
	checkFindStageGroups(t, db, f.cohort.ID)
}

// checkFindStageGroups: the trainees with records one by one, as
// FindStageFacts gives them, the others counted by region and cohort.
func checkFindStageGroups(t *testing.T, db *store.DB, cohort int64) {
	t.Helper()
	for _, filter := range []models.TraineeFilter{{}, {Region: "德阳"}, {Region: "眉山"}, {CohortID: cohort}} {
		all, err := db.FindStageFacts(ctx, filter)
		must(t, err)
		groups, err := db.FindStageGroups(ctx, filter)
		must(t, err)
		checkStageGroups(t, filter, all, groups)
	}
	groups, err := db.FindStageGroups(ctx, models.TraineeFilter{Region: "眉山"})
	must(t, err)
	wantD := []models.StageFacts{{HomeRegion: models.Region{City: "眉山市", County: "仁寿县"}, Trainees: 1}}
	if !reflect.DeepEqual(groups, wantD) {
		t.Errorf("FindStageGroups of 眉山:\n got %+v\nwant %+v", groups, wantD)
	}
}

// checkStageGroups checks FindStageGroups' answer against the facts of
// every trainee: each trainee with a record is there as FindStageFacts
// gives it, the others are counted in groups of their city, county and
// cohort, which have no record.
func checkStageGroups(t *testing.T, filter models.TraineeFilter, all, groups []models.StageFacts) {
	t.Helper()
	type key struct {
		city, county string
		cohort       int64
	}
	keyOf := func(s models.StageFacts) key { return key{s.HomeRegion.City, s.HomeRegion.County, s.CohortID} }
	hasRecord := func(s models.StageFacts) bool {
		return s.CoursesDone > 0 || s.Placed || s.Mentored || s.Returned || s.Elected
	}
	byID := map[int64]models.StageFacts{}
	want, got := map[key]int{}, map[key]int{}
	for _, s := range all {
		byID[s.TraineeID] = s
		want[keyOf(s)]++
	}
	seen := map[int64]bool{}
	for _, g := range groups {
		got[keyOf(g)] += g.Trainees
		if g.TraineeID == 0 {
			if hasRecord(g) || g.Trainees < 1 {
				t.Errorf("%+v: group %+v", filter, g)
			}
			continue
		}
		one := byID[g.TraineeID]
		one.Trainees = 1
		if !reflect.DeepEqual(g, one) {
			t.Errorf("%+v: trainee %d: got %+v, want %+v", filter, g.TraineeID, g, one)
		}
		seen[g.TraineeID] = true
	}
	for _, s := range all {
		if hasRecord(s) && !seen[s.TraineeID] {
			t.Errorf("%+v: trainee %d has records but is not listed alone", filter, s.TraineeID)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%+v: trainees per region and cohort %v, want %v", filter, got, want)
	}
}
