package app

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"peiyang/app/kit"
	"peiyang/models"
)

// reasonEntry is the reason's input of the dialog on top.
func reasonEntry(t *testing.T, e *testEnv) *kit.Entry {
	t.Helper()
	top := e.u.win.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(top) {
		if en, ok := o.(*kit.Entry); ok && en.PlaceHolder == T("early.reason_placeholder") {
			return en
		}
	}
	t.Fatalf("no reason asked: %q", texts(top))
	return nil
}

// wantOverride checks that the audit trail records the course's early
// decision with its reason.
func wantOverride(t *testing.T, e *testEnv, courseID int64, what, reason string) {
	t.Helper()
	es, err := e.svc.Audit.FindAudit(ctx, models.AuditFilter{Action: "override", Entity: "courses"})
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range es {
		if en.EntityID == strconv.FormatInt(courseID, 10) && strings.Contains(en.After, what) && strings.Contains(en.After, reason) {
			return
		}
	}
	t.Errorf("no override %q of course %d in the audit trail", what, courseID)
}

// A course with a session to come is not decided, nor its certificates
// issued, unless the user gives the reason, which the audit trail keeps.
func TestCompletionBeforeTheEndAsksWhy(t *testing.T) {
	dir := t.TempDir()
	recordOpened(t)
	e, s := coursesEnv(t, LangEnglish)
	today := e.svc.Today()
	c, ss := testCourse(t, e, 10, models.CompletionRule{MinAttendanceRate: 0.5}, []int64{7, 8},
		today.AddDays(-5).String(), today.AddDays(3).String())
	if err := e.svc.Enrolment.RecordAttendance(ctx, ss[0].ID, 7, models.Present); err != nil {
		t.Fatal(err)
	}
	openCourse(t, e, s, c.ID, "completion")
	cp := s.completion
	if cp.decide.Text != "Record the decisions early…" || !cp.message.Visible() ||
		!strings.Contains(cp.message.Text, "is not over: 1 session(s) are still to come, the last on "+today.AddDays(3).String()) {
		t.Fatalf("the tab does not say the course is not over: button %q, message %q", cp.decide.Text, cp.message.Text)
	}
	e.act(func() { test.Tap(cp.decide) })
	reason := reasonEntry(t, e)
	goAhead := findButton(t, e.u.win.Canvas().Overlays().Top(), "Go ahead with this reason")
	e.act(func() { test.Tap(goAhead) })
	if en, _ := e.db.FindEnrolment(ctx, c.ID, 7); en.Status != models.Enrolled {
		t.Fatalf("decided without a reason: %s", en.Status)
	}
	if !shows(e.u.win.Canvas().Overlays().Top(), "Give the reason for deciding before the course is over") {
		t.Errorf("a blank reason is not said: %q", texts(e.u.win.Canvas().Overlays().Top()))
	}
	e.act(func() { reason.SetText("提前闭班：学员返乡参加换届") })
	e.act(func() { test.Tap(goAhead) })
	for id, want := range map[int64]models.EnrolmentStatus{7: models.Completed, 8: models.NotCompleted} {
		if en, _ := e.db.FindEnrolment(ctx, c.ID, id); en.Status != want {
			t.Errorf("trainee %d is %s, want %s", id, en.Status, want)
		}
	}
	wantOverride(t, e, c.ID, "completion decided before the course was over", "提前闭班")
	if !strings.Contains(cp.message.Text, "1 completed, 1 not completed") {
		t.Errorf("message %q", cp.message.Text)
	}

	// Issue and print: the reason is asked again, then where to save.
	e.act(s.printCertificates)
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), T("courses.issue_and_print"))) })
	reason = reasonEntry(t, e)
	e.act(func() { reason.SetText("提前闭班") })
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Go ahead with this reason")) })
	saveInto(t, e, dir)
	if certs, err := e.svc.Certificates.FindCertificates(ctx, models.CertificateFilter{CourseID: c.ID}); err != nil || len(certs) != 1 {
		t.Fatalf("issued %d certificate(s) early (%v)", len(certs), err)
	}
	wantOverride(t, e, c.ID, "certificates issued before the course was over", "提前闭班")
}
