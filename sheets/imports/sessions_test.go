package imports

import (
	"strings"
	"testing"

	"peiyang/models"
)

func (f *fixture) course(title, venue string) *models.Course {
	f.t.Helper()
	c := &models.Course{Title: title, Theme: models.ThemeRural, StartDate: models.MustDate("2025-06-01"),
		EndDate: models.MustDate("2025-06-30"), Venue: venue, Capacity: 40, Status: models.CourseRunning}
	if err := f.db.CreateCourse(f.ctx, c); err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fixture) instructor(name string) *models.Instructor {
	f.t.Helper()
	in := &models.Instructor{Name: name}
	if err := f.db.CreateInstructor(f.ctx, in); err != nil {
		f.t.Fatal(err)
	}
	return in
}

func TestImportSessions(t *testing.T) {
	f := newFixture(t)
	c := f.course("乡村振兴专题培训班", "第一教室")
	other := f.course("基层治理专题培训班", "第二教室")
	f.instructor("刘教授")
	if err := f.svc.Courses.CreateSession(f.ctx, &models.Session{CourseID: other.ID, Date: models.MustDate("2025-06-03"),
		Start: models.NewClock(9, 0), End: models.NewClock(11, 0), Venue: "报告厅", Topic: "基层治理", Hours: 2}); err != nil {
		t.Fatal(err)
	}
	p := f.xlsx("课表.xlsx", [][]any{
		{"2025年乡村振兴专题培训班课程安排"},
		{"序号", "日期", "时间", "专题", "主讲人", "地点", "学时"},
		{1.0, "2025年6月2日", "09:00-11:30", "习近平新时代中国特色社会主义思想", "刘教授", "", "3"},
		{2.0, 45811.0, "下午2:30-5:00", "乡村振兴战略", "", "", ""}, // 2025-06-03 as a serial
		{3.0, "2025/6/3", "10:00-12:00", "集体经济", "", "报告厅", "2"},
		{4.0, "2025.6.2", "10:00-11:00", "产业规划", "刘教授", "报告厅", "1"},
		{5.0, "2025-07-09", "9:00-8:00", "", "王老师", "", "20"},
	}, [2]string{"A1", "G1"})
	rep, err := f.im.ImportSessions(f.ctx, p, SessionOptions{CourseID: c.ID})
	if err == nil {
		t.Fatal("conflicts accepted")
	}
	// Row 5 clashes with the other course's session in the same venue.
	if !hasProblem(rep, 5, "日期", "clashes with 基层治理专题培训班 on 2025-06-03 09:00–11:00: both use the venue 报告厅") {
		t.Errorf("venue conflict with the database not reported:%s", dumpProblems(rep))
	}
	// Row 6 clashes with row 3 over the instructor.
	if !hasProblem(rep, 6, "日期", "both are taught by 刘教授") || !hasProblem(rep, 6, "日期", "(row 3)") {
		t.Errorf("instructor conflict within the file not reported:%s", dumpProblems(rep))
	}
	if !hasProblem(rep, 7, "专题", "topic is required") || !hasProblem(rep, 7, "主讲人", "No instructor called 王老师") ||
		!hasProblem(rep, 7, "学时", "between 0 and 12") {
		t.Errorf("row 7:%s", dumpProblems(rep))
	}
	if !hasProblem(rep, 7, "时间", "end after it starts") && !hasProblem(rep, 7, "日期", "outside the course's dates") {
		t.Errorf("row 7 times or dates:%s", dumpProblems(rep))
	}
	ss, _ := f.db.FindSessions(f.ctx, models.SessionFilter{CourseID: c.ID})
	if len(ss) != 0 {
		t.Fatalf("wrote %d sessions", len(ss))
	}

	// The first two rows alone import, in one go.
	p = f.xlsx("课表2.xlsx", [][]any{
		{"日期", "开始时间", "结束时间", "课程名称", "授课教师"},
		{"2025-06-02", "9:00", "11:30", "习近平新时代中国特色社会主义思想", "刘教授"},
		{"2025-06-03", "14:30", "17:00", "乡村振兴战略", ""},
	})
	rep, err = f.im.ImportSessions(f.ctx, p, SessionOptions{CourseID: c.ID, DryRun: true})
	// Two warnings: no 学时 column, and 2025-06-02 is a day off of 端午节.
	if err != nil || rep.Valid != 2 || rep.Imported != 0 || len(rep.Warnings) != 2 {
		t.Fatalf("dry run %+v %v%s", rep, err, dumpProblems(rep))
	}
	rep, err = f.im.ImportSessions(f.ctx, p, SessionOptions{CourseID: c.ID})
	if err != nil || rep.Imported != 2 {
		t.Fatalf("%+v %v%s", rep, err, dumpProblems(rep))
	}
	ss, _ = f.db.FindSessions(f.ctx, models.SessionFilter{CourseID: c.ID})
	if len(ss) != 2 || ss[0].Venue != "第一教室" || ss[0].Hours != 2.5 || ss[0].InstructorID == 0 || ss[1].Start != models.NewClock(14, 30) {
		t.Errorf("sessions %+v %+v", ss[0], ss[1])
	}
	// Importing it again clashes with what is now on record.
	rep, err = f.im.ImportSessions(f.ctx, p, SessionOptions{CourseID: c.ID})
	if err == nil || !strings.Contains(dumpProblems(rep), "both use the venue 第一教室") {
		t.Errorf("second import: %v%s", err, dumpProblems(rep))
	}
	if _, err := f.im.ImportSessions(f.ctx, p, SessionOptions{CourseID: 999}); !strings.Contains(models.ErrorMessage(err), "course no. 999 does not exist") {
		t.Errorf("unknown course: %v", err)
	}
	noTime := f.file("t.csv", []byte("日期,专题\n2025-06-05,党史\n"))
	if _, err := f.im.ImportSessions(f.ctx, noTime, SessionOptions{CourseID: c.ID}); !strings.Contains(models.ErrorMessage(err), "no column for the times") {
		t.Errorf("no time column: %v", err)
	}
}

