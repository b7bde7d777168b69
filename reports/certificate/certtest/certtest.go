// Package certtest builds databases with courses, trainees and issued
// certificates for the tests of the certificate printing, signing and
// command line packages. It is not used by the program itself.
package certtest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

// Now is the fixtures' clock: 2025-06-15 10:00 local time.
var Now = time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local)

// Fixture is a store in a temporary folder with a Service over it.
type Fixture struct {
	T    testing.TB
	Ctx  context.Context
	Path string
	DB   *store.DB
	Svc  *training.Service
	ids  int
}

// New opens a fresh database in a temporary folder; it is closed when the
// test ends.
func New(t testing.TB) *Fixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "peiyang.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return &Fixture{T: t, Ctx: context.Background(), Path: path, DB: db,
		Svc: training.New(db, training.WithClock(func() time.Time { return Now }))}
}

// Close closes the database early, for tests that open it again (the
// command line does).
func (f *Fixture) Close() { f.DB.Close() }

func (f *Fixture) must(err error) {
	f.T.Helper()
	if err != nil {
		f.T.Fatal(err)
	}
}

// IDNumber returns a valid resident ID number for the n-th trainee, of
// the gender asked for.
func IDNumber(n int, g models.Gender) string {
	seq := (n % 500) * 2
	if g == models.Male {
		seq++
	}
	first17 := fmt.Sprintf("51062319%02d0101%03d", 80+n%20, seq%1000)
	return first17 + string(models.IDCheckChar(first17))
}

// Course makes a finished course of two 2-hour sessions from 2025-06-02 to
// 2025-06-13 with the trainees named; the first completed of them attend
// both sessions and complete it, the others miss them and do not.
// Genders alternate, female first.
func (f *Fixture) Course(title string, names []string, completed int) (*models.Course, []*models.Trainee) {
	f.T.Helper()
	ctx := f.Ctx
	c := &models.Course{Title: title, Theme: models.ThemeRural, StartDate: models.MustDate("2025-06-02"),
		EndDate: models.MustDate("2025-06-13"), Capacity: max(1, len(names)), Status: models.CourseFinished,
		Rule: models.CompletionRule{MinAttendanceRate: 0.5, MinHours: 2}}
	f.must(f.DB.CreateCourse(ctx, c))
	var sessions []*models.Session
	for i, d := range []string{"2025-06-02", "2025-06-13"} {
		s := &models.Session{CourseID: c.ID, Date: models.MustDate(d), Start: models.NewClock(9, 0), End: models.NewClock(11, 0),
			Venue: "第一教室", Topic: fmt.Sprintf("专题讲座%d", i+1), Hours: 2}
		f.must(f.DB.CreateSession(ctx, s))
		sessions = append(sessions, s)
	}
	var trainees []*models.Trainee
	for i, name := range names {
		g := models.Female
		if i%2 == 1 {
			g = models.Male
		}
		f.ids++
		t := &models.Trainee{Name: name, IDNumber: IDNumber(f.ids, g), CurrentDistrict: "锦江区",
			HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Code: "510623"}}
		f.must(f.Svc.Trainees.CreateTrainee(ctx, t))
		trainees = append(trainees, t)
		e := &models.Enrolment{CourseID: c.ID, TraineeID: t.ID, Status: models.Completed, Reason: "attendance 100%", EnrolledAt: Now}
		att := models.Present
		if i >= completed {
			e.Status, e.Reason, att = models.NotCompleted, "attendance 0% is below the required 50%", models.Absent
		}
		f.must(f.DB.CreateEnrolment(ctx, e))
		for _, s := range sessions {
			f.must(f.DB.SetAttendance(ctx, &models.Attendance{SessionID: s.ID, TraineeID: t.ID, Status: att, RecordedAt: Now}))
		}
	}
	return c, trainees
}

// Issue issues the course's certificates.
func (f *Fixture) Issue(c *models.Course) []*models.Certificate {
	f.T.Helper()
	certs, err := f.Svc.Certificates.IssueCertificates(f.Ctx, c.ID)
	f.must(err)
	return certs
}
