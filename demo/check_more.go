package demo

import (
	"sort"

	"peiyang/models"
)

// attendance checks that every trainee holding a place signed in (or not)
// exactly once for every session held by today, and that the completion
// decisions follow the course rules.
func (c *checker) attendance() {
	seen := map[[2]int64]*models.Attendance{}
	for _, a := range c.ds.Attendance {
		k := [2]int64{a.SessionID, a.TraineeID}
		if seen[k] != nil {
			c.fail("trainee %d signed in twice for session %d", a.TraineeID, a.SessionID)
		}
		seen[k] = a
		s := c.session[a.SessionID]
		if s == nil {
			c.fail("attendance for missing session %d", a.SessionID)
			continue
		}
		if s.Date.After(c.today) {
			c.fail("attendance for session %d, which has not happened", s.ID)
		}
		if e := c.enrolmentOf[[2]int64{s.CourseID, a.TraineeID}]; e == nil || !e.Status.HoldsPlace() {
			c.fail("attendance of trainee %d on course %d, where they hold no place", a.TraineeID, s.CourseID)
		}
	}
	for _, co := range c.ds.Courses {
		sessions := c.sessionsOf[co.ID]
		for _, e := range c.placesOf[co.ID] {
			hours, present, held := 0.0, 0, 0
			for _, s := range sessions {
				if s.Date.After(c.today) {
					continue
				}
				held++
				a := seen[[2]int64{s.ID, e.TraineeID}]
				if a == nil {
					c.fail("trainee %d has no attendance for session %d", e.TraineeID, s.ID)
					continue
				}
				if a.Status.Counts() {
					hours += s.Hours
					present++
				}
			}
			c.hours[[2]int64{co.ID, e.TraineeID}] = hours
			if co.Status != models.CourseFinished {
				continue
			}
			done, reason := decision(co, held, present, hours, e.Score, c.passed[e.TraineeID])
			if done != (e.Status == models.Completed) || reason != e.Reason {
				c.fail("enrolment %d is %s (%q) but the rule says %q", e.ID, e.Status, e.Reason, reason)
			}
		}
	}
}

func (c *checker) placements() {
	byVillage := map[int64][]*models.Placement{}
	byTrainee := map[int64][]*models.Placement{}
	for _, p := range c.ds.Placements {
		byVillage[p.VillageID] = append(byVillage[p.VillageID], p)
		byTrainee[p.TraineeID] = append(byTrainee[p.TraineeID], p)
		if !p.Active() && p.StartDate.After(c.today) {
			c.fail("placement %d is evaluated before it starts", p.ID)
		}
	}
	for vid, ps := range byVillage {
		v := c.orgs[vid]
		if v == nil {
			continue
		}
		for _, p := range ps {
			// the busiest day is the start of one of the placements
			load := 0
			for _, o := range ps {
				if !p.StartDate.Before(o.StartDate) && !o.EndDate.Before(p.StartDate) {
					load++
				}
			}
			if load > v.PlacementCapacity {
				c.fail("%s hosts %d trainees on %s, capacity %d", v.Name, load, p.StartDate, v.PlacementCapacity)
				break
			}
		}
	}
	for tid, ps := range byTrainee {
		active := 0
		for i, p := range ps {
			if p.Active() {
				active++
			}
			for _, o := range ps[i+1:] {
				if overlaps([2]models.Date{p.StartDate, p.EndDate}, [2]models.Date{o.StartDate, o.EndDate}) {
					c.fail("trainee %d has overlapping placements %d and %d", tid, p.ID, o.ID)
				}
			}
		}
		if active > 1 {
			c.fail("trainee %d has %d placements not yet evaluated", tid, active)
		}
	}
}

func (c *checker) mentorships() {
	byMentor := map[int64][]*models.Mentorship{}
	for _, m := range c.ds.Mentorships {
		byMentor[m.MentorID] = append(byMentor[m.MentorID], m)
		if m.StartDate.After(c.today) {
			c.fail("mentorship %d starts in the future", m.ID)
		}
	}
	for id, ms := range byMentor {
		in := c.instructor[id]
		if in == nil {
			continue
		}
		days := []models.Date{c.today}
		for _, m := range ms {
			days = append(days, m.StartDate)
		}
		for _, d := range days {
			n := 0
			for _, m := range ms {
				if m.ActiveOn(d) {
					n++
				}
			}
			if n > in.MaxMentees {
				c.fail("mentor %d mentors %d trainees on %s, at most %d", id, n, d, in.MaxMentees)
				break
			}
		}
		for i, m := range ms {
			for _, o := range ms[i+1:] {
				if m.TraineeID == o.TraineeID && (o.ActiveOn(m.StartDate) || m.ActiveOn(o.StartDate)) {
					c.fail("mentor %d mentors trainee %d twice at once", id, m.TraineeID)
				}
			}
		}
	}
	for _, ct := range c.ds.Contacts {
		m := c.mentorship[ct.MentorshipID]
		if m == nil {
			continue
		}
		if ct.Date.Before(m.StartDate) || ct.Date.After(c.today) || (!m.EndDate.IsZero() && ct.Date.After(m.EndDate)) {
			c.fail("contact %d on %s lies outside mentorship %d", ct.ID, ct.Date, m.ID)
		}
	}
}

