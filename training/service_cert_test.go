package training_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/settings"
	"peiyang/store"
)

// completedCourse makes a course of 4 two-hour sessions before the
// fixture's today, enrols the trainees and signs them in: the first n
// attend every session, the others only one. Each such course has its
// own hours of the day, so that the courses do not clash.
func (f *fixture) completedCourse(title string, n int, trainees ...*models.Trainee) *models.Course {
	f.t.Helper()
	c := f.course(title, 10, "2025-06-01", "2025-06-10", models.CompletionRule{MinAttendanceRate: 0.75, MinHours: 6})
	start := models.NewClock(8+2*f.slots, 0)
	f.slots++
	var ss []*models.Session
	for i, d := range []string{"2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05"} {
		ss = append(ss, f.session(c, d, start.String(), (start+120).String(), title+string(rune('A'+i)), 0))
	}
	for i, t := range trainees {
		_, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, t.ID)
		f.must(err)
		for j, s := range ss {
			st := models.Present
			if i >= n && j > 0 {
				st = models.Absent
			}
			f.must(f.svc.Enrolment.RecordAttendance(f.ctx, s.ID, t.ID, st))
		}
	}
	return c
}

func TestServiceCompletion(t *testing.T) {
	f := newFixture(t)
	zhang, li, wang := f.trainee("张三"), f.trainee("李四"), f.trainee("王五")
	c := f.completedCourse("乡村振兴专题培训班", 2, zhang, li, wang)
	ds, err := f.svc.Enrolment.Decisions(f.ctx, c.ID)
	f.must(err)
	if len(ds) != 3 || !ds[0].Completed || !ds[1].Completed || ds[2].Completed {
		t.Fatalf("decisions %+v", ds)
	}
	if ds[0].Hours != 8 || ds[0].AttendanceRate != 1 || ds[2].Hours != 2 || ds[2].AttendanceRate != 0.25 {
		t.Errorf("hours and rates: %+v / %+v", ds[0], ds[2])
	}
	want := "Not completed: attendance 25% is below the required 75% (short by 50 points); class hours 2 are 4 short of the required 6."
	if ds[2].Summary != want {
		t.Errorf("summary %q, want %q", ds[2].Summary, want)
	}
	// Decisions writes nothing.
	if e := f.enrolment(c, wang); e.Status != models.Enrolled || e.Reason != "" {
		t.Errorf("Decisions wrote %+v", e)
	}
	_, err = f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
	f.must(err)
	if e := f.enrolment(c, zhang); e.Status != models.Completed || !strings.HasPrefix(e.Reason, "Completed: ") {
		t.Errorf("张三: %+v", e)
	}
	if e := f.enrolment(c, wang); e.Status != models.NotCompleted || e.Reason != want {
		t.Errorf("王五: %+v", e)
	}
	// Deciding again re-evaluates the decided ones.
	ds, err = f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
	f.must(err)
	if len(ds) != 3 {
		t.Errorf("second decision covered %d trainees", len(ds))
	}
	// Once decided, nobody withdraws.
	_, err = f.svc.Enrolment.Withdraw(f.ctx, c.ID, zhang.ID)
	wantCode(t, err, models.ECONFLICT)
}

