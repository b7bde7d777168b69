package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"peiyang/models"
	"peiyang/training"
)

// enrol gives the key targets places on the year's courses: each trainee
// holds or waits for at most one place a year, so no trainee is due at two
// sessions at once (the courses of a year end before the next year's
// begin). Full courses keep a waiting list; a few trainees withdraw.
func (g *gen) enrol(yi int) {
	r := g.rng(10 + uint64(yi))
	y := g.years[yi]
	pools := make([][]*person, len(programmeDefs))
	var all []*person
	for gi := range pools {
		var cur, old []*person
		for _, p := range g.people {
			if p.group != gi || p.cohortYear == 0 || p.cohortYear > y {
				continue
			}
			if p.cohortYear == y {
				cur = append(cur, p)
			} else {
				old = append(old, p)
			}
		}
		pools[gi] = append(shuffled(r, cur), shuffled(r, old)...)
		all = append(all, pools[gi]...)
	}
	all = shuffled(r, all)
	// Trainees busy with a placement during a course are kept for a
	// later one.
	pos, apos := make([]int, len(pools)), 0
	deferred := make([][]*person, len(pools))
	next := func(gi int, span [2]models.Date) *person {
		for i, p := range deferred[gi] {
			if !p.yearUsed[yi] && !busyDuring(p, span) {
				deferred[gi] = append(deferred[gi][:i:i], deferred[gi][i+1:]...)
				p.yearUsed[yi] = true
				return p
			}
		}
		for pos[gi] < len(pools[gi]) {
			p := pools[gi][pos[gi]]
			pos[gi]++
			if p.yearUsed[yi] {
				continue
			}
			if busyDuring(p, span) {
				deferred[gi] = append(deferred[gi], p)
				continue
			}
			p.yearUsed[yi] = true
			return p
		}
		for apos < len(all) {
			p := all[apos]
			apos++
			if !p.yearUsed[yi] && !busyDuring(p, span) {
				p.yearUsed[yi] = true
				return p
			}
		}
		return nil
	}
	for _, cr := range g.byYear[yi] {
		c := cr.c
		if c.Status == models.CourseCancelled || c.Status == models.CoursePlanned {
			continue
		}
		fullShare := 0.12
		if c.Status != models.CourseFinished {
			fullShare = 0.45
		}
		span := [2]models.Date{c.StartDate, c.EndDate}
		full := r.Float64() < fullShare
		want := c.Capacity
		if !full {
			want = 30 + r.IntN(min(c.Capacity, 80)-30+1)
		}
		withdrawn, waiting := 0, 0
		if r.Float64() < 0.3 {
			withdrawn = 1 + r.IntN(3)
		}
		if full {
			waiting = 1 + r.IntN(8)
		}
		closeDay := minDate(c.StartDate.AddDays(-3), g.today)
		openDay := minDate(c.StartDate.AddDays(-45), closeDay.AddDays(-10))
		total := want + withdrawn + waiting
		k := 0
		at := func() time.Time {
			d := openDay.AddDays(k * openDay.DaysUntil(closeDay) / total)
			k++
			return stamp(d, 8+r.IntN(12), r.IntN(60))
		}
		for i := 0; i < want; i++ {
			p := next(cr.group, span)
			if p == nil {
				break
			}
			e := g.addEnrolment(c, p, models.Enrolled, 0, at())
			cr.holders = append(cr.holders, p)
			cr.places = append(cr.places, e)
			p.held = append(p.held, cr)
			p.busy = append(p.busy, [2]models.Date{c.StartDate, c.EndDate})
		}
		for i := 0; i < withdrawn; i++ {
			if p := next(cr.group, span); p != nil {
				e := g.addEnrolment(c, p, models.Withdrawn, 0, at())
				e.UpdatedAt = e.EnrolledAt.Add(time.Duration(24+r.IntN(240)) * time.Hour)
				if end := stamp(g.today, 18, 0); e.UpdatedAt.After(end) {
					e.UpdatedAt = end
				}
			}
		}
		if len(cr.holders) < c.Capacity {
			continue // the waiting list exists only when every place is taken
		}
		for i := 1; i <= waiting; i++ {
			if p := next(cr.group, span); p != nil {
				g.addEnrolment(c, p, models.Waitlisted, i, at())
			}
		}
	}
}