func (c *checker) returns() {
	for _, r := range c.ds.Returns {
		t, v := c.trainee[r.TraineeID], c.orgs[r.VillageID]
		if t != nil && v != nil && v.Region.Code != t.HomeRegion.Code {
			c.fail("return %d: %s is not in trainee %d's home county %s", r.ID, v.Name, t.ID, t.HomeRegion.Code)
		}
	}
	for _, e := range c.ds.Elections {
		r := c.ret[e.ReturnID]
		if r == nil {
			continue
		}
		if e.Date.Before(r.ReturnDate) || e.Date.After(c.today) {
			c.fail("election %d on %s is before the return on %s or after today", e.ID, e.Date, r.ReturnDate)
		}
		v := c.orgs[r.VillageID]
		if v == nil {
			continue
		}
		party, people := models.CommitteeVillageParty, models.CommitteeVillagers
		if v.Kind == models.OrgCommunity {
			party, people = models.CommitteeCommunityParty, models.CommitteeResidents
		}
		if e.Committee != party && e.Committee != people {
			c.fail("election %d: %s has no %s", e.ID, v.Name, e.Committee)
		}
		if e.Post == models.PostBoth && e.Committee != party {
			c.fail("election %d: secretary and chair recorded on %s", e.ID, e.Committee)
		}
	}
}

func (c *checker) certificates() {
	bySerial := map[string]*models.Certificate{}
	seqs := map[int][]int{}
	valid := map[[2]int64]int{}
	for _, ce := range c.ds.Certificates {
		if bySerial[ce.Serial] != nil {
			c.fail("certificate serial %s is used twice", ce.Serial)
		}
		bySerial[ce.Serial] = ce
		seqs[ce.Year] = append(seqs[ce.Year], ce.Seq)
		if want := demoSerial(ce.Year, ce.Seq); ce.Serial != want {
			c.fail("certificate %d: serial %s, want %s", ce.ID, ce.Serial, want)
		}
		if ce.Year != ce.IssuedOn.Year() || ce.IssuedOn.After(c.today) {
			c.fail("certificate %s issued on %s", ce.Serial, ce.IssuedOn)
		}
		co := c.course[ce.CourseID]
		e := c.enrolmentOf[[2]int64{ce.CourseID, ce.TraineeID}]
		if co == nil || co.Status != models.CourseFinished || e == nil || e.Status != models.Completed {
			c.fail("certificate %s is for trainee %d, who did not complete course %d", ce.Serial, ce.TraineeID, ce.CourseID)
		}
		if h := c.hours[[2]int64{ce.CourseID, ce.TraineeID}]; h != ce.Hours {
			c.fail("certificate %s shows %v class hours, the trainee earned %v", ce.Serial, ce.Hours, h)
		}
		if ce.Status == models.CertValid {
			valid[[2]int64{ce.CourseID, ce.TraineeID}]++
		}
	}
	for y, s := range seqs {
		sort.Ints(s)
		for i, n := range s {
			if n != i+1 {
				c.fail("certificate serials of %d are not 1..n: %d at place %d", y, n, i+1)
				break
			}
		}
	}
	for _, ce := range c.ds.Certificates {
		if ce.Status == models.CertReplaced {
			re := bySerial[ce.ReplacedBy]
			if re == nil || re.Replaces != ce.Serial || re.TraineeID != ce.TraineeID || re.CourseID != ce.CourseID || re.Seq <= ce.Seq && re.Year == ce.Year {
				c.fail("certificate %s: its reissue %s does not point back", ce.Serial, ce.ReplacedBy)
			}
		}
		if ce.Replaces != "" {
			if old := bySerial[ce.Replaces]; old == nil || old.Status != models.CertReplaced || old.ReplacedBy != ce.Serial {
				c.fail("certificate %s replaces %s, which is not replaced by it", ce.Serial, ce.Replaces)
			}
		}
	}
	for _, e := range c.ds.Enrolments {
		if e.Status == models.Completed {
			if n := valid[[2]int64{e.CourseID, e.TraineeID}]; n != 1 {
				c.fail("trainee %d holds %d valid certificates for course %d", e.TraineeID, n, e.CourseID)
			}
		}
	}
}
