package training_test

import (
	"testing"

	"peiyang/models"
)

func TestCertificateRowsAndCourses(t *testing.T) {
	f := newFixture(t)
	zhang, li, wang := f.trainee("张三"), f.trainee("李四"), f.trainee("王五")
	c := f.completedCourse("乡村振兴专题培训班", 2, zhang, li, wang)
	other := f.completedCourse("基层治理专题培训班", 1, wang)
	_, err := f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
	f.must(err)
	_, err = f.svc.Enrolment.DecideCompletion(f.ctx, other.ID)
	f.must(err)

	courses, err := f.svc.Certificates.CertificateCourses(f.ctx)
	f.must(err)
	if len(courses) != 2 {
		t.Fatalf("%d courses, want 2: %+v", len(courses), courses)
	}
	for _, cc := range courses {
		want := map[int64]int{c.ID: 2, other.ID: 1}[cc.Course.ID]
		if cc.Completed != want || cc.Pending != want || cc.Valid != 0 {
			t.Errorf("%s before issuing: %+v", cc.Course.Title, cc)
		}
	}

	certs, err := f.svc.Certificates.IssueCertificates(f.ctx, c.ID)
	f.must(err)
	f.must(f.svc.Certificates.VoidCertificate(f.ctx, certs[0].Serial, "印错了"))
	courses, err = f.svc.Certificates.CertificateCourses(f.ctx)
	f.must(err)
	for _, cc := range courses {
		if cc.Course.ID == c.ID && (cc.Completed != 2 || cc.Valid != 1 || cc.Pending != 1) {
			t.Errorf("after issuing and voiding one: %+v", cc)
		}
	}

	rows, err := f.svc.Certificates.CertificateRows(f.ctx, models.CertificateFilter{})
	f.must(err)
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0].Name != "张三" || rows[1].Name != "李四" || rows[0].Course.Title != "乡村振兴专题培训班" ||
		rows[0].Certificate.Status != models.CertVoid || rows[1].Certificate.Seq != 2 {
		t.Errorf("rows %+v %+v", rows[0], rows[1])
	}
	rows, err = f.svc.Certificates.CertificateRows(f.ctx, models.CertificateFilter{Status: models.CertValid})
	f.must(err)
	if len(rows) != 1 || rows[0].Name != "李四" {
		t.Errorf("valid rows %+v", rows)
	}
}
