package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// coursesScreen lists the themed courses, filtered by title, status and
// theme, with the selected course beside the list: its facts and print
// buttons above five tabs (overview, sessions, enrolment, attendance,
// completion). Each tab reads its data anew whenever it comes to the
// front or another course is chosen; whatever a tab changes reloads the
// list's counts.
type coursesScreen struct {
	u   *ui
	box fyne.CanvasObject

	search  *kit.Entry
	status  *widget.Select
	theme   *widget.Select
	count   *widget.Label
	filters *fyne.Container
	list    *widget.List

	all    []training.CourseSummary // as loaded, latest start first
	rows   []training.CourseSummary // those the filters select
	loaded bool
	latest kit.Latest // the list load in hand; older results are dropped

	cohorts     []*models.Cohort
	instructors []*models.Instructor

	cur    *training.CourseSummary // the course shown, nil for none
	right  *fyne.Container         // the hint or the detail
	hint   fyne.CanvasObject
	detail fyne.CanvasObject
	title  *widget.Label
	facts  *widget.Label
	tabs   *container.AppTabs

	signInOne, signInAll *widget.Button // the sign-in sheet of this session, of all

	overview   *courseOverview
	sessions   *courseSessions
	enrolment  *courseEnrolment
	attendance *courseAttendance
	completion *courseCompletion

	editor *courseEditor // the open course form, for tests

	// want is the course to show once the list is loaded (0: the first
	// running or open one), and wantTab the tab or form to open then,
	// from the window's route ("courses/attendance") or openCourse.
	want    int64
	wantTab string
}

// The tabs, in order.
const (
	tabOverview = iota
	tabSessions
	tabEnrolment
	tabAttendance
	tabCompletion
)

func newCourses(u *ui) *coursesScreen {
	s := &coursesScreen{u: u}
	s.wantTab = u.peekShow("courses")

	s.search = kit.NewEntry()
	s.search.SetPlaceHolder(T("courses.search_placeholder"))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.filter() }
	statuses := []string{T("courses.all_statuses")}
	for _, st := range models.CourseStatuses {
		statuses = append(statuses, courseStatusLabel(st))
	}
	s.status = widget.NewSelect(statuses, func(string) { s.filter() })
	s.status.SetSelectedIndex(0)
	themes := []string{T("courses.all_themes")}
	for _, th := range models.Themes {
		themes = append(themes, themeLabel(th))
	}
	s.theme = widget.NewSelect(themes, func(string) { s.filter() })
	s.theme.SetSelectedIndex(0)
	s.count = widget.NewLabel(T("dashboard.loading"))

	s.list = widget.NewList(func() int { return len(s.rows) }, kit.TwoLineItem, s.updateItem)
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.rows) {
			s.show(s.rows[id])
		}
	}

	newBtn := s.u.actionButton(models.PermEdit, T("courses.new"), theme.ContentAddIcon(), func() { s.openEditor(nil) })
	newBtn.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, kit.Heading(T("nav.courses")), newBtn)
	s.filters = container.NewBorder(nil, nil, nil, s.count,
		kit.Shrink([]float32{260, 150, 190}, s.search, s.status, s.theme))

	s.overview = newCourseOverview(s)
	s.sessions = newCourseSessions(s)
	s.enrolment = newCourseEnrolment(s)
	s.attendance = newCourseAttendance(s)
	s.completion = newCourseCompletion(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(T("courses.tab_overview"), theme.InfoIcon(), s.overview.content()),
		container.NewTabItemWithIcon(T("courses.tab_sessions"), theme.GridIcon(), s.sessions.content()),
		container.NewTabItemWithIcon(T("courses.tab_enrolment"), theme.AccountIcon(), s.enrolment.content()),
		container.NewTabItemWithIcon(T("courses.tab_attendance"), theme.ConfirmIcon(), s.attendance.content()),
		container.NewTabItemWithIcon(T("courses.tab_completion"), theme.DocumentIcon(), s.completion.content()),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.loadTab() }

	s.title = kit.Heading("")
	s.title.Truncation = fyne.TextTruncateEllipsis
	s.facts = widget.NewLabel("")
	s.facts.Truncation = fyne.TextTruncateEllipsis
	edit := s.u.actionButton(models.PermEdit, T("button.edit"), theme.DocumentCreateIcon(), func() {
		if s.cur != nil {
			s.openEditor(s.cur.Course)
		}
	})
	roster := widget.NewButtonWithIcon(T("courses.print_roster"), theme.DocumentPrintIcon(), func() { s.printRoster() })
	s.signInOne = widget.NewButtonWithIcon(T("courses.print_signin_one"), theme.DocumentPrintIcon(), s.printSignInInView)
	s.signInAll = widget.NewButtonWithIcon(T("courses.print_signin_all", "N", 0), theme.DocumentPrintIcon(), func() { s.printSignIn(nil) })
	certs := s.u.actionButton(models.PermIssue, T("courses.print_certificates"), theme.DocumentPrintIcon(), func() { s.printCertificates() })
	toolbar := container.NewHBox(edit, layout.NewSpacer(), roster, s.signInOne, s.signInAll, certs)
	s.detail = container.NewBorder(container.NewVBox(s.title, s.facts, toolbar), nil, nil, nil, s.tabs)
	hint := widget.NewLabel(T("courses.choose"))
	hint.Alignment = fyne.TextAlignCenter
	s.hint = container.NewCenter(hint)
	s.right = container.NewStack(s.hint)

	split := container.NewHSplit(s.list, s.right)
	split.Offset = 0.28
	s.box = container.NewBorder(container.NewVBox(top, s.filters), nil, nil, nil, split)
	return s
}

