package demo

import (
	"math/rand/v2"
	"sort"

	"peiyang/models"
)

var grades = newWeighted([]models.Grade{models.GradeExcellent, models.GradeGood, models.GradePass, models.GradeFail},
	[]float64{30, 45, 20, 5})

// hasRoom reports whether the key village can host one more trainee on
// every day from start to end.
func (g *gen) hasRoom(v *models.Organisation, start, end models.Date) bool {
	load := g.villageLoad[v.ID]
	for d := g.day(start); d <= g.day(end); d++ {
		if int(load[d]) >= v.PlacementCapacity {
			return false
		}
	}
	return true
}

// villageFor returns a key village with room from start to end, the
// nearest to the trainee's home first: the home county, then the city,
// the province and the rest. nil when none has room.
func (g *gen) villageFor(r *rand.Rand, p *person, start, end models.Date) *models.Organisation {
	home := counties[p.county]
	for _, v := range shuffled(r, g.keyVillagesOf[p.county]) {
		if g.hasRoom(v, start, end) {
			return v
		}
	}
	for tier := 0; tier < 3; tier++ {
		for _, ci := range r.Perm(len(counties)) {
			c := counties[ci]
			near := [3]bool{c.city == home.city, c.province == home.province, true}[tier]
			if ci == p.county || !near {
				continue
			}
			for _, v := range g.keyVillagesOf[ci] {
				if g.hasRoom(v, start, end) {
					return v
				}
			}
		}
	}
	return nil
}

func hasActive(p *person) bool {
	for _, pl := range p.placements {
		if pl.Active() {
			return true
		}
	}
	return false
}

func hasPassed(p *person) bool {
	for _, pl := range p.placements {
		if pl.Grade.Passed() {
			return true
		}
	}
	return false
}

func busyDuring(p *person, span [2]models.Date) bool {
	for _, b := range p.busy {
		if overlaps(b, span) {
			return true
		}
	}
	return false
}

// place creates a placement at a key village with room, evaluated when it
// ended before today (a few recent ones are still waiting for their
// evaluation); nil when no village has room or the trainee would have two
// unevaluated placements.
func (g *gen) place(r *rand.Rand, p *person, start, end models.Date) *models.Placement {
	v := g.villageFor(r, p, start, end)
	if v == nil {
		return nil
	}
	pl := &models.Placement{TraineeID: p.t.ID, VillageID: v.ID, StartDate: start, EndDate: end, Supervisor: v.ContactPerson}
	if r.Float64() < 0.35 {
		pl.Supervisor = personName(r, genderOf(r, 0.7), "汉族")
	}
	pending := !end.Before(g.today) || (end.AddDays(30).After(g.today) && r.Float64() < 0.15)
	if pending && hasActive(p) {
		if !end.Before(g.today) {
			return nil
		}
		pending = false
	}
	pl.CreatedAt = stampR(r, minDate(g.today, start.AddDays(-1-r.IntN(10))))
	pl.UpdatedAt = pl.CreatedAt
	if !pending {
		pl.Grade = grades.pick(r)
		if p.noPlace && pl.Grade.Passed() {
			pl.Grade = models.GradeFail
		}
		pl.Comment = pickStr(r, placementComments[pl.Grade])
		pl.UpdatedAt = stampR(r, minDate(g.today, end.AddDays(1+r.IntN(2))))
	}
	load := g.villageLoad[v.ID]
	for d := g.day(start); d <= g.day(end); d++ {
		load[d]++
	}
	p.placements = append(p.placements, pl)
	p.busy = append(p.busy, [2]models.Date{start, end})
	g.ds.Placements = append(g.ds.Placements, pl)
	return pl
}

// coursePlacements places the trainees of the year's courses whose rule
// asks for a placement, in the weeks after the classes; a few do not go.
func (g *gen) coursePlacements(yi int) {
	r := g.rng(30 + uint64(yi))
	for _, cr := range g.byYear[yi] {
		if !cr.c.Rule.RequirePlacement || len(cr.holders) == 0 || cr.window[0].After(g.today) {
			continue
		}
		for _, p := range cr.holders {
			if p.noPlace || (!hasPassed(p) && r.Float64() < 0.04) {
				continue
			}
			start := cr.window[0].AddDays(r.IntN(3))
			end := start.AddDays(13 + r.IntN(max(1, start.DaysUntil(cr.window[1])-12)))
			g.place(r, p, start, end)
		}
	}
}

