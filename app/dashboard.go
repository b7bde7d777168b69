package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// dashboardScreen is the overview: the pipeline as a funnel, bar charts
// per outflow region and per theme, this week's sessions and the courses
// that need attention.
type dashboardScreen struct {
	u    *ui
	box  fyne.CanvasObject
	data *dashboardData

	summary   *widget.Label
	funnel    *barChart
	regions   *barChart
	themes    *barChart
	weekTitle *widget.Label
	sessions  *widget.List
	attention *widget.List
	attnTitle *widget.Label
	review    *reviewNotice // elections an upgrade left to review
	onData    func()        // called after data reached the screen; for timing
}

// dashboardData is everything the dashboard shows, read in one go.
type dashboardData struct {
	pipeline     *training.PipelineCounts
	monday       models.Date
	sunday       models.Date
	week         []training.SessionItem
	upcoming     bool // week holds the next sessions, none being this week
	attention    []training.CourseAttention
	reviews      []training.ElectionReview
	loadDuration time.Duration
}

// loadDashboard reads the dashboard's data in one read transaction, so that
// its numbers agree with each other.
func loadDashboard(ctx context.Context, svc *training.Service) (*dashboardData, error) {
	start := time.Now()
	d := &dashboardData{}
	err := svc.View(ctx, func(ctx context.Context) error { return readDashboard(ctx, svc, d) })
	if err != nil {
		return nil, err
	}
	d.loadDuration = time.Since(start)
	return d, nil
}

// readDashboard reads the dashboard's data into d.
func readDashboard(ctx context.Context, svc *training.Service, d *dashboardData) error {
	var err error
	if d.pipeline, err = svc.Trainees.Pipeline(ctx, models.TraineeFilter{}); err != nil {
		return err
	}
	today := svc.Today()
	d.monday, d.sunday = training.WeekOf(today)
	if d.week, err = svc.Courses.SessionsBetween(ctx, d.monday, d.sunday, 200); err != nil {
		return err
	}
	if len(d.week) == 0 {
		d.upcoming = true
		if d.week, err = svc.Courses.SessionsBetween(ctx, today, today.AddDays(366), 8); err != nil {
			return err
		}
	}
	if d.attention, err = svc.Courses.CoursesNeedingAttention(ctx); err != nil {
		return err
	}
	if d.reviews, err = svc.FollowUp.ElectionReviews(ctx); err != nil {
		return err
	}
	return nil
}

func newDashboard(u *ui) *dashboardScreen {
	s := &dashboardScreen{u: u}
	s.summary = widget.NewLabel(T("dashboard.loading"))
	s.funnel = newBarChart(true, T("dashboard.no_data"))
	s.regions = newBarChart(false, T("dashboard.no_data"))
	s.themes = newBarChart(false, T("dashboard.no_data"))
	s.weekTitle = kit.Heading(T("dashboard.week"))
	s.attnTitle = kit.Heading(T("dashboard.attention"))
	s.weekTitle.Wrapping, s.attnTitle.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	s.sessions = widget.NewList(s.sessionCount, kit.TwoLineItem, s.updateSession)
	s.attention = widget.NewList(s.attentionCount, kit.TwoLineItem, s.updateAttention)
	s.attention.OnSelected = func(widget.ListItemID) {
		s.attention.UnselectAll()
		u.showScreen("courses")
	}
	s.sessions.OnSelected = func(widget.ListItemID) { s.sessions.UnselectAll() }

	refresh := widget.NewButtonWithIcon(T("button.refresh"), theme.ViewRefreshIcon(), s.shown)
	s.review = newReviewNotice(u, s.shown)
	top := container.NewVBox(kit.Bar(kit.Heading(T("nav.dashboard")), s.summary, refresh), s.review.box)
	funnelCard := kit.Card(T("dashboard.funnel"), s.funnel)
	regionCard := kit.Card(T("dashboard.by_region"), container.NewBorder(nil, newChartLegend(T("legend.region_bar"), T("legend.region_inner")), nil, nil, s.regions))
	themeCard := kit.Card(T("dashboard.by_theme"), container.NewBorder(nil, newChartLegend(T("legend.theme_bar"), T("legend.theme_inner")), nil, nil, s.themes))
	weekCard := listCard(s.weekTitle, s.sessions)
	attnCard := listCard(s.attnTitle, s.attention)
	row1 := container.NewGridWithColumns(2, funnelCard, regionCard)
	row2 := kit.Ratio([]float32{0.30, 0.35, 0.35}, themeCard, weekCard, attnCard)
	// On a small screen the cards scroll rather than push the window
	// beyond it.
	s.box = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewGridWithRows(2, row1, row2)))
	return s
}

// listCard is a card whose title label is kept for later changes.
func listCard(title *widget.Label, list fyne.CanvasObject) fyne.CanvasObject {
	return kit.CardWithHeading(title, list)
}

func (s *dashboardScreen) content() fyne.CanvasObject { return s.box }