func (s *coursesScreen) content() fyne.CanvasObject { return s.box }

// shown reloads the list, the choices of the forms, and the tab in front.
func (s *coursesScreen) shown() { s.readAgain(s.loadTab) }

// readAgain reloads the list, the choices of the forms, and then the tab
// in front with tab.
func (s *coursesScreen) readAgain(tab func()) {
	s.reloadThen(s.cur != nil, tab)
	type choices struct {
		cohorts     []*models.Cohort
		instructors []*models.Instructor
	}
	goLoad(s.u, func(ctx context.Context) (choices, error) {
		cs, err := s.u.svc.Trainees.FindCohorts(ctx, models.CohortFilter{})
		if err != nil {
			return choices{}, err
		}
		is, err := s.u.svc.Courses.FindInstructors(ctx, models.InstructorFilter{})
		return choices{cs, is}, err
	}, func(c choices) {
		s.cohorts, s.instructors = c.cohorts, c.instructors
		s.editor.cohortsArrived(c.cohorts) // a form opened before them
		// The names they give may have come after the tab's data.
		s.sessions.table.Refresh()
		if s.cur != nil && s.tabs.SelectedIndex() == tabOverview {
			s.overview.load(s.cur)
		}
	})
}

// reload reads the course list anew; with tab, the tab in front reloads
// too once the list is there.
func (s *coursesScreen) reload(tab bool) { s.reloadThen(tab, s.loadTab) }

// reloadThen is reload, with loadTab reading the tab in front.
func (s *coursesScreen) reloadThen(tab bool, loadTab func()) {
	loadLatest(s.u, &s.latest, func(ctx context.Context) ([]training.CourseSummary, error) {
		return s.u.svc.Courses.CourseSummaries(ctx, models.CourseFilter{})
	}, func(all []training.CourseSummary) {
		first := !s.loaded
		s.loaded = true
		s.all = all
		s.filter()
		switch {
		case s.want != 0 || (first && s.cur == nil):
			s.selectWanted()
		case s.cur != nil:
			for i := range s.all {
				if s.all[i].Course.ID == s.cur.Course.ID {
					c := s.all[i]
					s.cur = &c
				}
			}
			s.setHeader()
			if tab {
				loadTab()
			}
		}
	})
}

// filter applies the search text, status and theme to the loaded list,
// keeping the selection when the selected course remains.
func (s *coursesScreen) filter() {
	if s.list == nil || s.count == nil {
		return // still building the widgets
	}
	q := strings.ToLower(strings.TrimSpace(s.search.Text))
	var st models.CourseStatus
	if i := s.status.SelectedIndex(); i > 0 {
		st = models.CourseStatuses[i-1]
	}
	var th models.Theme
	if i := s.theme.SelectedIndex(); i > 0 {
		th = models.Themes[i-1]
	}
	s.rows = s.rows[:0:0]
	for _, c := range s.all {
		switch {
		case st != "" && c.Course.Status != st:
		case th != "" && c.Course.Theme != th:
		case q != "" && !strings.Contains(strings.ToLower(c.Course.Title), q):
		default:
			s.rows = append(s.rows, c)
		}
	}
	if s.loaded {
		s.count.SetText(T("courses.count", "N", len(s.rows)))
		kit.Relayout(s.filters)
	}
	s.list.UnselectAll()
	for i, c := range s.rows {
		if s.cur != nil && c.Course.ID == s.cur.Course.ID {
			s.list.Select(i)
		}
	}
	s.list.Refresh()
}

