package app

import (
	"context"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/reports/lists"
	"peiyang/training"
)

// returnsScreen shows the returnees (回引) and their two-committee
// elections: a table filtered by outflow region, year of the return,
// committee and post; the totals of the selection (returned, stood,
// seated, and per post); forms that record a return and an election
// (returns_forms.go); and the outcome report of a region as a PDF.
type returnsScreen struct {
	u   *ui
	box fyne.CanvasObject

	region    *kit.Entry
	year      *widget.Select
	years     []int // the year select's options after "all years"
	committee *widget.Select
	post      *widget.Select
	count     *widget.Label

	returned, stood, seated *widget.Label
	stoodShare, seatedShare *widget.Label
	posts                   *barChart

	view     *training.ReturnsView
	latest   kit.Latest
	table    *kit.Table[training.ReturnRow]
	selected int // the row chosen, -1 for none

	electionBtn *widget.Button
	electionTip *widget.Label // why the election button is disabled

	returnForm   *returnForm   // opened last; for tests
	electionForm *electionForm // opened last; for tests
}

// returnColumns are the table's columns.
func returnColumns() []kit.Column[training.ReturnRow] {
	type row = training.ReturnRow
	return []kit.Column[row]{
		{Title: T("trainee.name"), Width: 80, Text: func(r row) string { return r.Trainee.Name }},
		{Title: T("trainee.home_region"), Width: 140, Text: func(r row) string { return r.Trainee.HomeRegion.Short() }},
		{Title: T("returns.col_village"), Width: 230, Text: func(r row) string { return r.Village.Name }},
		{Title: T("returns.col_date"), Width: 100, Text: func(r row) string { return r.Return.ReturnDate.String() }},
		{Title: T("returns.col_elections"), Width: 300, Flex: true, Text: func(r row) string { return electionsText(r.Elections) }},
	}
}

func newReturns(u *ui) *returnsScreen {
	s := &returnsScreen{u: u, selected: -1}
	s.region = kit.NewEntry()
	s.region.SetPlaceHolder(T("trainees.region_placeholder"))
	s.region.OnChanged = func(string) { s.reload() }
	s.year = widget.NewSelect([]string{T("returns.all_years")}, func(string) { s.reload() })
	s.year.SetSelectedIndex(0)
	committees := []string{T("returns.all_committees")}
	for _, c := range models.Committees {
		committees = append(committees, committeeLabel(c))
	}
	s.committee = widget.NewSelect(committees, func(string) { s.reload() })
	s.committee.SetSelectedIndex(0)
	posts := []string{T("returns.all_posts")}
	for _, p := range models.Posts {
		posts = append(posts, postLabel(p))
	}
	s.post = widget.NewSelect(posts, func(string) { s.reload() })
	s.post.SetSelectedIndex(0)
	s.count = widget.NewLabel(T("trainees.counting"))

	s.returned, s.stood, s.seated = returnsFigure(), returnsFigure(), returnsFigure()
	s.stoodShare, s.seatedShare = returnsShare(), returnsShare()
	s.posts = newBarChart(false, T("dashboard.no_data"))

	s.table = kit.NewTable(returnColumns(), s.rowCount, func(i int) (training.ReturnRow, bool) {
		if s.view == nil {
			return training.ReturnRow{}, false
		}
		return at(s.view.Rows, i)
	})
	s.table.OnSelected = func(id widget.TableCellID) {
		s.selected = id.Row
		s.updateButtons()
	}
	s.table.OnUnselected = func(widget.TableCellID) {
		s.selected = -1
		s.updateButtons()
	}

	returnBtn := s.u.actionButton(models.PermFollowUp, T("returns.record_return"), theme.ContentAddIcon(), s.openReturn)
	returnBtn.Importance = widget.HighImportance
	s.electionBtn = s.u.actionButton(models.PermFollowUp, T("returns.record_election"), theme.ContentAddIcon(), s.openElection)
	printBtn := widget.NewButtonWithIcon(T("returns.print"), theme.DocumentPrintIcon(), s.print)
	refresh := widget.NewButtonWithIcon(T("button.refresh"), theme.ViewRefreshIcon(), s.shown)
	s.electionTip = kit.WrapCaption(T("returns.election_needs_return"))
	top := container.NewBorder(nil, nil, nil, container.NewHBox(printBtn, refresh), kit.Heading(T("nav.returns")))
	// The buttons that record, below the table as on the certificates
	// screen, with the reason beside the election button while it is
	// disabled.
	actions := container.NewBorder(nil, nil, container.NewHBox(returnBtn, s.electionBtn), nil, s.electionTip)
	filters := container.NewBorder(nil, nil, nil, s.count,
		kit.Shrink([]float32{200, 140, 230, 200}, s.region, s.year, s.committee, s.post))

	returnedNote := returnsShare()
	returnedNote.SetText(T("returns.returned_note"))
	figures := container.NewGridWithColumns(3,
		returnsStat(T("returns.returned"), s.returned, returnedNote),
		returnsStat(T("returns.stood"), s.stood, s.stoodShare),
		returnsStat(T("returns.seated"), s.seated, s.seatedShare))
	totals := kit.Card(T("returns.totals"), figures)
	perPost := kit.Card(T("returns.by_post"), container.NewBorder(nil, newChartLegend(T("legend.post_bar"), T("legend.post_inner")), nil, nil, s.posts))
	summary := kit.AtLeast(0, 190, kit.Ratio([]float32{0.45, 0.55}, totals, perPost))
	s.box = container.NewBorder(container.NewVBox(top, filters, summary), actions, nil, nil, s.table.Object())
	s.updateButtons()
	return s
}

