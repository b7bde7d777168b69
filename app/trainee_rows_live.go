package app

import (
	"context"
	"sort"

	"peiyang/models"
)

// freshRows is what refresh reads again: the selection's size, the pages
// the table holds, the IDs of a stage's selection and every stage.
type freshRows struct {
	total  int
	pages  map[int][]*models.Trainee
	ids    []int64 // with a stage filter
	stages map[int64]models.Stage
}

// refresh reads the selection again after others changed trainees,
// keeping the rows on screen until the new ones take their place: the
// table does not empty, scroll back or lose the row chosen. A search
// runs again; otherwise the count and the pages held are read again (and
// the IDs gathered anew when the count changed), with the stages.
func (r *traineeRows) refresh() {
	r.kept = false
	r.cur = r.latest.Next()
	if r.query != "" {
		r.search()
		r.refreshStages()
		return
	}
	if r.total < 0 {
		r.set(r.query, r.filter, r.stage)
		return
	}
	sel, f, stage, total, wantStages := r.cur, r.filter, r.stage, r.total, r.stages != nil
	held := make([]int, 0, len(r.pages))
	for p := range r.pages {
		held = append(held, p)
	}
	anchors := append([]int64(nil), r.ids...)
	goLoad(r.u, func(ctx context.Context) (freshRows, error) {
		return r.readFresh(ctx, f, stage, held, anchors, wantStages)
	}, func(v freshRows) {
		if !sel.Current() {
			return
		}
		if v.stages != nil {
			r.stages = v.stages
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
func (r *traineeRows) readFresh(ctx context.Context, f models.TraineeFilter, stage models.Stage, held []int, anchors []int64, wantStages bool) (freshRows, error) {
	v := freshRows{pages: map[int][]*models.Trainee{}}
	var err error
	if wantStages || stage != "" {
		if v.stages, err = r.u.svc.Trainees.Stages(ctx, models.TraineeFilter{}); err != nil {
			return v, err
		}
	}
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

// refreshStages reads every trainee's stage again, for the stage column.
func (r *traineeRows) refreshStages() {
	if r.stages == nil {
		return
	}
	sel := r.cur
	goLoad(r.u, func(ctx context.Context) (map[int64]models.Stage, error) {
		return r.u.svc.Trainees.Stages(ctx, models.TraineeFilter{})
	}, func(m map[int64]models.Stage) {
		if sel.Current() {
			r.stages = m
			r.changed()
		}
	})
}
