package demo

import (
	"crypto/sha256"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"peiyang/models"
)

func generate(t testing.TB, o Options) *models.Dataset {
	t.Helper()
	ds, err := Generate(o)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", o, err)
	}
	return ds
}

func hash(t *testing.T, ds *models.Dataset) [32]byte {
	t.Helper()
	b, err := json.Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestDeterministic(t *testing.T) {
	o := Options{Trainees: 2000, Seed: 7, Today: DefaultToday()}
	a, b := hash(t, generate(t, o)), hash(t, generate(t, o))
	if a != b {
		t.Fatal("the same options gave different data")
	}
	o.Seed = 8
	if c := hash(t, generate(t, o)); c == a {
		t.Fatal("another seed gave the same data")
	}
	o.Seed, o.Today = 7, DefaultToday().AddDays(-30)
	if c := hash(t, generate(t, o)); c == a {
		t.Fatal("another day gave the same data")
	}
}

func TestDefaults(t *testing.T) {
	o, err := Options{}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if o.Trainees != DefaultTrainees || o.Seed != DefaultSeed || !o.Today.Equal(models.MustDate("2025-11-26")) {
		t.Fatalf("defaults: %+v", o)
	}
	for _, bad := range []Options{{Trainees: -1}, {Trainees: MaxTrainees + 1}, {Today: models.MustDate("1999-01-01")}} {
		if _, err := Generate(bad); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("Generate(%+v) = %v, want an invalid error", bad, err)
		}
	}
}

// TestInvariantsSmall checks the invariants at small scales and on other
// days, including early in a year when the year's courses have not begun.
func TestInvariantsSmall(t *testing.T) {
	for _, o := range []Options{
		{Trainees: 1, Seed: 3},
		{Trainees: 150, Seed: 4},
		{Trainees: 3000, Seed: 5},
		{Trainees: 2500, Seed: 6, Today: models.MustDate("2024-01-20")},
		{Trainees: 2500, Seed: 9, Today: models.MustDate("2026-06-30")},
		{Trainees: 2500, Seed: 10, Today: models.MustDate("2025-12-30")},
	} {
		ds := generate(t, o)
		today := o.Today
		if today.IsZero() {
			today = DefaultToday()
		}
		if err := Check(ds, today); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
		if len(ds.Trainees) != o.Trainees {
			t.Errorf("%+v: %d trainees", o, len(ds.Trainees))
		}
	}
}

func count[T any](xs []T, f func(T) bool) int {
	n := 0
	for _, x := range xs {
		if f(x) {
			n++
		}
	}
	return n
}

func TestSmallDatasetHasEverything(t *testing.T) {
	ds := generate(t, Options{Trainees: 3000, Seed: 11})
	counts := map[string]int{
		"organisations": len(ds.Organisations), "programmes": len(ds.Programmes), "cohorts": len(ds.Cohorts),
		"instructors": len(ds.Instructors), "courses": len(ds.Courses), "sessions": len(ds.Sessions),
		"enrolments": len(ds.Enrolments), "attendance": len(ds.Attendance), "placements": len(ds.Placements),
		"mentorships": len(ds.Mentorships), "contacts": len(ds.Contacts), "returns": len(ds.Returns),
		"elections": len(ds.Elections), "certificates": len(ds.Certificates), "settings": len(ds.Settings),
	}
	for k, n := range counts {
		if n == 0 {
			t.Errorf("no %s", k)
		}
	}
	// The demo organisation has a short name, so its serials take the
	// default format that carries it; nobody signs twice for it.
	if ds.Settings["certificate.serial_format"] != "" || ds.Settings["org.short_name"] != "成基党院" || ds.Settings["certificate.signatory"] != "" {
		t.Errorf("settings %v", ds.Settings)
	}
	if s := ds.Certificates[0].Serial; !strings.HasPrefix(s, "成基党院结〔") || !strings.HasSuffix(s, "〕1号") {
		t.Errorf("first serial %q", s)
	}
	if ds.Settings["org.name"] != "成都市基层党务学院" {
		t.Errorf("org.name %q", ds.Settings["org.name"])
	}
	// key villages with capacities 3 to 10, in every home county
	keyIn := map[string]int{}
	for _, o := range ds.Organisations {
		if o.KeyVillage {
			if o.PlacementCapacity < 3 || o.PlacementCapacity > 10 {
				t.Errorf("%s: capacity %d", o.Name, o.PlacementCapacity)
			}
			keyIn[o.Region.Code]++
		}
	}
	for _, c := range counties {
		if keyIn[c.code] == 0 {
			t.Errorf("no key village in %s (%s)", c.name, c.code)
		}
	}
	if n := count(ds.Instructors, func(i *models.Instructor) bool { return i.MaxMentees > 0 }); n < 50 || n > 95 {
		t.Errorf("%d of %d instructors mentor", n, len(ds.Instructors))
	}
}