func TestServiceCertificates(t *testing.T) {
	f := newFixture(t)
	zhang, li, wang, zhao := f.trainee("张三"), f.trainee("李四"), f.trainee("王五"), f.trainee("赵六")
	a := f.completedCourse("乡村振兴专题培训班", 2, zhang, li, wang)
	b := f.completedCourse("基层治理专题培训班", 2, wang, zhao)
	for _, c := range []*models.Course{a, b} {
		_, err := f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
		f.must(err)
	}

	// The one who did not complete is refused, saying who and why.
	_, err := f.svc.Certificates.IssueCertificate(f.ctx, a.ID, wang.ID)
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "王五 did not complete 乡村振兴专题培训班", "attendance 25% is below the required 75%")

	// Gapless serials across two courses in one year.
	certs, err := f.svc.Certificates.IssueCertificates(f.ctx, a.ID)
	f.must(err)
	wantSerials(t, certs, "2025-0001", "2025-0002")
	if certs[0].TraineeID != zhang.ID || certs[0].Hours != 8 || certs[0].Year != 2025 || !certs[0].IssuedOn.Equal(day("2025-06-15")) {
		t.Errorf("certificate %+v", certs[0])
	}
	certs, err = f.svc.Certificates.IssueCertificates(f.ctx, b.ID)
	f.must(err)
	wantSerials(t, certs, "2025-0003", "2025-0004")
	// Nobody left to issue to.
	certs, err = f.svc.Certificates.IssueCertificates(f.ctx, a.ID)
	f.must(err)
	if len(certs) != 0 {
		t.Errorf("issued again: %v", certs)
	}
	_, err = f.svc.Certificates.IssueCertificate(f.ctx, a.ID, zhang.ID)
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "already holds certificate 2025-0001")

	// Void keeps the serial and the reason; the reason is required.
	wantCode(t, f.svc.Certificates.VoidCertificate(f.ctx, "2025-0002", "  "), models.EINVALID)
	f.must(f.svc.Certificates.VoidCertificate(f.ctx, "2025-0002", "姓名打印错误"))
	v, err := f.db.FindCertificateBySerial(f.ctx, "2025-0002")
	f.must(err)
	if v.Status != models.CertVoid || v.VoidReason != "姓名打印错误" {
		t.Errorf("void certificate %+v", v)
	}
	err = f.svc.Certificates.VoidCertificate(f.ctx, "2025-0002", "again")
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "already void")
	_, err = f.svc.Certificates.ReissueCertificate(f.ctx, "2025-0002")
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "void and cannot be reissued")
	wantCode(t, f.svc.Certificates.VoidCertificate(f.ctx, "2025-9999", "x"), models.ENOTFOUND)

	// The voided trainee gets a new certificate with the next serial.
	certs, err = f.svc.Certificates.IssueCertificates(f.ctx, a.ID)
	f.must(err)
	wantSerials(t, certs, "2025-0005")
	if certs[0].TraineeID != li.ID {
		t.Errorf("reissued to %d, want 李四", certs[0].TraineeID)
	}

	// Reissue: a new serial in the current year, linked both ways.
	f.now = f.now.AddDate(1, 0, 0)
	next, err := f.svc.Certificates.ReissueCertificate(f.ctx, "2025-0001")
	f.must(err)
	if next.Serial != "2026-0001" || next.Replaces != "2025-0001" || next.TraineeID != zhang.ID ||
		next.CourseID != a.ID || next.Hours != 8 || next.Status != models.CertValid || next.Year != 2026 {
		t.Errorf("reissue %+v", next)
	}
	old, err := f.db.FindCertificateBySerial(f.ctx, "2025-0001")
	f.must(err)
	if old.Status != models.CertReplaced || old.ReplacedBy != next.Serial {
		t.Errorf("replaced certificate %+v", old)
	}
	_, err = f.svc.Certificates.ReissueCertificate(f.ctx, "2025-0001")
	wantCode(t, err, models.ECONFLICT)
	wantMessage(t, err, "already been replaced by 2026-0001")
	wantCode(t, f.svc.Certificates.VoidCertificate(f.ctx, "2025-0001", "x"), models.ECONFLICT)
	f.must(f.svc.Certificates.VoidCertificate(f.ctx, next.Serial, "证书遗失"))
}

func TestServiceSerialFormat(t *testing.T) {
	f := newFixture(t)
	zhang := f.trainee("张三")
	c := f.completedCourse("乡村振兴专题培训班", 1, zhang)
	_, err := f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
	f.must(err)
	f.must(f.db.SetSetting(f.ctx, settings.SerialFormat, "第{seq}号"))
	_, err = f.svc.Certificates.IssueCertificates(f.ctx, c.ID)
	wantCode(t, err, models.EINVALID)
	wantMessage(t, err, "serial format 第{seq}号 is not valid")
	f.must(f.db.SetSetting(f.ctx, settings.SerialFormat, "成培结字〔{year}〕{seq:3}号"))
	certs, err := f.svc.Certificates.IssueCertificates(f.ctx, c.ID)
	f.must(err)
	wantSerials(t, certs, "成培结字〔2025〕001号")
}