// returnsFigure is a large number of the totals.
func returnsFigure() *widget.Label {
	l := widget.NewLabelWithStyle("—", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// returnsShare is the small line below a figure.
func returnsShare() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	l.SizeName = theme.SizeNameCaptionText
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// returnsStat is a figure with its name above it and a note below.
func returnsStat(name string, figure, note *widget.Label) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(name, fyne.TextAlignCenter, fyne.TextStyle{})
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(l, figure, note)
}

func (s *returnsScreen) content() fyne.CanvasObject { return s.box }

// shown reads the records again.
func (s *returnsScreen) shown() { s.reload() }

// query is what the filters select.
func (s *returnsScreen) query() training.ReturnsQuery {
	q := training.ReturnsQuery{Region: strings.TrimSpace(s.region.Text)}
	if i := s.year.SelectedIndex(); i > 0 && i-1 < len(s.years) {
		q.Year = s.years[i-1]
	}
	if i := s.committee.SelectedIndex(); i > 0 {
		q.Committee = models.Committees[i-1]
	}
	if i := s.post.SelectedIndex(); i > 0 {
		q.Post = models.Posts[i-1]
	}
	return q
}

// reload reads the records the filters select.
func (s *returnsScreen) reload() {
	if s.table == nil {
		return // still building the widgets
	}
	q := s.query()
	s.count.SetText(T("trainees.counting"))
	loadLatest(s.u, &s.latest, func(ctx context.Context) (*training.ReturnsView, error) {
		return s.u.svc.FollowUp.Returns(ctx, q)
	}, func(v *training.ReturnsView) { s.setView(v, q) })
}

// setView shows loaded records.
func (s *returnsScreen) setView(v *training.ReturnsView, q training.ReturnsQuery) {
	var keep int64
	if r := s.row(); r != nil {
		keep = r.Return.ID
	}
	s.view = v
	if q.Year == 0 {
		s.years = v.Years
		opts := []string{T("returns.all_years")}
		for _, y := range v.Years {
			opts = append(opts, strconv.Itoa(y))
		}
		s.year.Options = opts
		s.year.Refresh()
	}
	t := v.Totals
	s.count.SetText(T("returns.count", "N", formatInt(len(v.Rows))))
	s.returned.SetText(formatInt(t.Returned))
	s.stood.SetText(formatInt(t.Stood))
	s.stoodShare.SetText(T("returns.stood_share", "Share", percent(t.Stood, t.Returned)))
	s.seated.SetText(formatInt(t.Seated))
	s.seatedShare.SetText(T("returns.seated_share", "Share", percent(t.Seated, t.Stood)))
	var items []barItem
	for _, p := range t.Posts {
		items = append(items, barItem{Label: postLabel(p.Post), Value: float64(p.Stood), Inner: float64(p.Seated),
			Text: formatInt(p.Seated) + " / " + formatInt(p.Stood)})
	}
	if t.Stood == 0 {
		items = nil
	}
	s.posts.SetItems(items)
	s.selected = -1
	s.table.UnselectAll()
	for i, r := range v.Rows {
		if r.Return.ID == keep {
			s.table.Select(widget.TableCellID{Row: i, Col: 0})
			s.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
		}
	}
	if s.selected < 0 {
		s.table.ScrollToTop()
	}
	s.table.Refresh()
	s.updateButtons()
	switch s.u.takeShow("returns") {
	case "committee":
		s.committee.SetSelectedIndex(1)
	case "return":
		s.openReturn()
		s.returnForm.picker.demo("张")
	case "election":
		if len(v.Rows) > 0 {
			s.table.Select(widget.TableCellID{Row: 0, Col: 0})
			s.openElection()
		}
	}
}

func (s *returnsScreen) rowCount() int {
	if s.view == nil {
		return 0
	}
	return len(s.view.Rows)
}

// row returns the chosen record, nil when none.
func (s *returnsScreen) row() *training.ReturnRow {
	if s.view == nil || s.selected < 0 || s.selected >= len(s.view.Rows) {
		return nil
	}
	return &s.view.Rows[s.selected]
}

// electionsText lists elections in one line.
func electionsText(es []*models.Election) string {
	if len(es) == 0 {
		return T("returns.not_stood")
	}
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = electionText(e)
	}
	return strings.Join(parts, T("returns.and_then"))
}

// electionText is "Villagers' committee: Chair, elected (2024-10-01)".
func electionText(e *models.Election) string {
	return T("returns.election", "Committee", committeeLabel(e.Committee), "Post", postLabel(e.Post),
		"Result", resultLabel(e.Result), "Date", e.Date.String())
}

func (s *returnsScreen) updateButtons() {
	if s.row() == nil {
		s.electionBtn.Disable()
		s.electionTip.Show()
	} else {
		s.electionBtn.Enable()
		s.electionTip.Hide()
	}
}

// changed reloads what a new return or election changes.
func (s *returnsScreen) changed() {
	if s.u.trainees != nil {
		s.u.trainees.invalidate()
	}
	s.reload()
}

// print prints the outcome report of the region in the filter.
func (s *returnsScreen) print() {
	region := strings.TrimSpace(s.region.Text)
	if region == "" {
		showError(s.u.win, models.Errorf(models.EINVALID, "region", "Give the outflow region, such as 德阳市 or 中江县."))
		s.u.win.Canvas().Focus(s.region)
		return
	}
	title := T("returns.print_title")
	printList(s.u, title, listFileName(s.u, region+"流出地培养成果报告"), "outcome report of a region", func(ctx context.Context) (listDoc, error) {
		o, err := s.u.svc.FollowUp.RegionOutcome(ctx, region)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer, m lists.Meta) (int, error) { return lists.Outcomes(w, m, o) }, nil
	})
}
