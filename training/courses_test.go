package training_test

import (
	"errors"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func TestServiceCreateUpdateCourse(t *testing.T) {
	f := newFixture(t)
	c := &models.Course{Title: "  基层治理专题班 ", Theme: models.ThemeGovernance, StartDate: day("2025-07-01"),
		EndDate: day("2025-07-31"), Capacity: 0}
	err := f.svc.Courses.CreateCourse(f.ctx, c)
	wantCode(t, err, models.EINVALID)
	if fs := fields(t, err); fs != "capacity" {
		t.Errorf("errors on %q, want capacity", fs)
	}
	if cs, _ := f.db.FindCourses(f.ctx, models.CourseFilter{}); len(cs) != 0 {
		t.Fatalf("a refused course was stored: %d courses", len(cs))
	}
	c.Capacity, c.CohortID = 2, 99
	wantCode(t, f.svc.Courses.CreateCourse(f.ctx, c), models.EINVALID)
	c.CohortID = 0
	f.must(f.svc.Courses.CreateCourse(f.ctx, c))
	if c.ID == 0 || c.Title != "基层治理专题班" || c.Status != models.CoursePlanned {
		t.Fatalf("created %+v", c)
	}

	// Fill it, with one waiting.
	var ts []*models.Trainee
	for _, n := range []string{"甲", "乙", "丙"} {
		tr := f.trainee(n)
		ts = append(ts, tr)
		_, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr.ID)
		f.must(err)
	}
	f.session(c, "2025-07-05", "09:00", "11:00", "一教室", 0)

	// The capacity cannot fall below the places held, nor the dates
	// leave a session out.
	up := *c
	up.Capacity, up.StartDate = 1, day("2025-07-06")
	err = f.svc.Courses.UpdateCourse(f.ctx, &up)
	wantCode(t, err, models.EINVALID)
	if fs := fields(t, err); fs != "capacity,start_date" {
		t.Errorf("fields %s", fs)
	}
	// A raised capacity promotes the waiting trainee.
	up = *c
	up.Capacity, up.Title = 3, "基层治理专题班（第1期）"
	f.must(f.svc.Courses.UpdateCourse(f.ctx, &up))
	got, err := f.svc.Courses.FindCourseByID(f.ctx, c.ID)
	f.must(err)
	if got.Title != up.Title || got.Capacity != 3 {
		t.Errorf("stored %+v", got)
	}
	if e := f.enrolment(c, ts[2]); e.Status != models.Enrolled {
		t.Errorf("the waiting trainee is %s after the capacity grew", e.Status)
	}
	missing := up
	missing.ID = 999
	wantCode(t, f.svc.Courses.UpdateCourse(f.ctx, &missing), models.ENOTFOUND)
}

func TestServiceCourseReads(t *testing.T) {
	f := newFixture(t)
	c := f.course("乡村振兴专题培训班", 2, "2025-06-01", "2025-06-30", models.CompletionRule{})
	other := f.course("产业规划专题班", 5, "2025-06-01", "2025-06-30", models.CompletionRule{})
	in := f.instructor("王老师", 0, "中江县", models.ThemeRural)
	names := []string{"赵六", "阿强", "钱七", "孙八"}
	tr := map[string]*models.Trainee{}
	for _, n := range names {
		tr[n] = f.trainee(n)
		_, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr[n].ID)
		f.must(err)
	}
	_, err := f.svc.Enrolment.Withdraw(f.ctx, c.ID, tr["赵六"].ID) // 钱七 moves up
	f.must(err)
	s1 := f.session(c, "2025-06-10", "09:00", "11:00", "一教室", in.ID)
	f.session(c, "2025-06-20", "09:00", "11:00", "", 0)
	f.must(f.svc.Enrolment.RecordAttendance(f.ctx, s1.ID, tr["阿强"].ID, models.Late))

	sums, err := f.svc.Courses.CourseSummaries(f.ctx, models.CourseFilter{})
	f.must(err)
	if len(sums) != 2 || sums[0].Course.ID != other.ID {
		t.Fatalf("summaries %+v", sums)
	}
	if s := sums[1]; s.Places != 2 || s.Waiting != 1 || s.Sessions != 2 || s.Hours != 4 {
		t.Errorf("summary of %s: %+v", s.Course.Title, s)
	}

	rows, err := f.svc.Enrolment.CourseEnrolments(f.ctx, c.ID)
	f.must(err)
	var order []string
	for _, r := range rows {
		order = append(order, r.Trainee.Name+":"+string(r.Enrolment.Status))
	}
	if got, want := strings.Join(order, " "), "阿强:enrolled 钱七:enrolled 孙八:waitlisted 赵六:withdrawn"; got != want {
		t.Errorf("enrolments %s, want %s", got, want)
	}

	sheet, err := f.svc.Enrolment.SessionAttendance(f.ctx, s1.ID)
	f.must(err)
	if len(sheet.Trainees) != 2 || sheet.Trainees[0].Name != "阿强" || sheet.Status[tr["阿强"].ID] != models.Late || !sheet.Held {
		t.Errorf("sheet %+v", sheet)
	}
	if _, ok := sheet.Status[tr["钱七"].ID]; ok {
		t.Error("钱七 has a status without a sign-in")
	}

	// Two sessions in the same room at the same time, written around the
	// rules, clash both ways.
	clash := &models.Session{CourseID: other.ID, Date: day("2025-06-10"), Start: hm("10:00"), End: hm("12:00"),
		Venue: "一教室", Topic: "讲座", Hours: 2}
	f.must(f.db.CreateSession(f.ctx, clash))
	cs, err := f.svc.Courses.ScheduleConflicts(f.ctx, day("2025-06-09"), day("2025-06-15"))
	f.must(err)
	if len(cs) != 2 || len(cs[s1.ID]) != 1 || len(cs[clash.ID]) != 1 {
		t.Fatalf("conflicts %v", cs)
	}
	if c := cs[s1.ID][0]; c.Kind != training.ConflictVenue || c.Other.ID != clash.ID || !strings.Contains(c.String(), "产业规划专题班") {
		t.Errorf("conflict %+v", c)
	}

	venues, err := f.svc.Courses.FindVenues(f.ctx)
	f.must(err)
	if strings.Join(venues, ",") != "一教室" {
		t.Errorf("venues %v", venues)
	}
	is, err := f.svc.Courses.FindInstructors(f.ctx, models.InstructorFilter{})
	f.must(err)
	if len(is) != 1 || is[0].Name != "王老师" {
		t.Errorf("instructors %v", is)
	}
	issued, pending, err := f.svc.Certificates.CertificateCounts(f.ctx, c.ID)
	f.must(err)
	if issued != 0 || pending != 0 {
		t.Errorf("certificates %d issued, %d pending", issued, pending)
	}
}

// fields lists the fields of a validation failure.
func fields(t *testing.T, err error) string {
	t.Helper()
	var l models.ErrorList
	if !errors.As(err, &l) {
		t.Fatalf("%v is no ErrorList", err)
	}
	return strings.Join(l.Fields(), ",")
}
