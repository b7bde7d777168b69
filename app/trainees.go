package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
)

// traineesScreen is the trainee table with instant search and filters,
// and the selected trainee's detail beside it.
type traineesScreen struct {
	u    *ui
	rows *traineeRows
	box  fyne.CanvasObject

	search *kit.Entry
	region *kit.Entry
	cohort *widget.Select
	stage  *widget.Select
	count  *widget.Label
	table  *kit.Table[*models.Trainee]
	body   *fyne.Container // the table, or the table beside the detail
	split  *container.Split
	detail *traineeDetail
	loaded bool

	cohorts     []*models.Cohort
	cohortNames map[int64]string
	orgs        []*models.Organisation // outflow organisations, for the form

	updated time.Time // when new rows last reached the table
	old     bool      // others changed trainees while the screen was away (stale)
}

// columns are the table's columns.
func (s *traineesScreen) columns() []kit.Column[*models.Trainee] {
	type tr = *models.Trainee
	return []kit.Column[tr]{
		{Title: T("trainee.name"), Width: 80, Text: func(t tr) string { return t.Name }},
		{Title: T("trainee.gender"), Width: 68, Text: func(t tr) string { return genderLabel(t.Gender) }},
		{Title: T("trainee.birth_month"), Width: 100, Text: func(t tr) string { return dateText(models.MaskBirthDate(t.BirthDate)) }},
		{Title: T("trainee.id_number"), Width: 164, Text: func(t tr) string { return models.MaskIDNumber(t.IDNumber) }},
		{Title: T("trainee.phone"), Width: 108, Text: func(t tr) string { return models.MaskPhone(t.Phone) }},
		{Title: T("trainee.home_region"), Width: 150, Text: func(t tr) string { return t.HomeRegion.Short() }},
		{Title: T("trainee.current_district"), Width: 96, Text: func(t tr) string { return t.CurrentDistrict }},
		{Title: T("trainee.cohort"), Width: 150, Text: func(t tr) string { return s.cohortNames[t.CohortID] }},
		{Title: T("trainee.stage"), Width: 96, Text: func(t tr) string { return s.rows.stageOf(t.ID) }},
	}
}

func newTrainees(u *ui) *traineesScreen {
	s := &traineesScreen{u: u, cohortNames: map[int64]string{}}
	s.rows = newTraineeRows(u, s.rowsChanged)

	s.search = kit.NewEntry()
	s.search.SetPlaceHolder(T("trainees.search_placeholder"))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.apply() }
	s.region = kit.NewEntry()
	s.region.SetPlaceHolder(T("trainees.region_placeholder"))
	s.region.OnChanged = func(string) { s.apply() }
	s.cohort = widget.NewSelect([]string{T("trainees.all_cohorts")}, func(string) { s.apply() })
	s.cohort.SetSelectedIndex(0)
	stages := []string{T("trainees.all_stages")}
	for _, st := range models.Stages {
		stages = append(stages, stageLabel(st))
	}
	s.stage = widget.NewSelect(stages, func(string) { s.apply() })
	s.stage.SetSelectedIndex(0)
	s.count = widget.NewLabel(T("trainees.counting"))

	// Only the visible rows are read from the store, a page at a time.
	s.table = kit.NewTable(s.columns(), s.rows.count, func(i int) (*models.Trainee, bool) {
		t := s.rows.at(i)
		return t, t != nil
	})
	s.table.OnSelected = func(id widget.TableCellID) {
		if t := s.rows.at(id.Row); t != nil {
			s.showDetail(t.ID)
		}
	}
	s.detail = newTraineeDetail(s)

	filters := kit.Shrink([]float32{340, 170, 200, 120}, s.search, s.region, s.cohort, s.stage)
	top := container.NewBorder(nil, nil, nil, s.count, filters)
	s.body = container.NewStack(s.table.Object())
	s.box = container.NewBorder(container.NewVBox(kit.Heading(T("nav.trainees")), top), nil, nil, nil, s.body)
	return s
}

func (s *traineesScreen) content() fyne.CanvasObject { return s.box }