// A schedule without its topic column names the column by the glossary's
// term for a session's topic (课程内容), not the course's theme (专题).
func TestImportSessionsMissingTopic(t *testing.T) {
	f := newFixture(t)
	c := f.course("乡村振兴专题培训班", "第一教室")
	p := f.file("课表.csv", []byte("日期,时间,主讲人\n2025-06-02,09:00-11:30,刘教授\n"))
	_, err := f.im.ImportSessions(f.ctx, p, SessionOptions{CourseID: c.ID})
	if got := models.ErrorMessage(err); got != "The file has no column for 课程内容; add it and import again." {
		t.Errorf("err = %q", got)
	}
}

// A session on a statutory holiday is imported with a warning; a
// session on an ordinary working day gives none.
func TestImportSessionsWarnsOfHolidays(t *testing.T) {
	f := newFixture(t)
	c := f.course("乡村振兴专题培训班", "第一教室")
	p := f.xlsx("课表.xlsx", [][]any{
		{"日期", "时间", "专题", "学时"},
		{"2025-06-02", "09:00-11:00", "乡村振兴战略", "2"}, // 端午节, a day off
		{"2025-06-04", "09:00-11:00", "集体经济", "2"},
	})
	rep, err := f.im.ImportSessions(f.ctx, p, SessionOptions{CourseID: c.ID})
	if err != nil || rep.Imported != 2 {
		t.Fatalf("import: %v, imported %d%s", err, rep.Imported, dumpProblems(rep))
	}
	if !hasWarning(rep, 2, "日期", "public holiday (端午节)") {
		t.Fatalf("no warning of 端午节: %v", rep.Warnings)
	}
	if hasWarning(rep, 3, "日期", "") {
		t.Fatalf("a working day warns: %v", rep.Warnings)
	}
}
