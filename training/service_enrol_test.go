package training_test

import (
	"errors"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func TestServiceEnrolWaitlistWithdraw(t *testing.T) {
	f := newFixture(t)
	c := f.course("乡村振兴专题培训班", 2, "2025-06-01", "2025-07-31", models.CompletionRule{})
	names := map[int64]string{}
	tr := map[string]*models.Trainee{}
	for _, n := range []string{"甲", "乙", "丙", "丁", "戊"} {
		tr[n] = f.trainee(n)
		names[tr[n].ID] = n
	}
	for _, n := range []string{"甲", "乙", "丙", "丁"} {
		if _, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr[n].ID); err != nil {
			t.Fatalf("enrol %s: %v", n, err)
		}
	}
	if got, want := f.state(c, names), "甲:enrolled 乙:enrolled 丙:waitlisted:1 丁:waitlisted:2"; got != want {
		t.Fatalf("after enrolling: %s, want %s", got, want)
	}

	// No duplicates: a place or a waiting-list position.
	_, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr["甲"].ID)
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "training: enrol:", "甲 is already enrolled")
	_, err = f.svc.Enrolment.Enrol(f.ctx, c.ID, tr["丁"].ID)
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "position 2")

	// Withdrawing from a place promotes the first on the waiting list.
	promoted, err := f.svc.Enrolment.Withdraw(f.ctx, c.ID, tr["甲"].ID)
	f.must(err)
	if promoted == nil || promoted.TraineeID != tr["丙"].ID {
		t.Fatalf("promoted %+v, want 丙", promoted)
	}
	if got, want := f.state(c, names), "甲:withdrawn 乙:enrolled 丙:enrolled 丁:waitlisted:1"; got != want {
		t.Fatalf("after 甲 withdrew: %s, want %s", got, want)
	}

	// Withdrawing from the waiting list renumbers it.
	_, err = f.svc.Enrolment.Enrol(f.ctx, c.ID, tr["戊"].ID)
	f.must(err)
	promoted, err = f.svc.Enrolment.Withdraw(f.ctx, c.ID, tr["丁"].ID)
	f.must(err)
	if promoted != nil {
		t.Errorf("withdrawing from the waiting list promoted %+v", promoted)
	}
	if got, want := f.state(c, names), "甲:withdrawn 乙:enrolled 丙:enrolled 丁:withdrawn 戊:waitlisted:1"; got != want {
		t.Fatalf("after 丁 withdrew: %s, want %s", got, want)
	}
	_, err = f.svc.Enrolment.Withdraw(f.ctx, c.ID, tr["丁"].ID)
	wantCode(t, err, models.ECONFLICT)

	// Re-enrolling after withdrawing reuses the row, behind the waiting list.
	old := f.enrolment(c, tr["甲"])
	e, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr["甲"].ID)
	f.must(err)
	if e.ID != old.ID || e.Status != models.Waitlisted || e.WaitPosition != 2 {
		t.Errorf("re-enrolment %+v, want row %d waitlisted at 2", e, old.ID)
	}
	if got, want := f.state(c, names), "甲:waitlisted:2 乙:enrolled 丙:enrolled 丁:withdrawn 戊:waitlisted:1"; got != want {
		t.Fatalf("after 甲 re-enrolled: %s, want %s", got, want)
	}

	// A raised capacity is filled from the waiting list before a newcomer.
	c.Capacity = 4
	f.must(f.db.UpdateCourse(f.ctx, c))
	_, err = f.svc.Enrolment.Enrol(f.ctx, c.ID, tr["丁"].ID)
	f.must(err)
	if got, want := f.state(c, names), "甲:enrolled 乙:enrolled 丙:enrolled 丁:waitlisted:1 戊:enrolled"; got != want {
		t.Fatalf("after raising the capacity: %s, want %s", got, want)
	}

	// A finished course takes no enrolments.
	c.Status = models.CourseFinished
	f.must(f.db.UpdateCourse(f.ctx, c))
	_, err = f.svc.Enrolment.Enrol(f.ctx, c.ID, f.trainee("己").ID)
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "finished")

	_, err = f.svc.Enrolment.Withdraw(f.ctx, c.ID, 9999)
	wantCode(t, err, models.ENOTFOUND)
}

