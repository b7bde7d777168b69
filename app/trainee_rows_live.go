package app

import (
	"context"
	"slices"
	"sort"

	"peiyang/models"
)

// freshRows is what refresh reads again: the selection's size, the pages
// the table holds, and the IDs of a stage's selection.
type freshRows struct {
	total int
	pages map[int][]*models.Trainee
	ids   []int64 // with a stage filter
}

// stageTables are the tables whose changes move trainees from stage to
// stage; a change of the trainees alone moves none (a new one shows no
// stage until they are read).
var stageTables = []string{"enrolments", "attendance", "courses", "sessions", "placements", "mentorships", "returns", "elections", "certificates"}

// movesStages reports whether a change of the tables (nil: any) may move
// trainees between stages.
func movesStages(tables []string) bool {
	if tables == nil {
		return true
	}
	for _, t := range tables {
		if slices.Contains(stageTables, t) {
			return true
		}
	}
	return false
}

// refresh reads the selection again after others changed trainees,
// keeping the rows on screen until the new ones take their place: the
// table does not empty, scroll back or lose the row chosen. A search
// runs again; otherwise the count and the pages held are read again (and
// the IDs gathered anew when the count changed). With stages (the change
// may move trainees between stages), every trainee's stage is read again
// after the rows are on screen, for the stage column.
func (r *traineeRows) refresh(stages bool) {
	r.kept = false
	r.cur = r.latest.Next()
	if stages {
		defer r.refreshStages()
	}
	if r.query != "" {
		r.search()
		return
	}
	if r.total < 0 {
		r.set(r.query, r.filter, r.stage)
		return
	}
	sel, f, stage, total := r.cur, r.filter, r.stage, r.total
	held := make([]int, 0, len(r.pages))
	for p := range r.pages {
		held = append(held, p)
	}
	anchors := append([]int64(nil), r.ids...)
	goLoad(r.u, func(ctx context.Context) (freshRows, error) {
		return r.readFresh(ctx, f, stage, held, anchors)
	}, func(v freshRows) {
		if !sel.Current() {
			return
		}
		r.loading = map[int]bool{}
		switch {
		case stage != "":
			r.ids, r.idsDone, r.pages = v.ids, true, v.pages
		case v.total == total:
			r.pages = v.pages
		default:
			// Rows came or went: the pages after the first move, and the
			// IDs that anchor them are gathered again.
			r.ids, r.idsDone = nil, false
			r.pages = map[int][]*models.Trainee{0: v.pages[0]}
			r.walkIDs(sel)
		}
		r.total = v.total
		r.used = r.used[:0]
		for p := range r.pages {
			r.used = append(r.used, p)
		}
		sort.Ints(r.used)
		r.changed()
	})
}

// readFresh reads, off the UI thread, what refresh shows.
func (r *traineeRows) readFresh(ctx context.Context, f models.TraineeFilter, stage models.Stage, held []int, anchors []int64) (freshRows, error) {
	v := freshRows{pages: map[int][]*models.Trainee{}}
	var err error
	if stage != "" {
		sf, err := r.u.svc.Trainees.Stages(ctx, f)
		if err != nil {
			return v, err
		}
		for id, s := range sf {
			if s == stage {
				v.ids = append(v.ids, id)
			}
		}
		sort.Slice(v.ids, func(i, j int) bool { return v.ids[i] < v.ids[j] })
		v.total = len(v.ids)
	} else if v.total, err = r.u.svc.Trainees.CountTrainees(ctx, f); err != nil {
		return v, err
	}
	for _, p := range held {
		start := p * traineePage
		pf := f
		switch {
		case stage != "" && start >= len(v.ids):
			continue
		case stage != "":
			pf = models.TraineeFilter{IDs: v.ids[start:min(start+traineePage, len(v.ids))]}
		case p > 0 && start-1 >= len(anchors):
			continue
		case p > 0:
			pf.AfterID = anchors[start-1]
		}
		if stage == "" {
			pf.Limit = traineePage
		}
		ts, err := r.u.svc.Trainees.FindTrainees(ctx, pf)
		if err != nil {
			return v, err
		}
		v.pages[p] = ts
	}
	return v, nil
}

// refreshStages reads every trainee's stage again, for the stage column
// (a search with a stage filter runs again with them).
func (r *traineeRows) refreshStages() {
	if r.stages == nil {
		return // not read yet: loadStages is on its way
	}
	sel := r.cur
	goLoad(r.u, func(ctx context.Context) (map[int64]models.Stage, error) {
		return r.u.svc.Trainees.Stages(ctx, models.TraineeFilter{})
	}, func(m map[int64]models.Stage) {
		if !sel.Current() {
			return
		}
		r.stages = m
		if r.query != "" && r.stage != "" {
			r.cur = r.latest.Next()
			r.search()
		}
		r.changed()
	})
}
