package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// scheduleScreen is a week of sessions: seven day columns against the
// time of day, each session a block coloured by its course's theme.
// Sessions that clash with another over the venue, the instructor or a
// trainee are outlined in red (training.ScheduleConflicts, over every
// session, whatever the filters show). The week is filtered by venue or
// instructor; buttons go to the previous and next week and back to this
// one; a click on a session shows it with its conflicts.
type scheduleScreen struct {
	u   *ui
	box fyne.CanvasObject

	monday     models.Date
	started    bool // the first week has been chosen
	head       *fyne.Container
	span       *widget.Label
	note       *widget.Label
	count      *widget.Label
	venue      *widget.Select
	instructor *widget.Select

	venues      []string
	instructors []*models.Instructor
	grid        *weekGrid
	week        *scheduleWeek
	latest      kit.Latest
}

// scheduleWeek is one week's sessions and their conflicts.
type scheduleWeek struct {
	monday    models.Date
	items     []training.SessionItem
	conflicts map[int64][]training.Conflict
	jumped    bool // this week had no session: the week shown is that of the next one
}

func newSchedule(u *ui) *scheduleScreen {
	s := &scheduleScreen{u: u}
	s.span = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.note = widget.NewLabel("")
	s.note.Importance = widget.WarningImportance
	s.count = widget.NewLabel(T("dashboard.loading"))
	s.venue = widget.NewSelect([]string{T("schedule.all_venues")}, func(string) { s.render() })
	s.venue.SetSelectedIndex(0)
	s.instructor = widget.NewSelect([]string{T("schedule.all_instructors")}, func(string) { s.render() })
	s.instructor.SetSelectedIndex(0)

	prev := widget.NewButtonWithIcon(T("schedule.previous"), theme.NavigateBackIcon(), func() { s.showWeek(s.monday.AddDays(-7)) })
	today := widget.NewButtonWithIcon(T("schedule.today"), theme.HomeIcon(), func() {
		m, _ := training.WeekOf(u.svc.Today())
		s.showWeek(m)
	})
	next := widget.NewButtonWithIcon(T("schedule.next"), theme.NavigateNextIcon(), func() { s.showWeek(s.monday.AddDays(7)) })
	next.IconPlacement = widget.ButtonIconTrailingText
	refresh := widget.NewButtonWithIcon(T("button.refresh"), theme.ViewRefreshIcon(), func() { s.showWeek(s.monday) })

	s.grid = newWeekGrid(s)
	s.head = container.NewBorder(nil, nil, container.NewHBox(kit.Heading(T("nav.schedule")), s.span), container.NewHBox(s.count, refresh), s.note)
	bar := container.NewBorder(nil, nil, container.NewHBox(prev, today, next), nil,
		kit.Shrink([]float32{250, 170}, s.venue, s.instructor))
	legend := kit.WrapCaption(T("schedule.legend"))
	s.box = container.NewBorder(container.NewVBox(s.head, bar, s.grid.header), legend, nil, nil, container.NewVScroll(s.grid.box))
	return s
}

func (s *scheduleScreen) content() fyne.CanvasObject { return s.box }

// shown reloads the week (on the first show, this week, or the week of
// the next session when this week has none) and the filters' choices.
func (s *scheduleScreen) shown() {
	if !s.started {
		s.started = true
		m, _ := training.WeekOf(s.u.svc.Today())
		s.load(m, true)
	} else {
		s.load(s.monday, false)
	}
	type choices struct {
		venues      []string
		instructors []*models.Instructor
	}
	goLoad(s.u, func(ctx context.Context) (choices, error) {
		vs, err := s.u.svc.Courses.FindVenues(ctx)
		if err != nil {
			return choices{}, err
		}
		is, err := s.u.svc.Courses.FindInstructors(ctx, models.InstructorFilter{})
		return choices{vs, is}, err
	}, func(c choices) {
		s.venues, s.instructors = c.venues, c.instructors
		s.venue.Options = append([]string{T("schedule.all_venues")}, c.venues...)
		s.venue.Refresh()
		s.instructor.Options = append([]string{T("schedule.all_instructors")}, names(c.instructors, func(i *models.Instructor) string { return i.Name })...)
		s.instructor.Refresh()
	})
}

// showWeek shows the week that starts on monday.
func (s *scheduleScreen) showWeek(monday models.Date) { s.load(monday, false) }

