package app

import (
	"context"
	"reflect"
	"sort"
	"time"

	"peiyang/app/kit"
	"peiyang/models"
)

// traineeRows is the data behind the trainee table. The table asks for
// the rows it shows, and only those are read:
//
//   - with a search query, the store's search gives at most searchLimit
//     trainees at once, filtered here by region, cohort and stage;
//   - otherwise the trainees the filters select are read a page of
//     traineePage rows at a time, by keyset paging (the last ID of the
//     page before), and pages are cached, the least recently used dropped
//     first. The IDs of all selected trainees are gathered once in the
//     background, so that any page can be read directly when the user
//     jumps far down; with a stage filter, the IDs come from the stages.
//
// All methods run on the UI thread; reads run in goroutines and return
// through onUI. Every change of the selection takes a new ticket of
// latest, and results of an older ticket are dropped.
type traineeRows struct {
	u       *ui
	latest  kit.Latest
	cur     kit.Ticket // the selection in hand
	changed func()     // called after new data arrived

	query  string
	filter models.TraineeFilter // region and cohort; no paging
	stage  models.Stage         // "" for every stage

	total   int // -1 while unknown
	list    []*models.Trainee
	ids     []int64 // IDs of the selection in order, as far as known
	idsDone bool
	pages   map[int][]*models.Trainee
	loading map[int]bool
	used    []int // pages, least recently used first

	stages map[int64]models.Stage // every trainee's stage, once loaded

	// The IDs of the last selection gathered in full, kept for when the
	// user comes back to it (clearing the search box) until the next
	// reload.
	keptFilter models.TraineeFilter
	keptIDs    []int64
	kept       bool

	searching   bool // a search is running
	searchAgain bool // the query changed meanwhile
	lastSearch  time.Duration
}

const (
	traineePage = 100  // rows per page read from the store
	maxPages    = 60   // pages kept in memory
	searchLimit = 500  // most search results shown
	idChunk     = 1000 // trainees per read while gathering IDs (each read holds them whole)
)

func newTraineeRows(u *ui, changed func()) *traineeRows {
	return &traineeRows{u: u, changed: changed, total: -1,
		pages: map[int][]*models.Trainee{}, loading: map[int]bool{}}
}

// set selects the trainees to show and starts reading them.
func (r *traineeRows) set(query string, f models.TraineeFilter, stage models.Stage) {
	r.cur = r.latest.Next()
	r.query, r.filter, r.stage = query, f, stage
	r.reset()
	switch {
	case query != "":
		r.search()
	case stage != "":
		r.loadStage()
	default:
		r.loadPlain()
	}
}

// reload reads the same selection again (after an edit or new data).
func (r *traineeRows) reload() {
	r.kept = false
	r.set(r.query, r.filter, r.stage)
}

func (r *traineeRows) reset() {
	r.total, r.list, r.ids, r.idsDone = -1, nil, nil, false
	r.pages, r.loading, r.used = map[int][]*models.Trainee{}, map[int]bool{}, nil
}

// count is the number of rows, 0 while unknown.
func (r *traineeRows) count() int { return max(r.total, 0) }

// at returns row i, or nil while its page is being read.
func (r *traineeRows) at(i int) *models.Trainee {
	if r.query != "" {
		if i < len(r.list) {
			return r.list[i]
		}
		return nil
	}
	p := i / traineePage
	rows, ok := r.pages[p]
	if !ok {
		r.request(p)
		return nil
	}
	r.touch(p)
	if i%traineePage > traineePage*7/10 {
		r.request(p + 1) // read ahead of the scrolling
	}
	if j := i % traineePage; j < len(rows) {
		return rows[j]
	}
	return nil
}

func (r *traineeRows) touch(p int) {
	for k, v := range r.used {
		if v == p {
			r.used = append(r.used[:k], r.used[k+1:]...)
			break
		}
	}
	r.used = append(r.used, p)
}

// pageFilter returns the filter that reads page p, false when its start
// is not known yet.
func (r *traineeRows) pageFilter(p int) (models.TraineeFilter, bool) {
	start := p * traineePage
	if r.total >= 0 && start >= r.total {
		return models.TraineeFilter{}, false
	}
	if r.stage != "" {
		if !r.idsDone {
			return models.TraineeFilter{}, false
		}
		return models.TraineeFilter{IDs: r.ids[start:min(start+traineePage, len(r.ids))]}, true
	}
	f := r.filter
	f.Limit = traineePage
	if p == 0 {
		return f, true
	}
	if start-1 >= len(r.ids) {
		return f, false
	}
	f.AfterID = r.ids[start-1]
	return f, true
}

// request reads page p in the background unless it is there or coming.
func (r *traineeRows) request(p int) {
	if _, ok := r.pages[p]; ok || r.loading[p] {
		return
	}
	f, ok := r.pageFilter(p)
	if !ok {
		return // the ID walk calls changed when it knows more
	}
	r.loading[p] = true
	sel := r.cur
	goLoad(r.u, func(ctx context.Context) ([]*models.Trainee, error) {
		return r.u.svc.Trainees.FindTrainees(ctx, f)
	}, func(ts []*models.Trainee) {
		if !sel.Current() {
			return
		}
		delete(r.loading, p)
		r.pages[p] = ts
		r.touch(p)
		for len(r.used) > maxPages {
			delete(r.pages, r.used[0])
			r.used = r.used[1:]
		}
		r.changed()
	})
}

