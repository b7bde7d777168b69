package demo

import (
	"sort"
	"strings"

	"peiyang/models"
)

// overlapping reports the first pair of sessions in the list that share a
// minute of the same day, nil when none do.
func overlapping(ss []*models.Session, skipSameCourse bool) []*models.Session {
	sort.Slice(ss, func(i, j int) bool {
		if !ss[i].Date.Equal(ss[j].Date) {
			return ss[i].Date.Before(ss[j].Date)
		}
		return ss[i].Start < ss[j].Start
	})
	for i := range ss {
		for j := i + 1; j < len(ss) && ss[j].Date.Equal(ss[i].Date) && ss[j].Start < ss[i].End; j++ {
			if !skipSameCourse || ss[i].CourseID != ss[j].CourseID {
				return []*models.Session{ss[i], ss[j]}
			}
		}
	}
	return nil
}

func (c *checker) sessions() {
	byVenue := map[string][]*models.Session{}
	byInstructor := map[int64][]*models.Session{}
	for _, s := range c.ds.Sessions {
		co := c.course[s.CourseID]
		if co == nil {
			continue
		}
		if s.Date.Before(co.StartDate) || s.Date.After(co.EndDate) {
			c.fail("session %d on %s lies outside course %d's dates", s.ID, s.Date, co.ID)
		}
		if s.Hours < 2 || s.Hours > 4 {
			c.fail("session %d: %v class hours", s.ID, s.Hours)
		}
		v := strings.ToLower(s.Venue)
		if v == "" {
			v = strings.ToLower(co.Venue)
		}
		byVenue[v] = append(byVenue[v], s)
		if s.InstructorID != 0 {
			byInstructor[s.InstructorID] = append(byInstructor[s.InstructorID], s)
		}
	}
	for _, co := range c.ds.Courses {
		if n := len(c.sessionsOf[co.ID]); n < minSessions || n > 40 {
			c.fail("course %d has %d sessions", co.ID, n)
		}
	}
	for v, ss := range byVenue {
		if p := overlapping(ss, false); p != nil {
			c.fail("sessions %d and %d share the venue %s at once", p[0].ID, p[1].ID, v)
		}
	}
	for id, ss := range byInstructor {
		if p := overlapping(ss, false); p != nil {
			c.fail("sessions %d and %d share instructor %d at once", p[0].ID, p[1].ID, id)
		}
	}
	// trainees: every course they hold or wait for a place on
	coursesOf := map[int64][]int64{}
	for _, e := range c.ds.Enrolments {
		if e.Status.HoldsPlace() || e.Status == models.Waitlisted {
			coursesOf[e.TraineeID] = append(coursesOf[e.TraineeID], e.CourseID)
		}
	}
	for tid, cs := range coursesOf {
		if len(cs) < 2 {
			continue
		}
		var ss []*models.Session
		for _, id := range cs {
			ss = append(ss, c.sessionsOf[id]...)
		}
		if p := overlapping(ss, true); p != nil {
			c.fail("trainee %d is due at sessions %d and %d at once", tid, p[0].ID, p[1].ID)
		}
	}
	// every cohort year has a course of every theme
	themes := map[int]map[models.Theme]bool{}
	for _, co := range c.ds.Courses {
		if ch := c.cohort[co.CohortID]; ch != nil {
			if themes[ch.Year] == nil {
				themes[ch.Year] = map[models.Theme]bool{}
			}
			themes[ch.Year][co.Theme] = true
		}
	}
	for y, ts := range themes {
		if len(ts) != len(models.Themes) {
			c.fail("the cohort year %d has courses of %d themes only", y, len(ts))
		}
	}
}

func (c *checker) enrolments() {
	waiting := map[int64][]int{}
	for _, e := range c.ds.Enrolments {
		if e.Status == models.Waitlisted {
			waiting[e.CourseID] = append(waiting[e.CourseID], e.WaitPosition)
		}
	}
	for _, co := range c.ds.Courses {
		places := c.placesOf[co.ID]
		if len(places) > co.Capacity {
			c.fail("course %d: %d places taken, capacity %d", co.ID, len(places), co.Capacity)
		}
		if w := waiting[co.ID]; len(w) > 0 {
			if len(places) < co.Capacity {
				c.fail("course %d has a waiting list but free places", co.ID)
			}
			sort.Ints(w)
			for i, pos := range w {
				if pos != i+1 {
					c.fail("course %d: waiting list positions %v are not 1..n", co.ID, w)
					break
				}
			}
		}
		if co.Status == models.CourseCancelled && len(places) > 0 {
			c.fail("cancelled course %d has trainees holding places", co.ID)
		}
		for _, e := range places {
			decided := e.Status == models.Completed || e.Status == models.NotCompleted
			if decided != (co.Status == models.CourseFinished) {
				c.fail("enrolment %d is %s on a %s course", e.ID, e.Status, co.Status)
			}
		}
		switch want := statusByDates(co, c.today); {
		case co.Status == models.CourseCancelled:
		case co.Status != want:
			c.fail("course %d is %s but its dates say %s", co.ID, co.Status, want)
		}
	}
}

// statusByDates is the status a course's dates give on today.
func statusByDates(co *models.Course, today models.Date) models.CourseStatus {
	switch {
	case co.EndDate.Before(today):
		return models.CourseFinished
	case !co.StartDate.After(today):
		return models.CourseRunning
	case !co.StartDate.After(today.AddDays(21)):
		return models.CourseOpen
	}
	return models.CoursePlanned
}
