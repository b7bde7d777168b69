package demo

import (
	"strings"
	"testing"

	"peiyang/models"
)

// held returns the trainee's place-holding enrolments.
func held(ds *models.Dataset, traineeID int64) []*models.Enrolment {
	var out []*models.Enrolment
	for _, e := range ds.Enrolments {
		if e.TraineeID == traineeID && e.Status.HoldsPlace() {
			out = append(out, e)
		}
	}
	return out
}

func sessionOf(ds *models.Dataset, courseID int64) *models.Session {
	for _, s := range ds.Sessions {
		if s.CourseID == courseID {
			return s
		}
	}
	return nil
}

// TestCheckCatches breaks one invariant at a time and expects Check to
// say so.
func TestCheckCatches(t *testing.T) {
	cases := []struct {
		name, want string
		break_     func(ds *models.Dataset) bool
	}{
		{"venue double booked", "share the venue", func(ds *models.Dataset) bool {
			a, b := ds.Sessions[0], ds.Sessions[len(ds.Sessions)-1]
			b.Date, b.Start, b.End, b.Venue = a.Date, a.Start+30, a.End+30, a.Venue
			return true
		}},
		{"instructor double booked", "share instructor", func(ds *models.Dataset) bool {
			a, b := ds.Sessions[0], ds.Sessions[len(ds.Sessions)-1]
			b.Date, b.Start, b.End, b.Venue, b.InstructorID = a.Date, a.Start, a.End, "另一间教室", a.InstructorID
			return true
		}},
		{"trainee double booked", "is due at sessions", func(ds *models.Dataset) bool {
			for _, tr := range ds.Trainees {
				if es := held(ds, tr.ID); len(es) >= 2 {
					a, b := sessionOf(ds, es[0].CourseID), sessionOf(ds, es[1].CourseID)
					b.Date, b.Start, b.End, b.Venue, b.InstructorID = a.Date, a.Start, a.End, "另一间教室", 0
					return true
				}
			}
			return false
		}},
		{"bad check character", "check character", func(ds *models.Dataset) bool {
			tr := ds.Trainees[5]
			c := byte('0')
			if tr.IDNumber[17] == '0' {
				c = '1'
			}
			tr.IDNumber = tr.IDNumber[:17] + string(c)
			return true
		}},
		{"shared ID number", "share the ID number", func(ds *models.Dataset) bool {
			a, b := ds.Trainees[0], ds.Trainees[1]
			b.IDNumber, b.BirthDate, b.Gender = a.IDNumber, a.BirthDate, a.Gender
			return true
		}},
		{"shared phone", "share the phone", func(ds *models.Dataset) bool {
			ds.Trainees[3].Phone = ds.Trainees[2].Phone
			return true
		}},
		{"waiting list gap", "waiting list positions", func(ds *models.Dataset) bool {
			for _, e := range ds.Enrolments {
				if e.Status == models.Waitlisted {
					e.WaitPosition += 5
					return true
				}
			}
			return false
		}},
		{"over capacity", "places taken", func(ds *models.Dataset) bool {
			for _, e := range ds.Enrolments {
				if e.Status.HoldsPlace() {
					c := ds.Courses[e.CourseID-1]
					c.Capacity = len(heldOn(ds, c.ID)) - 1
					return true
				}
			}
			return false
		}},
		{"missing attendance", "has no attendance", func(ds *models.Dataset) bool {
			ds.Attendance = append(ds.Attendance[:10:10], ds.Attendance[11:]...)
			return true
		}},
		{"wrong completion", "the rule says", func(ds *models.Dataset) bool {
			for _, e := range ds.Enrolments {
				if e.Status == models.Completed {
					e.Status = models.NotCompleted
					return true
				}
			}
			return false
		}},
		{"village over capacity", "hosts", func(ds *models.Dataset) bool {
			p := ds.Placements[0]
			v := ds.Organisations[p.VillageID-1]
			for i := 0; i <= v.PlacementCapacity; i++ {
				q := *p
				q.ID, q.TraineeID = int64(len(ds.Placements)+1), int64(100+i)
				ds.Placements = append(ds.Placements, &q)
			}
			return true
		}},
		{"two placements pending", "not yet evaluated", func(ds *models.Dataset) bool {
			seen := map[int64]*models.Placement{}
			for _, p := range ds.Placements {
				if o := seen[p.TraineeID]; o != nil {
					o.Grade, p.Grade = models.GradeNone, models.GradeNone
					return true
				}
				seen[p.TraineeID] = p
			}
			return false
		}},
		{"mentor over maximum", "mentors", func(ds *models.Dataset) bool {
			m := ds.Mentorships[0]
			max := 0
			for _, in := range ds.Instructors {
				if in.ID == m.MentorID {
					max = in.MaxMentees
				}
			}
			for i := 0; i <= max; i++ {
				q := *m
				q.ID, q.TraineeID = int64(len(ds.Mentorships)+1), int64(200+i)
				ds.Mentorships = append(ds.Mentorships, &q)
			}
			return true
		}},
		{"certificate serial gap", "are not 1..n", func(ds *models.Dataset) bool {
			c := ds.Certificates[0]
			c.Seq += 1000
			c.Serial = "〔" + itoa(c.Year) + "〕第" + itoa(c.Seq) + "号"
			return true
		}},
		{"certificate serial reused", "used twice", func(ds *models.Dataset) bool {
			ds.Certificates[1].Serial = ds.Certificates[0].Serial
			return true
		}},
		{"committee of another kind", "has no", func(ds *models.Dataset) bool {
			for _, e := range ds.Elections {
				if e.Committee == models.CommitteeVillagers {
					e.Committee = models.CommitteeResidents
					return true
				}
			}
			return false
		}},
		{"return to another county", "is not in trainee", func(ds *models.Dataset) bool {
			r := ds.Returns[0]
			home := ds.Organisations[r.VillageID-1].Region.Code
			for _, o := range ds.Organisations {
				if o.Kind.IsVillage() && o.Region.Code != home {
					r.VillageID = o.ID
					return true
				}
			}
			return false
		}},
		{"election before return", "is before the return", func(ds *models.Dataset) bool {
			e := ds.Elections[0]
			for _, r := range ds.Returns {
				if r.ID == e.ReturnID {
					e.Date = r.ReturnDate.AddDays(-1)
				}
			}
			return true
		}},
		{"missing instructor", "does not exist", func(ds *models.Dataset) bool {
			ds.Sessions[3].InstructorID = 99999
			return true
		}},
		{"IDs out of order", "has ID", func(ds *models.Dataset) bool {
			ds.Trainees[0].ID, ds.Trainees[1].ID = 2, 1
			return true
		}},
		{"recorded in the future", "after today", func(ds *models.Dataset) bool {
			ds.Enrolments[0].UpdatedAt = DefaultToday().AddDays(2).Time()
			return true
		}},
		{"session outside its course", "outside course", func(ds *models.Dataset) bool {
			ds.Sessions[0].Date = ds.Sessions[0].Date.AddDays(-400)
			return true
		}},
		{"election on a committee the village lacks", "has no", func(ds *models.Dataset) bool {
			for _, e := range ds.Elections {
				if e.Committee == models.CommitteeCommunityParty {
					e.Committee = models.CommitteeVillageParty
					return true
				}
			}
			return false
		}},
		{"certificate for a trainee who did not complete", "did not complete", func(ds *models.Dataset) bool {
			for _, e := range ds.Enrolments {
				if e.Status == models.NotCompleted {
					ds.Certificates[0].TraineeID, ds.Certificates[0].CourseID = e.TraineeID, e.CourseID
					return true
				}
			}
			return false
		}},
		{"invalid record", "course", func(ds *models.Dataset) bool {
			ds.Courses[0].Capacity = 0
			return true
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ds := generate(t, Options{Trainees: 3000, Seed: 21})
			if !tc.break_(ds) {
				t.Fatal("the data has nothing to break")
			}
			err := Check(ds, DefaultToday())
			if err == nil {
				t.Fatal("Check found nothing wrong")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Check said %v, want a problem mentioning %q", err, tc.want)
			}
		})
	}
}