func TestServiceEnrolClash(t *testing.T) {
	f := newFixture(t)
	a := f.course("乡村振兴专题培训班", 10, "2025-06-01", "2025-07-31", models.CompletionRule{})
	b := f.course("基层治理专题培训班", 10, "2025-06-01", "2025-07-31", models.CompletionRule{})
	c := f.course("产业规划专题培训班", 10, "2025-06-01", "2025-07-31", models.CompletionRule{})
	f.session(a, "2025-06-20", "09:00", "11:00", "A101", 0)
	f.session(b, "2025-06-20", "10:00", "12:00", "B202", 0)
	f.session(c, "2025-06-20", "11:00", "12:00", "C303", 0) // right after a's
	zhang := f.trainee("张三")
	_, err := f.svc.Enrolment.Enrol(f.ctx, a.ID, zhang.ID)
	f.must(err)
	_, err = f.svc.Enrolment.Enrol(f.ctx, b.ID, zhang.ID)
	wantCode(t, err, models.ECONFLICT)
	var ce *training.ConflictError
	if !errors.As(err, &ce) || len(ce.Conflicts) != 1 || ce.Conflicts[0].Kind != training.ConflictTrainee {
		t.Fatalf("want one trainee conflict, got %v", err)
	}
	wantMessage(t, err, "张三", a.Title, b.Title, "2025-06-20", "09:00", "10:00")
	if _, err := f.db.FindEnrolment(f.ctx, b.ID, zhang.ID); !models.IsNotFound(err) {
		t.Errorf("the refused enrolment was written: %v", err)
	}
	if _, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, zhang.ID); err != nil {
		t.Errorf("back-to-back courses clash: %v", err)
	}
	// After withdrawing from a and c, b no longer clashes.
	for _, x := range []*models.Course{a, c} {
		_, err = f.svc.Enrolment.Withdraw(f.ctx, x.ID, zhang.ID)
		f.must(err)
	}
	if _, err := f.svc.Enrolment.Enrol(f.ctx, b.ID, zhang.ID); err != nil {
		t.Errorf("a withdrawn course still clashes: %v", err)
	}
}

func TestServiceSessions(t *testing.T) {
	f := newFixture(t)
	a := f.course("乡村振兴专题培训班", 10, "2025-06-01", "2025-07-31", models.CompletionRule{})
	b := f.course("基层治理专题培训班", 10, "2025-06-01", "2025-07-31", models.CompletionRule{})
	a.Venue = "A101"
	f.must(f.db.UpdateCourse(f.ctx, a))
	wang := f.instructor("王老师", 0, "中江县")
	li := f.instructor("李老师", 0, "中江县")
	zhang := f.trainee("张三")
	for _, c := range []*models.Course{a, b} {
		_, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, zhang.ID)
		f.must(err)
	}
	first := f.session(a, "2025-06-20", "09:00", "11:00", "", wang.ID)
	if first.Venue != "A101" {
		t.Errorf("the session did not take the course's venue: %q", first.Venue)
	}
	f.session(b, "2025-06-20", "11:00", "12:00", "A101", wang.ID) // back to back
	f.session(b, "2025-06-21", "09:00", "11:00", "A101", wang.ID) // another day

	clash := &models.Session{CourseID: b.ID, Date: day("2025-06-20"), Start: hm("10:00"), End: hm("11:30"), Venue: "A101", InstructorID: wang.ID, Topic: "t", Hours: 2}
	cs, err := f.svc.Courses.CheckSessionConflicts(f.ctx, clash)
	f.must(err)
	kinds := ""
	for _, c := range cs {
		kinds += string(c.Kind) + " "
	}
	if kinds != "venue instructor trainee venue instructor " {
		t.Errorf("conflicts %q", kinds)
	}
	err = f.svc.Courses.CreateSession(f.ctx, clash)
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "training: create session:", "5 conflict", "王老师", "张三", "A101", a.Title)
	ss, err := f.db.FindSessions(f.ctx, models.SessionFilter{CourseID: b.ID})
	f.must(err)
	if len(ss) != 2 {
		t.Errorf("the refused session was written: %d sessions", len(ss))
	}

	// Elsewhere, with another instructor, only the trainee still clashes.
	clash.Venue, clash.InstructorID = "B202", li.ID
	err = f.svc.Courses.CreateSession(f.ctx, clash)
	var ce *training.ConflictError
	if !errors.As(err, &ce) || len(ce.Conflicts) != 1 || ce.Conflicts[0].Kind != training.ConflictTrainee {
		t.Fatalf("want the trainee conflict alone, got %v", err)
	}

	// Outside the course's dates, or backwards.
	bad := &models.Session{CourseID: b.ID, Date: day("2025-08-01"), Start: hm("09:00"), End: hm("08:00"), Topic: "t"}
	err = f.svc.Courses.CreateSession(f.ctx, bad)
	wantCode(t, err, models.EINVALID)
	wantMessage(t, err, "outside the course's dates", "end after it starts")

	// Moving a session onto a clash is refused too; moving it clear is not.
	moved := *first
	moved.Date = day("2025-06-21")
	err = f.svc.Courses.UpdateSession(f.ctx, &moved)
	wantCode(t, err, models.ECONFLICT)
	moved.Start, moved.End = hm("13:00"), hm("15:00")
	f.must(f.svc.Courses.UpdateSession(f.ctx, &moved))
	// A session never clashes with its own stored version.
	moved.End = hm("16:00")
	f.must(f.svc.Courses.UpdateSession(f.ctx, &moved))
}

