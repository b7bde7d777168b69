package store_test

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/store"
)

// readMethods are the methods of *store.DB that change no record. Every
// other method is a write and must be in writeCases below: a new method
// fails TestEveryWriteRecordsOneEntry until it is classified.
var readMethods = map[string]bool{
	"BackupTo": true, "Close": true, "CountTrainees": true, "FindAttendance": true, "FindAudit": true, "FoldLog": true,
	"FindCertificateByID": true, "FindCertificateBySerial": true, "FindCertificates": true,
	"FindCohortByID": true, "FindCohorts": true, "FindContactByID": true, "FindContacts": true,
	"FindCourseByID": true, "FindCourses": true, "FindElectionByID": true, "FindElections": true,
	"FindEnrolment": true, "FindEnrolmentByID": true, "FindEnrolments": true, "FindInstructorByID": true,
	"FindInstructors": true, "FindMentorshipByID": true, "FindMentorships": true,
	"FindOrganisationByID": true, "FindOrganisations": true, "FindPlacementByID": true,
	"FindPlacements": true, "FindProgrammeByID": true, "FindProgrammes": true, "FindReturnByID": true,
	"FindReturns": true, "FindReviewItems": true, "FindSessionByID": true, "FindSessions": true, "FindStageFacts": true, "FindStageGroups": true,
	"FindTraineeByID": true, "FindTrainees": true, "Inactive": true, "IntegrityCheck": true,
	"IsEmpty": true, "LastCertificateSeq": true, "Migrated": true, "Path": true, "SchemaVersion": true,
	"SearchTrainees": true, "Setting": true, "SettingFile": true, "ReadOnly": true, "Update": true, "View": true,
	"CountTraineePhotos": true, "FindTraineePhoto": true, "FindTraineePhotos": true,
	"IsPostgres": true, "Name": true, "Retries": true, "User": true, // the PostgreSQL store's
	"OtherSessions": true, "SchemaExists": true, "TryAdvisoryLock": true,
	// A restore into PostgreSQL: the restore's entry is written into the
	// backup's own trail before the swap (backup.recordRestore), as for a
	// file.
	"RestoreFrom": true, "DropRestoring": true,
	"Account": true, "FindAccounts": true, // accounts_test.go
	"Watch": true, // listens for other connections' changes (watch.go)
}

// writeCase makes one call of a write method on the fixture: setup (not
// counted) returns the call, which must record one entry about entity with
// the action.
type writeCase struct {
	entity, action string
	setup          func(t *testing.T, f *fixture) func() error
}

// creates returns the case of a Create method whose record make builds.
func creates[T any](entity string, make func(f *fixture) *T, create func(db *store.DB) func(*T) error) writeCase {
	return writeCase{entity, store.AuditCreate, func(t *testing.T, f *fixture) func() error {
		r := make(f)
		return func() error { return create(f.db)(r) }
	}}
}

// newReturn returns a return of the fixture's first trainee, stored.
func newReturn(t *testing.T, f *fixture) *models.Return {
	r := &models.Return{TraineeID: f.trainees[0].ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2024-12-01")}
	must(t, f.db.CreateReturn(ctx, r))
	return r
}

func newElection(t *testing.T, f *fixture) *models.Election {
	e := &models.Election{ReturnID: newReturn(t, f).ID, Date: models.MustDate("2025-03-01"),
		Committee: models.CommitteeVillageParty, Post: models.PostMember, Result: models.Elected, TermYears: 5}
	must(t, f.db.CreateElection(ctx, e))
	return e
}

func newMentorship(t *testing.T, f *fixture) *models.Mentorship {
	m := &models.Mentorship{MentorID: f.instructor.ID, TraineeID: f.trainees[0].ID, StartDate: models.MustDate("2024-09-01")}
	must(t, f.db.CreateMentorship(ctx, m))
	return m
}

func newContact(t *testing.T, f *fixture) *models.Contact {
	c := &models.Contact{MentorshipID: newMentorship(t, f).ID, Date: models.MustDate("2024-09-10"),
		Mode: models.ContactVisit, Summary: "走访"}
	must(t, f.db.CreateContact(ctx, c))
	return c
}

func newPlacement(t *testing.T, f *fixture) *models.Placement {
	p := &models.Placement{TraineeID: f.trainees[0].ID, VillageID: f.village.ID,
		StartDate: models.MustDate("2024-10-01"), EndDate: models.MustDate("2024-10-31")}
	must(t, f.db.CreatePlacement(ctx, p))
	return p
}

func newEnrolment(t *testing.T, f *fixture) *models.Enrolment {
	e := &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[0].ID, Status: models.Enrolled}
	must(t, f.db.CreateEnrolment(ctx, e))
	return e
}

