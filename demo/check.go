package demo

import (
	"fmt"
	"strings"
	"time"

	"peiyang/models"
)

// Check verifies the invariants of a dataset such as Generate makes, or as
// it reads back from storage: IDs numbered from 1, every record valid,
// references resolved, valid unique ID numbers agreeing with gender, birth
// date and home province, unique valid phones, sessions inside their
// course's dates with no room, instructor or trainee booked twice at once,
// places within capacity, gapless waiting lists, complete attendance,
// completion decisions that follow the course rules, placements within
// village capacity with one unevaluated placement per trainee, mentors
// within their maximum, returns to the home county, committees that fit
// the village, and gapless unique certificate serials. It returns nil or
// an error listing the first problems found.
func Check(ds *models.Dataset, today models.Date) error {
	c := &checker{ds: ds, today: today, hours: map[[2]int64]float64{}}
	c.index()
	c.validate()
	c.references()
	c.trainees()
	c.sessions()
	c.enrolments()
	c.attendance()
	c.placements()
	c.mentorships()
	c.returns()
	c.certificates()
	c.timestamps()
	if c.n == 0 {
		return nil
	}
	return fmt.Errorf("demo data: %d problem(s):\n%s", c.n, strings.Join(c.problems, "\n"))
}

type checker struct {
	ds       *models.Dataset
	today    models.Date
	n        int
	problems []string

	orgs        map[int64]*models.Organisation
	trainee     map[int64]*models.Trainee
	course      map[int64]*models.Course
	session     map[int64]*models.Session
	instructor  map[int64]*models.Instructor
	cohort      map[int64]*models.Cohort
	ret         map[int64]*models.Return
	mentorship  map[int64]*models.Mentorship
	sessionsOf  map[int64][]*models.Session
	placesOf    map[int64][]*models.Enrolment // holders per course
	enrolmentOf map[[2]int64]*models.Enrolment
	passed      map[int64]bool       // trainees with a passed placement
	hours       map[[2]int64]float64 // class hours earned per course and trainee
}

func (c *checker) fail(format string, args ...any) {
	c.n++
	if len(c.problems) < 40 {
		c.problems = append(c.problems, fmt.Sprintf(format, args...))
	}
}

// ids checks that the IDs run 1..n and indexes the records.
func ids[T any](c *checker, kind string, xs []T, id func(T) int64) map[int64]T {
	m := make(map[int64]T, len(xs))
	for i, x := range xs {
		if id(x) != int64(i+1) {
			c.fail("%s no. %d has ID %d", kind, i+1, id(x))
		}
		m[id(x)] = x
	}
	return m
}

func (c *checker) index() {
	ds := c.ds
	c.orgs = ids(c, "organisation", ds.Organisations, func(x *models.Organisation) int64 { return x.ID })
	ids(c, "programme", ds.Programmes, func(x *models.Programme) int64 { return x.ID })
	c.cohort = ids(c, "cohort", ds.Cohorts, func(x *models.Cohort) int64 { return x.ID })
	c.instructor = ids(c, "instructor", ds.Instructors, func(x *models.Instructor) int64 { return x.ID })
	c.trainee = ids(c, "trainee", ds.Trainees, func(x *models.Trainee) int64 { return x.ID })
	c.course = ids(c, "course", ds.Courses, func(x *models.Course) int64 { return x.ID })
	c.session = ids(c, "session", ds.Sessions, func(x *models.Session) int64 { return x.ID })
	ids(c, "enrolment", ds.Enrolments, func(x *models.Enrolment) int64 { return x.ID })
	ids(c, "placement", ds.Placements, func(x *models.Placement) int64 { return x.ID })
	c.mentorship = ids(c, "mentorship", ds.Mentorships, func(x *models.Mentorship) int64 { return x.ID })
	ids(c, "contact", ds.Contacts, func(x *models.Contact) int64 { return x.ID })
	c.ret = ids(c, "return", ds.Returns, func(x *models.Return) int64 { return x.ID })
	ids(c, "election", ds.Elections, func(x *models.Election) int64 { return x.ID })
	ids(c, "certificate", ds.Certificates, func(x *models.Certificate) int64 { return x.ID })
	c.sessionsOf = map[int64][]*models.Session{}
	for _, s := range ds.Sessions {
		c.sessionsOf[s.CourseID] = append(c.sessionsOf[s.CourseID], s)
	}
	c.placesOf = map[int64][]*models.Enrolment{}
	c.enrolmentOf = map[[2]int64]*models.Enrolment{}
	for _, e := range ds.Enrolments {
		k := [2]int64{e.CourseID, e.TraineeID}
		if c.enrolmentOf[k] != nil {
			c.fail("trainee %d is enrolled twice on course %d", e.TraineeID, e.CourseID)
		}
		c.enrolmentOf[k] = e
		if e.Status.HoldsPlace() {
			c.placesOf[e.CourseID] = append(c.placesOf[e.CourseID], e)
		}
	}
	c.passed = map[int64]bool{}
	for _, p := range ds.Placements {
		if p.Grade.Passed() {
			c.passed[p.TraineeID] = true
		}
	}
}