// TestDefaultScale generates the report's scale once and checks its
// invariants and the figures the demo must show.
func TestDefaultScale(t *testing.T) {
	if testing.Short() {
		t.Skip("default scale")
	}
	start := time.Now()
	ds := generate(t, Options{})
	t.Logf("generated in %v", time.Since(start))
	if err := Check(ds, DefaultToday()); err != nil {
		t.Fatal(err)
	}
	if len(ds.Trainees) != 40630 {
		t.Errorf("%d trainees", len(ds.Trainees))
	}
	seated := map[int64]bool{}
	for _, e := range ds.Elections {
		if e.Result.Seated() {
			seated[e.TraineeID] = true
		}
	}
	if len(seated) <= 1000 {
		t.Errorf("%d two-committee members seated, want more than 1,000", len(seated))
	}
	between := func(what string, n, lo, hi int) {
		t.Helper()
		if n < lo || n > hi {
			t.Errorf("%d %s, want %d to %d", n, what, lo, hi)
		}
	}
	between("instructors", len(ds.Instructors), 100, 140)
	between("attendance records", len(ds.Attendance), 80_000, 130_000)
	between("placements", len(ds.Placements), 2000, 5000)
	between("mentorships", len(ds.Mentorships), 2000, 3000)
	between("returns", len(ds.Returns), 1500, 2100)
	between("villages", count(ds.Organisations, func(o *models.Organisation) bool { return o.Kind.IsVillage() }), 200, 600)
	between("key targets", count(ds.Trainees, func(t *models.Trainee) bool { return t.KeyTarget }), 5000, 7000)
	perYear := map[int]int{}
	for _, c := range ds.Courses {
		perYear[c.StartDate.Year()]++
	}
	for _, y := range []int{2023, 2024, 2025} {
		between("courses in "+itoa(y), perYear[y], 30, 70)
	}
	holders := map[int64]int{}
	for _, e := range ds.Enrolments {
		if e.Status.HoldsPlace() {
			holders[e.CourseID]++
		}
	}
	statuses := map[models.CourseStatus]int{}
	for _, c := range ds.Courses {
		statuses[c.Status]++
		if c.Status != models.CoursePlanned && c.Status != models.CourseCancelled {
			between("places on "+c.Title, holders[c.ID], 30, 80)
		}
	}
	for _, st := range []models.CourseStatus{models.CourseFinished, models.CourseRunning, models.CourseOpen, models.CoursePlanned} {
		if statuses[st] == 0 {
			t.Errorf("no %s course", st)
		}
	}
	es := map[models.EnrolmentStatus]int{}
	for _, e := range ds.Enrolments {
		es[e.Status]++
	}
	for _, st := range models.EnrolmentStatuses {
		if es[st] == 0 {
			t.Errorf("no %s enrolment", st)
		}
	}
	cs := map[models.CertificateStatus]int{}
	for _, c := range ds.Certificates {
		cs[c.Status]++
	}
	for _, st := range models.CertificateStatuses {
		if cs[st] == 0 {
			t.Errorf("no %s certificate", st)
		}
	}
	checkNames(t, ds)
}

// checkNames looks for the names that break naive text handling.
func checkNames(t *testing.T, ds *models.Dataset) {
	t.Helper()
	has := func(what string, f func(tr *models.Trainee) bool) {
		t.Helper()
		if count(ds.Trainees, f) == 0 {
			t.Errorf("no trainee %s", what)
		}
	}
	has("with a name outside the BMP", func(tr *models.Trainee) bool {
		for _, r := range tr.Name {
			if r > 0xFFFF {
				return true
			}
		}
		return false
	})
	has("with · in the name", func(tr *models.Trainee) bool { return strings.Contains(tr.Name, "·") })
	has("with a four-character name", func(tr *models.Trainee) bool { return len([]rune(tr.Name)) == 4 })
	has("with a two-character name", func(tr *models.Trainee) bool { return len([]rune(tr.Name)) == 2 })
	for _, s := range []string{"单", "曾", "解", "仇", "区", "查", "欧阳", "司马"} {
		has("surnamed "+s, func(tr *models.Trainee) bool { return strings.HasPrefix(tr.Name, s) })
	}
	for _, r := range []string{"䶮", "堃", "喆", "燊", "珺"} {
		has("with "+r, func(tr *models.Trainee) bool { return strings.Contains(tr.Name, r) })
	}
	for _, e := range []string{"彝族", "藏族", "羌族", "回族", "土家族", "苗族", "维吾尔族"} {
		has("of the "+e, func(tr *models.Trainee) bool { return tr.Ethnicity == e })
	}
	// ID numbers registered under a county's former code
	has("with a former county code", func(tr *models.Trainee) bool { return strings.HasPrefix(tr.IDNumber, "510626") })
	has("with a long note", func(tr *models.Trainee) bool { return len([]rune(tr.Notes)) >= 150 })
	has("of the city working elsewhere", func(tr *models.Trainee) bool { return tr.Direction == models.Outflow })
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