func newCertificate(t *testing.T, f *fixture) *models.Certificate {
	c := &models.Certificate{Serial: "〔2024〕第0001号", Year: 2024, Seq: 1, TraineeID: f.trainees[0].ID,
		CourseID: f.course.ID, Hours: 8, IssuedOn: models.MustDate("2024-10-01"), Status: models.CertValid}
	must(t, f.db.CreateCertificate(ctx, c))
	return c
}

// spareOrg returns a new organisation no record refers to.
func spareOrg(t *testing.T, f *fixture) *models.Organisation {
	o := &models.Organisation{Name: "空白村", Kind: models.OrgVillage, ContactPhone: "13700001111"}
	must(t, f.db.CreateOrganisation(ctx, o))
	return o
}

var writeCases = map[string]writeCase{
	"CreateOrganisation": creates("organisations", func(f *fixture) *models.Organisation {
		return &models.Organisation{Name: "新村", Kind: models.OrgVillage}
	}, func(db *store.DB) func(*models.Organisation) error {
		return func(o *models.Organisation) error { return db.CreateOrganisation(ctx, o) }
	}),
	"UpdateOrganisation": {"organisations", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		return func() error { f.village.ContactPerson = "李书记"; return f.db.UpdateOrganisation(ctx, f.village) }
	}},
	"DeleteOrganisation": {"organisations", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		o := spareOrg(t, f)
		return func() error { return f.db.DeleteOrganisation(ctx, o.ID) }
	}},
	"CreateProgramme": creates("programmes", func(f *fixture) *models.Programme {
		return &models.Programme{Name: "第二期", InflowOrgID: f.inflow.ID, OutflowOrgIDs: []int64{f.outflow.ID}}
	}, func(db *store.DB) func(*models.Programme) error {
		return func(p *models.Programme) error { return db.CreateProgramme(ctx, p) }
	}),
	"UpdateProgramme": {"programmes", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		return func() error { f.programme.Notes = "续签"; return f.db.UpdateProgramme(ctx, f.programme) }
	}},
	"DeleteProgramme": {"programmes", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		p := &models.Programme{Name: "空", InflowOrgID: f.inflow.ID, OutflowOrgIDs: []int64{f.outflow.ID}}
		must(t, f.db.CreateProgramme(ctx, p))
		return func() error { return f.db.DeleteProgramme(ctx, p.ID) }
	}},
	"CreateCohort": creates("cohorts", func(f *fixture) *models.Cohort {
		return &models.Cohort{ProgrammeID: f.programme.ID, Year: 2025, Name: "2025年度"}
	}, func(db *store.DB) func(*models.Cohort) error {
		return func(c *models.Cohort) error { return db.CreateCohort(ctx, c) }
	}),
	"UpdateCohort": {"cohorts", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		return func() error { f.cohort.TargetTrainees = 60; return f.db.UpdateCohort(ctx, f.cohort) }
	}},
	"DeleteCohort": {"cohorts", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		c := &models.Cohort{ProgrammeID: f.programme.ID, Year: 2026, Name: "2026年度"}
		must(t, f.db.CreateCohort(ctx, c))
		return func() error { return f.db.DeleteCohort(ctx, c.ID) }
	}},
	"CreateInstructor": creates("instructors", func(f *fixture) *models.Instructor {
		return &models.Instructor{Name: "吴老师", Themes: []models.Theme{models.ThemeTheory}}
	}, func(db *store.DB) func(*models.Instructor) error {
		return func(i *models.Instructor) error { return db.CreateInstructor(ctx, i) }
	}),
	"UpdateInstructor": {"instructors", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		return func() error { f.instructor.MaxMentees = 4; return f.db.UpdateInstructor(ctx, f.instructor) }
	}},
	"DeleteInstructor": {"instructors", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		i := &models.Instructor{Name: "空老师"}
		must(t, f.db.CreateInstructor(ctx, i))
		return func() error { return f.db.DeleteInstructor(ctx, i.ID) }
	}},
	"CreateTrainee": creates("trainees", func(f *fixture) *models.Trainee {
		return &models.Trainee{Name: "钱多多", Gender: models.Female, IDNumber: idNumber(101), Direction: models.Inflow}
	}, func(db *store.DB) func(*models.Trainee) error {
		return func(tr *models.Trainee) error { return db.CreateTrainee(ctx, tr) }
	}),
	"CreateTrainees": {"trainees", store.AuditCreate, func(t *testing.T, f *fixture) func() error {
		ts := []*models.Trainee{
			{Name: "孙一", Gender: models.Male, IDNumber: idNumber(201), Direction: models.Inflow},
			{Name: "孙二", Gender: models.Male, IDNumber: idNumber(203), Direction: models.Inflow},
		}
		return func() error { return f.db.CreateTrainees(ctx, ts) }
	}},
	"UpdateTrainee": {"trainees", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		return func() error { f.trainees[1].Employer = "快递站"; return f.db.UpdateTrainee(ctx, f.trainees[1]) }
	}},
	"DeleteTrainee": {"trainees", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		return func() error { return f.db.DeleteTrainee(ctx, f.trainees[2].ID) }
	}},
	"Deidentify": {"trainees", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		return func() error { return f.db.Deidentify(ctx, []int64{f.trainees[1].ID}) }
	}},
	"CreateCourse": creates("courses", func(f *fixture) *models.Course {
		return &models.Course{Theme: models.ThemeTheory, Title: "理论班", StartDate: models.MustDate("2024-11-01"),
			EndDate: models.MustDate("2024-11-30"), Capacity: 30, Status: models.CourseOpen}
	}, func(db *store.DB) func(*models.Course) error {
		return func(c *models.Course) error { return db.CreateCourse(ctx, c) }
	}),
	"UpdateCourse": {"courses", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		return func() error { f.course.Capacity = 45; return f.db.UpdateCourse(ctx, f.course) }
	}},
	"DeleteCourse": {"courses", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		c := &models.Course{Theme: models.ThemeTheory, Title: "空班", StartDate: models.MustDate("2024-11-01"),
			EndDate: models.MustDate("2024-11-30"), Capacity: 30, Status: models.CourseOpen}
		must(t, f.db.CreateCourse(ctx, c))
		return func() error { return f.db.DeleteCourse(ctx, c.ID) }
	}},
	"CreateSession": creates("sessions", func(f *fixture) *models.Session {
		return &models.Session{CourseID: f.course.ID, Date: models.MustDate("2024-09-16"), Start: models.NewClock(9, 0),
			End: models.NewClock(11, 0), Venue: "第一教室", Hours: 2}
	}, func(db *store.DB) func(*models.Session) error {
		return func(s *models.Session) error { return db.CreateSession(ctx, s) }
	}),
	"UpdateSession": {"sessions", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		return func() error { f.sessions[0].Topic = "改题"; return f.db.UpdateSession(ctx, f.sessions[0]) }
	}},
	"DeleteSession": {"sessions", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		return func() error { return f.db.DeleteSession(ctx, f.sessions[1].ID) }
	}},
	"CreateEnrolment": creates("enrolments", func(f *fixture) *models.Enrolment {
		return &models.Enrolment{CourseID: f.course.ID, TraineeID: f.trainees[1].ID, Status: models.Enrolled}
	}, func(db *store.DB) func(*models.Enrolment) error {
		return func(e *models.Enrolment) error { return db.CreateEnrolment(ctx, e) }
	}),
	"UpdateEnrolment": {"enrolments", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		e := newEnrolment(t, f)
		return func() error { e.Status = models.Withdrawn; return f.db.UpdateEnrolment(ctx, e) }
	}},
	"DeleteEnrolment": {"enrolments", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		e := newEnrolment(t, f)
		return func() error { return f.db.DeleteEnrolment(ctx, e.ID) }
	}},
	"SetAttendance": {"attendance", store.AuditCreate, func(t *testing.T, f *fixture) func() error {
		newEnrolment(t, f)
		return func() error {
			return f.db.SetAttendance(ctx, &models.Attendance{SessionID: f.sessions[0].ID, TraineeID: f.trainees[0].ID, Status: models.Present})
		}
	}},
	"DeleteAttendance": {"attendance", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		newEnrolment(t, f)
		must(t, f.db.SetAttendance(ctx, &models.Attendance{SessionID: f.sessions[0].ID, TraineeID: f.trainees[0].ID, Status: models.Late}))
		return func() error { return f.db.DeleteAttendance(ctx, f.sessions[0].ID, f.trainees[0].ID) }
	}},
	"CreatePlacement": creates("placements", func(f *fixture) *models.Placement {
		return &models.Placement{TraineeID: f.trainees[1].ID, VillageID: f.village.ID,
			StartDate: models.MustDate("2024-10-01"), EndDate: models.MustDate("2024-10-31")}
	}, func(db *store.DB) func(*models.Placement) error {
		return func(p *models.Placement) error { return db.CreatePlacement(ctx, p) }
	}),
	"UpdatePlacement": {"placements", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		p := newPlacement(t, f)
		return func() error { p.Grade = models.GradeGood; return f.db.UpdatePlacement(ctx, p) }
	}},
	"DeletePlacement": {"placements", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		p := newPlacement(t, f)
		return func() error { return f.db.DeletePlacement(ctx, p.ID) }
	}},
	"CreateMentorship": creates("mentorships", func(f *fixture) *models.Mentorship {
		return &models.Mentorship{MentorID: f.instructor.ID, TraineeID: f.trainees[1].ID, StartDate: models.MustDate("2024-09-01")}
	}, func(db *store.DB) func(*models.Mentorship) error {
		return func(m *models.Mentorship) error { return db.CreateMentorship(ctx, m) }
	}),
	"UpdateMentorship": {"mentorships", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		m := newMentorship(t, f)
		return func() error { m.Goals = "熟悉村务"; return f.db.UpdateMentorship(ctx, m) }
	}},
	"DeleteMentorship": {"mentorships", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		m := newMentorship(t, f)
		return func() error { return f.db.DeleteMentorship(ctx, m.ID) }
	}},
	"CreateContact": {"contacts", store.AuditCreate, func(t *testing.T, f *fixture) func() error {
		m := newMentorship(t, f)
		c := &models.Contact{MentorshipID: m.ID, Date: models.MustDate("2024-09-10"), Mode: models.ContactPhone, Summary: "电话"}
		return func() error { return f.db.CreateContact(ctx, c) }
	}},
	"UpdateContact": {"contacts", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		c := newContact(t, f)
		return func() error { c.Summary = "再访"; return f.db.UpdateContact(ctx, c) }
	}},
	"DeleteContact": {"contacts", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		c := newContact(t, f)
		return func() error { return f.db.DeleteContact(ctx, c.ID) }
	}},
	"CreateReturn": creates("returns", func(f *fixture) *models.Return {
		return &models.Return{TraineeID: f.trainees[1].ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2024-12-01")}
	}, func(db *store.DB) func(*models.Return) error {
		return func(r *models.Return) error { return db.CreateReturn(ctx, r) }
	}),
	"UpdateReturn": {"returns", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		r := newReturn(t, f)
		return func() error { r.Notes = "返乡"; return f.db.UpdateReturn(ctx, r) }
	}},
	"DeleteReturn": {"returns", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		r := newReturn(t, f)
		return func() error { return f.db.DeleteReturn(ctx, r.ID) }
	}},
	"CreateElection": {"elections", store.AuditCreate, func(t *testing.T, f *fixture) func() error {
		r := newReturn(t, f)
		e := &models.Election{ReturnID: r.ID, Date: models.MustDate("2025-03-01"), Committee: models.CommitteeVillageParty,
			Post: models.PostMember, Result: models.Elected, TermYears: 5}
		return func() error { return f.db.CreateElection(ctx, e) }
	}},
	"UpdateElection": {"elections", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		e := newElection(t, f)
		return func() error { e.TermYears = 3; return f.db.UpdateElection(ctx, e) }
	}},
	"DeleteElection": {"elections", store.AuditDelete, func(t *testing.T, f *fixture) func() error {
		e := newElection(t, f)
		return func() error { return f.db.DeleteElection(ctx, e.ID) }
	}},
	"CreateCertificate": creates("certificates", func(f *fixture) *models.Certificate {
		return &models.Certificate{Serial: "〔2024〕第0002号", Year: 2024, Seq: 2, TraineeID: f.trainees[1].ID,
			CourseID: f.course.ID, Hours: 8, IssuedOn: models.MustDate("2024-10-01"), Status: models.CertValid}
	}, func(db *store.DB) func(*models.Certificate) error {
		return func(c *models.Certificate) error { return db.CreateCertificate(ctx, c) }
	}),
	"UpdateCertificate": {"certificates", store.AuditUpdate, func(t *testing.T, f *fixture) func() error {
		c := newCertificate(t, f)
		return func() error {
			c.Status, c.VoidReason = models.CertVoid, "录入错误"
			return f.db.UpdateCertificate(ctx, c)
		}
	}},
	"SetTraineePhoto": {"trainee_photos", "photo.set", func(t *testing.T, f *fixture) func() error {
		return func() error { return f.db.SetTraineePhoto(ctx, f.trainees[0].ID, []byte("jpeg")) }
	}},
	"SetTraineePhotos": {"trainee_photos", "photo.set", func(t *testing.T, f *fixture) func() error {
		return func() error { return f.db.SetTraineePhotos(ctx, map[int64][]byte{f.trainees[0].ID: []byte("jpeg")}) }
	}},
	"DeleteTraineePhoto": {"trainee_photos", "photo.delete", func(t *testing.T, f *fixture) func() error {
		must(t, f.db.SetTraineePhoto(ctx, f.trainees[0].ID, []byte("jpeg")))
		return func() error { return f.db.DeleteTraineePhoto(ctx, f.trainees[0].ID) }
	}},
	"SetSetting": {"settings", store.AuditCreate, func(t *testing.T, f *fixture) func() error {
		return func() error { return f.db.SetSetting(ctx, "org.name", "基层党务学院") }
	}},
	"SetSettingFile": {"setting_files", store.AuditCreate, func(t *testing.T, f *fixture) func() error {
		return func() error {
			return f.db.SetSettingFile(ctx, "certificate.background", &models.SettingFile{Name: "bg.png", Type: "PNG", Data: []byte("\x89PNG")})
		}
	}},
	"RecordAudit": {"trainees", "print", func(t *testing.T, f *fixture) func() error {
		return func() error {
			return f.db.RecordAudit(ctx, "print", "trainees", 0, map[string]string{"document": "roster"})
		}
	}},
	"LoadDataset": {"dataset", "load", func(t *testing.T, f *fixture) func() error {
		db := newDB(t)
		f.db = db
		ds := &models.Dataset{Organisations: []*models.Organisation{{ID: 1, Name: "甲村", Kind: models.OrgVillage}}}
		return func() error { return db.LoadDataset(ctx, ds) }
	}},
}

