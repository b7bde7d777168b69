package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
	"peiyang/training"
)

func TestScheduleWeekAndConflict(t *testing.T) {
	e := newEnv(t, LangEnglish, "schedule", false)
	s, ok := e.u.built["schedule"].(*scheduleScreen)
	if !ok {
		t.Fatal("the schedule screen is not built")
	}
	thisWeek, _ := training.WeekOf(e.svc.Today())
	if s.week == nil || !s.monday.Equal(thisWeek) && !s.week.jumped {
		t.Fatalf("the schedule opens on %v", s.monday)
	}

	// The busiest week of the demo.
	all, err := e.svc.Courses.FindSessions(ctx, models.SessionFilter{})
	if err != nil || len(all) == 0 {
		t.Fatal("no demo sessions", err)
	}
	monday, busiest := busiestWeek(all)
	e.act(func() { s.showWeek(monday) })
	want, err := e.svc.Courses.SessionsBetween(ctx, monday, monday.AddDays(6), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.grid.blocks) != len(want) || len(want) != busiest {
		t.Fatalf("%d blocks, %d sessions that week", len(s.grid.blocks), len(want))
	}
	if s.count.Text != formatInt(len(want))+" sessions" {
		t.Errorf("count %q", s.count.Text)
	}
	for _, b := range s.grid.blocks {
		if b.clashes() {
			t.Errorf("the demo's session %d clashes: %v", b.item.Session.ID, b.conflicts)
		}
	}
	if !shows(s.grid.box, want[0].Session.Start.String()+"–"+want[0].Session.End.String()) {
		t.Error("the week does not show the first session's time")
	}

	// A session written around the rules, in the same room at the same
	// time, is outlined in red, and so is the one it clashes with.
	first := want[0]
	checkClashShown(t, e, s, first)

	// Filtered by the venue: only its sessions.
	venue := sessionVenue(first)
	e.act(func() { s.venue.SetSelected(venue) })
	for _, b := range s.grid.blocks {
		if sessionVenue(b.item) != venue {
			t.Errorf("the venue filter shows a session at %s", sessionVenue(b.item))
		}
	}
	if len(s.grid.blocks) < 2 {
		t.Errorf("%d sessions at %s", len(s.grid.blocks), venue)
	}
	// Next week and back.
	e.act(func() { test.Tap(findButton(t, s.box, "Next week")) })
	if !s.monday.Equal(monday.AddDays(7)) {
		t.Errorf("next week is %v", s.monday)
	}
	e.act(func() { test.Tap(findButton(t, s.box, "Previous week")) })
	if !s.monday.Equal(monday) || len(s.grid.blocks) < 2 {
		t.Errorf("back on %v with %d blocks", s.monday, len(s.grid.blocks))
	}
	e.act(func() { test.Tap(findButton(t, s.box, "This week")) })
	if !s.monday.Equal(thisWeek) {
		t.Errorf("this week is %v", s.monday)
	}
}

// busiestWeek is the Monday of the week with the most sessions, and how
// many it has.
func busiestWeek(all []*models.Session) (models.Date, int) {
	weeks := map[models.Date]int{}
	var monday models.Date
	for _, ses := range all {
		m, _ := training.WeekOf(ses.Date)
		if weeks[m]++; weeks[m] > weeks[monday] {
			monday = m
		}
	}
	return monday, weeks[monday]
}

// checkClashShown writes a session that clashes with first (same room,
// overlapping time) around the rules, and checks that the week outlines
// both in red and counts them.
func checkClashShown(t *testing.T, e *testEnv, s *scheduleScreen, first training.SessionItem) {
	t.Helper()
	clash := &models.Session{CourseID: first.Course.ID, Date: first.Session.Date, Start: first.Session.Start + 30,
		End: first.Session.End, Venue: sessionVenue(first), Topic: "冲突测试", Hours: 1}
	if err := e.db.CreateSession(ctx, clash); err != nil {
		t.Fatal(err)
	}
	e.act(func() { s.showWeek(s.monday) })
	red := theme.Color(theme.ColorNameError)
	clashing := 0
	for _, b := range s.grid.blocks {
		id := b.item.Session.ID
		if id != clash.ID && id != first.Session.ID {
			continue
		}
		clashing++
		r := test.WidgetRenderer(b).(*blockRenderer)
		if !b.clashes() || r.bg.StrokeColor != red || r.bg.StrokeWidth == 0 || !strings.HasPrefix(r.lines[0].Text, "⚠") {
			t.Errorf("session %d is not highlighted: %d conflicts, stroke %v", id, len(b.conflicts), r.bg.StrokeColor)
		}
	}
	if clashing != 2 {
		t.Fatalf("%d of the clashing sessions shown", clashing)
	}
	if !strings.Contains(s.count.Text, "2 in conflict") {
		t.Errorf("count %q", s.count.Text)
	}
}

// The week view names the days off of a public holiday in their
// headers: the week of National Day 2025, in Chinese.
func TestScheduleWeekMarksHolidays(t *testing.T) {
	e := newEnv(t, LangChinese, "schedule", false)
	s, ok := e.u.built["schedule"].(*scheduleScreen)
	if !ok {
		t.Fatal("the schedule screen is not built")
	}
	monday := models.MustDate("2025-09-29")
	e.act(func() { s.showWeek(monday) })
	for i, l := range s.grid.days {
		d := monday.AddDays(i)
		holiday := d.Day() >= 1 && d.Day() <= 5 && d.Month() == 10 // 1–5 October of this week
		if named := strings.Contains(l.Text, "国庆"); named != holiday || holiday && l.Importance != widget.WarningImportance {
			t.Errorf("%s: header %q (importance %v), holiday %v", d, l.Text, l.Importance, holiday)
		}
	}
}