// laterPlacements sends some of those who completed one of the year's
// courses to a key village in the following weeks.
func (g *gen) laterPlacements(yi int) {
	r := g.rng(35 + uint64(yi))
	for _, cr := range g.byYear[yi] {
		for i, p := range cr.holders {
			if cr.places[i].Status != models.Completed || p.noPlace || r.Float64() > 0.42 {
				continue
			}
			start := cr.c.EndDate.AddDays(7 + r.IntN(70))
			end := start.AddDays(13 + r.IntN(30))
			if start.After(g.today.AddDays(30)) || busyDuring(p, [2]models.Date{start, end}) {
				continue
			}
			g.place(r, p, start, end)
		}
	}
}

// sortPlacements numbers the placements in order of their dates.
func (g *gen) sortPlacements() {
	ps := g.ds.Placements
	sort.SliceStable(ps, func(i, j int) bool {
		if !ps[i].StartDate.Equal(ps[j].StartDate) {
			return ps[i].StartDate.Before(ps[j].StartDate)
		}
		return ps[i].TraineeID < ps[j].TraineeID
	})
	for i, p := range ps {
		p.ID = int64(i + 1)
	}
}

var contactModes = newWeighted(models.ContactModes, []float64{15, 35, 15, 25, 10})

// mentorships pairs trainees who hold a place with a mentor, preferring
// one whose expertise covers the course's theme, never more than the
// mentor's maximum at once on any day; the pairs log their contacts.
func (g *gen) mentorships() {
	r := g.rng(40)
	target := g.scaled(2500, 0)
	var cands []*person
	for _, p := range g.people {
		if len(p.held) > 0 && !p.held[0].c.StartDate.After(g.today.AddDays(-20)) {
			cands = append(cands, p)
		}
	}
	cands = shuffled(r, cands)
	for _, p := range cands {
		if len(g.ds.Mentorships) >= target {
			break
		}
		first := p.held[0].c
		start := between(r, first.StartDate, g.today.AddDays(-10))
		end := start.AddDays(45 + r.IntN(120))
		if end.After(g.today) && r.Float64() < 0.35 {
			end = models.Date{}
		}
		var pref, rest []*models.Instructor
		for _, m := range g.mentors {
			if m.HasTheme(first.Theme) {
				pref = append(pref, m)
			} else {
				rest = append(rest, m)
			}
		}
		for _, m := range append(shuffled(r, pref), shuffled(r, rest)...) {
			if g.mentorFree(m, start, end) {
				g.mentor(r, p, m, start, end)
				break
			}
		}
	}
}

func (g *gen) mentorDays(start, end models.Date) (int, int) {
	last := g.span - 1
	if !end.IsZero() {
		last = g.day(end)
	}
	return g.day(start), last
}

func (g *gen) mentorFree(m *models.Instructor, start, end models.Date) bool {
	load := g.mentorLoad[m.ID]
	a, b := g.mentorDays(start, end)
	for d := a; d <= b; d++ {
		if int(load[d]) >= m.MaxMentees {
			return false
		}
	}
	return true
}

func (g *gen) mentor(r *rand.Rand, p *person, m *models.Instructor, start, end models.Date) {
	load := g.mentorLoad[m.ID]
	a, b := g.mentorDays(start, end)
	for d := a; d <= b; d++ {
		load[d]++
	}
	ms := &models.Mentorship{
		ID: int64(len(g.ds.Mentorships) + 1), MentorID: m.ID, TraineeID: p.t.ID, StartDate: start, EndDate: end,
		Goals: pickStr(r, mentorshipGoals), CreatedAt: stampR(r, start),
	}
	ms.UpdatedAt = ms.CreatedAt
	g.ds.Mentorships = append(g.ds.Mentorships, ms)
	p.mentor = ms
	last := g.today
	if !end.IsZero() && end.Before(last) {
		last = end
		ms.UpdatedAt = stampR(r, end)
	}
	n := 1 + start.DaysUntil(last)/40 + r.IntN(3)
	if n > 10 {
		n = 10
	}
	dates := make([]models.Date, n)
	for i := range dates {
		dates[i] = between(r, start, last)
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	for _, d := range dates {
		mode := contactModes.pick(r)
		c := &models.Contact{
			ID: int64(len(g.ds.Contacts) + 1), MentorshipID: ms.ID, Date: d, Mode: mode,
			Summary: pickStr(r, contactSummaries[mode]), CreatedAt: stamp(d, 18+r.IntN(4), r.IntN(60)),
		}
		g.ds.Contacts = append(g.ds.Contacts, c)
	}
}
