package demo

import (
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"peiyang/holidays"
	"peiyang/models"
)

// course is what the generator keeps of a course.
type course struct {
	c        *models.Course
	sessions []*models.Session
	group    int
	yi       int            // index of its year in g.years
	window   [2]models.Date // the placement weeks after the classes, when the rule asks for one
	holders  []*person
	places   []*models.Enrolment // the holders' enrolments, at the same index
	hours    []float64           // the holders' class hours earned, at the same index
}

// slot is a class time; each part of the day has an alternative used when
// a room or instructor is taken.
type slot struct {
	start, end models.Clock
	hours      float64
}

var (
	slotsAM = []slot{{models.NewClock(9, 0), models.NewClock(11, 30), 3}, {models.NewClock(8, 30), models.NewClock(11, 0), 3}}
	slotsPM = []slot{{models.NewClock(14, 0), models.NewClock(17, 0), 4}, {models.NewClock(14, 30), models.NewClock(17, 0), 3}}
	slotsEV = []slot{{models.NewClock(19, 0), models.NewClock(21, 0), 2}, {models.NewClock(19, 30), models.NewClock(21, 30), 2}}
)

// pattern is a course's rhythm: on which weekdays it meets and when.
type pattern struct {
	days   []time.Weekday
	parts  [][]slot
	minN   int
	maxN   int
	perWk  int // sessions a week
	weight float64
}

var patterns = []pattern{
	{days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, parts: [][]slot{slotsAM, slotsPM}, minN: 10, maxN: 36, perWk: 10, weight: 0.25},
	{days: []time.Weekday{time.Saturday, time.Sunday}, parts: [][]slot{slotsAM, slotsPM}, minN: 8, maxN: 32, perWk: 4, weight: 0.35},
	{days: []time.Weekday{time.Tuesday, time.Thursday}, parts: [][]slot{slotsEV}, minN: 5, maxN: 24, perWk: 2, weight: 0.25},
	{days: []time.Weekday{time.Saturday}, parts: [][]slot{slotsAM}, minN: 5, maxN: 16, perWk: 1, weight: 0.15},
}

// scheduler books rooms and instructors so that no two sessions that
// share a minute share either.
type scheduler struct {
	venues map[bookKey][]slot
	instr  map[bookKey][]slot
}

type bookKey struct {
	who string
	id  int64
	day int
}

func free(m map[bookKey][]slot, k bookKey, s slot) bool {
	for _, b := range m[k] {
		if s.start < b.end && b.start < s.end {
			return false
		}
	}
	return true
}

// minSessions is the fewest sessions a course has.
const minSessions = 5

// plan is a course before it is scheduled.
type plan struct {
	theme   models.Theme
	group   int
	pat     int
	n       int
	start   models.Date
	require bool
}

func (g *gen) courses() {
	r := g.rng(5)
	sc := &scheduler{venues: map[bookKey][]slot{}, instr: map[bookKey][]slot{}}
	base := []float64{36, 48, 56}
	patIdx := []int{0, 1, 2, 3}
	patW := []float64{patterns[0].weight, patterns[1].weight, patterns[2].weight, patterns[3].weight}
	pickPat := newWeighted(patIdx, patW)
	pickTheme := newWeighted(models.Themes, []float64{25, 25, 20, 20, 10})
	g.byYear = make([][]*course, len(g.years))
	for yi, y := range g.years {
		n := g.scaled(base[yi], len(models.Themes))
		groups := g.allocateGroups(yi, n)
		themes := append([]models.Theme(nil), models.Themes...)
		for len(themes) < n {
			themes = append(themes, pickTheme.pick(r))
		}
		themes = shuffled(r, themes)
		var plans []*plan
		for i := 0; i < n; i++ {
			p := &plan{theme: themes[i], group: groups[i], pat: pickPat.pick(r)}
			switch p.theme {
			case models.ThemeRural, models.ThemeGovernance:
				p.require = r.Float64() < 0.35
			case models.ThemeIndustry:
				p.require = r.Float64() < 0.15
			}
			pt := patterns[p.pat]
			p.n = pt.minN + r.IntN(pt.maxN-pt.minN+1)
			span := (p.n+pt.perWk-1)/pt.perWk*7 + 14
			if p.require {
				span += 40
			}
			first, last := models.NewDate(y, time.March, 1), models.NewDate(y, time.December, 24).AddDays(-span)
			if y == g.today.Year() && r.Float64() < 0.12 && g.today.AddDays(2).Before(models.NewDate(y, time.December, 28)) {
				// an upcoming course, open for enrolment or still planned
				first, last = g.today.AddDays(2), models.NewDate(y, time.December, 28)
				p.pat = 3 - r.IntN(2)*3 // weekly or intensive
				pt = patterns[p.pat]
				p.n = pt.minN + r.IntN(8)
			}
			p.start = between(r, first, last)
			plans = append(plans, p)
		}
		sort.SliceStable(plans, func(i, j int) bool { return plans[i].start.Before(plans[j].start) })
		runs := map[string]int{}
		for _, p := range plans {
			c := g.scheduleCourse(r, sc, yi, p, runs)
			g.byYear[yi] = append(g.byYear[yi], c)
			g.crs = append(g.crs, c)
		}
		g.cancelOne(r, yi)
	}
}

