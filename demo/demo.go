// Package demo generates realistic, deterministic demonstration data for
// Peiyang at the scale of the Chengdu report: 40,630 mobile party members,
// the outflow counties of 德阳, 眉山, 资阳 and other regions with their real
// administrative codes, three yearly cohorts of joint cultivation
// programmes, themed courses with conflict-free session schedules,
// attendance, completion decisions, placements at key villages, mentors,
// returns, two-committee elections and gapless certificate serials.
//
// The same Options give byte-identical data: every random choice comes
// from PCG sources seeded by Options.Seed, and nothing depends on map
// iteration order or the clock. Check verifies the invariants the data
// keeps.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"peiyang/models"
)

// Defaults of Options.
const (
	DefaultTrainees = 40630 // the report's mobile members brought under management
	DefaultSeed     = 1
	MaxTrainees     = 1_000_000
)

// DefaultToday is the day the default data is built around.
func DefaultToday() models.Date { return models.NewDate(2025, time.November, 26) }

// Options control the generator. Zero fields take the defaults.
type Options struct {
	Trainees int         // number of trainees; 0 means DefaultTrainees
	Seed     int64       // random seed; 0 means DefaultSeed
	Today    models.Date // the day the data is built around; zero means DefaultToday
}

func (o Options) withDefaults() (Options, error) {
	if o.Trainees == 0 {
		o.Trainees = DefaultTrainees
	}
	if o.Trainees < 0 || o.Trainees > MaxTrainees {
		return o, models.Errorf(models.EINVALID, "trainees", "The number of trainees must be between 1 and {{.Max}}.", "Max", MaxTrainees)
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Today.IsZero() {
		o.Today = DefaultToday()
	}
	if y := o.Today.Year(); y < 2010 || y > 2090 {
		return o, models.Errorf(models.EINVALID, "today", "The date must lie between 2010 and 2090.")
	}
	return o, nil
}

// Generate builds a whole dataset with IDs preset from 1 for each type and
// consistent references. Every record passes its own Validate.
func Generate(opts Options) (*models.Dataset, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	g := newGen(o)
	g.organisations()
	g.programmes()
	g.instructors()
	g.trainees()
	g.cohortTargets()
	g.courses()
	for y := range g.years {
		g.enrol(y)
		g.coursePlacements(y)
		g.attendance(y)
		g.laterPlacements(y)
	}
	g.sortPlacements()
	g.mentorships()
	g.returns()
	g.certificates()
	g.settings()
	return g.ds, nil
}

// gen holds the generator's state.
type gen struct {
	opt   Options
	today models.Date
	years []int       // the cohort years, oldest first; the last is today's
	epoch models.Date // day 0 of the day-indexed tables: 1 January of the first year
	span  int         // days covered by the day-indexed tables
	ds    *models.Dataset

	orgIndex      map[int64]*models.Organisation
	cityCommittee int64                    // 成都市委组织部
	groupInflow   []int64                  // per group, the inflow organisation of its programme
	outflowOf     []int64                  // per county, its outflow organisation
	cityOutflow   map[string]int64         // in-Chengdu committees of partner cities
	villagesOf    [][]*models.Organisation // per county
	keyVillagesOf [][]*models.Organisation // per county
	programmeOf   []int64                  // per group
	cohortOf      [][]int64                // [group][year index]
	academy       int64                    // 成都市基层党务学院

	phones    map[string]bool // mobile numbers handed out
	idNumbers map[string]bool // ID numbers handed out

	byTheme map[models.Theme][]*models.Instructor
	mentors []*models.Instructor

	people []*person // per trainee, index ID-1
	crs    []*course // every course, in ID order
	byYear [][]*course

	villageLoad map[int64][]int16 // placements per key village and day
	mentorLoad  map[int64][]int16 // mentorships per mentor and day
}

// person is what the generator keeps of a trainee while building the rest.
type person struct {
	t          *models.Trainee
	county     int // index into counties, -1 for the city's own members
	group      int
	home       *models.Organisation // home village org of a key target
	cohortYear int                  // 0 unless a key target
	yearUsed   []bool               // holds (or waits for) a place in the year
	busy       [][2]models.Date     // courses held and placements
	held       []*course            // courses the trainee holds a place on
	completed  []*course
	placements []*models.Placement
	noPlace    bool // failed a course's placement: never gets a passed one
	mentor     *models.Mentorship
}

func newGen(o Options) *gen {
	y := o.Today.Year()
	g := &gen{
		opt:         o,
		today:       o.Today,
		years:       []int{y - 2, y - 1, y},
		epoch:       models.NewDate(y-2, time.January, 1),
		ds:          &models.Dataset{Settings: map[string]string{}},
		orgIndex:    map[int64]*models.Organisation{},
		cityOutflow: map[string]int64{},
		byTheme:     map[models.Theme][]*models.Instructor{},
		phones:      make(map[string]bool, o.Trainees+1000),
		idNumbers:   make(map[string]bool, o.Trainees),
		villageLoad: map[int64][]int16{},
		mentorLoad:  map[int64][]int16{},
	}
	g.span = g.epoch.DaysUntil(o.Today) + 3*366
	return g
}

// rng returns the random source of one phase of the generator, so that a
// change in one phase does not reshuffle the others.
func (g *gen) rng(phase uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.opt.Seed), phase*0x9E3779B97F4A7C15+0x5851F42D4C957F2D))
}

// day returns the index of d in the day-indexed tables, clamped to them.
func (g *gen) day(d models.Date) int {
	i := g.epoch.DaysUntil(d)
	if i < 0 {
		return 0
	}
	if i >= g.span {
		return g.span - 1
	}
	return i
}

var cst = time.FixedZone("CST", 8*3600)

// stamp returns the instant of h:m local time (UTC+8) on d, in UTC.
func stamp(d models.Date, h, m int) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, cst).UTC()
}

// stampR returns a random office-hours instant on d.
func stampR(r *rand.Rand, d models.Date) time.Time {
	return stamp(d, 8+r.IntN(10), r.IntN(60))
}

// minDate and maxDate return the earlier and the later date.
func minDate(a, b models.Date) models.Date {
	if b.Before(a) {
		return b
	}
	return a
}

func maxDate(a, b models.Date) models.Date {
	if b.After(a) {
		return b
	}
	return a
}

// between returns a random date from a to b inclusive; a when b is before a.
func between(r *rand.Rand, a, b models.Date) models.Date {
	n := a.DaysUntil(b)
	if n <= 0 {
		return a
	}
	return a.AddDays(r.IntN(n + 1))
}

// overlaps reports whether two inclusive date ranges share a day.
func overlaps(a, b [2]models.Date) bool {
	return !a[1].Before(b[0]) && !b[1].Before(a[0])
}

// scaled returns n scaled to the number of trainees, at least min.
func (g *gen) scaled(n float64, min int) int {
	v := int(n*float64(g.opt.Trainees)/DefaultTrainees + 0.5)
	if v < min {
		return min
	}
	return v
}

// runLabel numbers the runs of a course title in a year.
func runLabel(n int) string { return fmt.Sprintf("（第%d期）", n) }

func itoa(n int) string { return strconv.Itoa(n) }