// selectWanted shows the course asked for, or on the first load the
// first running course (else open, else the first one).
func (s *coursesScreen) selectWanted() {
	want, tab := s.want, s.wantTab
	s.want, s.wantTab = 0, ""
	if want != 0 {
		s.search.SetText("")
		s.status.SetSelectedIndex(0)
		s.theme.SetSelectedIndex(0)
	}
	pick := -1
	for _, st := range []models.CourseStatus{models.CourseRunning, models.CourseOpen} {
		for i, c := range s.rows {
			if pick < 0 && want == 0 && c.Course.Status == st {
				pick = i
			}
		}
	}
	for i, c := range s.rows {
		if want != 0 && c.Course.ID == want {
			pick = i
		}
	}
	if pick < 0 && want == 0 && len(s.rows) > 0 {
		pick = 0
	}
	if pick < 0 {
		return
	}
	if s.cur != nil && s.cur.Course.ID == s.rows[pick].Course.ID {
		s.cur = nil // show it afresh
	}
	s.list.UnselectAll()
	s.list.Select(pick)
	s.list.ScrollTo(pick)
	s.openTab(tab)
	if tab != "session" && tab != "newsession" {
		s.u.takeShow("courses")
	}
}

// openTab brings a tab (or a form) to the front by its name.
func (s *coursesScreen) openTab(name string) {
	switch name {
	case "overview":
		s.tabs.SelectIndex(tabOverview)
	case "sessions":
		s.tabs.SelectIndex(tabSessions)
	case "session", "newsession":
		// The sessions tab takes the route once they are loaded.
		s.tabs.SelectIndex(tabSessions)
	case "enrolment":
		s.tabs.SelectIndex(tabEnrolment)
	case "attendance":
		s.tabs.SelectIndex(tabAttendance)
	case "completion":
		s.tabs.SelectIndex(tabCompletion)
	case "edit":
		if s.cur != nil {
			s.openEditor(s.cur.Course)
		}
	case "new":
		s.openEditor(nil)
	}
}

// openCourse shows the course on a tab ("sessions" …), from another
// screen.
func (s *coursesScreen) openCourse(id int64, tab string) {
	s.want, s.wantTab = id, tab
	if s.loaded {
		s.selectWanted()
	}
}

func (s *coursesScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	c := s.rows[id]
	kit.SetTwoLines(o, c.Course.Title, strings.Join(s.itemFacts(c), T("list.separator")))
}

// itemFacts are the list's detail line: status, theme, start, places.
func (s *coursesScreen) itemFacts(c training.CourseSummary) []string {
	parts := []string{courseStatusLabel(c.Course.Status), themeLabel(c.Course.Theme), dateText(c.Course.StartDate),
		T("courses.places", "Places", c.Places, "Capacity", c.Course.Capacity)}
	if c.Waiting > 0 {
		parts = append(parts, T("attention.waiting", "N", c.Waiting))
	}
	return parts
}

// show makes the course the one shown, on the tab in front.
func (s *coursesScreen) show(c training.CourseSummary) {
	if s.cur != nil && s.cur.Course.ID == c.Course.ID {
		s.cur = &c
		s.setHeader()
		return
	}
	s.cur = &c
	s.right.Objects = []fyne.CanvasObject{s.detail}
	s.right.Refresh()
	s.setHeader()
	s.loadTab()
}

// setHeader writes the course's title and facts above the tabs.
func (s *coursesScreen) setHeader() {
	if s.cur == nil {
		return
	}
	c := s.cur
	s.title.SetText(c.Course.Title)
	parts := []string{courseStatusLabel(c.Course.Status), themeLabel(c.Course.Theme),
		T("timeline.period", "From", dateText(c.Course.StartDate), "To", dateText(c.Course.EndDate)),
		T("courses.places", "Places", c.Places, "Capacity", c.Course.Capacity)}
	if c.Waiting > 0 {
		parts = append(parts, T("attention.waiting", "N", c.Waiting))
	}
	parts = append(parts, T("courses.sessions_n", "N", c.Sessions))
	s.facts.SetText(strings.Join(parts, T("list.separator")))
	s.signInAll.SetText(T("courses.print_signin_all", "N", c.Sessions))
}

// loadTab reads the tab in front for the course shown.
func (s *coursesScreen) loadTab() {
	if s.cur == nil {
		return
	}
	c := s.cur.Course
	switch s.tabs.SelectedIndex() {
	case tabOverview:
		s.overview.load(s.cur)
	case tabSessions:
		s.sessions.load(c)
	case tabEnrolment:
		s.enrolment.load(c)
	case tabAttendance:
		s.attendance.load(c)
	case tabCompletion:
		s.completion.load(c)
	}
}

// changed reloads the list's counts and the header after a tab changed
// the course's data.
func (s *coursesScreen) changed() { s.reload(false) }