// load reads the week's sessions and conflicts; with jump, a week without
// sessions gives way to the week of the next session.
func (s *scheduleScreen) load(monday models.Date, jump bool) {
	s.monday = monday
	s.setSpan()
	svc := s.u.svc
	loadLatest(s.u, &s.latest, func(ctx context.Context) (*scheduleWeek, error) {
		w := &scheduleWeek{monday: monday}
		items, err := svc.Courses.SessionsBetween(ctx, monday, monday.AddDays(6), 0)
		if err != nil {
			return nil, err
		}
		if len(items) == 0 && jump {
			next, err := svc.Courses.SessionsBetween(ctx, monday, monday.AddDays(366), 1)
			if err != nil {
				return nil, err
			}
			if len(next) > 0 {
				w.monday, _ = training.WeekOf(next[0].Session.Date)
				w.jumped = true
				if items, err = svc.Courses.SessionsBetween(ctx, w.monday, w.monday.AddDays(6), 0); err != nil {
					return nil, err
				}
			}
		}
		w.items = items
		if w.conflicts, err = svc.Courses.ScheduleConflicts(ctx, w.monday, w.monday.AddDays(6)); err != nil {
			return nil, err
		}
		return w, nil
	}, func(w *scheduleWeek) {
		s.week = w
		s.monday = w.monday
		s.setSpan()
		if w.jumped {
			s.note.SetText(T("schedule.jumped"))
		} else {
			s.note.SetText("")
		}
		s.render()
	})
}

func (s *scheduleScreen) setSpan() {
	s.span.SetText(T("timeline.period", "From", dateText(s.monday), "To", dateText(s.monday.AddDays(6))))
}

// visible reports whether the filters show the session.
func (s *scheduleScreen) visible(it training.SessionItem) bool {
	if i := s.venue.SelectedIndex(); i > 0 && i-1 < len(s.venues) {
		if !strings.EqualFold(sessionVenue(it), s.venues[i-1]) {
			return false
		}
	}
	if i := s.instructor.SelectedIndex(); i > 0 && i-1 < len(s.instructors) {
		if it.Session.InstructorID != s.instructors[i-1].ID {
			return false
		}
	}
	return true
}

// sessionVenue is the session's venue, or its course's default venue.
func sessionVenue(it training.SessionItem) string {
	if v := models.CleanText(it.Session.Venue); v != "" {
		return v
	}
	return models.CleanText(it.Course.Venue)
}

// render draws the week's sessions the filters show.
func (s *scheduleScreen) render() {
	if s.grid == nil || s.week == nil {
		return
	}
	var items []training.SessionItem
	clashing := 0
	for _, it := range s.week.items {
		if s.visible(it) {
			items = append(items, it)
			if len(s.week.conflicts[it.Session.ID]) > 0 {
				clashing++
			}
		}
	}
	if clashing > 0 {
		s.count.Importance = widget.DangerImportance
		s.count.SetText(T("schedule.count_conflicts", "N", len(items), "Conflicts", clashing))
	} else {
		s.count.Importance = widget.MediumImportance
		s.count.SetText(T("schedule.count", "N", len(items)))
	}
	s.grid.set(s.week.monday, s.u.svc.Today(), items, s.week.conflicts)
	kit.Relayout(s.head)
}

// showSession shows a session with its conflicts, and offers to open its
// course.
func (s *scheduleScreen) showSession(it training.SessionItem) {
	ses := it.Session
	rows := []fyne.CanvasObject{
		widget.NewLabel(it.Course.Title),
		widget.NewLabel(weekdayDate(ses.Date) + " " + ses.Start.String() + "–" + ses.End.String()),
	}
	facts := []string{sessionVenue(it)}
	if it.Instructor != nil {
		facts = append(facts, it.Instructor.Name)
	}
	facts = append(facts, T("schedule.hours", "Hours", courseNumber(ses.Hours)))
	rows = append(rows, widget.NewLabel(strings.Join(nonEmpty(facts), T("list.separator"))), kit.WrapLabel(ses.Topic, widget.MediumImportance))
	cs := s.week.conflicts[ses.ID]
	if len(cs) == 0 {
		rows = append(rows, kit.WrapLabel(T("courses.no_conflicts"), widget.SuccessImportance))
	}
	for _, c := range cs {
		rows = append(rows, kit.WrapLabel("⚠"+ErrorText(c.Err()), widget.DangerImportance))
	}
	open := kit.Action{Label: T("schedule.open_course"), Icon: theme.FolderOpenIcon(), Importance: widget.HighImportance,
		Then: func() {
			s.u.showScreen("courses")
			if c, ok := s.u.built["courses"].(*coursesScreen); ok {
				c.openCourse(it.Course.ID, "sessions")
			}
		}}
	kit.Show(s.u.win, T("schedule.session"), kit.Stack(520, rows...), fyne.Size{}, kit.Close(), open)
}
