package store_test

import (
	"reflect"
	"testing"
	"time"

	"peiyang/models"
)

func TestCourseCRUDAndFilters(t *testing.T) {
	if bothStores(t, TestCourseCRUDAndFilters) {
		return
	}
	f := newFixture(t)
	db := f.db
	got, err := db.FindCourseByID(ctx, f.course.ID)
	must(t, err)
	if !reflect.DeepEqual(got, f.course) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, f.course)
	}
	c2 := &models.Course{Theme: models.ThemeGovernance, Title: "基层治理", StartDate: models.MustDate("2025-03-01"),
		EndDate: models.MustDate("2025-03-10"), Capacity: 30, Status: models.CoursePlanned,
		Rule: models.CompletionRule{RequirePlacement: true}}
	must(t, db.CreateCourse(ctx, c2))
	a, b := f.course.ID, c2.ID
	for _, tt := range []struct {
		filter models.CourseFilter
		want   []int64
	}{
		{models.CourseFilter{}, []int64{a, b}},
		{models.CourseFilter{CohortID: f.cohort.ID}, []int64{a}},
		{models.CourseFilter{Theme: models.ThemeGovernance}, []int64{b}},
		{models.CourseFilter{Status: models.CourseOpen}, []int64{a}},
		{models.CourseFilter{Year: 2024}, []int64{a}},
		{models.CourseFilter{Year: 2025}, []int64{b}},
		{models.CourseFilter{Year: 2026}, []int64{}},
		{models.CourseFilter{Page: models.Page{Limit: 1}}, []int64{a}},
		{models.CourseFilter{Page: models.Page{AfterID: a}}, []int64{b}},
	} {
		cs, err := db.FindCourses(ctx, tt.filter)
		must(t, err)
		if g := ids(cs, func(c *models.Course) int64 { return c.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindCourses(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	c2.Status = models.CourseCancelled
	c2.Rule.PassScore = 70
	must(t, db.UpdateCourse(ctx, c2))
	got, err = db.FindCourseByID(ctx, c2.ID)
	must(t, err)
	if !reflect.DeepEqual(got, c2) {
		t.Errorf("after update\n%+v\nwant\n%+v", got, c2)
	}
	// The schema refuses a course that ends before it starts.
	bad := *c2
	bad.EndDate = models.MustDate("2025-01-01")
	wantCode(t, db.UpdateCourse(ctx, &bad), models.EINVALID)

	// A course without history goes with its sessions.
	s := &models.Session{CourseID: c2.ID, Date: models.MustDate("2025-03-02"), Start: 540, End: 600, Topic: "开班"}
	must(t, db.CreateSession(ctx, s))
	must(t, db.DeleteCourse(ctx, c2.ID))
	_, err = db.FindSessionByID(ctx, s.ID)
	wantCode(t, err, models.ENOTFOUND)
	_, err = db.FindCourseByID(ctx, c2.ID)
	wantCode(t, err, models.ENOTFOUND)
	wantCode(t, db.UpdateCourse(ctx, c2), models.ENOTFOUND)
	wantCode(t, db.DeleteCourse(ctx, c2.ID), models.ENOTFOUND)
	// One with enrolments stays.
	must(t, db.CreateEnrolment(ctx, &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[0].ID, Status: models.Enrolled}))
	wantCode(t, db.DeleteCourse(ctx, f.course.ID), models.ECONFLICT)
}

func TestSessionCRUDAndFilters(t *testing.T) {
	if bothStores(t, TestSessionCRUDAndFilters) {
		return
	}
	f := newFixture(t)
	db := f.db
	late, early := f.sessions[0], f.sessions[1] // created in this order, dated the other way round
	got, err := db.FindSessionByID(ctx, late.ID)
	must(t, err)
	if !reflect.DeepEqual(got, late) {
		t.Errorf("read back %+v, want %+v", got, late)
	}
	other := &models.Course{Theme: models.ThemeTheory, Title: "理论", StartDate: models.MustDate("2024-09-01"),
		EndDate: models.MustDate("2024-09-30"), Capacity: 10, Status: models.CourseOpen}
	must(t, db.CreateCourse(ctx, other))
	afternoon := &models.Session{CourseID: other.ID, Date: models.MustDate("2024-09-02"), Start: models.NewClock(14, 0),
		End: models.NewClock(16, 0), Venue: "第二教室", Topic: "党史"}
	must(t, db.CreateSession(ctx, afternoon))
	must(t, db.CreateEnrolment(ctx, &models.Enrolment{CourseID: other.ID, TraineeID: f.trainees[0].ID, Status: models.Enrolled}))
	must(t, db.CreateEnrolment(ctx, &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[0].ID, Status: models.Withdrawn}))

	for _, tt := range []struct {
		name   string
		filter models.SessionFilter
		want   []int64
	}{
		{"all by date and time", models.SessionFilter{}, []int64{early.ID, afternoon.ID, late.ID}},
		{"course", models.SessionFilter{CourseID: f.course.ID}, []int64{early.ID, late.ID}},
		{"venue", models.SessionFilter{Venue: "第二教室"}, []int64{afternoon.ID}},
		{"instructor", models.SessionFilter{InstructorID: f.instructor.ID}, []int64{early.ID, late.ID}},
		{"trainee holding a place", models.SessionFilter{TraineeID: f.trainees[0].ID}, []int64{afternoon.ID}},
		{"from", models.SessionFilter{From: models.MustDate("2024-09-03")}, []int64{late.ID}},
		{"to", models.SessionFilter{To: models.MustDate("2024-09-02")}, []int64{early.ID, afternoon.ID}},
		{"from to", models.SessionFilter{From: models.MustDate("2024-09-02"), To: models.MustDate("2024-09-09")}, []int64{early.ID, afternoon.ID, late.ID}},
		{"page", models.SessionFilter{Page: models.Page{Limit: 2}}, []int64{early.ID, afternoon.ID}},
		{"after in date order", models.SessionFilter{Page: models.Page{AfterID: early.ID}}, []int64{afternoon.ID, late.ID}},
		{"after the last", models.SessionFilter{Page: models.Page{AfterID: late.ID}}, []int64{}},
	} {
		ss, err := db.FindSessions(ctx, tt.filter)
		must(t, err)
		if g := ids(ss, func(s *models.Session) int64 { return s.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, g, tt.want)
		}
	}
	afternoon.Venue = "礼堂"
	afternoon.InstructorID = f.instructor.ID
	must(t, db.UpdateSession(ctx, afternoon))
	got, err = db.FindSessionByID(ctx, afternoon.ID)
	must(t, err)
	if !reflect.DeepEqual(got, afternoon) {
		t.Errorf("after update %+v, want %+v", got, afternoon)
	}
	must(t, db.SetAttendance(ctx, &models.Attendance{SessionID: late.ID, TraineeID: f.trainees[1].ID, Status: models.Present}))
	wantCode(t, db.DeleteSession(ctx, late.ID), models.ECONFLICT)
	must(t, db.DeleteSession(ctx, afternoon.ID))
	wantCode(t, db.DeleteSession(ctx, afternoon.ID), models.ENOTFOUND)
	wantCode(t, db.UpdateSession(ctx, afternoon), models.ENOTFOUND)
}

func TestEnrolmentCRUDAndWaitingList(t *testing.T) {
	if bothStores(t, TestEnrolmentCRUDAndWaitingList) {
		return
	}
	f := newFixture(t)
	db := f.db
	score := 85.5
	e1 := &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[0].ID, Status: models.Enrolled, Score: &score}
	w2 := &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[1].ID, Status: models.Waitlisted, WaitPosition: 2}
	w1 := &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[2].ID, Status: models.Waitlisted, WaitPosition: 1}
	for _, e := range []*models.Enrolment{e1, w2, w1} {
		must(t, db.CreateEnrolment(ctx, e))
	}
	got, err := db.FindEnrolment(ctx, f.course.ID, f.trainees[0].ID)
	must(t, err)
	if !reflect.DeepEqual(got, e1) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, e1)
	}
	if got, _ := db.FindEnrolmentByID(ctx, w2.ID); got == nil || got.Score != nil {
		t.Errorf("FindEnrolmentByID: %+v, want a nil score", got)
	}
	_, err = db.FindEnrolment(ctx, 9999, f.trainees[0].ID)
	wantCode(t, err, models.ENOTFOUND)

	dup := &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[0].ID, Status: models.Enrolled}
	err = db.CreateEnrolment(ctx, dup)
	wantCode(t, err, models.ECONFLICT)

	for _, tt := range []struct {
		filter models.EnrolmentFilter
		want   []int64
	}{
		{models.EnrolmentFilter{CourseID: f.course.ID}, []int64{e1.ID, w2.ID, w1.ID}},
		{models.EnrolmentFilter{TraineeID: f.trainees[1].ID}, []int64{w2.ID}},
		{models.EnrolmentFilter{Status: models.Enrolled}, []int64{e1.ID}},
		{models.EnrolmentFilter{Status: models.Waitlisted}, []int64{w1.ID, w2.ID}},
		{models.EnrolmentFilter{Status: models.Waitlisted, Page: models.Page{Limit: 1}}, []int64{w1.ID}},
		{models.EnrolmentFilter{Status: models.Waitlisted, Page: models.Page{AfterID: w1.ID}}, []int64{w2.ID}},
		{models.EnrolmentFilter{Page: models.Page{AfterID: e1.ID, Limit: 1}}, []int64{w2.ID}},
	} {
		es, err := db.FindEnrolments(ctx, tt.filter)
		must(t, err)
		if g := ids(es, func(e *models.Enrolment) int64 { return e.ID }); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindEnrolments(%+v) = %v, want %v", tt.filter, g, tt.want)
		}
	}
	w1.Status, w1.WaitPosition = models.Enrolled, 0
	must(t, db.UpdateEnrolment(ctx, w1))
	e1.Score = nil
	e1.Status, e1.Reason = models.Completed, "达到结业要求"
	e1.EnrolledAt = time.Date(2025, 3, 1, 8, 30, 0, 0, time.UTC) // re-enrolment after withdrawing moves it
	must(t, db.UpdateEnrolment(ctx, e1))
	got, err = db.FindEnrolmentByID(ctx, e1.ID)
	must(t, err)
	if !reflect.DeepEqual(got, e1) {
		t.Errorf("after update\n%+v\nwant\n%+v", got, e1)
	}
	must(t, db.DeleteEnrolment(ctx, w2.ID))
	wantCode(t, db.DeleteEnrolment(ctx, w2.ID), models.ENOTFOUND)
	wantCode(t, db.UpdateEnrolment(ctx, w2), models.ENOTFOUND)
}

