package store_test

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"peiyang/internal/people"
	"peiyang/models"
)

// bigDataset builds a dataset at the scale of the report: n trainees and
// courses with 50 enrolments and 10 sessions each.
func bigDataset(n, courses int) *models.Dataset {
	ds := &models.Dataset{Settings: map[string]string{"school.name": "基层党务学院"}}
	var id int64
	next := func() int64 { id++; return id }
	inflow := &models.Organisation{ID: next(), Name: "成都市流动党员党委", Kind: models.OrgInflowCommittee}
	ds.Organisations = append(ds.Organisations, inflow)
	var outflow, villages []*models.Organisation
	for i := range 20 {
		o := &models.Organisation{ID: next(), Name: fmt.Sprintf("流出地党组织%d", i), Kind: models.OrgOutflow}
		outflow = append(outflow, o)
	}
	for i := range 200 {
		v := &models.Organisation{ID: next(), Name: fmt.Sprintf("村%d", i), Kind: models.OrgVillage,
			KeyVillage: i%4 == 0, PlacementCapacity: 5}
		villages = append(villages, v)
	}
	ds.Organisations = append(append(ds.Organisations, outflow...), villages...)
	prog := &models.Programme{ID: 1, Name: "联合培养", InflowOrgID: inflow.ID, OutflowOrgIDs: []int64{outflow[0].ID, outflow[1].ID}}
	ds.Programmes = []*models.Programme{prog}
	for i := range 4 {
		ds.Cohorts = append(ds.Cohorts, &models.Cohort{ID: int64(i + 1), ProgrammeID: 1, Year: 2022 + i, Name: fmt.Sprintf("%d年度", 2022+i)})
	}
	for i := range 514 {
		ds.Instructors = append(ds.Instructors, &models.Instructor{ID: int64(i + 1), Name: fmt.Sprintf("教员%d", i),
			Themes: []models.Theme{models.Themes[i%5]}, MaxMentees: i % 4})
	}
	ds.Trainees = people.New(5).Trainees(n)
	for i, t := range ds.Trainees {
		t.CohortID = int64(i%4 + 1)
		t.NominatedByID = outflow[i%20].ID
	}
	start := models.MustDate("2024-03-04")
	addCourses(ds, n, courses, start)
	addFollowUps(ds, n, villages, start)
	return ds
}

func TestLoadDataset(t *testing.T) {
	if bothStores(t, TestLoadDataset) {
		return
	}
	db := newDB(t)
	ds := bigDataset(500, 6)
	must(t, db.LoadDataset(ctx, ds))

	n, err := db.CountTrainees(ctx, models.TraineeFilter{})
	must(t, err)
	if n != 500 {
		t.Errorf("%d trainees, want 500", n)
	}
	got, err := db.FindTraineeByID(ctx, ds.Trainees[42].ID)
	must(t, err)
	if got.Name != ds.Trainees[42].Name || got.IDNumber != ds.Trainees[42].IDNumber || got.CohortID != ds.Trainees[42].CohortID {
		t.Errorf("trainee 42 read back as %+v", got)
	}
	p, err := db.FindProgrammeByID(ctx, 1)
	must(t, err)
	if !reflect.DeepEqual(p.OutflowOrgIDs, ds.Programmes[0].OutflowOrgIDs) {
		t.Errorf("outflow organisations %v", p.OutflowOrgIDs)
	}
	in, err := db.FindInstructorByID(ctx, 3)
	must(t, err)
	if !reflect.DeepEqual(in.Themes, ds.Instructors[2].Themes) {
		t.Errorf("themes %v", in.Themes)
	}
	att, err := db.FindAttendance(ctx, models.AttendanceFilter{CourseID: 1})
	must(t, err)
	if len(att) != 500 {
		t.Errorf("%d attendance records for course 1, want 500", len(att))
	}
	el, err := db.FindElectionByID(ctx, 1)
	must(t, err)
	if el.TraineeID != ds.Returns[0].TraineeID {
		t.Errorf("election's trainee %d, want the return's %d", el.TraineeID, ds.Returns[0].TraineeID)
	}
	if v, _ := db.Setting(ctx, "school.name"); v != "基层党务学院" {
		t.Errorf("setting %q", v)
	}
	// The search index was built.
	res, err := db.SearchTrainees(ctx, ds.Trainees[7].IDNumber, 5)
	must(t, err)
	if len(res) != 1 || res[0].ID != ds.Trainees[7].ID {
		t.Errorf("search by ID number after the load: %v", names(res))
	}
	// New records get IDs after the loaded ones.
	tr := &models.Trainee{Name: "新学员", IDNumber: idNumber(999), Direction: models.Inflow}
	must(t, db.CreateTrainee(ctx, tr))
	if tr.ID <= 500 {
		t.Errorf("new trainee got ID %d", tr.ID)
	}
	// A second load is refused and changes nothing.
	err = db.LoadDataset(ctx, bigDataset(10, 1))
	wantCode(t, err, models.ECONFLICT)
	if models.ErrorMessage(err) != "The database already holds data." {
		t.Errorf("message %q", models.ErrorMessage(err))
	}
	if n, _ := db.CountTrainees(ctx, models.TraineeFilter{}); n != 501 {
		t.Errorf("%d trainees after the refused load", n)
	}
	ok, err := db.IntegrityCheck(ctx)
	must(t, err)
	if ok != "ok" {
		t.Error(ok)
	}
}

