package app

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"peiyang/models"
	"peiyang/store"
)

// importEnv opens the import and export screen.
func importEnv(t *testing.T, lang string) (*testEnv, *importExportScreen) {
	t.Helper()
	e := newEnv(t, lang, "import", false)
	s, ok := e.u.built["import"].(*importExportScreen)
	if !ok {
		t.Fatalf("the import screen is %T", e.u.built["import"])
	}
	if !s.loaded || len(s.courses) == 0 {
		t.Fatal("the import screen has not read its choices")
	}
	return e, s
}

// testID is a valid resident ID number from Beijing, not in the demo
// data; wrong spoils its check character.
func testID(n int, wrong bool) string {
	first17 := fmt.Sprintf("11010519850307%03d", n)
	c := models.IDCheckChar(first17)
	if wrong {
		c = map[bool]byte{true: '1', false: '2'}[c != '1']
	}
	return first17 + string(c)
}

// nomineeCSV writes a nominee list of three; with bad, the second row's
// ID number has a wrong check character. Its rows are 2 to 4 of the file.
func nomineeCSV(t *testing.T, path string, bad bool) {
	t.Helper()
	rows := []string{
		"姓名,身份证号,性别,出生日期,联系电话,户籍地,现居住地",
		"测试甲," + testID(2, false) + ",女,1985-03-07,13912345671,四川省德阳市中江县,锦江区",
		"测试乙," + testID(3, bad) + ",男,1985-03-07,13912345672,四川省德阳市中江县,锦江区",
		"测试丙," + testID(5, false) + ",男,1985-03-07,13912345673,四川省德阳市中江县,锦江区",
	}
	if err := os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// problemCell is what the report table shows in a cell.
func problemCell(s *importExportScreen, row, col int) string {
	return s.table.CellText(row, col)
}

func countTrainees(t *testing.T, e *testEnv) int {
	t.Helper()
	n, err := e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportReportBeforeWriting(t *testing.T) {
	e, s := importEnv(t, LangEnglish)
	path := filepath.Join(t.TempDir(), "推荐名单.csv")
	nomineeCSV(t, path, true)
	e.act(func() { s.setFile(path) })
	waitTask(t, e, s.last)
	r := s.report
	if r == nil || r.RowsRead != 3 || r.Rejected != 1 || r.Valid != 2 {
		t.Fatalf("report %+v", r)
	}
	if len(s.problems) == 0 || problemCell(s, 0, 0) != "3" || problemCell(s, 0, 1) != "身份证号" ||
		problemCell(s, 0, 2) != "Error" || !strings.Contains(s.problems[0].text, "check character is wrong") {
		t.Fatalf("the report lists %q %q %q %q", problemCell(s, 0, 0), problemCell(s, 0, 1), problemCell(s, 0, 2), problemCell(s, 0, 3))
	}
	if !s.table.Visible() || !strings.Contains(s.summary.Text, "Rows read: 3, valid: 2, with problems: 1") ||
		!strings.Contains(s.summary.Text, "Nothing has been written") {
		t.Errorf("summary %q", s.summary.Text)
	}
	if n := countTrainees(t, e); n != 400 {
		t.Fatalf("the dry run wrote: %d trainees", n)
	}
	if !s.importAll.Disabled() || s.importValid.Disabled() {
		t.Error("Import must wait for the file to be correct; Import valid rows only is offered")
	}
	e.act(func() { s.table.Select(widget.TableCellID{Row: 0, Col: 3}) })
	if !strings.HasPrefix(s.detail.Text, "Row 3, 身份证号: ") {
		t.Errorf("detail %q", s.detail.Text)
	}

	// Correct the file, check again, import.
	nomineeCSV(t, path, false)
	e.act(func() { test.Tap(s.recheck) })
	waitTask(t, e, s.last)
	if s.report.Rejected != 0 || s.table.Visible() || s.importAll.Disabled() || !s.importValid.Disabled() {
		t.Fatalf("after correcting: %+v, import disabled %v", s.report, s.importAll.Disabled())
	}
	if !strings.Contains(s.summary.Text, "No problems found") {
		t.Errorf("summary %q", s.summary.Text)
	}
	if n := countTrainees(t, e); n != 400 {
		t.Fatalf("checking again wrote: %d trainees", n)
	}
	e.act(func() { test.Tap(s.importAll) })
	waitTask(t, e, s.last)
	if n := countTrainees(t, e); n != 403 {
		t.Fatalf("%d trainees after the import, want 403", n)
	}
	if s.summary.Text != "Imported 3 trainees." || !s.importAll.Disabled() {
		t.Errorf("summary %q, import enabled %v", s.summary.Text, !s.importAll.Disabled())
	}
	found, err := e.svc.Trainees.SearchTrainees(ctx, "测试乙", 5)
	if err != nil || len(found) != 1 || found[0].IDNumber != testID(3, false) {
		t.Errorf("the imported trainee: %v %v", found, err)
	}
}

func TestImportValidRowsOnly(t *testing.T) {
	e, s := importEnv(t, LangEnglish)
	dir := t.TempDir()
	path := filepath.Join(dir, "名单.csv")
	nomineeCSV(t, path, true)
	e.act(func() {
		s.cohort.SetSelectedIndex(1)
		s.setFile(path)
	})
	waitTask(t, e, s.last)
	e.act(func() { test.Tap(s.importValid) })
	waitTask(t, e, s.last)
	if n := countTrainees(t, e); n != 402 {
		t.Fatalf("%d trainees, want 402", n)
	}
	rejected := filepath.Join(dir, "名单_rejected.xlsx")
	if _, err := os.Stat(rejected); err != nil || !strings.Contains(s.summary.Text, rejected) {
		t.Errorf("rejected rows: %v, summary %q", err, s.summary.Text)
	}
	found, _ := e.svc.Trainees.SearchTrainees(ctx, "测试甲", 5)
	if len(found) != 1 || found[0].CohortID != s.cohorts[0].ID {
		t.Errorf("the cohort chosen was not applied: %+v", found)
	}
}

func TestImportReportInChinese(t *testing.T) {
	e, s := importEnv(t, LangChinese)
	dir := t.TempDir()
	path := filepath.Join(dir, "名单.csv")
	nomineeCSV(t, path, true)
	e.act(func() { s.setFile(path) })
	waitTask(t, e, s.last)
	if len(s.problems) != 1 || problemCell(s, 0, 2) != "错误" || !strings.Contains(s.problems[0].text, "校验位有误") {
		t.Fatalf("the problem reads %q", s.problems[0].text)
	}
	if !strings.HasPrefix(s.summary.Text, "读取 3 行，无误 2 行，有问题 1 行") {
		t.Errorf("summary %q", s.summary.Text)
	}
	// A file without the columns needed: the whole file's problem.
	bad := filepath.Join(dir, "乱.csv")
	if err := os.WriteFile(bad, []byte("姓名,备注\n张三,无\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.act(func() { s.setFile(bad) })
	waitTask(t, e, s.last)
	if !strings.Contains(s.summary.Text, "文件缺少身份证号列") || !s.importAll.Disabled() {
		t.Errorf("missing column: %q", s.summary.Text)
	}
	for _, txt := range texts(e.u.win.Canvas().Content()) {
		if englishWord.MatchString(allowedLatin.ReplaceAllString(txt, "")) {
			t.Errorf("the import screen shows English in Chinese: %q", txt)
		}
	}
}

func TestImportNeedsCourse(t *testing.T) {
	e, s := importEnv(t, LangEnglish)
	path := filepath.Join(t.TempDir(), "课表.csv")
	if err := os.WriteFile(path, []byte("日期,时间,专题\n2025-06-02,09:00-11:00,党课\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.act(func() {
		s.kind.SetSelectedIndex(1)
		s.setFile(path)
	})
	if s.running != nil || s.summary.Text != "Choose the course first." {
		t.Fatalf("without a course: running %v, summary %q", s.running != nil, s.summary.Text)
	}
	if !slices.Contains(s.options.Objects, fyne.CanvasObject(s.course)) {
		t.Error("the course is not offered for a schedule")
	}
}

// sheetRows reads a workbook's first sheet.
func sheetRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestExportTrainees(t *testing.T) {
	e, s := importEnv(t, LangEnglish)
	recordOpened(t)
	f := s.export
	dir := t.TempDir()
	path := filepath.Join(dir, "学员.xlsx")
	var tk *task
	e.act(func() { tk = f.export("trainees", path) })
	waitTask(t, e, tk)
	rows := sheetRows(t, path)
	if len(rows) != 401 {
		t.Fatalf("%d rows, want a header and 400 trainees", len(rows))
	}
	col := -1
	for i, h := range rows[0] {
		if h == "身份证号" {
			col = i
		}
	}
	first, _ := e.svc.Trainees.FindTraineeByID(ctx, 1)
	if col < 0 || rows[1][col] != models.MaskIDNumber(first.IDNumber) {
		t.Errorf("the ID number is not masked: %q", rows[1][col])
	}
	top := e.u.win.Canvas().Overlays().Top()
	if top == nil || !shows(top, "Wrote 400 rows: Trainees.") {
		t.Errorf("the notice says %q", texts(top))
	}

	entries, err := e.db.FindAudit(ctx, store.AuditFilter{Action: "export"})
	if err != nil || len(entries) != 1 || !strings.Contains(entries[0].After, "学员.xlsx") {
		t.Errorf("the export is not in the audit trail: %+v %v", entries, err)
	}

	// Filtered, with full ID numbers.
	full := filepath.Join(dir, "德阳.xlsx")
	e.act(func() {
		f.region.SetText("德阳")
		f.fullIDs.SetChecked(true)
		tk = f.export("trainees", full)
	})
	waitTask(t, e, tk)
	n, _ := e.svc.Trainees.CountTrainees(ctx, models.TraineeFilter{Region: "德阳"})
	rows = sheetRows(t, full)
	if len(rows) != n+1 || strings.Contains(rows[1][col], "*") {
		t.Errorf("%d rows for %d trainees; ID %q", len(rows), n, rows[1][col])
	}
}

func TestExportOtherLists(t *testing.T) {
	e, s := importEnv(t, LangEnglish)
	recordOpened(t)
	f := s.export
	dir := t.TempDir()

	// A roster needs its course.
	e.act(func() {
		f.kind.SetSelectedIndex(1)
		f.start()
	})
	if !f.courseErr.Visible() || f.courseErr.Text != "Choose the course first." {
		t.Errorf("roster without a course: %q", f.courseErr.Text)
	}
	e.act(func() { f.course.SetSelectedIndex(len(s.courses) - 1) })
	roster := filepath.Join(dir, "花名册.xlsx")
	var tk *task
	e.act(func() { tk = f.export("roster", roster) })
	waitTask(t, e, tk)
	if rows := sheetRows(t, roster); len(rows) < 2 {
		t.Errorf("roster has %d rows", len(rows))
	}
	for _, kind := range []string{"attendance", "placements", "mentors", "returns"} {
		path := filepath.Join(dir, kind+".xlsx")
		e.act(func() { tk = f.export(kind, path) })
		waitTask(t, e, tk)
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}

	// The feedback package needs its region.
	e.act(func() {
		f.kind.SetSelectedIndex(len(exportKinds) - 1)
		f.region.SetText("")
		f.start()
	})
	if !f.regionErr.Visible() {
		t.Error("a feedback package without a region was not refused")
	}
	pkg := filepath.Join(dir, "反馈")
	e.act(func() {
		f.region.SetText("德阳市")
		tk = f.export("feedback", pkg)
	})
	waitTask(t, e, tk)
	books, _ := filepath.Glob(filepath.Join(pkg, "*.xlsx"))
	pdfs, _ := filepath.Glob(filepath.Join(pkg, "*.pdf"))
	if len(books) != 1 || len(pdfs) != 1 {
		t.Errorf("feedback package: %v %v", books, pdfs)
	}
}

// The window takes in returns as the command line does: the kind chosen,
// the file checked, a row whose person is not a trainee reported, the
// valid row imported alone.
func TestImportReturnsInTheWindow(t *testing.T) {
	e, s := importEnv(t, LangEnglish)
	rets, err := e.svc.FollowUp.FindReturns(ctx, models.ReturnFilter{})
	if err != nil {
		t.Fatal(err)
	}
	returned := map[int64]bool{}
	for _, r := range rets {
		returned[r.TraineeID] = true
	}
	ts, err := e.svc.Trainees.FindTrainees(ctx, models.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var tr *models.Trainee
	for _, x := range ts {
		if !returned[x.ID] {
			tr = x
			break
		}
	}
	vs, err := e.svc.Trainees.FindOrganisations(ctx, models.OrganisationFilter{Kind: models.OrgVillage})
	if err != nil || tr == nil || len(vs) == 0 {
		t.Fatalf("demo data: trainee %v, villages %d, %v", tr, len(vs), err)
	}
	v := vs[0]
	path := filepath.Join(t.TempDir(), "回引.csv")
	text := "姓名,身份证号,回引村（社区）,乡镇（街道）,县（市、区）,回引日期\n" +
		tr.Name + "," + tr.IDNumber + "," + v.Name + "," + v.Region.Town + "," + v.Region.County + ",2025-03-01\n" +
		"测试丁," + testID(7, false) + "," + v.Name + "," + v.Region.Town + "," + v.Region.County + ",2025-03-01\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	e.act(func() {
		s.kind.SetSelectedIndex(3)
		s.setFile(path)
	})
	waitTask(t, e, s.last)
	if s.report == nil || s.report.Kind != "returns" || s.report.Rejected != 1 || s.report.Valid != 1 {
		t.Fatalf("report %+v", s.report)
	}
	if problemCell(s, 0, 0) != "3" || !strings.Contains(s.problems[0].text, "not a trainee") || s.importValid.Disabled() {
		t.Fatalf("the report lists %q %q; import valid rows disabled %v", problemCell(s, 0, 0), s.problems[0].text, s.importValid.Disabled())
	}
	e.act(func() { test.Tap(s.importValid) })
	waitTask(t, e, s.last)
	if !strings.HasPrefix(s.summary.Text, "Recorded 1 return and 0 election results.") {
		t.Fatalf("summary %q", s.summary.Text)
	}
	got, err := e.svc.FollowUp.FindReturns(ctx, models.ReturnFilter{TraineeID: tr.ID})
	if err != nil || len(got) != 1 || got[0].VillageID != v.ID {
		t.Fatalf("returns of the trainee: %+v, %v", got, err)
	}
}