// shown reloads the data in the background.
func (s *dashboardScreen) shown() {
	goLoad(s.u, func(ctx context.Context) (*dashboardData, error) {
		return loadDashboard(ctx, s.u.svc)
	}, s.setData)
}

// setData puts loaded data on screen.
func (s *dashboardScreen) setData(d *dashboardData) {
	s.data = d
	p := d.pipeline
	if r := s.u.regionOnly(); r != "" {
		s.summary.SetText(T("dashboard.summary_region", "Region", r, "N", formatInt(p.Overall.Total)))
	} else {
		s.summary.SetText(T("dashboard.summary", "N", formatInt(p.Overall.Total)))
	}
	s.funnel.SetItems(funnelItems(p.Overall))
	s.regions.SetItems(regionItems(p.ByCity))
	s.themes.SetItems(themeItems(p.ByTheme))
	if d.upcoming {
		s.weekTitle.SetText(T("dashboard.upcoming"))
	} else {
		s.weekTitle.SetText(T("dashboard.week_of", "From", shortDate(d.monday), "To", shortDate(d.sunday), "N", len(d.week)))
	}
	s.attnTitle.SetText(T("dashboard.attention_n", "N", len(d.attention)))
	s.review.set(d.reviews)
	s.sessions.Refresh()
	s.attention.Refresh()
	if s.onData != nil {
		s.onData()
	}
}

// funnelItems are the stages, each with the trainees who reached it;
// none when there are no trainees.
func funnelItems(f training.Funnel) []barItem {
	if f.Total == 0 {
		return nil
	}
	items := make([]barItem, 0, len(models.Stages))
	for _, st := range models.Stages {
		n := f.Reached[st]
		items = append(items, barItem{Label: stageLabel(st), Value: float64(n),
			Text: formatInt(n) + "  " + percent(n, f.Total)})
	}
	return items
}

// regionItems are the outflow cities by trainees, most first: the bar is
// every trainee, the dark part those who completed a course.
func regionItems(groups []training.Group) []barItem {
	gs := append([]training.Group(nil), groups...)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Total > gs[j].Total })
	items := make([]barItem, 0, len(gs))
	for _, g := range gs {
		label := g.Key
		if label == "" {
			label = T("dashboard.unknown_region")
		}
		trained := g.Reached[models.StageTrained]
		items = append(items, barItem{Label: label, Value: float64(g.Total), Inner: float64(trained),
			Text: formatInt(g.Total) + " / " + formatInt(trained)})
	}
	return items
}

// themeItems are the themes by trainees who completed a course on them;
// the dark part those who went on to be elected.
func themeItems(groups []training.ThemeGroup) []barItem {
	items := make([]barItem, 0, len(groups))
	for _, g := range groups {
		elected := g.Reached[models.StageElected]
		items = append(items, barItem{Label: themeLabel(g.Theme), Value: float64(g.Total), Inner: float64(elected),
			Text: formatInt(g.Total) + " / " + formatInt(elected)})
	}
	return items
}

func (s *dashboardScreen) sessionCount() int {
	if s.data == nil {
		return 0
	}
	return len(s.data.week)
}

func (s *dashboardScreen) updateSession(id widget.ListItemID, o fyne.CanvasObject) {
	if s.data == nil || id >= len(s.data.week) {
		return
	}
	it := s.data.week[id]
	ses := it.Session
	parts := []string{sessionWhen(ses), ses.Venue}
	if it.Instructor != nil {
		parts = append(parts, it.Instructor.Name)
	}
	kit.SetTwoLines(o, it.Course.Title, strings.Join(nonEmpty(parts), " · ")+" — "+ses.Topic)
}

func (s *dashboardScreen) attentionCount() int {
	if s.data == nil {
		return 0
	}
	return len(s.data.attention)
}

func (s *dashboardScreen) updateAttention(id widget.ListItemID, o fyne.CanvasObject) {
	if s.data == nil || id >= len(s.data.attention) {
		return
	}
	a := s.data.attention[id]
	reasons := append([]string{courseStatusLabel(a.Course.Status)}, attentionReasons(a)...)
	kit.SetTwoLines(o, a.Course.Title, strings.Join(reasons, T("list.separator")))
}

// attentionReasons says in words what a course needs.
func attentionReasons(a training.CourseAttention) []string {
	var out []string
	if a.Full {
		out = append(out, T("attention.full", "Places", a.Places, "Capacity", a.Course.Capacity))
	}
	if a.Waiting > 0 {
		out = append(out, T("attention.waiting", "N", a.Waiting))
	}
	if a.NoAttendance > 0 {
		out = append(out, T("attention.no_attendance", "N", a.NoAttendance))
	}
	if a.Undecided > 0 {
		out = append(out, T("attention.undecided", "N", a.Undecided))
	}
	return out
}

// sessionWhen is "Wed 2025-11-26 09:00–11:00" in the window's language.
func sessionWhen(s *models.Session) string {
	return T("date.weekday_date", "Weekday", T(fmt.Sprintf("weekday.%d", s.Date.Time().Weekday())), "Date", s.Date.String()) +
		" " + s.Start.String() + "–" + s.End.String()
}

func nonEmpty(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
