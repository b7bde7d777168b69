package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"peiyang/internal/pgtest"
	"peiyang/models"
	"peiyang/store"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver for rawSQL
)

var ctx = context.Background()

// The store's tests run on both stores. A test that begins with
//
//	if bothStores(t, TestX) {
//		return
//	}
//
// runs itself again as the subtests sqlite and postgres, and newDB, called
// in a subtest, opens a new database of the subtest's kind: a file in a
// temporary folder, or a database on the test binary's throwaway
// PostgreSQL server (internal/pgtest). A test without the line runs on
// SQLite alone: those of the file itself (its mode, its busy timeout, its
// scrubbing).

// The kinds of store, and the helpers that run a test on both
// (internal/pgtest).
const (
	sqliteKind   = pgtest.SQLite
	postgresKind = pgtest.Postgres
)

var (
	bothStores = pgtest.BothStores
	storeKind  = pgtest.StoreKind
)

// newDB opens a new, empty database of the test's kind (SQLite outside
// bothStores).
func newDB(t testing.TB) *store.DB {
	t.Helper()
	target := newTarget(t)
	db, err := store.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	targets.Store(db, target)
	t.Cleanup(func() { db.Close() })
	return db
}

// targets maps the databases newDB opened to their targets.
var targets sync.Map

// targetOf is what newDB opened db from: its file, or its connection
// string.
func targetOf(t testing.TB, db *store.DB) string {
	t.Helper()
	v, ok := targets.Load(db)
	if !ok {
		t.Fatal("the database was not opened by newDB")
	}
	return v.(string)
}

// rawSQL opens a connection to the test's database that goes around the
// store, as another program would; its SQL is the dialect's own.
func rawSQL(t testing.TB, db *store.DB) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if db.IsPostgres() {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, targetOf(t, db))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// newTarget names a new database of the test's kind, not yet opened: a
// file path, or a connection string of a database with the schema made.
func newTarget(t testing.TB) string {
	t.Helper()
	if storeKind(t) == postgresKind {
		return pgtest.NewDatabase(t, pgTemplate(t))
	}
	return filepath.Join(t.TempDir(), "peiyang.db")
}

// pgTemplate is a PostgreSQL database with Peiyang's schema, which the
// tests' databases copy.
func pgTemplate(t testing.TB) string {
	return pgtest.Template(t, "peiyang_template", func(url string) error {
		db, err := store.Open(url)
		if err != nil {
			return err
		}
		return db.Close()
	})
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantCode fails unless err carries the domain error code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := models.ErrorCode(err); got != code {
		t.Fatalf("error code %q (%v), want %q", got, err, code)
	}
}

// idNumber returns a valid ID number of a person of Chengdu's Jinjiang
// district born on 1990-01-01, with the sequence number seq.
func idNumber(seq int) string {
	first17 := fmt.Sprintf("51010419900101%03d", seq%1000)
	return first17 + string(models.IDCheckChar(first17))
}

func ptr[T any](v T) *T { return &v }

// fixture is a small programme: organisations, a programme and cohort, an
// instructor, trainees and a course with two sessions.
type fixture struct {
	db         *store.DB
	inflow     *models.Organisation
	outflow    *models.Organisation
	village    *models.Organisation
	programme  *models.Programme
	cohort     *models.Cohort
	instructor *models.Instructor
	trainees   []*models.Trainee
	course     *models.Course
	sessions   []*models.Session
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db := newDB(t)
	f := &fixture{db: db}
	f.inflow = &models.Organisation{Name: "锦江区流动党员党委", Kind: models.OrgInflowCommittee,
		Region: models.Region{Province: "四川省", City: "成都市", County: "锦江区", Code: "510104"}}
	f.outflow = &models.Organisation{Name: "中江县委组织部", Kind: models.OrgOutflow,
		Region: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Code: "510623"}}
	f.village = &models.Organisation{Name: "石泉村", Kind: models.OrgVillage, KeyVillage: true, PlacementCapacity: 5,
		Region: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Village: "石泉村", Code: "510623"}}
	for _, o := range []*models.Organisation{f.inflow, f.outflow, f.village} {
		must(t, db.CreateOrganisation(ctx, o))
	}
	f.programme = &models.Programme{Name: "锦江—中江联合培养", InflowOrgID: f.inflow.ID,
		OutflowOrgIDs: []int64{f.outflow.ID}, SignedOn: models.MustDate("2024-03-01")}
	must(t, db.CreateProgramme(ctx, f.programme))
	f.cohort = &models.Cohort{ProgrammeID: f.programme.ID, Year: 2024, Name: "2024年度", TargetTrainees: 50}
	must(t, db.CreateCohort(ctx, f.cohort))
	f.instructor = &models.Instructor{Name: "周老师", Themes: []models.Theme{models.ThemeRural, models.ThemeTheory},
		MaxMentees: 3}
	must(t, db.CreateInstructor(ctx, f.instructor))
	for i, name := range []string{"赵明阳", "张伟", "曾国华"} {
		tr := &models.Trainee{Name: name, Gender: models.Male, IDNumber: idNumber(11 + 2*i),
			Phone: fmt.Sprintf("1380000%04d", 1234+i), Direction: models.Inflow, HomeRegion: f.outflow.Region,
			CurrentDistrict: "锦江区", NominatedByID: f.outflow.ID, CohortID: f.cohort.ID, KeyTarget: i == 0,
			BirthDate: models.MustDate("1990-01-01"), JoinedParty: models.MustDate("2015-07-01")}
		must(t, db.CreateTrainee(ctx, tr))
		f.trainees = append(f.trainees, tr)
	}
	f.course = &models.Course{Theme: models.ThemeRural, Title: "乡村振兴专题培训班", CohortID: f.cohort.ID,
		StartDate: models.MustDate("2024-09-02"), EndDate: models.MustDate("2024-09-30"), Venue: "第一教室",
		Capacity: 40, RequiredHours: 8, Status: models.CourseOpen,
		Rule: models.CompletionRule{MinAttendanceRate: 0.8, MinHours: 6, PassScore: 60}}
	must(t, db.CreateCourse(ctx, f.course))
	for i, d := range []string{"2024-09-09", "2024-09-02"} {
		s := &models.Session{CourseID: f.course.ID, Date: models.MustDate(d), Start: models.NewClock(9, 0),
			End: models.NewClock(11, 30), Venue: "第一教室", InstructorID: f.instructor.ID,
			Topic: fmt.Sprintf("第%d讲", i+1), Hours: 2.5}
		must(t, db.CreateSession(ctx, s))
		f.sessions = append(f.sessions, s)
	}
	return f
}

// ids returns the IDs of records.
func ids[T any](items []*T, id func(*T) int64) []int64 {
	out := []int64{}
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
