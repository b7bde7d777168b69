package exports

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/sheets/imports"
	"peiyang/store"
	"peiyang/training"
)

var fixedNow = time.Date(2025, 6, 15, 10, 0, 0, 0, time.Local)

type fixture struct {
	t        *testing.T
	ctx      context.Context
	db       *store.DB
	svc      *training.Service
	x        *Exporter
	dir      string
	trainees []*models.Trainee
	course   *models.Course
	sessions []*models.Session
	village  *models.Organisation
}

func idn(first17 string) string { return first17 + string(models.IDCheckChar(first17)) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newFixture fills a database with three trainees (two from 德阳, one
// from 眉山), a course with two sessions, attendance and a score, a
// placement, a mentorship with a contact, and a return with an election.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "p.db"))
	must(t, err)
	t.Cleanup(func() { db.Close() })
	now := func() time.Time { return fixedNow }
	f := &fixture{t: t, ctx: context.Background(), db: db, svc: training.New(db, training.WithClock(now)), dir: dir}
	f.x = New(f.svc, now)
	ctx := f.ctx
	org := &models.Organisation{Name: "中江县委组织部", Kind: models.OrgOutflow}
	must(t, db.CreateOrganisation(ctx, org))
	f.village = &models.Organisation{Name: "新市村", Kind: models.OrgVillage, KeyVillage: true, PlacementCapacity: 5}
	must(t, db.CreateOrganisation(ctx, f.village))
	for _, p := range []struct {
		name, id17 string
		region     models.Region
	}{
		{"张三", "51062319880215123", models.Region{Province: "四川省", City: "德阳市", County: "中江县"}},
		{"李四", "51068119900101002", models.Region{Province: "四川省", City: "德阳市", County: "广汉市"}},
		{"王五", "51142119851111001", models.Region{Province: "四川省", City: "眉山市", County: "仁寿县"}},
	} {
		tr := &models.Trainee{Name: p.name, IDNumber: idn(p.id17), Phone: "13812345678", HomeRegion: p.region,
			JoinedParty: models.MustDate("2010-07-01"), NominatedByID: org.ID, Notes: "备注"}
		must(t, f.svc.Trainees.CreateTrainee(ctx, tr))
		f.trainees = append(f.trainees, tr)
	}
	f.course = &models.Course{Title: "乡村振兴专题培训班", Theme: models.ThemeRural, StartDate: models.MustDate("2025-06-01"),
		EndDate: models.MustDate("2025-06-30"), Venue: "第一教室", Capacity: 30, Status: models.CourseRunning}
	must(t, db.CreateCourse(ctx, f.course))
	for _, d := range []string{"2025-06-02", "2025-06-09"} {
		s := &models.Session{CourseID: f.course.ID, Date: models.MustDate(d), Start: models.NewClock(9, 0),
			End: models.NewClock(11, 0), Topic: "专题讲座", Hours: 2}
		must(t, f.svc.Courses.CreateSession(ctx, s))
		f.sessions = append(f.sessions, s)
	}
	for _, tr := range f.trainees[:2] {
		_, err := f.svc.Enrolment.Enrol(ctx, f.course.ID, tr.ID)
		must(t, err)
	}
	must(t, f.svc.Enrolment.RecordAttendance(ctx, f.sessions[0].ID, f.trainees[0].ID, models.Present))
	must(t, f.svc.Enrolment.RecordAttendance(ctx, f.sessions[1].ID, f.trainees[0].ID, models.Late))
	must(t, f.svc.Enrolment.RecordAttendance(ctx, f.sessions[0].ID, f.trainees[1].ID, models.Absent))
	must(t, f.svc.Enrolment.RecordScore(ctx, f.course.ID, f.trainees[0].ID, 88))
	must(t, db.CreatePlacement(ctx, &models.Placement{TraineeID: f.trainees[0].ID, VillageID: f.village.ID,
		StartDate: models.MustDate("2025-03-01"), EndDate: models.MustDate("2025-04-30"), Supervisor: "村支书", Grade: models.GradeGood}))
	mentor := &models.Instructor{Name: "刘导师", Position: "副教授", MaxMentees: 3}
	must(t, db.CreateInstructor(ctx, mentor))
	m := &models.Mentorship{MentorID: mentor.ID, TraineeID: f.trainees[0].ID, StartDate: models.MustDate("2025-03-01"), Goals: "产业规划"}
	must(t, db.CreateMentorship(ctx, m))
	must(t, db.CreateContact(ctx, &models.Contact{MentorshipID: m.ID, Date: models.MustDate("2025-04-02"), Mode: models.ContactPhone, Summary: "电话交流"}))
	r := &models.Return{TraineeID: f.trainees[0].ID, VillageID: f.village.ID, ReturnDate: models.MustDate("2025-05-01")}
	must(t, db.CreateReturn(ctx, r))
	must(t, db.CreateElection(ctx, &models.Election{ReturnID: r.ID, TraineeID: f.trainees[0].ID, Date: models.MustDate("2025-05-20"),
		Committee: models.CommitteeVillageParty, Post: models.PostMember, Result: models.Elected, TermYears: 5}))
	return f
}

// book opens a written workbook and checks what every export shares: the
// file's mode and a frozen, styled header row.
func book(t *testing.T, path string) *excelize.File {
	t.Helper()
	privatetest.Assert(t, path)
	x, err := excelize.OpenFile(path)
	must(t, err)
	t.Cleanup(func() { x.Close() })
	for _, sh := range x.GetSheetList() {
		p, err := x.GetPanes(sh)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", sh, p, err)
		}
		id, _ := x.GetCellStyle(sh, "A1")
		if st, _ := x.GetStyle(id); st == nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s: header not bold", sh)
		}
		// Every workbook keeps to the glossary: sheet names, headers and
		// values.
		rs, err := x.GetRows(sh)
		must(t, err)
		for i, r := range rs {
			for _, c := range append(r, sh) {
				if p := models.CheckWording(c); p != nil {
					t.Errorf("%s row %d: %q strays from the glossary: %s", sh, i+1, c, strings.Join(p, "; "))
				}
			}
		}
	}
	return x
}