// allocateGroups spreads a year's n courses over the programmes in
// proportion to the key targets each can send, current cohorts first.
func (g *gen) allocateGroups(yi, n int) []int {
	w := make([]float64, len(programmeDefs))
	for _, p := range g.people {
		if p.cohortYear == 0 || p.cohortYear > g.years[yi] {
			continue
		}
		if p.cohortYear == g.years[yi] {
			w[p.group]++
		} else {
			w[p.group] += 0.4
		}
	}
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	if sum == 0 {
		for i := range w {
			w[i] = 1
		}
		sum = float64(len(w))
	}
	counts := make([]int, len(w))
	type rem struct {
		i int
		f float64
	}
	var rems []rem
	given := 0
	for i, x := range w {
		exact := x / sum * float64(n)
		counts[i] = int(exact)
		given += counts[i]
		rems = append(rems, rem{i, exact - float64(counts[i])})
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].f > rems[b].f })
	for k := 0; given < n; k++ {
		counts[rems[k%len(rems)].i]++
		given++
	}
	var out []int
	for i, c := range counts {
		for k := 0; k < c; k++ {
			out = append(out, i)
		}
	}
	return out
}

// scheduleCourse creates the course and books its sessions.
func (g *gen) scheduleCourse(r *rand.Rand, sc *scheduler, yi int, p *plan, runs map[string]int) *course {
	y := g.years[yi]
	titles := courseTitles[p.theme]
	base := titles[r.IntN(len(titles))]
	runs[base]++
	rooms := groupRooms[p.group]
	venue := classrooms[rooms[r.IntN(len(rooms))]]
	switch {
	case p.pat == 2 && r.Float64() < 0.5:
		venue = classrooms[14+r.IntN(2)] // evenings near the riders' service posts
	case r.Float64() < 0.5:
		venue = classrooms[r.IntN(14)]
	}
	c := &models.Course{
		ID: int64(len(g.crs) + 1), Theme: p.theme, CohortID: g.cohortOf[p.group][yi],
		Title: itoa(y) + "年" + base + runLabel(runs[base]), Venue: venue, Capacity: 30 + 5*r.IntN(11),
	}
	cr := &course{c: c, group: p.group, yi: yi}
	pt := patterns[p.pat]
	theme := g.byTheme[p.theme]
	core := shuffled(r, theme)
	if len(core) > 3+r.IntN(4) {
		core = core[:3+r.IntN(4)]
	}
	topics := sessionTopics[p.theme]
	toff := r.IntN(len(topics))
	limit := models.NewDate(y, time.December, 31)
	if y == g.today.Year() {
		limit = limit.AddDays(120)
	}
	if p.require {
		limit = limit.AddDays(-40)
	}
	for d := p.start; len(cr.sessions) < p.n; d = d.AddDays(1) {
		// past the limit only while the course lacks its minimum of sessions
		if d.After(limit) && (len(cr.sessions) >= minSessions || d.After(limit.AddDays(50))) {
			break
		}
		if !meets(pt, d) || holiday(d) {
			continue
		}
		for _, part := range pt.parts {
			if len(cr.sessions) >= p.n {
				break
			}
			field := (p.theme == models.ThemeRural || p.theme == models.ThemeIndustry) && part[0].start < models.NewClock(18, 0) && r.Float64() < 0.12
			s := g.book(r, sc, d, part, venue, field, core, theme)
			if s == nil {
				continue
			}
			if !field && s.Venue != venue {
				venue = s.Venue // the course moves to the room it found free
			}
			s.ID = int64(len(g.ds.Sessions) + 1)
			s.CourseID = c.ID
			i := len(cr.sessions)
			s.Topic = topics[(toff+i)%len(topics)]
			if k := i / len(topics); k > 0 {
				s.Topic = topicRounds[(k-1)%len(topicRounds)] + s.Topic
			}
			if field {
				s.Topic = "现场教学：" + s.Topic
			}
			g.ds.Sessions = append(g.ds.Sessions, s)
			cr.sessions = append(cr.sessions, s)
		}
	}
	if len(cr.sessions) > 0 {
		cr.sessions[0].Topic = "开班仪式暨" + cr.sessions[0].Topic
	}
	c.Venue = mostUsedVenue(cr.sessions)
	c.StartDate = cr.sessions[0].Date
	c.EndDate = cr.sessions[len(cr.sessions)-1].Date
	for _, s := range cr.sessions {
		c.RequiredHours += s.Hours
	}
	rate := []float64{0.8, 0.8, 0.8, 0.8, 0.75, 0.9}[r.IntN(6)]
	c.Rule = models.CompletionRule{MinAttendanceRate: rate, MinHours: math.Round(c.RequiredHours * 0.8), RequirePlacement: p.require}
	if r.Float64() < 0.7 {
		c.Rule.PassScore = 60
		last := cr.sessions[len(cr.sessions)-1]
		last.Topic = "结业考核与学习总结"
	}
	if p.require {
		ws := c.EndDate.AddDays(3)
		cr.window = [2]models.Date{ws, ws.AddDays(20 + r.IntN(15))}
		c.EndDate = cr.window[1].AddDays(2)
	}
	c.Status = g.statusOf(c)
	created := minDate(g.today, c.StartDate.AddDays(-40-r.IntN(50)))
	c.CreatedAt = stampR(r, created)
	c.UpdatedAt = c.CreatedAt
	if c.Status == models.CourseFinished {
		c.UpdatedAt = stampR(r, minDate(g.today, c.EndDate.AddDays(1+r.IntN(5))))
	}
	g.ds.Courses = append(g.ds.Courses, c)
	return cr
}

