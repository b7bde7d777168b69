package training_test

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

// fixture is a Service over a fresh SQLite store in a temporary folder,
// with a clock the test sets.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	db    *store.DB
	svc   *training.Service
	now   time.Time
	ids   int // trainees made so far, for distinct ID numbers
	slots int // courses made by completedCourse so far
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "peiyang.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, ctx: context.Background(), db: db, now: time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local)}
	f.svc = training.New(db, training.WithClock(func() time.Time { return f.now }))
	return f
}

// service returns a Service over another store (a wrapper of f.db) with
// f's clock.
func (f *fixture) service(s training.Store) *training.Service {
	return training.New(s, training.WithClock(func() time.Time { return f.now }))
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// nextIDNumber returns a valid, unused resident ID number.
func (f *fixture) nextIDNumber() string {
	f.ids++
	return idNumber(fmt.Sprintf("51062319900101%03d", f.ids))
}

// trainee takes a trainee with the name into the programme, from
// 德阳市中江县.
func (f *fixture) trainee(name string) *models.Trainee {
	f.t.Helper()
	t := &models.Trainee{Name: name, IDNumber: f.nextIDNumber(), CurrentDistrict: "锦江区",
		HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Code: "510623"}}
	f.must(f.svc.Trainees.CreateTrainee(f.ctx, t))
	return t
}

// course creates an open course.
func (f *fixture) course(title string, capacity int, start, end string, rule models.CompletionRule) *models.Course {
	f.t.Helper()
	c := &models.Course{Title: title, Theme: models.ThemeRural, StartDate: day(start), EndDate: day(end),
		Capacity: capacity, Status: models.CourseOpen, Rule: rule}
	f.must(c.Validate())
	f.must(f.db.CreateCourse(f.ctx, c))
	return c
}

// session schedules a 2-hour-credit session through the Service.
func (f *fixture) session(c *models.Course, date, start, end, venue string, instructor int64) *models.Session {
	f.t.Helper()
	s := &models.Session{CourseID: c.ID, Date: day(date), Start: hm(start), End: hm(end), Venue: venue,
		InstructorID: instructor, Topic: "专题讲座", Hours: 2}
	f.must(f.svc.Courses.CreateSession(f.ctx, s))
	return s
}

// org creates an organisation.
func (f *fixture) org(name string, kind models.OrgKind, key bool, capacity int) *models.Organisation {
	f.t.Helper()
	o := &models.Organisation{Name: name, Kind: kind, KeyVillage: key, PlacementCapacity: capacity,
		Region: models.Region{Province: "四川省", City: "德阳市", County: "中江县"}}
	f.must(f.db.CreateOrganisation(f.ctx, o))
	return o
}

// instructor creates an instructor who may mentor max trainees.
func (f *fixture) instructor(name string, max int, county string, themes ...models.Theme) *models.Instructor {
	f.t.Helper()
	i := &models.Instructor{Name: name, MaxMentees: max, Themes: themes,
		HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: county}}
	f.must(f.db.CreateInstructor(f.ctx, i))
	return i
}

// enrolment reads the trainee's enrolment on the course.
func (f *fixture) enrolment(c *models.Course, t *models.Trainee) *models.Enrolment {
	f.t.Helper()
	e, err := f.db.FindEnrolment(f.ctx, c.ID, t.ID)
	f.must(err)
	return e
}

// state renders the course's enrolments as "name:status[:position] ...",
// in trainee ID order.
func (f *fixture) state(c *models.Course, names map[int64]string) string {
	f.t.Helper()
	es, err := f.db.FindEnrolments(f.ctx, models.EnrolmentFilter{CourseID: c.ID})
	f.must(err)
	out := ""
	for _, e := range es {
		if out != "" {
			out += " "
		}
		out += names[e.TraineeID] + ":" + string(e.Status)
		if e.WaitPosition != 0 {
			out += fmt.Sprintf(":%d", e.WaitPosition)
		}
	}
	return out
}