// The default serial carries the organisation's short name once it has
// one; issued serials never change, and the year's numbers go on without
// a gap whatever the format.
func TestSerialsFollowTheShortName(t *testing.T) {
	f := newFixture(t)
	ts := []*models.Trainee{f.trainee("甲"), f.trainee("乙"), f.trainee("丙"), f.trainee("丁")}
	c1 := f.completedCourse("乡村振兴专题培训班", 2, ts[0], ts[1])
	_, err := f.svc.Enrolment.DecideCompletion(f.ctx, c1.ID)
	f.must(err)
	first, err := f.svc.Certificates.IssueCertificates(f.ctx, c1.ID)
	f.must(err)
	wantSerials(t, first, "2025-0001", "2025-0002")

	f.must(f.svc.Settings.SaveSettings(f.ctx, map[string]string{settings.OrgShortName: "成基党院"}))
	c2 := f.completedCourse("基层治理专题研修班", 2, ts[2], ts[3])
	_, err = f.svc.Enrolment.DecideCompletion(f.ctx, c2.ID)
	f.must(err)
	next, err := f.svc.Certificates.IssueCertificates(f.ctx, c2.ID)
	f.must(err)
	wantSerials(t, next, "成基党院结〔2025〕3号", "成基党院结〔2025〕4号")
	all, err := f.db.FindCertificates(f.ctx, models.CertificateFilter{})
	f.must(err)
	wantSerials(t, all, "2025-0001", "2025-0002", "成基党院结〔2025〕3号", "成基党院结〔2025〕4号")
	for i, c := range all {
		if c.Seq != i+1 || c.Year != 2025 {
			t.Errorf("certificate %s: year %d seq %d", c.Serial, c.Year, c.Seq)
		}
	}
	// A reissue goes on from the year's last number too.
	re, err := f.svc.Certificates.ReissueCertificate(f.ctx, "2025-0001")
	f.must(err)
	if re.Serial != "成基党院结〔2025〕5号" || re.Replaces != "2025-0001" {
		t.Errorf("reissue %+v", re)
	}
	// {org} without a short name is refused when saved.
	err = f.svc.Settings.SaveSettings(f.ctx, map[string]string{settings.OrgShortName: "", settings.SerialFormat: settings.DefaultSerialFormatOrg})
	wantCode(t, err, models.EINVALID)
	wantMessage(t, err, "holds {org}")
}

// failingStore fails CreateCertificate from the given call on.
type failingStore struct {
	*store.DB
	calls, failAt int
}

func (s *failingStore) CreateCertificate(ctx context.Context, c *models.Certificate) error {
	s.calls++
	if s.calls >= s.failAt {
		return errors.New("disk full")
	}
	return s.DB.CreateCertificate(ctx, c)
}

func TestServiceCertificatesAllOrNothing(t *testing.T) {
	f := newFixture(t)
	ts := []*models.Trainee{f.trainee("甲"), f.trainee("乙"), f.trainee("丙")}
	c := f.completedCourse("乡村振兴专题培训班", 3, ts...)
	_, err := f.svc.Enrolment.DecideCompletion(f.ctx, c.ID)
	f.must(err)

	fs := &failingStore{DB: f.db, failAt: 3}
	_, err = f.service(fs).Certificates.IssueCertificates(f.ctx, c.ID)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want the third certificate to fail, got %v", err)
	}
	if fs.calls != 3 {
		t.Errorf("CreateCertificate called %d times, want 3", fs.calls)
	}
	certs, err := f.db.FindCertificates(f.ctx, models.CertificateFilter{CourseID: c.ID})
	f.must(err)
	if len(certs) != 0 {
		t.Fatalf("a failed batch left %d certificates", len(certs))
	}
	if seq, err := f.db.LastCertificateSeq(f.ctx, 2025); err != nil || seq != 0 {
		t.Errorf("last serial %d, %v after a failed batch", seq, err)
	}
	// Once the fault is gone the batch starts from the first serial.
	certs, err = f.svc.Certificates.IssueCertificates(f.ctx, c.ID)
	f.must(err)
	wantSerials(t, certs, "2025-0001", "2025-0002", "2025-0003")
}

func wantSerials(t *testing.T, certs []*models.Certificate, serials ...string) {
	t.Helper()
	var got []string
	for _, c := range certs {
		got = append(got, c.Serial)
	}
	if strings.Join(got, " ") != strings.Join(serials, " ") {
		t.Fatalf("serials %v, want %v", got, serials)
	}
}