// statusOf derives a course's status from its dates and today.
func (g *gen) statusOf(c *models.Course) models.CourseStatus {
	switch {
	case c.EndDate.Before(g.today):
		return models.CourseFinished
	case !c.StartDate.After(g.today):
		return models.CourseRunning
	case !c.StartDate.After(g.today.AddDays(21)):
		return models.CourseOpen
	}
	return models.CoursePlanned
}

// cancelOne cancels one of the year's courses that have not started, when
// there are at least two.
func (g *gen) cancelOne(r *rand.Rand, yi int) {
	var upcoming []*course
	for _, c := range g.byYear[yi] {
		if c.c.StartDate.After(g.today) {
			upcoming = append(upcoming, c)
		}
	}
	if len(upcoming) >= 2 {
		upcoming[r.IntN(len(upcoming))].c.Status = models.CourseCancelled
	}
}

func meets(p pattern, d models.Date) bool {
	wd := d.Time().Weekday()
	for _, x := range p.days {
		if x == wd {
			return true
		}
	}
	return false
}

// holiday reports a day off of a statutory public holiday (the State
// Council's tables, package holidays), when no class meets.
func holiday(d models.Date) bool {
	_, ok := holidays.Holiday(d)
	return ok
}

// book finds a time of the part of the day, a room and an instructor that
// are free, and books them; nil when none is.
func (g *gen) book(r *rand.Rand, sc *scheduler, d models.Date, part []slot, venue string, field bool, core, theme []*models.Instructor) *models.Session {
	day := g.epoch.DaysUntil(d)
	venues := []string{venue}
	if field {
		venues = append([]string{fieldSites[r.IntN(len(fieldSites))]}, venues...)
	}
	for _, i := range r.Perm(len(classrooms))[:5] {
		venues = append(venues, classrooms[i])
	}
	people := append(append(shuffled(r, core), shuffled(r, theme)...), g.ds.Instructors...)
	for _, v := range venues {
		for _, s := range part {
			vk := bookKey{who: v, day: day}
			if !free(sc.venues, vk, s) {
				continue
			}
			for _, in := range people {
				ik := bookKey{id: in.ID, day: day}
				if !free(sc.instr, ik, s) {
					continue
				}
				sc.venues[vk] = append(sc.venues[vk], s)
				sc.instr[ik] = append(sc.instr[ik], s)
				return &models.Session{Date: d, Start: s.start, End: s.end, Venue: v, InstructorID: in.ID, Hours: s.hours}
			}
		}
	}
	return nil
}

// topicRounds introduce a topic taken up again in a long course.
var topicRounds = []string{"专题研讨：", "案例教学：", "分组讨论：", "学习交流："}

// mostUsedVenue returns the venue of most of the sessions, the earliest
// used on a tie.
func mostUsedVenue(ss []*models.Session) string {
	n := map[string]int{}
	best := ""
	for _, s := range ss {
		n[s.Venue]++
		if n[s.Venue] > n[best] {
			best = s.Venue
		}
	}
	return best
}
