package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"peiyang/holidays"
	"peiyang/internal/poppler"
	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/training"
)

// coursesEnv opens the courses screen.
func coursesEnv(t *testing.T, lang string) (*testEnv, *coursesScreen) {
	t.Helper()
	e := newEnv(t, lang, "courses", false)
	s, ok := e.u.built["courses"].(*coursesScreen)
	if !ok {
		t.Fatal("the courses screen is not built")
	}
	return e, s
}

// testCourse creates a running course of the last weeks through the
// rules, with the trainees (by ID) enrolled in order and sessions on the
// days given (09:00–11:00, 2 class hours each, in 测试教室).
func testCourse(t *testing.T, e *testEnv, capacity int, rule models.CompletionRule, trainees []int64, days ...string) (*models.Course, []*models.Session) {
	t.Helper()
	today := e.svc.Today()
	c := &models.Course{Title: "界面测试专题班", Theme: models.ThemeGovernance, StartDate: today.AddDays(-25),
		EndDate: today.AddDays(20), Capacity: capacity, Status: models.CourseRunning, Rule: rule, Venue: "测试教室"}
	if err := e.svc.Courses.CreateCourse(ctx, c); err != nil {
		t.Fatal(err)
	}
	var ss []*models.Session
	for _, d := range days {
		s := &models.Session{CourseID: c.ID, Date: models.MustDate(d), Start: models.NewClock(9, 0), End: models.NewClock(11, 0),
			Topic: "专题讲座", Hours: 2}
		if err := e.svc.Courses.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		ss = append(ss, s)
	}
	for _, id := range trainees {
		if _, err := e.svc.Enrolment.Enrol(ctx, c.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	return c, ss
}

// openCourse shows the course on the tab and waits for its data.
func openCourse(t *testing.T, e *testEnv, s *coursesScreen, id int64, tab string) {
	t.Helper()
	e.act(func() { s.reload(false) })
	e.act(func() { s.openCourse(id, tab) })
	if s.cur == nil || s.cur.Course.ID != id {
		t.Fatalf("the screen shows %v, not course %d", s.cur, id)
	}
}

func TestCoursesListAndFilters(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	all, err := e.svc.Courses.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.rows) != len(all) || s.count.Text != formatInt(len(all))+" courses" {
		t.Fatalf("%d rows, count %q; %d courses", len(s.rows), s.count.Text, len(all))
	}
	if s.cur == nil || s.title.Text != s.cur.Course.Title {
		t.Fatal("no course is shown at first")
	}
	e.act(func() {
		s.status.SetSelectedIndex(1 + indexOf(models.CourseStatuses, func(c models.CourseStatus) bool { return c == models.CourseRunning }))
	})
	if len(s.rows) != 0 || s.count.Text != "0 courses" {
		t.Errorf("running filter: %d rows (the demo's courses are all finished)", len(s.rows))
	}
	e.act(func() {
		s.status.SetSelectedIndex(0)
		s.theme.SetSelectedIndex(1 + indexOf(models.Themes, func(th models.Theme) bool { return th == all[0].Theme }))
	})
	want, _ := e.svc.Courses.FindCourses(ctx, models.CourseFilter{Theme: all[0].Theme})
	if len(s.rows) != len(want) || len(want) == 0 {
		t.Errorf("theme filter: %d rows, want %d", len(s.rows), len(want))
	}
	e.act(func() {
		s.theme.SetSelectedIndex(0)
		test.Type(s.search, all[0].Title[:len(all[0].Title)-6])
	})
	for _, r := range s.rows {
		if !strings.Contains(r.Course.Title, all[0].Title[:len(all[0].Title)-6]) {
			t.Errorf("title search shows %s", r.Course.Title)
		}
	}
	e.act(func() { s.openCourse(all[0].ID, "overview") })
	if v := s.overview.values["rule"].Text; !strings.Contains(v, "attendance at least") {
		t.Errorf("the overview's rule: %q", v)
	}
}

func TestCourseCreateRefusesInvalidCapacity(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	before, _ := e.svc.Courses.FindCourses(ctx, models.CourseFilter{})
	e.act(func() { s.openEditor(nil) })
	f := s.editor
	if e.u.win.Canvas().Focused() != f.entries["title"] {
		t.Error("the form does not open with the focus on the title")
	}
	e.act(func() {
		test.Type(f.entries["title"], "2025年流动党员基层治理专题培训班（第9期）")
		f.theme.SetSelectedIndex(1)
		f.entries["capacity"].SetText("0")
		test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Save"))
	})
	if l := f.Message("capacity"); l != "The capacity must be between 1 and 1000." {
		t.Errorf("capacity error %q", l)
	}
	if l := f.Message("title"); l != "" {
		t.Errorf("the title shows an error: %q", l)
	}
	e.act(func() {
		f.entries["capacity"].SetText("四十")
		f.entries["rule.pass_score"].SetText("120")
		f.submit()
	})
	if l := f.Message("capacity"); l != "Not a whole number: 四十" {
		t.Errorf("capacity error %q", l)
	}
	if l := f.Message("rule.pass_score"); !strings.Contains(l, "between 0 and 100") {
		t.Errorf("pass score error %q", l)
	}
	after, _ := e.svc.Courses.FindCourses(ctx, models.CourseFilter{})
	if len(after) != len(before) {
		t.Fatal("a refused course was stored")
	}
	if e.u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the form closed on a refused course")
	}
	// Fixed, Enter saves it, and the list shows it.
	e.act(func() {
		f.entries["rule.pass_score"].SetText("60")
		f.entries["capacity"].SetText("40")
		f.entries["capacity"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	after, _ = e.svc.Courses.FindCourses(ctx, models.CourseFilter{})
	if len(after) != len(before)+1 {
		t.Fatalf("%d courses after saving, was %d", len(after), len(before))
	}
	c := after[len(after)-1]
	if c.Capacity != 40 || c.Theme != models.Themes[1] || c.Rule.PassScore != 60 || c.Rule.MinAttendanceRate != 0.8 {
		t.Errorf("stored %+v", c)
	}
	if e.u.win.Canvas().Overlays().Top() != nil {
		t.Error("the form stayed open")
	}
	if s.cur == nil || s.cur.Course.ID != c.ID || s.title.Text != c.Title {
		t.Error("the new course is not shown")
	}
}

func TestSessionConflictShownAndRefused(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	ss, err := e.svc.Courses.FindSessions(ctx, models.SessionFilter{Page: models.Page{Limit: 1}})
	if err != nil || len(ss) == 0 {
		t.Fatal("no demo session", err)
	}
	other := ss[0]
	course, _ := e.svc.Courses.FindCourseByID(ctx, other.CourseID)
	openCourse(t, e, s, other.CourseID, "sessions")
	n := len(s.sessions.rows)
	if n == 0 {
		t.Fatal("the sessions tab lists nothing")
	}
	e.act(func() { s.sessions.openEditor(nil) })
	ed := s.sessions.editor
	e.act(func() {
		ed.entries["date"].SetText(other.Date.String())
		ed.entries["start"].SetText(other.Start.String())
		ed.entries["end"].SetText(other.End.String())
		ed.entries["topic"].SetText("补充讲座")
		ed.entries["venue"].SetText(other.Venue)
		ed.entries["hours"].SetText("2")
	})
	if len(ed.found) == 0 || !ed.checked {
		t.Fatal("no conflict found as the session was typed")
	}
	wantText := course.Title + " on " + other.Date.String() + " " + other.Start.String()
	if !shows(ed.conflicts, "clashes with "+wantText) || !shows(ed.conflicts, "both use the venue "+other.Venue) {
		t.Errorf("the conflicts beside the form: %q", texts(ed.conflicts))
	}
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Save")) })
	after, _ := e.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: other.CourseID})
	if len(after) != n {
		t.Fatal("a clashing session was stored")
	}
	if !ed.General().Visible() || !strings.Contains(ed.General().Text, "conflict") || e.u.win.Canvas().Overlays().Top() == nil {
		t.Errorf("refusal: %q, dialog open %v", ed.General().Text, e.u.win.Canvas().Overlays().Top() != nil)
	}
	// Early in the morning the room is free.
	e.act(func() {
		ed.entries["start"].SetText("06:00")
		ed.entries["end"].SetText("07:30")
	})
	if len(ed.found) != 0 || !shows(ed.conflicts, "No conflict") {
		t.Errorf("conflicts at 06:00: %v", texts(ed.conflicts))
	}
	e.act(func() { ed.entries["hours"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	after, _ = e.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: other.CourseID})
	if len(after) != n+1 || len(s.sessions.rows) != n+1 {
		t.Fatalf("%d sessions stored, %d listed; want %d", len(after), len(s.sessions.rows), n+1)
	}
}

func TestEnrolWaitlistAndWithdraw(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	c, _ := testCourse(t, e, 2, models.CompletionRule{}, []int64{1, 2})
	openCourse(t, e, s, c.ID, "enrolment")
	en := s.enrolment
	third, _ := e.svc.Trainees.FindTraineeByID(ctx, 3)
	e.act(func() { test.Type(en.search, third.Name) })
	if len(en.found) == 0 || en.pick != 0 {
		t.Fatalf("searching %s found %d", third.Name, len(en.found))
	}
	pick := en.found[0]
	e.act(func() { en.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	got, err := e.db.FindEnrolment(ctx, c.ID, pick.ID)
	if err != nil || got.Status != models.Waitlisted || got.WaitPosition != 1 {
		t.Fatalf("enrolment %+v %v, want waitlisted at 1", got, err)
	}
	if !strings.Contains(en.message.Text, "waiting list, at position 1") {
		t.Errorf("message %q", en.message.Text)
	}
	row := indexOf(en.rows, func(r training.EnrolmentRow) bool { return r.Trainee.ID == pick.ID })
	if row < 0 || enrolCell(en, row, 1) != "Waiting list, no. 1" {
		t.Fatalf("the table shows the waiting trainee as %q", enrolCell(en, row, 1))
	}
	if !strings.HasPrefix(en.summary.Text, "Places held 2 of 2 · 1 on the waiting list") {
		t.Errorf("summary %q", en.summary.Text)
	}

	// Withdrawing trainee 1 promotes the waiting one.
	first := indexOf(en.rows, func(r training.EnrolmentRow) bool { return r.Trainee.ID == 1 })
	e.act(func() { en.table.Select(widget.TableCellID{Row: first, Col: 0}) })
	if en.withdraw.Disabled() {
		t.Fatal("Withdraw is disabled on an enrolled trainee")
	}
	e.act(func() { test.Tap(en.withdraw) })
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Withdraw")) })
	if w, _ := e.db.FindEnrolment(ctx, c.ID, 1); w.Status != models.Withdrawn {
		t.Errorf("trainee 1 is %s", w.Status)
	}
	if p, _ := e.db.FindEnrolment(ctx, c.ID, pick.ID); p.Status != models.Enrolled {
		t.Errorf("the waiting trainee is %s", p.Status)
	}
	if !strings.Contains(en.message.Text, pick.Name+" moved up from the waiting list") {
		t.Errorf("message %q", en.message.Text)
	}
	row = indexOf(en.rows, func(r training.EnrolmentRow) bool { return r.Trainee.ID == pick.ID })
	if enrolCell(en, row, 1) != "Enrolled" {
		t.Errorf("the promoted trainee shows %q", enrolCell(en, row, 1))
	}
	if s.cur.Waiting != 0 || s.cur.Places != 2 {
		t.Errorf("the header's counts: %+v", s.cur)
	}
}

// enrolCell is what the enrolment table shows in a cell.
func enrolCell(t *courseEnrolment, row, col int) string {
	s := t.table.Text(row, col)
	return s
}

func TestAttendanceWithTheKeyboard(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	day := e.svc.Today().AddDays(-6).String()
	c, ss := testCourse(t, e, 10, models.CompletionRule{}, []int64{4, 5, 6}, day)
	openCourse(t, e, s, c.ID, "attendance")
	a := s.attendance
	if a.sheet == nil || a.sheet.Session.ID != ss[0].ID || len(a.sheet.Trainees) != 3 {
		t.Fatalf("sheet %+v", a.sheet)
	}
	cv := e.u.win.Canvas()
	if cv.Focused() != a.grid {
		t.Fatalf("the grid has no focus: %v", cv.Focused())
	}
	e.act(func() {
		typeKeys(cv, "pa")                                         // row 1 present, row 2 absent
		cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})    // back to row 2
		typeKeys(cv, "3")                                          // row 2 excused, on to row 3
		cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})  // the late column
		cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // row 3 late
	})
	att, err := e.db.FindAttendance(ctx, models.AttendanceFilter{SessionID: ss[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]models.AttendanceStatus{}
	for _, r := range att {
		got[r.TraineeID] = r.Status
	}
	tr := a.sheet.Trainees
	want := map[int64]models.AttendanceStatus{tr[0].ID: models.Present, tr[1].ID: models.Excused, tr[2].ID: models.Late}
	for id, st := range want {
		if got[id] != st {
			t.Errorf("trainee %d: stored %q, want %q", id, got[id], st)
		}
	}
	if len(got) != 3 {
		t.Errorf("%d records stored", len(got))
	}
	if a.counts.Text != "Present 1 · late 1 · excused 1 · absent 0 · not recorded 0" {
		t.Errorf("counts %q", a.counts.Text)
	}
	if txt, _ := a.cell(1, attendanceFirstStatus+2); txt != "E" {
		t.Errorf("the excused cell of row 2 shows %q", txt)
	}
	// A click on a cell sets it too.
	e.act(func() { a.grid.Select(widget.TableCellID{Row: 0, Col: attendanceFirstStatus + 3}) })
	if r, _ := e.db.FindAttendance(ctx, models.AttendanceFilter{SessionID: ss[0].ID, TraineeID: tr[0].ID}); len(r) != 1 || r[0].Status != models.Absent {
		t.Errorf("after the click: %+v", r)
	}
}

func TestCompletionDecisionsShowReasons(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	today := e.svc.Today()
	rule := models.CompletionRule{MinAttendanceRate: 0.8, MinHours: 4, PassScore: 60}
	c, ss := testCourse(t, e, 10, rule, []int64{7, 8}, today.AddDays(-10).String(), today.AddDays(-3).String())
	c.EndDate = today.AddDays(-1) // over: decided without asking why
	if err := e.svc.Courses.UpdateCourse(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, ses := range ss {
		if err := e.svc.Enrolment.RecordAttendance(ctx, ses.ID, 7, models.Present); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.svc.Enrolment.RecordAttendance(ctx, ss[0].ID, 8, models.Present); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Enrolment.RecordScore(ctx, c.ID, 7, 85); err != nil {
		t.Fatal(err)
	}
	openCourse(t, e, s, c.ID, "completion")
	cp := s.completion
	if len(cp.rows) != 2 {
		t.Fatalf("%d rows", len(cp.rows))
	}
	row8 := indexOf(cp.rows, func(r completionRow) bool { return r.trainee.ID == 8 })
	// The score, typed and saved with Enter.
	e.act(func() { cp.table.Select(widget.TableCellID{Row: row8, Col: 0}) })
	if e.u.win.Canvas().Focused() != cp.score {
		t.Error("selecting a trainee does not put the focus on the score")
	}
	e.act(func() {
		cp.score.SetText("50")
		cp.score.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	if en, _ := e.db.FindEnrolment(ctx, c.ID, 8); en.Score == nil || *en.Score != 50 {
		t.Fatalf("score stored: %v", en.Score)
	}
	e.act(func() { test.Tap(cp.decide) })
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), "Record the decisions")) })
	for id, want := range map[int64]models.EnrolmentStatus{7: models.Completed, 8: models.NotCompleted} {
		if en, _ := e.db.FindEnrolment(ctx, c.ID, id); en.Status != want {
			t.Errorf("trainee %d is %s, want %s", id, en.Status, want)
		}
	}
	if !strings.Contains(cp.message.Text, "1 completed, 1 not completed") {
		t.Errorf("message %q", cp.message.Text)
	}
	row8 = indexOf(cp.rows, func(r completionRow) bool { return r.trainee.ID == 8 })
	reasons := cp.table.Text(row8, 7)
	for _, want := range []string{"attendance 50% is below the required 80%", "class hours 2 are 2 short of the required 4",
		"score 50 is below the pass score 60"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("reasons %q lack %q", reasons, want)
		}
	}
	e.act(func() { cp.table.Select(widget.TableCellID{Row: row8, Col: 1}) })
	if !strings.Contains(cp.reasons.Text, "score 50 is below the pass score 60") {
		t.Errorf("the reasons below the table: %q", cp.reasons.Text)
	}
	if rec := cp.table.Text(row8, 6); rec != "Not completed" {
		t.Errorf("recorded %q", rec)
	}
}