func rows(t *testing.T, x *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := x.GetRows(sheet)
	must(t, err)
	return rs
}

func col(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}

func TestExportTrainees(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(f.dir, "trainees.xlsx")
	n, err := f.x.Trainees(f.ctx, path, models.TraineeFilter{Region: "德阳"}, Options{})
	if err != nil || n != 2 {
		t.Fatalf("%d %v", n, err)
	}
	x := book(t, path)
	rs := rows(t, x, "培养对象")
	if len(rs) != 3 || strings.Join(rs[0][:6], "|") != "编号|姓名|性别|民族|出生年月|身份证号" {
		t.Fatalf("rows %q", rs)
	}
	h := rs[0]
	z := rs[1]
	if z[col(h, "姓名")] != "张三" || z[col(h, "身份证号")] != models.MaskIDNumber(f.trainees[0].IDNumber) ||
		z[col(h, "联系电话")] != "138****5678" || z[col(h, "推荐单位")] != "中江县委组织部" ||
		z[col(h, "户籍地（流出地）")] != "四川省德阳市中江县" || z[col(h, "培养阶段")] != "进入“两委”" || z[col(h, "重点培养对象")] != "否" {
		t.Errorf("row %q", z)
	}
	// Masked, the birth date is its month, as text: a date cell would
	// hold the day, whatever its format shows.
	cell, _ := excelize.CoordinatesToCellName(col(h, "出生年月")+1, 2)
	if v, _ := x.GetCellValue("培养对象", cell); v != "1988-02" {
		t.Errorf("birth date shown as %q", v)
	}
	if raw, _ := x.GetCellValue("培养对象", cell, excelize.Options{RawCellValue: true}); raw != "1988-02" {
		t.Errorf("birth date stored as %q", raw)
	}
	for _, r := range rs[1:] {
		for _, tr := range f.trainees {
			if strings.Contains(strings.Join(r, " "), tr.IDNumber) {
				t.Errorf("full ID number without --full-ids: %q", r)
			}
		}
	}

	// With full IDs the list imports into another database as it is.
	full := filepath.Join(f.dir, "full.xlsx")
	if _, err := f.x.Trainees(f.ctx, full, models.TraineeFilter{}, Options{FullIDs: true}); err != nil {
		t.Fatal(err)
	}
	x2 := book(t, full)
	if h := rows(t, x2, "培养对象")[0]; h[4] != "出生日期" {
		t.Errorf("in full, the birth date is headed %q", h[4])
	}
	if v, _ := x2.GetCellValue("培养对象", "F2"); v != f.trainees[0].IDNumber {
		t.Errorf("full ID %q", v)
	}
	// In full, dates are dates: a serial with a date format.
	if v, _ := x2.GetCellValue("培养对象", cell); v != "1988-02-15" {
		t.Errorf("full birth date shown as %q", v)
	}
	if raw, _ := x2.GetCellValue("培养对象", cell, excelize.Options{RawCellValue: true}); raw != "32188" {
		t.Errorf("full birth date stored as %q", raw)
	}
	db2, err := store.Open(filepath.Join(f.dir, "other.db"))
	must(t, err)
	defer db2.Close()
	org := &models.Organisation{Name: "中江县委组织部", Kind: models.OrgOutflow}
	must(t, db2.CreateOrganisation(f.ctx, org))
	now := func() time.Time { return fixedNow }
	rep, err := imports.New(training.New(db2, training.WithClock(now)), now).ImportTrainees(f.ctx, full, imports.TraineeOptions{})
	if err != nil || rep.Imported != 3 || len(rep.Unknown) != 0 {
		t.Fatalf("re-import: %+v %v", rep, err)
	}
	back, _ := db2.FindTrainees(f.ctx, models.TraineeFilter{})
	if back[0].HomeRegion != f.trainees[0].HomeRegion || back[0].NominatedByID != org.ID || back[0].JoinedParty != f.trainees[0].JoinedParty ||
		back[0].Phone != f.trainees[0].Phone || back[0].Notes != "备注" {
		t.Errorf("round trip: %+v", back[0])
	}
}

