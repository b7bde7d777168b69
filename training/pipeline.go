package training

import (
	"context"
	"sort"

	"peiyang/models"
)

// The pipeline: each trainee's stage (nominated, trained, placed, mentored,
// returned, elected) and the funnel counts per region, theme and cohort.

// StageOf derives how far a trainee has come from the facts, taking the
// furthest stage the records show: elected if seated on a committee, else
// returned, else mentored, else placed, else trained if a course was
// completed, else nominated.
func StageOf(f models.StageFacts) models.Stage {
	switch {
	case f.Elected:
		return models.StageElected
	case f.Returned:
		return models.StageReturned
	case f.Mentored:
		return models.StageMentored
	case f.Placed:
		return models.StagePlaced
	case f.CoursesDone > 0:
		return models.StageTrained
	}
	return models.StageNominated
}

// Funnel counts trainees per stage: At those whose stage is exactly the
// stage, Reached those at the stage or further (so Reached of the first
// stage is Total). Every stage of models.Stages has an entry.
type Funnel struct {
	Total   int
	At      map[models.Stage]int
	Reached map[models.Stage]int
}

func newFunnel() Funnel {
	f := Funnel{At: map[models.Stage]int{}, Reached: map[models.Stage]int{}}
	for _, st := range models.Stages {
		f.At[st], f.Reached[st] = 0, 0
	}
	return f
}

// add counts n trainees at the stage.
func (f *Funnel) add(st models.Stage, n int) {
	f.Total += n
	f.At[st] += n
	for _, s := range models.Stages {
		if s.Rank() <= st.Rank() {
			f.Reached[s] += n
		}
	}
}

// weight is how many trainees the facts stand for.
func weight(f models.StageFacts) int { return max(1, f.Trainees) }

// Group is the funnel of one group of trainees, such as those of one
// outflow city or county.
type Group struct {
	Key string // e.g. the city (德阳市) or city and county (德阳市中江县)
	Funnel
}

// PipelineCounts is the pipeline of the trainees a filter selects: overall,
// per outflow region (the home region's city, and its county), per theme
// (the trainees who completed a course of the theme) and per cohort.
// Groups come sorted by key (themes in the order of models.Themes, cohorts
// by ID); trainees without a city, county or cohort fall in the group with
// the empty key, or 0 for the cohort.
type PipelineCounts struct {
	Overall  Funnel
	ByCity   []Group
	ByCounty []Group
	ByTheme  []ThemeGroup
	ByCohort []CohortGroup
}

// ThemeGroup is the funnel of the trainees who completed a course of the
// theme.
type ThemeGroup struct {
	Theme models.Theme
	Funnel
}

// CohortGroup is the funnel of one cohort's trainees.
type CohortGroup struct {
	CohortID int64
	Funnel
}

// CityOf and CountyOf are the grouping keys of the outflow region: the
// home region's city (德阳市), and its city and county (德阳市中江县).
func CityOf(f models.StageFacts) string { return f.HomeRegion.City }

func CountyOf(f models.StageFacts) string { return f.HomeRegion.Short() }

// GroupBy counts the funnel of each group of trainees that key puts
// together, sorted by key.
func GroupBy(facts []models.StageFacts, key func(models.StageFacts) string) []Group {
	m := map[string]*Group{}
	for _, f := range facts {
		k := key(f)
		g := m[k]
		if g == nil {
			g = &Group{Key: k, Funnel: newFunnel()}
			m[k] = g
		}
		g.add(StageOf(f), weight(f))
	}
	out := make([]Group, 0, len(m))
	for _, g := range m {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// CountPipeline counts the pipeline of the trainees whose facts are given.
func CountPipeline(facts []models.StageFacts) *PipelineCounts {
	pc := &PipelineCounts{Overall: newFunnel()}
	themes := map[models.Theme]*Funnel{}
	cohorts := map[int64]*Funnel{}
	for _, f := range facts {
		st, n := StageOf(f), weight(f)
		pc.Overall.add(st, n)
		for _, t := range uniqueThemes(f.Themes) {
			if themes[t] == nil {
				fn := newFunnel()
				themes[t] = &fn
			}
			themes[t].add(st, n)
		}
		if cohorts[f.CohortID] == nil {
			fn := newFunnel()
			cohorts[f.CohortID] = &fn
		}
		cohorts[f.CohortID].add(st, n)
	}
	pc.ByCity = GroupBy(facts, CityOf)
	pc.ByCounty = GroupBy(facts, CountyOf)
	for _, t := range models.Themes {
		if fn := themes[t]; fn != nil {
			pc.ByTheme = append(pc.ByTheme, ThemeGroup{Theme: t, Funnel: *fn})
			delete(themes, t)
		}
	}
	var unknown []models.Theme // themes outside models.Themes, should any appear
	for t := range themes {
		unknown = append(unknown, t)
	}
	sort.Slice(unknown, func(i, j int) bool { return unknown[i] < unknown[j] })
	for _, t := range unknown {
		pc.ByTheme = append(pc.ByTheme, ThemeGroup{Theme: t, Funnel: *themes[t]})
	}
	for id, fn := range cohorts {
		pc.ByCohort = append(pc.ByCohort, CohortGroup{CohortID: id, Funnel: *fn})
	}
	sort.Slice(pc.ByCohort, func(i, j int) bool { return pc.ByCohort[i].CohortID < pc.ByCohort[j].CohortID })
	return pc
}

// Pipeline counts the pipeline of the trainees the filter selects (its
// paging fields are ignored).
func (s *TraineeService) Pipeline(ctx context.Context, f models.TraineeFilter) (*PipelineCounts, error) {
	facts, err := s.store.FindStageGroups(ctx, f)
	if err != nil {
		return nil, wrap("pipeline", err)
	}
	return CountPipeline(facts), nil
}