func TestCompletionReasonsInChinese(t *testing.T) {
	e, s := coursesEnv(t, LangChinese)
	today := e.svc.Today()
	c, _ := testCourse(t, e, 10, models.CompletionRule{MinAttendanceRate: 0.8, PassScore: 60}, []int64{9}, today.AddDays(-2).String())
	openCourse(t, e, s, c.ID, "completion")
	reasons := s.completion.table.Text(0, 7)
	if !strings.Contains(reasons, "出勤率 0% 低于要求的 80%") || !strings.Contains(reasons, "合格分数为 60") {
		t.Errorf("reasons %q", reasons)
	}
	if englishWord.MatchString(reasons) {
		t.Errorf("English in the Chinese reasons: %q", reasons)
	}
}

// Every print of the course screen asks where to save, writes a private
// PDF and leaves an entry in the audit trail (roster, sign-in sheets,
// certificates).
func TestPrintRosterSignInAndCertificates(t *testing.T) {
	dir := t.TempDir()
	opened := recordOpened(t)
	e, s := coursesEnv(t, LangChinese)
	cs, _ := e.svc.Courses.CourseSummaries(ctx, models.CourseFilter{})
	var pick int64
	for _, c := range cs {
		if issued, _, _ := e.svc.Certificates.CertificateCounts(ctx, c.Course.ID); issued > 0 && c.Sessions > 0 && pick == 0 {
			pick = c.Course.ID
		}
	}
	if pick == 0 {
		t.Fatal("no demo course with certificates")
	}
	openCourse(t, e, s, pick, "attendance")
	printsBefore, err := e.svc.Audit.FindAudit(ctx, models.AuditFilter{Action: "print", Entity: "courses"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, run := range []func(){
		s.printRoster,
		func() { s.printSignIn(nil) },
		func() { s.writeCertificates(s.cur.Course, false, "") },
		func() { s.printSignIn(s.attendance.list[0]) },
	} {
		e.act(run)
		path := saveInto(t, e, dir)
		if got := tapOpen(t, e, opened); got != path {
			t.Errorf("Open opened %s, not %s", got, path)
		}
		paths = append(paths, path)
	}
	prints, err := e.svc.Audit.FindAudit(ctx, models.AuditFilter{Action: "print", Entity: "courses"})
	if err != nil || len(prints) != len(printsBefore)+4 || !strings.Contains(prints[1].After, "certificate(s)") {
		t.Errorf("print entries %d before, %d after (%v)", len(printsBefore), len(prints), err)
	}
	for i, want := range []string{"花名册-", "签到表-", "结业证书-", "签到表-"} {
		name := paths[i]
		if !strings.HasPrefix(filepath.Base(name), want) || !strings.HasSuffix(name, ".pdf") {
			t.Errorf("file %s", name)
		}
		data, err := os.ReadFile(name)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Errorf("%s is no PDF: %v", name, err)
		}
		poppler.Check(t, name)
		privatetest.Assert(t, name)
	}
}

// typeKeys types the characters into the focused widget.
func typeKeys(c fyne.Canvas, chars string) {
	for _, r := range chars {
		c.Focused().TypedRune(r)
	}
}

// A session typed on a day off of a public holiday gets a warning beside
// its conflicts; it is not a conflict.
func TestSessionOnHolidayWarns(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	cs, err := e.svc.Courses.FindCourses(ctx, models.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var course *models.Course
	var day models.Date
	for _, c := range cs {
		for d := c.StartDate; !d.After(c.EndDate) && course == nil; d = d.AddDays(1) {
			if _, ok := holidays.Holiday(d); ok {
				course, day = c, d
			}
		}
	}
	if course == nil {
		t.Fatal("no demo course spans a public holiday")
	}
	openCourse(t, e, s, course.ID, "sessions")
	e.act(func() { s.sessions.openEditor(nil) })
	ed := s.sessions.editor
	e.act(func() {
		ed.entries["date"].SetText(day.String())
		ed.entries["start"].SetText("06:00")
		ed.entries["end"].SetText("06:30")
		ed.entries["topic"].SetText("补充讲座")
		ed.entries["hours"].SetText("1")
	})
	if !ed.checked || !shows(ed.conflicts, day.String()+" is a public holiday") {
		t.Fatalf("checked %v; beside the form: %q", ed.checked, texts(ed.conflicts))
	}
}

// A course form opened before the cohorts are read (by the route
// courses/edit, or a quick click) shows the course's cohort once they
// arrive, not "none".
func TestCourseFormGetsCohortsLate(t *testing.T) {
	e, s := coursesEnv(t, LangEnglish)
	var c *models.Course
	for _, cs := range s.all {
		if cs.Course.CohortID != 0 {
			c = cs.Course
			break
		}
	}
	if c == nil {
		t.Fatal("no course of a cohort in the demo data")
	}
	want := ""
	for _, co := range s.cohorts {
		if co.ID == c.CohortID {
			want = co.Name
		}
	}
	var f *courseEditor
	e.act(func() {
		s.cohorts = nil
		f = s.openEditor(c)
	})
	if got := f.cohort.Selected; got != T("value.none") {
		t.Fatalf("without the cohorts the form shows %q", got)
	}
	e.act(s.shown)
	if got := f.cohort.Selected; got != want || want == "" {
		t.Errorf("once the cohorts are read the form shows cohort %q, want %q", got, want)
	}
}
