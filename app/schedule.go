package app

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
	gen         int
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
	s.head = container.NewBorder(nil, nil, container.NewHBox(heading(T("nav.schedule")), s.span), container.NewHBox(s.count, refresh), s.note)
	bar := container.NewBorder(nil, nil, container.NewHBox(prev, today, next), nil,
		container.NewHBox(layout.NewSpacer(), fixedWidth(250, s.venue), fixedWidth(170, s.instructor)))
	legend := caption(T("schedule.legend"))
	s.box = container.NewBorder(container.NewVBox(s.head, bar), legend, nil, nil, container.NewVScroll(s.grid.box))
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
	s.gen++
	gen := s.gen
	s.monday = monday
	s.setSpan()
	svc := s.u.svc
	goLoad(s.u, func(ctx context.Context) (*scheduleWeek, error) {
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
		if gen != s.gen {
			return
		}
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
	relayout(s.head)
}

// showSession shows a session with its conflicts, and offers to open its
// course.
func (s *scheduleScreen) showSession(it training.SessionItem) {
	ses := it.Session
	rows := []fyne.CanvasObject{
		widget.NewLabelWithStyle(it.Course.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(weekdayDate(ses.Date) + " " + ses.Start.String() + "–" + ses.End.String()),
	}
	facts := []string{sessionVenue(it)}
	if it.Instructor != nil {
		facts = append(facts, it.Instructor.Name)
	}
	facts = append(facts, T("schedule.hours", "Hours", courseNumber(ses.Hours)))
	rows = append(rows, widget.NewLabel(strings.Join(nonEmpty(facts), T("list.separator"))), wrapLabel(ses.Topic, widget.MediumImportance))
	cs := s.week.conflicts[ses.ID]
	if len(cs) == 0 {
		rows = append(rows, wrapLabel(T("courses.no_conflicts"), widget.SuccessImportance))
	}
	for _, c := range cs {
		rows = append(rows, wrapLabel("⚠"+ErrorText(c.Err()), widget.DangerImportance))
	}
	var d *dialog.CustomDialog
	closeBtn := widget.NewButtonWithIcon(T("button.close"), theme.CancelIcon(), func() { d.Hide() })
	open := widget.NewButtonWithIcon(T("schedule.open_course"), theme.FolderOpenIcon(), func() {
		d.Hide()
		s.u.showScreen("courses")
		if c, ok := s.u.built["courses"].(*coursesScreen); ok {
			c.openCourse(it.Course.ID, "sessions")
		}
	})
	open.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(T("schedule.session"), fixedWidth(520, container.NewVBox(rows...)), s.u.win)
	d.SetButtons([]fyne.CanvasObject{closeBtn, open})
	closeOnEscape(s.u.win, d)
	d.Show()
}

// weekGrid draws a week: the day headers, the hours, and a block per
// session, side by side where sessions overlap.
type weekGrid struct {
	s   *scheduleScreen
	box *fyne.Container

	monday, today models.Date
	from, to      int // the hours shown: from:00 to to:00
	days          [7]*widget.Label
	todayBG       *canvas.Rectangle
	hours         []*canvas.Text
	lines         []*canvas.Line
	blocks        []*sessionBlock
	empty         *widget.Label
}

// Sizes of the week grid.
const (
	weekAxis    = 52 // the hours' column
	weekHeader  = 38 // the days' row
	weekHourMin = 40 // the least height of an hour
	weekDayMin  = 96 // the least width of a day
)

func newWeekGrid(s *scheduleScreen) *weekGrid {
	g := &weekGrid{s: s, from: 8, to: 22}
	g.todayBG = canvas.NewRectangle(color.Transparent)
	for i := range g.days {
		g.days[i] = widget.NewLabel("")
		g.days[i].Alignment = fyne.TextAlignCenter
	}
	g.empty = widget.NewLabel(T("schedule.empty"))
	g.empty.Alignment = fyne.TextAlignCenter
	g.empty.Importance = widget.LowImportance
	g.box = container.New(g)
	g.rebuild()
	return g
}

// set shows the week's sessions.
func (g *weekGrid) set(monday, today models.Date, items []training.SessionItem, conflicts map[int64][]training.Conflict) {
	g.monday, g.today = monday, today
	g.from, g.to = 8, 22
	for _, it := range items {
		g.from = min(g.from, int(it.Session.Start)/60)
		g.to = max(g.to, (int(it.Session.End)+59)/60)
	}
	g.blocks = g.blocks[:0]
	byDay := map[int][]*sessionBlock{}
	for _, it := range items {
		day := int(it.Session.Date.Time().Sub(monday.Time()).Hours()+12) / 24
		if day < 0 || day > 6 {
			continue
		}
		it := it
		b := newSessionBlock(it, conflicts[it.Session.ID], func() { g.s.showSession(it) })
		b.day = day
		g.blocks = append(g.blocks, b)
		byDay[day] = append(byDay[day], b)
	}
	for _, bs := range byDay {
		placeLanes(bs)
	}
	g.rebuild()
}

// placeLanes puts overlapping blocks of a day side by side: each takes
// the first lane free at its start, and the blocks of a group that
// overlap one another, directly or through others, share its number of
// lanes.
func placeLanes(bs []*sessionBlock) {
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].item.Session.Start < bs[j].item.Session.Start })
	var group []*sessionBlock
	var ends []models.Clock
	var groupEnd models.Clock
	flush := func() {
		for _, b := range group {
			b.lanes = len(ends)
		}
		group, ends = group[:0], ends[:0]
	}
	for _, b := range bs {
		s := b.item.Session
		if len(group) > 0 && s.Start >= groupEnd {
			flush()
		}
		lane := -1
		for i, e := range ends {
			if e <= s.Start {
				lane = i
				break
			}
		}
		if lane < 0 {
			lane = len(ends)
			ends = append(ends, 0)
		}
		ends[lane] = s.End
		b.lane = lane
		group = append(group, b)
		groupEnd = max(groupEnd, s.End)
	}
	flush()
}