func TestLoadDatasetRollsBackOnBadData(t *testing.T) {
	if bothStores(t, TestLoadDatasetRollsBackOnBadData) {
		return
	}
	db := newDB(t)
	ds := bigDataset(50, 1)
	ds.Enrolments[3].CourseID = 999 // no such course
	err := db.LoadDataset(ctx, ds)
	wantCode(t, err, models.EINVALID)
	empty, err := db.IsEmpty(ctx)
	must(t, err)
	if !empty {
		t.Error("a failed load left records behind")
	}
	res, err := db.SearchTrainees(ctx, ds.Trainees[0].Name, 5)
	must(t, err)
	if len(res) != 0 {
		t.Error("a failed load left search keys behind")
	}
}

// At the report's scale the load and the pipeline's facts are complete;
// the test logs how long they took (make bench-demo measures the load).
func TestLoadDatasetAtReportScale(t *testing.T) {
	if bothStores(t, TestLoadDatasetAtReportScale) {
		return
	}
	if testing.Short() {
		t.Skip("slow")
	}
	db := newDB(t)
	ds := bigDataset(40630, 200)
	start := time.Now()
	must(t, db.LoadDataset(ctx, ds))
	load := time.Since(start)
	start = time.Now()
	facts, err := db.FindStageFacts(ctx, models.TraineeFilter{})
	must(t, err)
	stage := time.Since(start)
	t.Logf("LoadDataset: %d trainees, %d enrolments, %d attendance, %d placements, %d mentorships, %d contacts, %d returns in %s; FindStageFacts in %s",
		len(ds.Trainees), len(ds.Enrolments), len(ds.Attendance), len(ds.Placements), len(ds.Mentorships),
		len(ds.Contacts), len(ds.Returns), load.Round(time.Millisecond), stage.Round(time.Millisecond))
	if len(facts) != 40630 {
		t.Errorf("%d facts", len(facts))
	}
}