func heldOn(ds *models.Dataset, courseID int64) []*models.Enrolment {
	var out []*models.Enrolment
	for _, e := range ds.Enrolments {
		if e.CourseID == courseID && e.Status.HoldsPlace() {
			out = append(out, e)
		}
	}
	return out
}

func TestIDNumbersAndPhones(t *testing.T) {
	g := newGen(Options{Trainees: 10, Seed: 1, Today: DefaultToday()})
	r := g.rng(99)
	birth := models.MustDate("1990-02-28")
	for i := 0; i < 1000; i++ {
		gender := models.Male
		if i%2 == 1 {
			gender = models.Female
		}
		id, ok := g.idNumber(r, "510623", birth, gender)
		if !ok {
			t.Fatalf("no ID number left after %d", i)
		}
		info, err := models.ParseIDNumber(id, DefaultToday())
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if info.Gender != gender || !info.BirthDate.Equal(birth) || info.RegionCode != "510623" {
			t.Fatalf("%s encodes %+v", id, info)
		}
		p := g.mobile(r)
		if err := models.ValidatePhone("phone", p); err != nil || len(p) != 11 {
			t.Fatalf("phone %q: %v", p, err)
		}
	}
	if len(g.idNumbers) != 1000 {
		t.Fatalf("%d distinct ID numbers of 1000", len(g.idNumbers))
	}
	// all 500 numbers of each gender are taken now
	if id, ok := g.idNumber(r, "510623", birth, models.Male); ok {
		t.Fatalf("got %s from an exhausted birth date", id)
	}
}

func TestNames(t *testing.T) {
	g := newGen(Options{Trainees: 10, Seed: 1, Today: DefaultToday()})
	r := g.rng(98)
	for i := 0; i < 200; i++ {
		if n := personName(r, models.Female, "维吾尔族"); !strings.Contains(n, "·") {
			t.Fatalf("Uyghur name %q without ·", n)
		}
		n := personName(r, models.Male, "汉族")
		if l := len([]rune(n)); l < 2 || l > 4 {
			t.Fatalf("Han name %q of %d characters", n, l)
		}
	}
}
