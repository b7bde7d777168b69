package app

import (
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"peiyang/models"
	"peiyang/pinyin"
)

// The new-session form offers the last session's times and hours as
// placeholders (typing does not run into them), checks dates and times as
// they are typed, says nothing of conflicts until the date and times are
// there, clears a refusal once the form changes, picks dates from a
// calendar and finds instructors by pinyin, in pinyin order.
func TestSessionFormPlaceholdersAndChecks(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	ss, err := e.svc.Courses.FindSessions(ctx, models.SessionFilter{Page: models.Page{Limit: 1}})
	if err != nil || len(ss) == 0 {
		t.Fatal("no demo session", err)
	}
	openCourse(t, e, s, ss[0].CourseID, "sessions")
	last := s.sessions.rows[len(s.sessions.rows)-1]
	e.act(func() { s.sessions.openEditor(nil) })
	ed := s.sessions.editor
	start := ed.entries["start"]
	if start.Text != "" || start.PlaceHolder != last.Start.String() || ed.entries["hours"].PlaceHolder != courseNumber(last.Hours) {
		t.Fatalf("start %q (placeholder %q), hours placeholder %q", start.Text, start.PlaceHolder, ed.entries["hours"].PlaceHolder)
	}
	e.act(func() {
		e.u.win.Canvas().Focus(start)
		typeKeys(e.u.win.Canvas(), "06:00")
	})
	if start.Text != "06:00" {
		t.Errorf("typed 06:00, the field holds %q", start.Text)
	}
	// No date yet: no verdict on conflicts.
	if shows(ed.conflicts, "No conflict") || !shows(ed.conflicts, "once the date and the times are filled in") {
		t.Errorf("with no date the check says %q", texts(ed.conflicts))
	}
	// A wrong date is said as it is typed, and goes when it is mended.
	e.act(func() {
		e.u.win.Canvas().Focus(ed.date.Entry)
		typeKeys(e.u.win.Canvas(), "2025-13-45")
	})
	if msg := ed.errorText("date"); !strings.Contains(msg, "Not a date") {
		t.Errorf("the wrong date is not said as typed: %q", msg)
	}
	if shows(ed.conflicts, "No conflict") {
		t.Error("a wrong date is said to have no conflict")
	}
	// The calendar: it opens on the month of the course's first session
	// typed, and a day chosen fills the field.
	e.act(func() { ed.date.Entry.SetText(last.Date.String()) })
	if msg := ed.errorText("date"); msg != "" {
		t.Errorf("the mended date still says %q", msg)
	}
	e.act(ed.date.Open)
	if !ed.date.Showing() || ed.date.ShownMonth().Month() != last.Date.Time().Month() {
		t.Fatalf("the calendar: open %v on %v", ed.date.Showing(), ed.date.ShownMonth())
	}
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "1")) })
	first := last.Date.Time().AddDate(0, 0, 1-last.Date.Time().Day()).Format("2006-01-02")
	if ed.date.Entry.Text != first || ed.date.Showing() {
		t.Errorf("the day chosen gives %q, want %s", ed.date.Entry.Text, first)
	}

	checkInstructorChoice(t, e, ed)

	// The same date and times as the last session: refused, then the
	// refusal goes when the time changes.
	e.act(func() {
		ed.date.Entry.SetText(last.Date.String())
		start.SetText("")
		ed.entries["topic"].SetText("补充讲座")
		ed.entries["venue"].SetText(last.Venue)
	})
	if !ed.checked || len(ed.found) == 0 {
		t.Fatalf("the last session's times (the placeholders) are not checked: %q", texts(ed.conflicts))
	}
	e.act(ed.submit)
	if !ed.General().Visible() {
		t.Fatal("a clashing session is not refused below the form")
	}
	e.act(func() { start.SetText("06:00"); ed.entries["end"].SetText("07:00") })
	if ed.General().Visible() {
		t.Errorf("the refusal stays after the change: %q", ed.General().Text)
	}
}

// checkInstructorChoice: the session form lists the instructors in pinyin
// order, finds one by its initials, refuses a name not on the list and
// clears the refusal once the choice changes.
func checkInstructorChoice(t *testing.T, e *testEnv, ed *sessionEditor) {
	t.Helper()
	opts := ed.instructor.Matches()[1:]
	if !sort.SliceIsSorted(opts, func(i, j int) bool { return pinyin.SortKey(opts[i]) < pinyin.SortKey(opts[j]) }) {
		t.Errorf("instructors not in pinyin order: %v", opts)
	}
	want := ed.teachers[0]
	e.act(func() { ed.instructor.SetText(pinyin.Initials(want.Name)) })
	if i := ed.instructor.Index(); len(ed.instructor.Matches()) == 1 && (i < 1 || ed.teachers[i-1] != want) {
		t.Errorf("%s by its initials: %d", want.Name, i)
	}
	e.act(func() { ed.instructor.SetText("无此人") })
	e.act(ed.submit)
	if msg := ed.errorText("instructor_id"); !strings.Contains(msg, "No instructor on the list is called 无此人") {
		t.Errorf("an unknown instructor: %q", msg)
	}
	e.act(func() { ed.instructor.SetText(instructorLabel(want, ed.teachers)) })
	if msg := ed.errorText("instructor_id"); msg != "" {
		t.Errorf("the instructor's message stays after the change: %q", msg)
	}
}
