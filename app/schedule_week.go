package app

import (
	"fmt"
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/holidays"
	"peiyang/models"
	"peiyang/training"
)

// weekGrid draws a week: the day headers (header, above the scrolled
// part, so that they stay in sight), the hours, and a block per session,
// side by side where sessions overlap.
type weekGrid struct {
	s      *scheduleScreen
	box    *fyne.Container // the hours and the sessions, scrolled
	header *fyne.Container // the days, fixed above box

	monday, today models.Date
	from, to      int // the hours shown: from:00 to to:00
	days          [7]*widget.Label
	todayBG       *canvas.Rectangle
	todayHead     *canvas.Rectangle // todayBG in the header
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
	g.todayHead = canvas.NewRectangle(color.Transparent)
	heads := []fyne.CanvasObject{g.todayHead}
	for i := range g.days {
		g.days[i] = widget.NewLabel("")
		g.days[i].Alignment = fyne.TextAlignCenter
		heads = append(heads, g.days[i])
	}
	g.header = container.New(weekHeaderLayout{g}, heads...)
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
	g.todayHead.FillColor = color.Transparent
	for i := range g.days {
		d := g.monday.AddDays(i)
		l := g.days[i]
		if g.monday.IsZero() {
			l.SetText("")
		} else {
			l.SetText(T(fmt.Sprintf("weekday.%d", d.Time().Weekday())) + " " + shortDate(d))
		}
		holiday, isHoliday := holidays.Holiday(d)
		if isHoliday && !g.monday.IsZero() {
			l.SetText(l.Text + " " + holiday.Name)
		}
		isToday := !g.monday.IsZero() && d.Equal(g.today)
		l.TextStyle.Bold = isToday
		l.Importance = widget.MediumImportance
		if isHoliday {
			l.Importance = widget.WarningImportance
		}
		if isToday {
			l.Importance = widget.HighImportance
			g.todayBG.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x14)
			g.todayHead.FillColor = g.todayBG.FillColor
		}
		l.Refresh()
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
	g.header.Refresh()
}

// todayColumn is the column of today in the week shown, -1 for none.
func (g *weekGrid) todayColumn() int {
	if !g.monday.IsZero() {
		for i := 0; i < 7; i++ {
			if g.monday.AddDays(i).Equal(g.today) {
				return i
			}
		}
	}
	return -1
}

// weekHeaderLayout lays the days out over the grid's columns.
type weekHeaderLayout struct{ g *weekGrid }

func (l weekHeaderLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	g := l.g
	colW := (size.Width - weekAxis) / 7
	for i, d := range g.days {
		d.Move(fyne.NewPos(weekAxis+float32(i)*colW, 0))
		d.Resize(fyne.NewSize(colW, weekHeader))
	}
	g.todayHead.Hide()
	if i := g.todayColumn(); i >= 0 {
		g.todayHead.Move(fyne.NewPos(weekAxis+float32(i)*colW, 0))
		g.todayHead.Resize(fyne.NewSize(colW, size.Height))
		g.todayHead.Show()
	}
}

func (weekHeaderLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(weekAxis+7*weekDayMin, weekHeader)
}

// Layout places the grid's objects.
func (g *weekGrid) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	hours := float32(g.to - g.from)
	colW := (size.Width - weekAxis) / 7
	hourH := max(float32(weekHourMin), size.Height/hours)
	x := func(day int) float32 { return weekAxis + float32(day)*colW }
	y := func(c models.Clock) float32 { return (float32(c)/60 - float32(g.from)) * hourH }
	g.todayBG.Hide()
	if i := g.todayColumn(); i >= 0 {
		g.todayBG.Move(fyne.NewPos(x(i), 0))
		g.todayBG.Resize(fyne.NewSize(colW, size.Height))
		g.todayBG.Show()
	}
	n := g.to - g.from
	for i := 0; i <= n; i++ {
		yy := float32(i) * hourH
		g.lines[i].Position1 = fyne.NewPos(weekAxis, yy)
		g.lines[i].Position2 = fyne.NewPos(size.Width, yy)
		if i < n {
			t := g.hours[i]
			t.Move(fyne.NewPos(6, yy+2))
		}
	}
	for i := 0; i <= 7; i++ {
		l := g.lines[n+1+i]
		l.Position1 = fyne.NewPos(x(i), 0)
		l.Position2 = fyne.NewPos(x(i), size.Height)
	}
	for _, b := range g.blocks {
		inner := colW - 6
		w := inner / float32(b.lanes)
		s := b.item.Session
		b.Move(fyne.NewPos(x(b.day)+3+float32(b.lane)*w, y(s.Start)+1))
		b.Resize(fyne.NewSize(w-2, y(s.End)-y(s.Start)-2))
	}
	g.empty.Move(fyne.NewPos(weekAxis, hourH))
	g.empty.Resize(fyne.NewSize(size.Width-weekAxis, g.empty.MinSize().Height))
}

// MinSize is the grid's least size.
func (g *weekGrid) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(weekAxis+7*weekDayMin, float32(g.to-g.from)*weekHourMin)
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