func TestServiceAttendanceAndScores(t *testing.T) {
	f := newFixture(t)
	c := f.course("乡村振兴专题培训班", 1, "2025-06-01", "2025-07-31", models.CompletionRule{})
	past := f.session(c, "2025-06-10", "09:00", "11:00", "A", 0)
	future := f.session(c, "2025-06-20", "09:00", "11:00", "A", 0)
	zhang, li := f.trainee("张三"), f.trainee("李四")
	_, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, zhang.ID)
	f.must(err)
	_, err = f.svc.Enrolment.Enrol(f.ctx, c.ID, li.ID) // waitlisted
	f.must(err)

	f.must(f.svc.Enrolment.RecordAttendance(f.ctx, past.ID, zhang.ID, models.Late))
	f.must(f.svc.Enrolment.RecordAttendance(f.ctx, past.ID, zhang.ID, models.Present)) // a correction
	as, err := f.db.FindAttendance(f.ctx, models.AttendanceFilter{SessionID: past.ID})
	f.must(err)
	if len(as) != 1 || as[0].Status != models.Present {
		t.Errorf("attendance %+v", as)
	}
	err = f.svc.Enrolment.RecordAttendance(f.ctx, past.ID, li.ID, models.Present)
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "李四 holds no place")
	wantCode(t, f.svc.Enrolment.RecordAttendance(f.ctx, future.ID, zhang.ID, models.Present), models.EINVALID)
	wantCode(t, f.svc.Enrolment.RecordAttendance(f.ctx, past.ID, zhang.ID, "asleep"), models.EINVALID)

	f.must(f.svc.Enrolment.RecordScore(f.ctx, c.ID, zhang.ID, 86.5))
	if e := f.enrolment(c, zhang); e.Score == nil || *e.Score != 86.5 {
		t.Errorf("score %v", e.Score)
	}
	wantCode(t, f.svc.Enrolment.RecordScore(f.ctx, c.ID, zhang.ID, 101), models.EINVALID)
	wantCode(t, f.svc.Enrolment.RecordScore(f.ctx, c.ID, li.ID, 80), models.ECONFLICT)
}

func TestServiceTrainees(t *testing.T) {
	f := newFixture(t)
	zhang := f.trainee("张三")
	// The same number, typed with a lower-case x or spaces, is still the same.
	id := idNumber("51062319880215118") // ends in X
	if !strings.HasSuffix(id, "X") {
		t.Fatalf("fixture: %s does not end in X", id)
	}
	first := &models.Trainee{Name: "王芳", IDNumber: id, CurrentDistrict: "锦江区"}
	f.must(f.svc.Trainees.CreateTrainee(f.ctx, first))
	dup := &models.Trainee{Name: "王小芳", IDNumber: " " + strings.ToLower(id) + " "}
	err := f.svc.Trainees.CreateTrainee(f.ctx, dup)
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "training: create trainee:", "already exists: 王芳 (no. ")
	if e := domainError(t, err); e.Data["ID"] != first.ID || e.Field != "id_number" {
		t.Errorf("the error does not name trainee %d: %+v", first.ID, e)
	}
	if strings.Contains(err.Error(), id) {
		t.Errorf("the error shows the ID number: %v", err)
	}
	// Updating a trainee to another's number is refused too; keeping one's own is fine.
	zhang.IDNumber, zhang.BirthDate, zhang.Gender = id, models.Date{}, ""
	wantCode(t, f.svc.Trainees.UpdateTrainee(f.ctx, zhang), models.ECONFLICT)
	first.Phone = "13812345678"
	f.must(f.svc.Trainees.UpdateTrainee(f.ctx, first))

	// Invalid data, and references that do not exist.
	wantCode(t, f.svc.Trainees.CreateTrainee(f.ctx, &models.Trainee{Name: "错号", IDNumber: "510623199001011230"}), models.EINVALID) // check character is 7
	err = f.svc.Trainees.CreateTrainee(f.ctx, &models.Trainee{Name: "赵六", IDNumber: f.nextIDNumber(), NominatedByID: 999, CohortID: 888})
	wantCode(t, err, models.EINVALID)
	var l models.ErrorList
	if !errors.As(err, &l) || strings.Join(l.Fields(), ",") != "cohort_id,nominated_by_id" {
		t.Errorf("want errors on cohort_id and nominated_by_id, got %v", err)
	}
	org := f.org("中共中江县委组织部", models.OrgOutflow, false, 0)
	f.must(f.svc.Trainees.CreateTrainee(f.ctx, &models.Trainee{Name: "赵六", IDNumber: f.nextIDNumber(), NominatedByID: org.ID}))
}