// TestEveryWriteRecordsOneEntry calls every write method of the store once
// and checks that it left exactly one audit entry, about the right record,
// with the whole row, masked, before and after as the action has them.
func TestEveryWriteRecordsOneEntry(t *testing.T) {
	if bothStores(t, TestEveryWriteRecordsOneEntry) {
		return
	}
	typ := reflect.TypeOf((*store.DB)(nil))
	var unclassified []string
	for i := range typ.NumMethod() {
		name := typ.Method(i).Name
		if _, ok := writeCases[name]; !ok && !readMethods[name] && !accountWrites[name] {
			unclassified = append(unclassified, name)
		}
	}
	sort.Strings(unclassified)
	if len(unclassified) > 0 {
		t.Fatalf("methods neither in readMethods nor in writeCases: %v", unclassified)
	}
	for name, wc := range writeCases {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			call := wc.setup(t, f)
			before, err := f.db.FindAudit(ctx, store.AuditFilter{})
			must(t, err)
			must(t, call())
			after, err := f.db.FindAudit(ctx, store.AuditFilter{})
			must(t, err)
			if len(after) != len(before)+1 {
				t.Fatalf("%s left %d entries, want 1", name, len(after)-len(before))
			}
			checkEntry(t, after[0], wc)
		})
	}
}

// checkEntry checks an entry's action, record and JSON.
func checkEntry(t *testing.T, e *store.AuditEntry, wc writeCase) {
	t.Helper()
	if e.Action != wc.action || e.Entity != wc.entity {
		t.Fatalf("entry %s %s, want %s %s", e.Action, e.Entity, wc.action, wc.entity)
	}
	wantBefore := wc.action == store.AuditUpdate || wc.action == store.AuditDelete
	wantAfter := wc.action != store.AuditDelete
	if (e.Before != "") != wantBefore || (e.After != "") != wantAfter {
		t.Errorf("before %q after %q", e.Before, e.After)
	}
	for _, js := range []string{e.Before, e.After} {
		if js == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(js), &m); err != nil {
			t.Errorf("not JSON: %s", js)
		}
		if strings.Contains(js, "13700001111") || strings.Contains(js, idNumber(101)) {
			t.Errorf("personal data in the entry: %s", js)
		}
	}
}