// rebuild makes the grid's objects anew.
func (g *weekGrid) rebuild() {
	objs := []fyne.CanvasObject{g.todayBG}
	g.todayBG.FillColor = color.Transparent
	for i := range g.days {
		d := g.monday.AddDays(i)
		l := g.days[i]
		if g.monday.IsZero() {
			l.SetText("")
		} else {
			l.SetText(T(fmt.Sprintf("weekday.%d", d.Time().Weekday())) + " " + shortDate(d))
		}
		isToday := !g.monday.IsZero() && d.Equal(g.today)
		l.TextStyle.Bold = isToday
		l.Importance = widget.MediumImportance
		if isToday {
			l.Importance = widget.HighImportance
			g.todayBG.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x14)
		}
		l.Refresh()
		objs = append(objs, l)
	}
	g.hours, g.lines = g.hours[:0], g.lines[:0]
	sep := theme.Color(theme.ColorNameSeparator)
	for h := g.from; h <= g.to; h++ {
		line := canvas.NewLine(sep)
		line.StrokeWidth = 1
		g.lines = append(g.lines, line)
		objs = append(objs, line)
		if h < g.to {
			t := canvas.NewText(fmt.Sprintf("%02d:00", h), theme.Color(theme.ColorNamePlaceHolder))
			t.TextSize = theme.CaptionTextSize()
			g.hours = append(g.hours, t)
			objs = append(objs, t)
		}
	}
	for i := 0; i <= 7; i++ {
		line := canvas.NewLine(sep)
		line.StrokeWidth = 1
		g.lines = append(g.lines, line)
		objs = append(objs, line)
	}
	for _, b := range g.blocks {
		objs = append(objs, b)
	}
	if len(g.blocks) == 0 && !g.monday.IsZero() {
		objs = append(objs, g.empty)
	}
	g.box.Objects = objs
	g.box.Refresh()
}