func TestAttendance(t *testing.T) {
	if bothStores(t, TestAttendance) {
		return
	}
	f := newFixture(t)
	db := f.db
	s1, s2 := f.sessions[0], f.sessions[1]
	a := &models.Attendance{SessionID: s1.ID, TraineeID: f.trainees[0].ID, Status: models.Late}
	must(t, db.SetAttendance(ctx, a))
	if a.RecordedAt.IsZero() {
		t.Error("RecordedAt not set")
	}
	// Setting again replaces the record.
	a.Status = models.Present
	a.RecordedAt = time.Date(2024, 9, 9, 9, 5, 0, 0, time.UTC)
	must(t, db.SetAttendance(ctx, a))
	must(t, db.SetAttendance(ctx, &models.Attendance{SessionID: s2.ID, TraineeID: f.trainees[0].ID, Status: models.Absent}))
	must(t, db.SetAttendance(ctx, &models.Attendance{SessionID: s1.ID, TraineeID: f.trainees[1].ID, Status: models.Excused}))
	other := &models.Course{Theme: models.ThemeTheory, Title: "理论", StartDate: models.MustDate("2024-09-01"),
		EndDate: models.MustDate("2024-09-30"), Capacity: 10, Status: models.CourseOpen}
	must(t, db.CreateCourse(ctx, other))
	s3 := &models.Session{CourseID: other.ID, Date: models.MustDate("2024-09-03"), Start: 540, End: 600, Topic: "x"}
	must(t, db.CreateSession(ctx, s3))
	must(t, db.SetAttendance(ctx, &models.Attendance{SessionID: s3.ID, TraineeID: f.trainees[0].ID, Status: models.Present}))

	all, err := db.FindAttendance(ctx, models.AttendanceFilter{SessionID: s1.ID})
	must(t, err)
	if len(all) != 2 || !reflect.DeepEqual(all[0], a) || all[1].Status != models.Excused {
		t.Errorf("session's attendance: %+v %+v", all[0], all[1])
	}
	for _, tt := range []struct {
		filter models.AttendanceFilter
		want   int
	}{
		{models.AttendanceFilter{}, 4},
		{models.AttendanceFilter{CourseID: f.course.ID}, 3},
		{models.AttendanceFilter{CourseID: other.ID}, 1},
		{models.AttendanceFilter{TraineeID: f.trainees[0].ID}, 3},
		{models.AttendanceFilter{CourseID: f.course.ID, TraineeID: f.trainees[0].ID}, 2},
	} {
		as, err := db.FindAttendance(ctx, tt.filter)
		must(t, err)
		if len(as) != tt.want {
			t.Errorf("FindAttendance(%+v): %d records, want %d", tt.filter, len(as), tt.want)
		}
	}
	must(t, db.DeleteAttendance(ctx, s1.ID, f.trainees[1].ID))
	wantCode(t, db.DeleteAttendance(ctx, s1.ID, f.trainees[1].ID), models.ENOTFOUND)
	wantCode(t, db.SetAttendance(ctx, &models.Attendance{SessionID: 9999, TraineeID: f.trainees[0].ID, Status: models.Present}), models.EINVALID)
}