// shown loads the choices and the table on first show, and reloads the
// table's rows afterwards.
func (s *traineesScreen) shown() {
	if s.loaded && s.old {
		s.refresh(nil)
		return
	}
	if s.loaded {
		s.rows.reload()
		return
	}
	s.loaded = true
	if s.u.peekShow("trainees") != "" {
		// The route shows an elected trainee: one whose record has all.
		s.stage.SetSelectedIndex(models.StageElected.Rank() + 1)
	}
	s.apply()
	s.rows.loadStages()
	type choices struct {
		cohorts []*models.Cohort
		orgs    []*models.Organisation
	}
	goLoad(s.u, func(ctx context.Context) (choices, error) {
		cs, err := s.u.svc.Trainees.FindCohorts(ctx, models.CohortFilter{})
		if err != nil {
			return choices{}, err
		}
		orgs, err := s.u.svc.Trainees.FindOrganisations(ctx, models.OrganisationFilter{Kind: models.OrgOutflow})
		return choices{cs, orgs}, err
	}, func(c choices) {
		s.cohorts, s.orgs = c.cohorts, c.orgs
		opts := []string{T("trainees.all_cohorts")}
		for _, co := range c.cohorts {
			s.cohortNames[co.ID] = co.Name
			opts = append(opts, co.Name)
		}
		s.cohort.Options = opts
		s.cohort.Refresh()
		s.table.Refresh()
	})
}

// refresh reads the rows, their stages and the detail open again after
// others changed them, keeping the search, the filters, the row chosen
// and the scrolling (live.go).
func (s *traineesScreen) refresh(tables []string) {
	if !s.loaded {
		s.shown()
		return
	}
	s.old = false
	s.rows.refresh(movesStages(tables))
	if d := s.detail; d.rec != nil && len(s.body.Objects) == 1 && s.body.Objects[0] == s.split {
		d.load(d.loadID)
	}
}

// stale notes that others changed what the screen shows meanwhile.
func (s *traineesScreen) stale() { s.old = true }

// invalidate forgets what the screen read, after the data changed.
func (s *traineesScreen) invalidate() {
	s.loaded = false
	s.rows.stages = nil
	s.hideDetail()
}

// filter returns the selection the search box and filters describe.
func (s *traineesScreen) filter() (string, models.TraineeFilter, models.Stage) {
	var f models.TraineeFilter
	f.Region = strings.TrimSpace(s.region.Text)
	if i := s.cohort.SelectedIndex(); i > 0 && i-1 < len(s.cohorts) {
		f.CohortID = s.cohorts[i-1].ID
	}
	var st models.Stage
	if i := s.stage.SelectedIndex(); i > 0 {
		st = models.Stages[i-1]
	}
	return strings.TrimSpace(s.search.Text), f, st
}

// apply reads the rows anew for the current search and filters.
func (s *traineesScreen) apply() {
	if s.rows == nil || s.table == nil {
		return // still building the widgets
	}
	q, f, st := s.filter()
	s.rows.set(q, f, st)
	s.table.UnselectAll()
	s.table.ScrollToTop()
	s.updateCount()
	s.table.Refresh()
}

// rowsChanged shows newly read rows.
func (s *traineesScreen) rowsChanged() {
	s.updated = time.Now()
	s.updateCount()
	s.table.Refresh()
	// The window's route opens the first row's detail ("detail"), or its
	// edit form once the record is there ("edit").
	if show := s.u.peekShow("trainees"); show != "" && s.rows.at(0) != nil {
		if show == "detail" {
			s.u.takeShow("trainees")
		}
		s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	}
}

func (s *traineesScreen) updateCount() {
	r := s.rows
	switch {
	case r.total < 0 && r.query != "":
		s.count.SetText(T("trainees.searching"))
	case r.total < 0:
		s.count.SetText(T("trainees.counting"))
	case r.query != "" && r.total >= searchLimit:
		s.count.SetText(T("trainees.matches_limited", "N", formatInt(r.total)))
	case r.query != "":
		s.count.SetText(T("trainees.matches", "N", formatInt(r.total)))
	default:
		s.count.SetText(T("trainees.count", "N", formatInt(r.total)))
	}
}

// showDetail opens the trainee's detail beside the table.
func (s *traineesScreen) showDetail(id int64) {
	if s.split == nil {
		s.split = container.NewHSplit(s.table.Object(), s.detail.box)
		s.split.Offset = 0.5
	}
	if len(s.body.Objects) != 1 || s.body.Objects[0] != s.split {
		s.split.Leading = s.table.Object()
		s.body.Objects = []fyne.CanvasObject{s.split}
		s.body.Refresh()
	}
	s.detail.load(id)
}

// hideDetail closes the detail.
func (s *traineesScreen) hideDetail() {
	if s.body.Objects[0] != s.table.Object() {
		s.body.Objects = []fyne.CanvasObject{s.table.Object()}
		s.body.Refresh()
	}
	s.table.UnselectAll()
}

// saved shows an edited trainee in the table and the detail.
func (s *traineesScreen) saved(t *models.Trainee) {
	s.rows.replace(t)
	s.table.Refresh()
	s.detail.load(t.ID)
	s.detail.savedNow()
}