// Layout places the grid's objects.
func (g *weekGrid) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	hours := float32(g.to - g.from)
	colW := (size.Width - weekAxis) / 7
	hourH := max(float32(weekHourMin), (size.Height-weekHeader)/hours)
	x := func(day int) float32 { return weekAxis + float32(day)*colW }
	y := func(c models.Clock) float32 { return weekHeader + (float32(c)/60-float32(g.from))*hourH }
	for i, l := range g.days {
		l.Move(fyne.NewPos(x(i), 0))
		l.Resize(fyne.NewSize(colW, weekHeader))
	}
	g.todayBG.Hide()
	if !g.monday.IsZero() {
		for i := 0; i < 7; i++ {
			if g.monday.AddDays(i).Equal(g.today) {
				g.todayBG.Move(fyne.NewPos(x(i), 0))
				g.todayBG.Resize(fyne.NewSize(colW, size.Height))
				g.todayBG.Show()
			}
		}
	}
	n := g.to - g.from
	for i := 0; i <= n; i++ {
		yy := weekHeader + float32(i)*hourH
		g.lines[i].Position1 = fyne.NewPos(weekAxis, yy)
		g.lines[i].Position2 = fyne.NewPos(size.Width, yy)
		if i < n {
			t := g.hours[i]
			t.Move(fyne.NewPos(6, yy+2))
		}
	}
	for i := 0; i <= 7; i++ {
		l := g.lines[n+1+i]
		l.Position1 = fyne.NewPos(x(i), weekHeader)
		l.Position2 = fyne.NewPos(x(i), size.Height)
	}
	for _, b := range g.blocks {
		inner := colW - 6
		w := inner / float32(b.lanes)
		s := b.item.Session
		b.Move(fyne.NewPos(x(b.day)+3+float32(b.lane)*w, y(s.Start)+1))
		b.Resize(fyne.NewSize(w-2, y(s.End)-y(s.Start)-2))
	}
	g.empty.Move(fyne.NewPos(weekAxis, weekHeader+hourH))
	g.empty.Resize(fyne.NewSize(size.Width-weekAxis, g.empty.MinSize().Height))
}

// MinSize is the grid's least size.
func (g *weekGrid) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(weekAxis+7*weekDayMin, weekHeader+float32(g.to-g.from)*weekHourMin)
}

// withAlpha returns c with the alpha.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// blend mixes the share of c into back, opaque.
func blend(c, back color.Color, share float64) color.Color {
	r1, g1, b1, _ := c.RGBA()
	r2, g2, b2, _ := back.RGBA()
	mix := func(a, b uint32) uint8 { return uint8((float64(a)*share + float64(b)*(1-share)) / 257) }
	return color.NRGBA{R: mix(r1, r2), G: mix(g1, g2), B: mix(b1, b2), A: 0xff}
}

// themeColor is the colour of a course theme in the week.
func themeColor(t models.Theme) color.Color {
	switch t {
	case models.ThemeRural:
		return color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	case models.ThemeGovernance:
		return color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff}
	case models.ThemeIndustry:
		return color.NRGBA{R: 0xef, G: 0x6c, B: 0x00, A: 0xff}
	case models.ThemeTheory:
		return color.NRGBA{R: 0x8e, G: 0x24, B: 0xaa, A: 0xff}
	}
	return color.NRGBA{R: 0x6d, G: 0x4c, B: 0x41, A: 0xff}
}

// sessionBlock is a session in the week: a tinted box with a bar of its
// theme's colour and its time, course, venue and instructor, as much as
// fits; outlined in red when it clashes with another session.
type sessionBlock struct {
	widget.BaseWidget
	item      training.SessionItem
	conflicts []training.Conflict
	onTap     func()

	day, lane, lanes int
}

