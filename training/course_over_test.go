package training_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// A course with sessions still to come, or scores missing, is not decided
// and its certificates not issued; the Early variants do it for a reason,
// which the audit trail records.
func TestCompletionRefusedBeforeTheCourseEnds(t *testing.T) {
	f := newFixture(t)
	zhang, li := f.trainee("张三"), f.trainee("李四")
	c := f.completedCourse("乡村振兴专题培训班", 2, zhang, li)
	// One session more, after today (the fixture's 2025-06-15).
	end, err := models.ParseDate("2025-06-20")
	f.must(err)
	c.EndDate = end
	f.must(f.svc.Courses.UpdateCourse(f.ctx, c))
	f.session(c, "2025-06-18", "14:00", "16:00", "终期", 0)

	_, err = f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
	var list models.ErrorList
	if !errors.As(err, &list) || list[0].Message != training.MsgSessionsToCome || list[0].Data["N"] != 1 || list[0].Data["Last"] != "2025-06-18" {
		t.Fatalf("deciding with a session to come: %v", err)
	}
	if e := f.enrolment(c, zhang); e.Status != models.Enrolled {
		t.Errorf("a refused decision wrote %s", e.Status)
	}
	if _, err := f.svc.Enrolment.DecideCompletionEarly(f.ctx, c.ID, "  "); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("an override without a reason: %v", err)
	}
	ds, err := f.svc.Enrolment.DecideCompletionEarly(f.ctx, c.ID, "闭班提前：学员返乡参加换届")
	f.must(err)
	if len(ds) != 2 || f.enrolment(c, zhang).Status != models.Completed {
		t.Fatalf("the early decision: %+v", ds)
	}
	wantOverride(t, f, c, "completion decided before the course was over", "闭班提前")

	// Certificates: refused while the course is not over, issued early for
	// a reason.
	if _, err := f.svc.Certificates.IssueCertificates(f.ctx, c.ID); !errors.As(err, &list) || list[0].Message != training.MsgSessionsToCome {
		t.Fatalf("issuing before the end: %v", err)
	}
	certs, err := f.svc.Certificates.IssueCertificatesEarly(f.ctx, c.ID, "闭班提前")
	f.must(err)
	if len(certs) != 2 {
		t.Fatalf("issued %d certificates early", len(certs))
	}
	wantOverride(t, f, c, "certificates issued before the course was over", "闭班提前")

	// Once the course is over, nothing is asked.
	f.now = f.now.AddDate(0, 0, 10)
	if _, err := f.svc.Enrolment.DecideCompletion(f.ctx, c.ID); err != nil {
		t.Errorf("deciding after the end: %v", err)
	}
}

// A rule with a pass score waits for every score.
func TestCompletionWaitsForScores(t *testing.T) {
	f := newFixture(t)
	zhang, li := f.trainee("张三"), f.trainee("李四")
	c := f.completedCourse("基层治理专题培训班", 2, zhang, li)
	c.Rule.PassScore = 60
	f.must(f.svc.Courses.UpdateCourse(f.ctx, c))
	f.must(f.svc.Enrolment.RecordScore(f.ctx, c.ID, zhang.ID, 80))
	_, err := f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
	var list models.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].Message != training.MsgScoresMissing || list[0].Data["N"] != 1 {
		t.Fatalf("deciding with a score missing: %v", err)
	}
	f.must(f.svc.Enrolment.RecordScore(f.ctx, c.ID, li.ID, 55))
	if _, err := f.svc.Enrolment.DecideCompletion(f.ctx, c.ID); err != nil {
		t.Errorf("deciding with every score: %v", err)
	}
}

// wantOverride checks the audit trail's entry of an early decision.
func wantOverride(t *testing.T, f *fixture, c *models.Course, what, reason string) {
	t.Helper()
	es, err := f.db.FindAudit(f.ctx, store.AuditFilter{Action: "override", Entity: "courses"})
	f.must(err)
	for _, e := range es {
		if e.EntityID == strconv.FormatInt(c.ID, 10) && strings.Contains(e.After, what) && strings.Contains(e.After, reason) {
			return
		}
	}
	t.Errorf("no override %q (%q) of course %d in the audit trail: %+v", what, reason, c.ID, es)
}