// addCourses adds the courses, each with 10 sessions and 50 enrolments,
// attendance and certificates.
func addCourses(ds *models.Dataset, n, courses int, start models.Date) {
	var sid, eid, cid int64
	for c := range courses {
		co := &models.Course{ID: int64(c + 1), Theme: models.Themes[c%5], Title: fmt.Sprintf("专题培训班%d", c),
			CohortID: int64(c%4 + 1), StartDate: start.AddDays(c), EndDate: start.AddDays(c + 30), Capacity: 60,
			RequiredHours: 20, Status: models.CourseFinished}
		ds.Courses = append(ds.Courses, co)
		var sessions []*models.Session
		for s := range 10 {
			sid++
			se := &models.Session{ID: sid, CourseID: co.ID, Date: co.StartDate.AddDays(s * 3), Start: 540, End: 690,
				Venue: "教室", InstructorID: int64(c%514 + 1), Topic: "专题", Hours: 2}
			sessions = append(sessions, se)
		}
		ds.Sessions = append(ds.Sessions, sessions...)
		for k := range 50 {
			tr := ds.Trainees[(c*50+k)%n]
			eid++
			st := models.Completed
			if k%5 == 0 {
				st = models.NotCompleted
			}
			ds.Enrolments = append(ds.Enrolments, &models.Enrolment{ID: eid, CourseID: co.ID, TraineeID: tr.ID, Status: st})
			for _, se := range sessions {
				ds.Attendance = append(ds.Attendance, &models.Attendance{SessionID: se.ID, TraineeID: tr.ID, Status: models.Present})
			}
			if k%3 == 0 {
				cid++
				ds.Certificates = append(ds.Certificates, &models.Certificate{ID: cid, Serial: fmt.Sprintf("〔2024〕第%04d号", cid),
					Year: 2024, Seq: int(cid), TraineeID: tr.ID, CourseID: co.ID, Hours: 20, IssuedOn: co.EndDate, Status: models.CertValid})
			}
		}
	}
}

// addFollowUps adds 3,000 placements and mentorships with their contacts,
// and 1,500 returns, most of them elected.
func addFollowUps(ds *models.Dataset, n int, villages []*models.Organisation, start models.Date) {
	for i := range 3000 {
		tr := ds.Trainees[(i*7)%n]
		ds.Placements = append(ds.Placements, &models.Placement{ID: int64(i + 1), TraineeID: tr.ID, VillageID: villages[i%50*4].ID,
			StartDate: start, EndDate: start.AddDays(30), Grade: models.Grades[i%4]})
		m := &models.Mentorship{ID: int64(i + 1), MentorID: int64(i%514 + 1), TraineeID: tr.ID, StartDate: start}
		ds.Mentorships = append(ds.Mentorships, m)
		for k := range 3 {
			ds.Contacts = append(ds.Contacts, &models.Contact{ID: int64(3*i + k + 1), MentorshipID: m.ID,
				Date: start.AddDays(10 * k), Mode: models.ContactPhone, Summary: "联系"})
		}
	}
	for i := range 1500 {
		tr := ds.Trainees[(i*11)%n]
		r := &models.Return{ID: int64(i + 1), TraineeID: tr.ID, VillageID: villages[i%200].ID, ReturnDate: start.AddDays(200)}
		ds.Returns = append(ds.Returns, r)
		if i%3 != 2 {
			ds.Elections = append(ds.Elections, &models.Election{ID: int64(len(ds.Elections) + 1), ReturnID: r.ID,
				Date: start.AddDays(300), Committee: models.CommitteeVillageParty, Post: models.PostMember, Result: models.Elected})
		}
	}
}

// A load writes its settings' audit entries in the order of their keys,
// whatever the order of the map holding them: the audit trail of two loads
// of one dataset is the same, on either store.
func TestLoadDatasetAuditsSettingsInOrder(t *testing.T) {
	if bothStores(t, TestLoadDatasetAuditsSettingsInOrder) {
		return
	}
	db := newDB(t)
	ds := bigDataset(100, 1)
	ds.Settings = map[string]string{}
	for _, k := range []string{"org.name", "certificate.signer", "org.short_name", "school.name", "certificate.title", "backup.keep"} {
		ds.Settings[k] = "x"
	}
	must(t, db.LoadDataset(ctx, ds))
	entries, err := db.FindAudit(ctx, models.AuditFilter{Entity: "settings"})
	must(t, err)
	var keys []string
	for _, e := range entries {
		if _, ok := ds.Settings[e.EntityID]; ok {
			keys = append([]string{e.EntityID}, keys...) // newest first
		}
	}
	want := slices.Sorted(maps.Keys(ds.Settings))
	if !slices.Equal(keys, want) {
		t.Errorf("settings audited in the order %v, want %v", keys, want)
	}
}
