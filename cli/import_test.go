package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"peiyang/models"
	"peiyang/store"
	"peiyang/training"
)

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func countTrainees(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.CountTrainees(context.Background(), models.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

var (
	cliID1 = idNumber("51062319880215123")
	cliID2 = idNumber("51068119900101002")
	cliID3 = idNumber("11010519491231001")
)

func TestImportTraineesCommand(t *testing.T) {
	if bothStores(t, TestImportTraineesCommand) {
		return
	}
	db := tempDB(t)
	dir := t.TempDir()
	list := writeFile(t, dir, "名单.csv", "中江县推荐名单,,,\n序号,姓名,身份证号码,手机,户籍地\n"+
		"1,张三,"+cliID1+",13812345678,四川省德阳市中江县\n"+
		"2,李四,"+cliID2+",123,四川省德阳市广汉市\n"+
		"3,王五,"+cliID3+",,\n")
	r := cmd(t, db, "import", "trainees", list, "--dry-run")
	r.want(t, 1, "header on row 2", "Rows read: 3, valid: 2, rejected: 1, imported: 0", "Dry run", "row 4, 手机: Not a phone number",
		"1 of 3 row(s) have problems")
	if countTrainees(t, db) != 0 {
		t.Fatal("dry run wrote trainees")
	}
	cmd(t, db, "import", "trainees", list).want(t, 1, "nothing was imported")
	if countTrainees(t, db) != 0 {
		t.Fatal("a refused import wrote trainees")
	}
	r = cmd(t, db, "import", "trainees", list, "--skip-invalid")
	r.want(t, 0, "imported: 2", "名单_rejected.xlsx")
	if countTrainees(t, db) != 2 {
		t.Fatal("--skip-invalid did not import the valid rows")
	}
	if _, err := os.Stat(filepath.Join(dir, "名单_rejected.xlsx")); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.stdout+r.stderr, cliID1) {
		t.Error("the output shows an ID number")
	}
	// Again: both rows are now duplicates of the database, named.
	r = cmd(t, db, "import", "trainees", list, "--skip-invalid", "--json")
	r.want(t, 0)
	var rep struct {
		Imported int `json:"imported"`
		Rejected int `json:"rejected"`
		Problems []struct {
			Row     int    `json:"row"`
			Column  string `json:"column"`
			Message string `json:"message"`
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("--json printed %q: %v", r.stdout, err)
	}
	if rep.Imported != 0 || rep.Rejected != 3 || !strings.Contains(rep.Problems[0].Message, "already exists: 张三") {
		t.Errorf("report %+v", rep)
	}
	// A failed import with --json prints one object holding the error.
	r = cmd(t, db, "import", "trainees", list, "--json")
	r.want(t, 1)
	var failed struct {
		Code  string `json:"code"`
		Error string `json:"error"`
		Rows  int    `json:"rows_read"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &failed); err != nil || failed.Code != models.EINVALID || failed.Rows != 3 ||
		!strings.Contains(failed.Error, "3 of 3 row(s)") {
		t.Errorf("failed --json %q (%v)", r.stdout, err)
	}
	cmd(t, db, "import", "trainees").want(t, 2, "expected 1 argument")
	cmd(t, db, "import", "trainees", filepath.Join(dir, "missing.xlsx")).want(t, 1, "missing.xlsx could not be opened")
	cmd(t, db, "import", "trainees", list, "--nominated-by", "不存在的党委").want(t, 1, "No organisation is called 不存在的党委")
}

func TestImportTraineesNominatedByName(t *testing.T) {
	if bothStores(t, TestImportTraineesNominatedByName) {
		return
	}
	path := tempDB(t)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	org := &models.Organisation{Name: "中江县委组织部", Kind: models.OrgOutflow}
	if err := db.CreateOrganisation(context.Background(), org); err != nil {
		t.Fatal(err)
	}
	db.Close()
	list := writeFile(t, t.TempDir(), "a.csv", "姓名,身份证号\n张三,"+cliID1+"\n")
	cmd(t, path, "import", "trainees", list, "--nominated-by", "中江县委组织部").want(t, 0, "imported: 1")
	cmd(t, path, "trainees", "show", "1").want(t, 0, "nominated by      "+strconv.FormatInt(org.ID, 10))
}

// courseDB makes a database with a running course and two trainees.
func courseDB(t *testing.T) (string, *models.Course) {
	t.Helper()
	path := tempDB(t)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	svc := training.New(db, training.WithClock(func() time.Time { return fixedNow }))
	c := &models.Course{Title: "乡村振兴专题培训班", Theme: models.ThemeRural, StartDate: models.MustDate("2025-06-01"),
		EndDate: models.MustDate("2025-06-30"), Venue: "第一教室", Capacity: 30, Status: models.CourseRunning}
	if err := db.CreateCourse(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct{ name, id string }{{"张三", cliID1}, {"李四", cliID2}} {
		tr := &models.Trainee{Name: p.name, IDNumber: p.id, HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: "中江县"}}
		if err := svc.Trainees.CreateTrainee(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	return path, c
}

func TestImportSessionsAndAttendanceCommands(t *testing.T) {
	if bothStores(t, TestImportSessionsAndAttendanceCommands) {
		return
	}
	db, c := courseDB(t)
	course := strconv.FormatInt(c.ID, 10)
	dir := t.TempDir()
	schedule := writeFile(t, dir, "课表.csv", "日期,时间,专题,学时\n2025-06-02,09:00-11:00,党的创新理论,2\n2025/6/9,14:00-16:00,乡村振兴战略,2\n")
	cmd(t, db, "import", "sessions", schedule).want(t, 2, "--course is required")
	cmd(t, db, "import", "sessions", schedule, "--course", course, "--dry-run").want(t, 0, "valid: 2", "Dry run")
	cmd(t, db, "import", "sessions", schedule, "--course", course).want(t, 0, "imported: 2")
	cmd(t, db, "import", "sessions", schedule, "--course", course).want(t, 1, "both use the venue 第一教室")
	cmd(t, db, "enrol", "--course", course, "--trainee", "1").want(t, 0)
	cmd(t, db, "enrol", "--course", course, "--trainee", "2").want(t, 0)
	grid := writeFile(t, dir, "考勤.csv", "序号,姓名,6月2日,6月9日,成绩\n1,张三,√,迟到,90\n2,李四,请假,×,\n")
	cmd(t, db, "import", "attendance", grid, "--course", course).want(t, 0, "imported: 2", "sign-ins: 4, scores: 1")
	cmd(t, db, "courses", "show", course).want(t, 0, "张三")
	bad := writeFile(t, dir, "bad.csv", "姓名,6月2日\n张三,?\n")
	cmd(t, db, "import", "attendance", bad, "--course", course).want(t, 1, "row 2, 6月2日: Not a sign-in mark")
}