func newSessionBlock(it training.SessionItem, cs []training.Conflict, onTap func()) *sessionBlock {
	b := &sessionBlock{item: it, conflicts: cs, onTap: onTap, lanes: 1}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped shows the session.
func (b *sessionBlock) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// clashes reports whether the session clashes with another.
func (b *sessionBlock) clashes() bool { return len(b.conflicts) > 0 }

// texts are the block's lines before wrapping: the time (marked when it
// clashes), the course, the venue and the instructor.
func (b *sessionBlock) texts() []string {
	s := b.item.Session
	when := s.Start.String() + "–" + s.End.String()
	if b.clashes() {
		when = "⚠ " + when
	}
	out := []string{when, b.item.Course.Title, sessionVenue(b.item)}
	if b.item.Instructor != nil {
		out = append(out, b.item.Instructor.Name)
	}
	return out
}

func (b *sessionBlock) CreateRenderer() fyne.WidgetRenderer {
	c := themeColor(b.item.Course.Theme)
	back := theme.Color(theme.ColorNameBackground)
	r := &blockRenderer{b: b, bg: canvas.NewRectangle(blend(c, back, 0.18)), bar: canvas.NewRectangle(c)}
	if b.clashes() {
		r.bg.FillColor = blend(theme.Color(theme.ColorNameError), back, 0.22)
		r.bg.StrokeColor = theme.Color(theme.ColorNameError)
		r.bg.StrokeWidth = 2
		r.bar.FillColor = theme.Color(theme.ColorNameError)
	}
	r.bg.CornerRadius = 3
	for i := range r.lines {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		r.lines[i] = t
	}
	r.lines[0].TextStyle.Bold = true
	if b.clashes() {
		r.lines[0].Color = theme.Color(theme.ColorNameError)
	}
	return r
}

type blockRenderer struct {
	b     *sessionBlock
	bg    *canvas.Rectangle
	bar   *canvas.Rectangle
	lines [12]*canvas.Text
}

func (r *blockRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bar.Resize(fyne.NewSize(4, size.Height))
	const pad = 4
	w := size.Width - 4 - 2*pad
	ts := theme.CaptionTextSize()
	lineH := fyne.MeasureText("国", ts, fyne.TextStyle{}).Height
	room := min(len(r.lines), max(1, int((size.Height-2)/lineH)))
	var lines []string
	for i, t := range r.b.texts() {
		if i == 0 {
			bold := fyne.TextStyle{Bold: true}
			if fyne.MeasureText(t, ts, bold).Width > w {
				t = strings.TrimSuffix(t, "–"+r.b.item.Session.End.String()) // the start alone
			}
			lines = append(lines, blockFitText(t, w, ts, bold))
			continue
		}
		lines = append(lines, wrapText(t, w, ts)...)
	}
	if len(lines) > room {
		last := lines[room-1]
		lines = append(lines[:room-1], blockFitText(last+"…", w, ts, fyne.TextStyle{}))
	}
	lines = lines[:min(len(lines), len(r.lines))]
	for i, t := range r.lines {
		if i < len(lines) {
			t.Text = lines[i]
			t.Move(fyne.NewPos(4+pad, 1+float32(i)*lineH))
			t.Show()
		} else {
			t.Text = ""
			t.Hide()
		}
		t.Refresh()
	}
}

func (r *blockRenderer) MinSize() fyne.Size { return fyne.NewSize(10, 10) }

func (r *blockRenderer) Refresh() { r.Layout(r.b.Size()) }

func (r *blockRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.bar}
	for _, t := range r.lines {
		objs = append(objs, t)
	}
	return objs
}

func (r *blockRenderer) Destroy() {}

// blockFitText cuts s to width w, ending it with "…" when cut.
func blockFitText(s string, w, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= w {
		return s
	}
	rs := []rune(strings.TrimSuffix(s, "…"))
	for len(rs) > 0 {
		rs = rs[:len(rs)-1]
		if t := string(rs) + "…"; fyne.MeasureText(t, size, style).Width <= w {
			return t
		}
	}
	return ""
}

// wrapText breaks s into lines no wider than w: anywhere between Chinese
// characters, at spaces within Latin words.
func wrapText(s string, w, size float32) []string {
	var out []string
	rs := []rune(strings.TrimSpace(s))
	for len(rs) > 0 {
		n := 1
		for n < len(rs) && fyne.MeasureText(string(rs[:n+1]), size, fyne.TextStyle{}).Width <= w {
			n++
		}
		if n > 1 && n < len(rs) && strings.ContainsRune("）)，,。.、；;：:！!？?」』”’》〕】…", rs[n]) {
			n-- // no line starts with closing punctuation
		}
		if n < len(rs) && isLatin(rs[n]) && isLatin(rs[n-1]) {
			for k := n - 1; k > 0; k-- {
				if rs[k] == ' ' {
					n = k + 1
					break
				}
			}
		}
		out = append(out, strings.TrimSpace(string(rs[:n])))
		rs = []rune(strings.TrimLeft(string(rs[n:]), " "))
	}
	return out
}

func isLatin(r rune) bool { return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
