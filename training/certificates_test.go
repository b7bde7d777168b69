package training_test

import (
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/training"
)

func TestCheckIssue(t *testing.T) {
	c := &models.Course{ID: 1, Title: "乡村振兴专题培训班"}
	tr := &models.Trainee{ID: 5, Name: "张三"}
	valid := &models.Certificate{Serial: "〔2025〕第0003号", TraineeID: 5, CourseID: 1, Status: models.CertValid}
	void := &models.Certificate{Serial: "〔2025〕第0002号", TraineeID: 5, CourseID: 1, Status: models.CertVoid}
	others := &models.Certificate{Serial: "〔2025〕第0004号", TraineeID: 6, CourseID: 1, Status: models.CertValid}
	tests := []struct {
		name  string
		e     *models.Enrolment
		certs []*models.Certificate
		code  string
		msg   []string
	}{
		{"completed", &models.Enrolment{Status: models.Completed}, nil, "", nil},
		{"completed, only a void certificate", &models.Enrolment{Status: models.Completed}, []*models.Certificate{void, others}, "", nil},
		{"completed, already certified", &models.Enrolment{Status: models.Completed}, []*models.Certificate{void, valid}, models.ECONFLICT,
			[]string{"张三", "〔2025〕第0003号"}},
		{"not completed says why", &models.Enrolment{Status: models.NotCompleted, Reason: "Not completed: class hours 18 are 6 short of the required 24."}, nil,
			models.ECONFLICT, []string{"张三 did not complete 乡村振兴专题培训班", "class hours 18 are 6 short"}},
		{"not decided yet", &models.Enrolment{Status: models.Enrolled}, nil, models.ECONFLICT, []string{"张三", "not been decided"}},
		{"waitlisted", &models.Enrolment{Status: models.Waitlisted, WaitPosition: 1}, nil, models.ECONFLICT, []string{"张三 holds no place"}},
		{"withdrawn", &models.Enrolment{Status: models.Withdrawn}, nil, models.ECONFLICT, []string{"张三 holds no place"}},
		{"no enrolment", nil, nil, models.ECONFLICT, []string{"张三 holds no place"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := training.CheckIssue(c, tr, tt.e, tt.certs)
			wantCode(t, err, tt.code)
			if tt.msg != nil {
				wantMessage(t, err, tt.msg...)
			}
		})
	}
}

func TestVoidCert(t *testing.T) {
	tests := []struct {
		name   string
		status models.CertificateStatus
		reason string
		code   string
	}{
		{"valid", models.CertValid, "姓名打印错误", ""},
		{"reason required", models.CertValid, " \u3000 ", models.EINVALID},
		{"control characters", models.CertValid, "姓名\x00有误", models.EINVALID},
		{"reason too long", models.CertValid, strings.Repeat("误", models.MaxText+1), models.EINVALID},
		{"already void", models.CertVoid, "again", models.ECONFLICT},
		{"replaced", models.CertReplaced, "again", models.ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &models.Certificate{Serial: "〔2025〕第0001号", Seq: 1, TraineeID: 1, CourseID: 1, IssuedOn: day("2025-06-01"),
				Status: tt.status, VoidReason: "old", ReplacedBy: "〔2025〕第0009号"}
			err := training.VoidCert(c, tt.reason)
			wantCode(t, err, tt.code)
			if tt.code != "" {
				if c.Status != tt.status {
					t.Errorf("refused void changed the status to %s", c.Status)
				}
				return
			}
			if c.Status != models.CertVoid || c.VoidReason != tt.reason || c.Serial != "〔2025〕第0001号" {
				t.Errorf("after void: %+v", c)
			}
			if err := c.Validate(); err != nil {
				t.Errorf("void certificate invalid: %v", err)
			}
		})
	}
}

func TestReplaceCert(t *testing.T) {
	for _, st := range []models.CertificateStatus{models.CertVoid, models.CertReplaced} {
		old := &models.Certificate{Serial: "A", Status: st, ReplacedBy: "B"}
		if err := training.ReplaceCert(old, &models.Certificate{Serial: "C"}); models.ErrorCode(err) != models.ECONFLICT {
			t.Errorf("reissuing a %s certificate: %v", st, err)
		}
	}
	old := &models.Certificate{Serial: "〔2024〕第0007号", Year: 2024, Seq: 7, TraineeID: 3, CourseID: 4, Hours: 24, Status: models.CertValid}
	next := &models.Certificate{Serial: "〔2025〕第0002号", Year: 2025, Seq: 2}
	if err := training.ReplaceCert(old, next); err != nil {
		t.Fatal(err)
	}
	if old.Status != models.CertReplaced || old.ReplacedBy != next.Serial || next.Replaces != old.Serial {
		t.Errorf("not linked both ways: old %+v, next %+v", old, next)
	}
	if next.TraineeID != 3 || next.CourseID != 4 || next.Hours != 24 || next.Status != models.CertValid || next.Serial != "〔2025〕第0002号" {
		t.Errorf("reissue %+v", next)
	}
}