func TestExportRosterAndAttendance(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(f.dir, "roster.xlsx")
	if n, err := f.x.Roster(f.ctx, path, f.course.ID, Options{}); err != nil || n != 2 {
		t.Fatalf("%d %v", n, err)
	}
	rs := rows(t, book(t, path), "花名册")
	if len(rs) != 3 || rs[1][1] != "张三" || rs[1][8] != "在训" || rs[1][10] != "88" || rs[1][4] == f.trainees[0].IDNumber {
		t.Errorf("roster %q", rs)
	}
	grid := filepath.Join(f.dir, "grid.xlsx")
	if n, err := f.x.Attendance(f.ctx, grid, f.course.ID, Options{FullIDs: true}); err != nil || n != 2 {
		t.Fatalf("%d %v", n, err)
	}
	x := book(t, grid)
	sheet := x.GetSheetList()[0]
	rs = rows(t, x, sheet)
	if got := strings.Join(rs[0], "|"); got != "序号|姓名|身份证号|2025-06-02 09:00 专题讲座|2025-06-09 09:00 专题讲座|出勤次数|获得学时|成绩" {
		t.Errorf("header %q", got)
	}
	if got := strings.Join(rs[1], "|"); got != "1|张三|"+f.trainees[0].IDNumber+"|√|迟到|2|4|88" {
		t.Errorf("row %q", got)
	}
	if got := strings.Join(rs[2][3:5], "|"); got != "×|" {
		t.Errorf("row %q", rs[2])
	}
	// The grid reads back in as the same sign-ins.
	now := func() time.Time { return fixedNow }
	rep, err := imports.New(f.svc, now).ImportAttendance(f.ctx, grid, imports.AttendanceOptions{CourseID: f.course.ID, DryRun: true})
	if err != nil || rep.Marks != 3 || rep.Scores != 1 || len(rep.Unknown) != 0 {
		t.Errorf("re-import %+v %v", rep, err)
	}
}