func (g *gen) addEnrolment(c *models.Course, p *person, st models.EnrolmentStatus, wait int, at time.Time) *models.Enrolment {
	e := &models.Enrolment{
		ID: int64(len(g.ds.Enrolments) + 1), CourseID: c.ID, TraineeID: p.t.ID, Status: st,
		WaitPosition: wait, EnrolledAt: at, UpdatedAt: at,
	}
	g.ds.Enrolments = append(g.ds.Enrolments, e)
	return e
}

// attendance records the sign-ins of every session held by today for
// every trainee holding a place, then the scores and completion decisions
// of the finished courses.
func (g *gen) attendance(yi int) {
	r := g.rng(20 + uint64(yi))
	for _, cr := range g.byYear[yi] {
		miss := make([]float64, len(cr.holders))
		for i := range miss {
			switch x := r.Float64(); {
			case x < 0.78:
				miss[i] = r.Float64() * 0.06
			case x < 0.93:
				miss[i] = 0.06 + r.Float64()*0.14
			default:
				miss[i] = 0.2 + r.Float64()*0.3
			}
		}
		from := len(g.ds.Attendance)
		for _, s := range cr.sessions {
			if s.Date.After(g.today) {
				break
			}
			for hi, p := range cr.holders {
				a := &models.Attendance{SessionID: s.ID, TraineeID: p.t.ID, Status: models.Present}
				m := int(s.Start) - 5 - r.IntN(15)
				switch u := r.Float64(); {
				case u < miss[hi]:
					a.Status = models.Absent
					if r.Float64() < 0.55 {
						a.Status = models.Excused
					}
					m = int(s.End) + 10 + r.IntN(30)
				case u > 0.95:
					a.Status = models.Late
					m = int(s.Start) + 5 + r.IntN(30)
				}
				a.RecordedAt = stamp(s.Date, m/60, m%60)
				g.ds.Attendance = append(g.ds.Attendance, a)
			}
		}
		if cr.c.Status == models.CourseFinished {
			g.decide(r, cr, miss, g.ds.Attendance[from:])
		}
	}
}

// decide records the scores and completion decisions of a finished course,
// by the rule the training package applies.
func (g *gen) decide(r *rand.Rand, cr *course, miss []float64, att []*models.Attendance) {
	c := cr.c
	hoursOf := map[int64]float64{}
	for _, s := range cr.sessions {
		hoursOf[s.ID] = s.Hours
	}
	hours, present := map[int64]float64{}, map[int64]int{}
	for _, a := range att {
		if a.Status.Counts() {
			hours[a.TraineeID] += hoursOf[a.SessionID]
			present[a.TraineeID]++
		}
	}
	for i, p := range cr.holders {
		e := cr.places[i]
		if c.Rule.PassScore > 0 && r.Float64() > 0.01 {
			mean, sd := 82.0, 8.0
			if r.Float64() < 0.03 {
				mean = 52
			}
			v := math.Round((mean+sd*r.NormFloat64()-25*miss[i])*2) / 2
			v = math.Max(0, math.Min(100, v))
			e.Score = &v
		}
		passed := false
		for _, pl := range p.placements {
			passed = passed || pl.Grade.Passed()
		}
		if c.Rule.RequirePlacement && !passed {
			p.noPlace = true
		}
		cr.hours = append(cr.hours, hours[p.t.ID])
		done, summary := decision(c, len(cr.sessions), present[p.t.ID], hours[p.t.ID], e.Score, passed)
		e.Status, e.Reason = models.NotCompleted, summary
		if done {
			e.Status = models.Completed
			p.completed = append(p.completed, cr)
		}
		e.UpdatedAt = stampR(r, minDate(g.today, c.EndDate.AddDays(1)))
	}
}

// decision applies the completion rule with the training package's Judge
// and returns its verdict and summary, the text the rules record as the
// reason.
func decision(c *models.Course, held, present int, hours float64, score *float64, placementPassed bool) (bool, string) {
	d := training.Judge(c.Rule, training.Decision{Hours: hours, SessionsHeld: held, SessionsPresent: present,
		Score: score, PlacementPassed: placementPassed})
	return d.Completed, d.Summary
}
