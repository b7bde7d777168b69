package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
)

// traineesScreen is the trainee table with instant search and filters,
// and the selected trainee's detail beside it.
type traineesScreen struct {
	u    *ui
	rows *traineeRows
	box  fyne.CanvasObject

	search  *keyEntry
	region  *keyEntry
	cohort  *widget.Select
	stage   *widget.Select
	count   *widget.Label
	table   *widget.Table
	body    *fyne.Container // the table, or the table beside the detail
	split   *container.Split
	detail  *traineeDetail
	loaded  bool
	pending string // "detail" or "edit": open the first row once it is there

	cohorts     []*models.Cohort
	cohortNames map[int64]string
	orgs        []*models.Organisation // outflow organisations, for the form

	updated time.Time // when new rows last reached the table
	room    []float32 // the width of each column's text, in Chinese characters
}

// traineeColumn is one column of the table.
type traineeColumn struct {
	title string // translation key
	width float32
	text  func(s *traineesScreen, t *models.Trainee) string
}

var traineeColumns = []traineeColumn{
	{"trainee.name", 80, func(_ *traineesScreen, t *models.Trainee) string { return t.Name }},
	{"trainee.gender", 68, func(_ *traineesScreen, t *models.Trainee) string { return genderLabel(t.Gender) }},
	{"trainee.birth_date", 100, func(_ *traineesScreen, t *models.Trainee) string { return dateText(models.MaskBirthDate(t.BirthDate)) }},
	{"trainee.id_number", 164, func(_ *traineesScreen, t *models.Trainee) string { return models.MaskIDNumber(t.IDNumber) }},
	{"trainee.phone", 108, func(_ *traineesScreen, t *models.Trainee) string { return models.MaskPhone(t.Phone) }},
	{"trainee.home_region", 150, func(_ *traineesScreen, t *models.Trainee) string { return t.HomeRegion.Short() }},
	{"trainee.current_district", 96, func(_ *traineesScreen, t *models.Trainee) string { return t.CurrentDistrict }},
	{"trainee.cohort", 150, func(s *traineesScreen, t *models.Trainee) string { return s.cohortNames[t.CohortID] }},
	{"trainee.stage", 96, func(s *traineesScreen, t *models.Trainee) string { return s.rows.stageOf(t.ID) }},
}

func newTrainees(u *ui) *traineesScreen {
	s := &traineesScreen{u: u, cohortNames: map[int64]string{}}
	s.rows = newTraineeRows(u, s.rowsChanged)

	s.search = newKeyEntry()
	s.search.SetPlaceHolder(T("trainees.search_placeholder"))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.apply() }
	s.region = newKeyEntry()
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

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return s.rows.count(), len(traineeColumns) },
		func() fyne.CanvasObject {
			// No truncation: it shapes the text on every update, which
			// makes scrolling slow; cells are clipped by rune count.
			return widget.NewLabel("")
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	// The table updates its header on every scroll: the titles, clipped
	// like the cells, are set only when they change.
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(traineeColumns) {
			l := o.(*widget.Label)
			if text := clipText(T(traineeColumns[id.Col].title), s.room[id.Col]); l.Text != text {
				l.SetText(text)
			}
		}
	}
	em := fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Width
	s.room = make([]float32, len(traineeColumns))
	for i, c := range traineeColumns {
		s.table.SetColumnWidth(i, c.width)
		s.room[i] = (c.width - 2*theme.InnerPadding()) / em
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if t := s.rows.at(id.Row); t != nil {
			s.showDetail(t.ID)
		}
	}
	s.detail = newTraineeDetail(s)

	filters := container.NewHBox(
		fixedWidth(340, s.search), fixedWidth(170, s.region), fixedWidth(200, s.cohort), fixedWidth(120, s.stage))
	top := container.NewBorder(nil, nil, nil, s.count, filters)
	s.body = container.NewStack(s.table)
	s.box = container.NewBorder(container.NewVBox(heading(T("nav.trainees")), top), nil, nil, nil, s.body)
	return s
}

func (s *traineesScreen) content() fyne.CanvasObject { return s.box }

// shown loads the choices and the table on first show, and reloads the
// table's rows afterwards.
func (s *traineesScreen) shown() {
	if s.loaded {
		s.rows.reload()
		return
	}
	s.loaded = true
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
	if s.pending != "" && s.rows.count() > 0 {
		if t := s.rows.at(0); t != nil {
			sub := s.pending
			s.pending = ""
			s.table.Select(widget.TableCellID{Row: 0, Col: 0})
			s.detail.pendingEdit = sub == "edit"
		}
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

func (s *traineesScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	t := s.rows.at(id.Row)
	text := ""
	switch {
	case t == nil && id.Col == 0:
		text = "…"
	case t != nil:
		text = clipText(traineeColumns[id.Col].text(s, t), s.room[id.Col])
	}
	// Setting a label shapes its text again: skip it when nothing changed,
	// as for most cells while scrolling by a row or two.
	if l.Text != text {
		l.SetText(text)
	}
}

// showDetail opens the trainee's detail beside the table.
func (s *traineesScreen) showDetail(id int64) {
	if s.split == nil {
		s.split = container.NewHSplit(s.table, s.detail.box)
		s.split.Offset = 0.5
	}
	if len(s.body.Objects) != 1 || s.body.Objects[0] != s.split {
		s.split.Leading = s.table
		s.body.Objects = []fyne.CanvasObject{s.split}
		s.body.Refresh()
	}
	s.detail.load(id)
}

// hideDetail closes the detail.
func (s *traineesScreen) hideDetail() {
	if s.body.Objects[0] != s.table {
		s.body.Objects = []fyne.CanvasObject{s.table}
		s.body.Refresh()
	}
	s.table.UnselectAll()
}

// saved shows an edited trainee in the table and the detail.
func (s *traineesScreen) saved(t *models.Trainee) {
	s.rows.replace(t)
	s.table.Refresh()
	s.detail.load(t.ID)
}

// openFirst shows the elected trainees and opens the first one's detail
// ("detail") or edit form ("edit") once the rows are there; for
// screenshots.
func (s *traineesScreen) openFirst(sub string) {
	s.pending = sub
	s.stage.SetSelectedIndex(models.StageElected.Rank() + 1)
}

// clipText shortens s to fit a width of room Chinese characters, ending
// it with an ellipsis. It estimates instead of measuring (a Chinese
// character is 1, anything else 0.55), since measuring shapes the text and
// is too slow for every cell of a scrolling table.
func clipText(s string, room float32) string {
	width := func(r rune) float32 {
		if r >= 0x2E80 {
			return 1
		}
		return 0.55
	}
	var used float32
	rs := []rune(s)
	for i, r := range rs {
		if used+width(r) <= room {
			used += width(r)
			continue
		}
		for i > 0 && used+1 > room { // room for the ellipsis
			i--
			used -= width(rs[i])
		}
		return string(rs[:i]) + "…"
	}
	return s
}
