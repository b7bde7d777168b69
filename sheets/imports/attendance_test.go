package imports

import (
	"strings"
	"testing"

	"peiyang/models"
)

// attendanceCourse makes a course with three past sessions (two on 6月2日)
// and one future one, and three trainees holding places and one waiting.
func attendanceCourse(f *fixture) (*models.Course, []*models.Session, []*models.Trainee) {
	c := f.course("乡村振兴专题培训班", "第一教室")
	c.Capacity = 3
	if err := f.db.UpdateCourse(f.ctx, c); err != nil {
		f.t.Fatal(err)
	}
	var ss []*models.Session
	for _, s := range []struct {
		date       string
		start, end int
	}{{"2025-06-02", 9, 11}, {"2025-06-02", 14, 16}, {"2025-06-09", 9, 11}, {"2025-06-20", 9, 11}} {
		sess := &models.Session{CourseID: c.ID, Date: models.MustDate(s.date), Start: models.NewClock(s.start, 0),
			End: models.NewClock(s.end, 0), Topic: "专题" + s.date, Hours: 2}
		if err := f.svc.Courses.CreateSession(f.ctx, sess); err != nil {
			f.t.Fatal(err)
		}
		ss = append(ss, sess)
	}
	var ts []*models.Trainee
	for i, name := range []string{"张三", "李四", "王五", "赵六"} {
		tr := f.trainee(name, idn("5106231990010"+string(rune('1'+i))+"123"))
		if _, err := f.svc.Enrolment.Enrol(f.ctx, c.ID, tr.ID); err != nil {
			f.t.Fatal(err)
		}
		ts = append(ts, tr)
	}
	return c, ss, ts
}

func TestImportAttendanceGrid(t *testing.T) {
	f := newFixture(t)
	c, ss, ts := attendanceCourse(f)
	// A grid as people keep it: a title, a two-row header with the date
	// merged over 上午 and 下午, marks in their own words, totals and a
	// score column.
	p := f.xlsx("签到.xlsx", [][]any{
		{"乡村振兴专题培训班考勤表"},
		{"序号", "姓名", "6月2日", "", "第3次", "出勤次数", "成绩"},
		{"", "", "上午", "下午", "", "", ""},
		{1.0, "张三", "√", "迟到", "√", 3.0, 88.0},
		{2.0, "李 四", "请假", "×", "", 1.0, ""},
		{3.0, "王五", "", "", "√", 1.0, "90分"},
	}, [2]string{"A1", "G1"}, [2]string{"C2", "D2"}, [2]string{"A2", "A3"}, [2]string{"B2", "B3"},
		[2]string{"E2", "E3"}, [2]string{"F2", "F3"}, [2]string{"G2", "G3"})
	rep, err := f.im.ImportAttendance(f.ctx, p, AttendanceOptions{CourseID: c.ID, DryRun: true})
	if err != nil {
		t.Fatalf("%v%s", err, dumpProblems(rep))
	}
	if rep.RowsRead != 3 || rep.Marks != 6 || rep.Scores != 2 || len(rep.Unknown) != 0 {
		t.Fatalf("report %+v", rep)
	}
	if att, _ := f.db.FindAttendance(f.ctx, models.AttendanceFilter{CourseID: c.ID}); len(att) != 0 {
		t.Fatalf("dry run recorded %d sign-ins", len(att))
	}
	rep, err = f.im.ImportAttendance(f.ctx, p, AttendanceOptions{CourseID: c.ID})
	if err != nil || rep.Imported != 3 {
		t.Fatalf("%+v %v%s", rep, err, dumpProblems(rep))
	}
	att, _ := f.db.FindAttendance(f.ctx, models.AttendanceFilter{CourseID: c.ID})
	got := map[[2]int64]models.AttendanceStatus{}
	for _, a := range att {
		got[[2]int64{a.SessionID, a.TraineeID}] = a.Status
	}
	want := map[[2]int64]models.AttendanceStatus{
		{ss[0].ID, ts[0].ID}: models.Present, {ss[1].ID, ts[0].ID}: models.Late, {ss[2].ID, ts[0].ID}: models.Present,
		{ss[0].ID, ts[1].ID}: models.Excused, {ss[1].ID, ts[1].ID}: models.Absent, {ss[2].ID, ts[2].ID}: models.Present,
	}
	if len(got) != len(want) {
		t.Fatalf("recorded %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("session %d trainee %d: %s, want %s", k[0], k[1], got[k], v)
		}
	}
	e, _ := f.db.FindEnrolment(f.ctx, c.ID, ts[2].ID)
	if e.Score == nil || *e.Score != 90 {
		t.Errorf("score %v", e.Score)
	}
}

func TestImportAttendanceProblems(t *testing.T) {
	f := newFixture(t)
	c, _, ts := attendanceCourse(f)
	p := f.file("grid.csv", []byte("姓名,身份证号,2025-06-02 09:00,2025-06-02 14:00,6月9日,6月20日,6月2日,讲座,成绩\n"+
		"张三,,√,好,,,,,120\n"+
		"赵六,,√,,,,,,\n"+
		"孙七,,√,,,,,,\n"+
		"李四,"+ts[2].IDNumber+",√,,,,,,\n"+
		"王五,,,,,√,,,\n"+
		"张三,,,,√,,,,\n"))
	rep, err := f.im.ImportAttendance(f.ctx, p, AttendanceOptions{CourseID: c.ID})
	if err == nil {
		t.Fatal("problems accepted")
	}
	checks := []struct {
		row       int
		col, part string
	}{
		{2, "2025-06-02 14:00", "Not a sign-in mark: 好"},
		{2, "成绩", "between 0 and 100"},
		{3, "姓名", "赵六 holds no place on 乡村振兴专题培训班"},
		{4, "姓名", "No trainee called 孙七 holds a place"},
		{5, "姓名", "The name 李四 is not that of the trainee with this ID number, 王五"},
		{6, "6月20日", "has not taken place yet"},
		{7, "姓名", "Rows 2 and 7 are the same trainee"},
		{0, "6月2日", "matches more than one session on 2025-06-02"},
	}
	for _, c := range checks {
		if !hasProblem(rep, c.row, c.col, c.part) {
			t.Errorf("row %d %s: %q not reported", c.row, c.col, c.part)
		}
	}
	if len(rep.Unknown) != 1 || rep.Unknown[0] != "讲座" {
		t.Errorf("unknown %q", rep.Unknown)
	}
	if t.Failed() {
		t.Log(dumpProblems(rep))
	}
	if att, _ := f.db.FindAttendance(f.ctx, models.AttendanceFilter{CourseID: c.ID}); len(att) != 0 {
		t.Errorf("recorded %d sign-ins", len(att))
	}
	// A grid without session columns says how to head them.
	p = f.file("none.csv", []byte("姓名,备注\n张三,\n"))
	if _, err := f.im.ImportAttendance(f.ctx, p, AttendanceOptions{CourseID: c.ID}); !strings.Contains(models.ErrorMessage(err), "No column matches a session") {
		t.Errorf("no sessions: %v", err)
	}
}