// validate runs every record's own Validate on a copy.
func (c *checker) validate() {
	check := func(kind string, id int64, err error) {
		if err != nil {
			c.fail("%s %d: %v", kind, id, err)
		}
	}
	ds := c.ds
	for _, x := range ds.Organisations {
		v := *x
		check("organisation", x.ID, v.Validate())
	}
	for _, x := range ds.Programmes {
		v := *x
		check("programme", x.ID, v.Validate())
	}
	for _, x := range ds.Cohorts {
		v := *x
		check("cohort", x.ID, v.Validate())
	}
	for _, x := range ds.Instructors {
		v := *x
		check("instructor", x.ID, v.Validate())
	}
	for _, x := range ds.Trainees {
		v := *x
		check("trainee", x.ID, v.Validate(c.today))
	}
	for _, x := range ds.Courses {
		v := *x
		check("course", x.ID, v.Validate())
	}
	for _, x := range ds.Sessions {
		v := *x
		check("session", x.ID, v.Validate())
	}
	for _, x := range ds.Enrolments {
		v := *x
		check("enrolment", x.ID, v.Validate())
	}
	for i, x := range ds.Attendance {
		v := *x
		check("attendance", int64(i+1), v.Validate())
	}
	for _, x := range ds.Placements {
		v := *x
		check("placement", x.ID, v.Validate())
	}
	for _, x := range ds.Mentorships {
		v := *x
		check("mentorship", x.ID, v.Validate())
	}
	for _, x := range ds.Contacts {
		v := *x
		check("contact", x.ID, v.Validate())
	}
	for _, x := range ds.Returns {
		v := *x
		check("return", x.ID, v.Validate(c.today))
	}
	for _, x := range ds.Elections {
		v := *x
		check("election", x.ID, v.Validate())
	}
	for _, x := range ds.Certificates {
		v := *x
		check("certificate", x.ID, v.Validate())
	}
}

func (c *checker) orgOfKind(what string, id int64, kinds ...models.OrgKind) *models.Organisation {
	o := c.orgs[id]
	if o == nil {
		c.fail("%s: organisation %d does not exist", what, id)
		return nil
	}
	for _, k := range kinds {
		if o.Kind == k {
			return o
		}
	}
	c.fail("%s: organisation %d is a %s", what, id, o.Kind)
	return nil
}

func (c *checker) references() {
	ds := c.ds
	for _, p := range ds.Programmes {
		c.orgOfKind(fmt.Sprintf("programme %d", p.ID), p.InflowOrgID, models.OrgInflowCommittee, models.OrgInflowBranch)
		for _, id := range p.OutflowOrgIDs {
			c.orgOfKind(fmt.Sprintf("programme %d", p.ID), id, models.OrgOutflow)
		}
	}
	for _, co := range ds.Cohorts {
		if co.ProgrammeID < 1 || int(co.ProgrammeID) > len(ds.Programmes) {
			c.fail("cohort %d: programme %d does not exist", co.ID, co.ProgrammeID)
		}
	}
	for _, t := range ds.Trainees {
		if t.NominatedByID != 0 {
			c.orgOfKind(fmt.Sprintf("trainee %d", t.ID), t.NominatedByID, models.OrgOutflow)
		}
		if t.CohortID != 0 && c.cohort[t.CohortID] == nil {
			c.fail("trainee %d: cohort %d does not exist", t.ID, t.CohortID)
		}
		if t.KeyTarget != (t.CohortID != 0) {
			c.fail("trainee %d: a key target belongs to a cohort and only a key target does", t.ID)
		}
	}
	for _, co := range ds.Courses {
		if co.CohortID != 0 && c.cohort[co.CohortID] == nil {
			c.fail("course %d: cohort %d does not exist", co.ID, co.CohortID)
		}
	}
	for _, s := range ds.Sessions {
		if c.course[s.CourseID] == nil {
			c.fail("session %d: course %d does not exist", s.ID, s.CourseID)
		}
		if s.InstructorID != 0 && c.instructor[s.InstructorID] == nil {
			c.fail("session %d: instructor %d does not exist", s.ID, s.InstructorID)
		}
	}
	for _, e := range ds.Enrolments {
		if c.course[e.CourseID] == nil || c.trainee[e.TraineeID] == nil {
			c.fail("enrolment %d: course %d or trainee %d does not exist", e.ID, e.CourseID, e.TraineeID)
		}
	}
	for _, p := range ds.Placements {
		if c.trainee[p.TraineeID] == nil {
			c.fail("placement %d: trainee %d does not exist", p.ID, p.TraineeID)
		}
		if v := c.orgOfKind(fmt.Sprintf("placement %d", p.ID), p.VillageID, models.OrgVillage, models.OrgCommunity); v != nil && !v.KeyVillage {
			c.fail("placement %d: %s is no key village", p.ID, v.Name)
		}
	}
	for _, m := range ds.Mentorships {
		if in := c.instructor[m.MentorID]; in == nil || in.MaxMentees == 0 {
			c.fail("mentorship %d: instructor %d is no mentor", m.ID, m.MentorID)
		}
		if c.trainee[m.TraineeID] == nil {
			c.fail("mentorship %d: trainee %d does not exist", m.ID, m.TraineeID)
		}
	}
	for _, ct := range ds.Contacts {
		if c.mentorship[ct.MentorshipID] == nil {
			c.fail("contact %d: mentorship %d does not exist", ct.ID, ct.MentorshipID)
		}
	}
	for _, r := range ds.Returns {
		if c.trainee[r.TraineeID] == nil {
			c.fail("return %d: trainee %d does not exist", r.ID, r.TraineeID)
		}
		c.orgOfKind(fmt.Sprintf("return %d", r.ID), r.VillageID, models.OrgVillage, models.OrgCommunity)
	}
	for _, e := range ds.Elections {
		if r := c.ret[e.ReturnID]; r == nil || r.TraineeID != e.TraineeID {
			c.fail("election %d: return %d is missing or of another trainee", e.ID, e.ReturnID)
		}
	}
	for _, ce := range ds.Certificates {
		if c.trainee[ce.TraineeID] == nil || c.course[ce.CourseID] == nil {
			c.fail("certificate %s: trainee %d or course %d does not exist", ce.Serial, ce.TraineeID, ce.CourseID)
		}
	}
}