// loadPlain counts the selection and reads its first page, then gathers
// its IDs.
func (r *traineeRows) loadPlain() {
	sel, f := r.cur, r.filter
	type first struct {
		n    int
		page []*models.Trainee
	}
	goLoad(r.u, func(ctx context.Context) (first, error) {
		n, err := r.u.svc.Trainees.CountTrainees(ctx, f)
		if err != nil {
			return first{}, err
		}
		pf := f
		pf.Limit = traineePage
		ts, err := r.u.svc.Trainees.FindTrainees(ctx, pf)
		return first{n, ts}, err
	}, func(v first) {
		if !sel.Current() {
			return
		}
		r.total = v.n
		r.pages[0] = v.page
		r.touch(0)
		if r.kept && reflect.DeepEqual(r.keptFilter, f) && len(r.keptIDs) == v.n {
			r.ids, r.idsDone = r.keptIDs, true
			r.changed()
			return
		}
		r.changed()
		r.walkIDs(sel)
	})
}

// walkIDs gathers the IDs of the selection by keyset paging, publishing
// them chunk by chunk.
func (r *traineeRows) walkIDs(sel kit.Ticket) {
	f := r.filter
	r.u.jobs.Add(1)
	go func() {
		defer r.u.jobs.Done()
		var after int64
		for {
			cf := f
			cf.Page = models.Page{AfterID: after, Limit: idChunk}
			ts, err := r.u.svc.Trainees.FindTrainees(r.u.ctx, cf)
			if err != nil {
				onUI(func() {
					if sel.Current() {
						r.u.showError(err)
					}
				})
				return
			}
			ids := make([]int64, len(ts))
			for i, t := range ts {
				ids[i] = t.ID
			}
			last := len(ts) < idChunk
			stale := false
			onUIWait(func() {
				if !sel.Current() {
					stale = true
					return
				}
				r.ids = append(r.ids, ids...)
				r.idsDone = last
				if last {
					r.keptFilter, r.keptIDs, r.kept = f, r.ids, true
				}
				r.changed()
			})
			if stale || last {
				return
			}
			after = ids[len(ids)-1]
		}
	}()
}

// loadStage selects by stage: the stages of the trainees the other
// filters select give the IDs.
func (r *traineeRows) loadStage() {
	sel, f, stage := r.cur, r.filter, r.stage
	goLoad(r.u, func(ctx context.Context) ([]int64, error) {
		st, err := r.u.svc.Trainees.Stages(ctx, f)
		if err != nil {
			return nil, err
		}
		var ids []int64
		for id, s := range st {
			if s == stage {
				ids = append(ids, id)
			}
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		return ids, nil
	}, func(ids []int64) {
		if !sel.Current() {
			return
		}
		r.ids, r.idsDone, r.total = ids, true, len(ids)
		r.changed()
	})
}

// search runs the query, one search at a time: keystrokes that arrive
// meanwhile are gathered into one more search with the latest text.
func (r *traineeRows) search() {
	if r.searching {
		r.searchAgain = true
		return
	}
	r.searching = true
	sel, q := r.cur, r.query
	start := time.Now()
	r.u.jobs.Add(1)
	go func() {
		defer r.u.jobs.Done()
		ts, err := r.u.svc.Trainees.SearchTrainees(r.u.ctx, q, searchLimit)
		onUI(func() {
			r.searching = false
			if r.searchAgain {
				r.searchAgain = false
				if r.query != "" {
					r.search()
				}
			}
			if err != nil {
				r.u.showError(err)
				return
			}
			if !sel.Current() {
				return
			}
			r.list = r.filterList(ts)
			r.total = len(r.list)
			r.lastSearch = time.Since(start)
			r.changed()
		})
	}()
}

// filterList keeps the search results the filters select.
func (r *traineeRows) filterList(ts []*models.Trainee) []*models.Trainee {
	out := ts[:0:0]
	for _, t := range ts {
		if r.filter.Region != "" && !t.HomeRegion.Contains(r.filter.Region) && t.HomeRegion.Code != r.filter.Region {
			continue
		}
		if r.filter.CohortID != 0 && t.CohortID != r.filter.CohortID {
			continue
		}
		if r.stage != "" && r.stages != nil && r.stages[t.ID] != r.stage {
			continue
		}
		out = append(out, t)
	}
	return out
}

// stageOf returns the trainee's stage label, "" until the stages are
// loaded; a trainee added since is nominated (live updates read the
// stages again only for changes that move trainees between stages).
func (r *traineeRows) stageOf(id int64) string {
	if r.stages == nil {
		return ""
	}
	if s, ok := r.stages[id]; ok {
		return stageLabel(s)
	}
	return stageLabel(models.StageNominated)
}

// loadStages reads every trainee's stage once, for the stage column.
func (r *traineeRows) loadStages() {
	goLoad(r.u, func(ctx context.Context) (map[int64]models.Stage, error) {
		return r.u.svc.Trainees.Stages(ctx, models.TraineeFilter{})
	}, func(m map[int64]models.Stage) {
		r.stages = m
		if r.query != "" && r.stage != "" {
			r.reload()
			return
		}
		r.changed()
	})
}

// replace puts an edited trainee in place of its old row.
func (r *traineeRows) replace(t *models.Trainee) {
	for i, o := range r.list {
		if o.ID == t.ID {
			r.list[i] = t
		}
	}
	for _, rows := range r.pages {
		for i, o := range rows {
			if o.ID == t.ID {
				rows[i] = t
			}
		}
	}
}