func TestExportFollowUps(t *testing.T) {
	f := newFixture(t)
	p := filepath.Join(f.dir, "placements.xlsx")
	if n, err := f.x.Placements(f.ctx, p, Filter{Region: "德阳"}, Options{}); err != nil || n != 1 {
		t.Fatalf("%d %v", n, err)
	}
	rs := rows(t, book(t, p), "跟班学习")
	if len(rs) != 2 || rs[1][3] != "新市村" || rs[1][4] != "2025-03-01" || rs[1][7] != "良好" {
		t.Errorf("placements %q", rs)
	}
	if n, _ := f.x.Placements(f.ctx, p, Filter{Region: "眉山"}, Options{}); n != 0 {
		t.Errorf("region filter: %d", n)
	}
	p = filepath.Join(f.dir, "mentors.xlsx")
	if n, err := f.x.Mentors(f.ctx, p, Filter{}, Options{}); err != nil || n != 1 {
		t.Fatalf("%d %v", n, err)
	}
	rs = rows(t, book(t, p), "导师帮带")
	if rs[1][0] != "刘导师" || rs[1][3] != "张三" || rs[1][9] != "1" || rs[1][10] != "2025-04-02" {
		t.Errorf("mentors %q", rs)
	}
	p = filepath.Join(f.dir, "returns.xlsx")
	if n, err := f.x.Returns(f.ctx, p, Filter{Year: 2025}, Options{}); err != nil || n != 1 {
		t.Fatalf("%d %v", n, err)
	}
	x := book(t, p)
	if rs := rows(t, x, "回引"); rs[1][3] != "新市村" || rs[1][4] != "2025-05-01" {
		t.Errorf("returns %q", rs)
	}
	if rs := rows(t, x, "选任记录"); rs[1][5] != "村党组织委员会" || rs[1][6] != "委员" || rs[1][7] != "当选" || rs[1][8] != "5" {
		t.Errorf("elections %q", rs)
	}
	if n, _ := f.x.Returns(f.ctx, p, Filter{Year: 2024}, Options{}); n != 0 {
		t.Errorf("year filter: %d", n)
	}
}

func TestFeedbackPackage(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(f.dir, "feedback", "德阳")
	var gotRegion string
	hook := func(ctx context.Context, region string, w io.Writer) error {
		gotRegion = region
		_, err := io.WriteString(w, "%PDF-1.7 outcome report")
		return err
	}
	fb, err := f.x.Feedback(f.ctx, out, "德阳市", FeedbackOptions{OutcomeReport: hook})
	if err != nil || fb.Trainees != 2 || gotRegion != "德阳市" {
		t.Fatalf("%+v %v", fb, err)
	}
	if filepath.Base(fb.Workbook) != "培养反馈_德阳市_2025-06-15.xlsx" || filepath.Base(fb.Report) != "成果报告_德阳市_2025-06-15.pdf" {
		t.Errorf("files %s %s", fb.Workbook, fb.Report)
	}
	// The hook's bytes, as written (not a real PDF: the report itself is
	// reports/lists' and checked there).
	if b, err := os.ReadFile(fb.Report); err != nil || string(b) != "%PDF-1.7 outcome report" {
		t.Errorf("report %q %v", b, err)
	}
	privatetest.Assert(t, fb.Report)
	x := book(t, fb.Workbook)
	if got := strings.Join(x.GetSheetList(), ","); got != "培养对象,培训记录,出勤汇总,结业证书,跟班学习,导师帮带,回引,选任记录,回引情况填报,选举结果填报" {
		t.Errorf("sheets %s", got)
	}
	if rs := rows(t, x, "培养对象"); len(rs) != 3 {
		t.Errorf("members %q", rs)
	}
	rs := rows(t, x, "培训记录")
	if len(rs) != 3 || rs[1][2] != "乡村振兴专题培训班" || rs[1][7] != "2" || rs[1][8] != "2" || rs[1][9] != "100%" || rs[1][10] != "4" {
		t.Errorf("records %q", rs)
	}
	rs = rows(t, x, "出勤汇总")
	if rs[2][0] != "李四" || strings.Join(rs[2][3:8], ",") != "0,0,0,1,1" {
		t.Errorf("totals %q", rs)
	}
	if rs := rows(t, x, "选任记录"); len(rs) != 2 || rs[1][0] != "张三" {
		t.Errorf("elections %q", rs)
	}
	// Without the hook there is no PDF; a region without members is
	// refused.
	fb, err = f.x.Feedback(f.ctx, filepath.Join(f.dir, "眉山"), "眉山", FeedbackOptions{})
	if err != nil || fb.Report != "" || fb.Trainees != 1 {
		t.Errorf("%+v %v", fb, err)
	}
	if _, err := f.x.Feedback(f.ctx, f.dir, "资阳", FeedbackOptions{}); models.ErrorCode(err) != models.ENOTFOUND {
		t.Errorf("no members: %v", err)
	}
}