func (c *checker) trainees() {
	idNumbers := map[string]int64{}
	phones := map[string]int64{}
	for _, t := range c.ds.Trainees {
		info, err := models.ParseIDNumber(t.IDNumber, c.today)
		if err != nil {
			c.fail("trainee %d: %v", t.ID, err)
			continue
		}
		if o, ok := idNumbers[t.IDNumber]; ok {
			c.fail("trainees %d and %d share the ID number %s", o, t.ID, t.IDNumber)
		}
		idNumbers[t.IDNumber] = t.ID
		if info.Gender != t.Gender || !info.BirthDate.Equal(t.BirthDate) {
			c.fail("trainee %d: gender or birth date disagree with the ID number", t.ID)
		}
		if len(t.HomeRegion.Code) != 6 || t.IDNumber[:2] != t.HomeRegion.Code[:2] {
			c.fail("trainee %d: ID number %s is not of the home province (%s)", t.ID, t.IDNumber, t.HomeRegion.Code)
		}
		if t.BirthDate.After(c.today.AddYears(-21)) || t.BirthDate.Before(c.today.AddYears(-56)) {
			c.fail("trainee %d: born %s, outside the ages 21 to 56", t.ID, t.BirthDate)
		}
		if err := models.ValidatePhone("phone", t.Phone); err != nil || t.Phone == "" {
			c.fail("trainee %d: bad phone %q", t.ID, t.Phone)
		}
		if o, ok := phones[t.Phone]; ok {
			c.fail("trainees %d and %d share the phone %s", o, t.ID, t.Phone)
		}
		phones[t.Phone] = t.ID
	}
}

// timestamps checks that nothing was recorded after today (local time).
func (c *checker) timestamps() {
	end := stamp(c.today, 23, 59).Add(59 * time.Second)
	late := func(kind string, id int64, ts ...time.Time) {
		for _, t := range ts {
			if t.After(end) {
				c.fail("%s %d was recorded at %s, after today", kind, id, t.Format(time.RFC3339))
				return
			}
		}
	}
	for _, t := range c.ds.Trainees {
		late("trainee", t.ID, t.CreatedAt, t.UpdatedAt)
	}
	for _, x := range c.ds.Courses {
		late("course", x.ID, x.CreatedAt, x.UpdatedAt)
	}
	for _, e := range c.ds.Enrolments {
		late("enrolment", e.ID, e.EnrolledAt, e.UpdatedAt)
	}
	for i, a := range c.ds.Attendance {
		late("attendance", int64(i+1), a.RecordedAt)
	}
	for _, p := range c.ds.Placements {
		late("placement", p.ID, p.CreatedAt, p.UpdatedAt)
	}
	for _, m := range c.ds.Mentorships {
		late("mentorship", m.ID, m.CreatedAt, m.UpdatedAt)
	}
	for _, x := range c.ds.Contacts {
		late("contact", x.ID, x.CreatedAt)
	}
	for _, r := range c.ds.Returns {
		late("return", r.ID, r.CreatedAt, r.UpdatedAt)
	}
	for _, e := range c.ds.Elections {
		late("election", e.ID, e.CreatedAt, e.UpdatedAt)
	}
	for _, x := range c.ds.Certificates {
		late("certificate", x.ID, x.CreatedAt, x.UpdatedAt)
	}
}
