package training_test

import (
	"testing"

	"peiyang/models"
)

func TestTraineeRecord(t *testing.T) {
	f := newFixture(t) // today is 2025-06-15
	zhao := f.trainee("赵明阳")
	other := f.trainee("钱多多")
	c := f.course("乡村振兴专题培训班", 10, "2025-06-01", "2025-07-31", models.CompletionRule{})
	held := f.session(c, "2025-06-02", "09:00", "11:00", "第一教室", 0)
	late := f.session(c, "2025-06-03", "09:00", "11:00", "第一教室", 0)
	missed := f.session(c, "2025-06-04", "09:00", "11:00", "第一教室", 0)
	f.session(c, "2025-07-01", "09:00", "11:00", "第一教室", 0) // not held yet
	for _, tr := range []*models.Trainee{zhao, other} {
		if _, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr.ID); err != nil {
			t.Fatal(err)
		}
	}
	f.must(f.svc.Enrolment.RecordAttendance(f.ctx, held.ID, zhao.ID, models.Present))
	f.must(f.svc.Enrolment.RecordAttendance(f.ctx, late.ID, zhao.ID, models.Late))
	f.must(f.svc.Enrolment.RecordAttendance(f.ctx, missed.ID, zhao.ID, models.Absent))
	f.must(f.svc.Enrolment.RecordAttendance(f.ctx, missed.ID, other.ID, models.Present))
	village := f.org("战旗村", models.OrgVillage, true, 3)
	f.must(f.svc.FollowUp.PlaceTrainee(f.ctx, &models.Placement{TraineeID: zhao.ID, VillageID: village.ID,
		StartDate: day("2025-06-10"), EndDate: day("2025-06-30"), Supervisor: "高书记"}))

	rec, err := f.svc.Trainees.TraineeRecord(f.ctx, zhao.ID)
	f.must(err)
	if rec.Trainee.Name != "赵明阳" || rec.Stage != models.StagePlaced {
		t.Fatalf("record of %s at stage %s, want 赵明阳 placed", rec.Trainee.Name, rec.Stage)
	}
	if len(rec.Courses) != 1 {
		t.Fatalf("%d courses, want 1", len(rec.Courses))
	}
	cr := rec.Courses[0]
	if cr.SessionsHeld != 3 || cr.Attended != 2 || cr.Hours != 4 || cr.Attendance[models.Absent] != 1 {
		t.Errorf("course record: held %d attended %d hours %v attendance %v; want 3, 2, 4, one absence",
			cr.SessionsHeld, cr.Attended, cr.Hours, cr.Attendance)
	}
	if len(rec.Placements) != 1 || rec.Placements[0].Village.Name != "战旗村" {
		t.Errorf("placements %+v", rec.Placements)
	}
	if len(rec.Mentorships) != 0 || len(rec.Returns) != 0 || len(rec.Certificates) != 0 {
		t.Errorf("unexpected records: %d mentorships, %d returns, %d certificates", len(rec.Mentorships), len(rec.Returns), len(rec.Certificates))
	}
	if _, err := f.svc.Trainees.TraineeRecord(f.ctx, 999); !models.IsNotFound(err) {
		t.Errorf("record of a missing trainee: %v, want not found", err)
	}
}
