package imports

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"peiyang/internal/private/privatetest"
	"peiyang/models"
	"peiyang/training"
)

var (
	id1 = idn("51062319880215123") // male, 1988-02-15
	id2 = idn("51068119900101002") // female, 1990-01-01
	id3 = idn("11010519491231001") // male, 1949-12-31
)

func nomineeCSV(rows ...string) string {
	return "序号,姓名,身份证号,手机,户籍地,入党时间\n" + strings.Join(rows, "\n") + "\n"
}

func TestImportTraineesDryRunWritesNothing(t *testing.T) {
	f := newFixture(t)
	p := f.file("名单.csv", []byte(nomineeCSV(
		"1,张三,"+id1+",13812345678,四川省德阳市中江县,2010-07-01",
		"序号,姓名,身份证号,手机,户籍地,入党时间", // the header again, as on a second page
		"2,李四,"+id2+",,四川省德阳市广汉市,2012.06",
		"填表人：刘某,,,,,",
	)))
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{DryRun: true})
	if err != nil {
		t.Fatalf("%v%s", err, dumpProblems(rep))
	}
	if rep.RowsRead != 2 || rep.Skipped != 2 || rep.Valid != 2 || rep.Imported != 0 || rep.Rejected != 0 || !rep.DryRun || rep.HeaderRow != 1 {
		t.Errorf("report %+v", rep)
	}
	if n := f.count(); n != 0 {
		t.Errorf("dry run wrote %d trainees", n)
	}
	if _, err := os.Stat(rejectedPath(p)); !os.IsNotExist(err) {
		t.Error("dry run wrote a rejected-rows file")
	}
}

func TestImportTraineesOneBadRowWritesNothing(t *testing.T) {
	f := newFixture(t)
	p := f.file("名单.csv", []byte(nomineeCSV(
		"1,张三,"+id1+",13812345678,,",
		"2,李四,"+id2+",12345,,",
		"3,王五,"+id3+",,,",
	)))
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if models.ErrorCode(err) != models.EINVALID || !strings.Contains(models.ErrorMessage(err), "1 of 3 row(s) have problems") {
		t.Fatalf("err = %v", err)
	}
	if !hasProblem(rep, 3, "手机", "Not a phone number") || rep.Rejected != 1 || rep.Valid != 2 || rep.Imported != 0 {
		t.Errorf("report %+v%s", rep, dumpProblems(rep))
	}
	if n := f.count(); n != 0 {
		t.Errorf("wrote %d trainees despite a bad row", n)
	}
	if got := rep.Problems[0].String(); !strings.HasPrefix(got, "row 3, 手机: ") {
		t.Errorf("problem reads %q", got)
	}
}

func TestImportTraineesSkipInvalidWritesRejectedRows(t *testing.T) {
	f := newFixture(t)
	p := f.xlsx("推荐名单.xlsx", [][]any{
		{"序号", "姓名", "身份证号", "出生日期", "手机"},
		{1, "张三", id1, "1988-02-15", "13812345678"},
		{2, "李四", id2, 32874.0, "123"},   // bad phone; the date is a serial
		{3, "王五", "5.10104E+17", "", ""}, // damaged ID
		{4, "赵六", id3, "", ""},
	})
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{SkipInvalid: true})
	if err != nil {
		t.Fatalf("%v%s", err, dumpProblems(rep))
	}
	if rep.Imported != 2 || rep.Rejected != 2 || f.count() != 2 {
		t.Fatalf("report %+v, %d in the database%s", rep, f.count(), dumpProblems(rep))
	}
	want := filepath.Join(filepath.Dir(p), "推荐名单_rejected.xlsx")
	if rep.RejectedFile != want {
		t.Fatalf("rejected file %q, want %q", rep.RejectedFile, want)
	}
	privatetest.Assert(t, want)
	x, err := excelize.OpenFile(want)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetList()[0])
	if len(rows) != 3 {
		t.Fatalf("rejected rows %q", rows)
	}
	if got := strings.Join(rows[0], "|"); got != "行号|序号|姓名|身份证号|出生日期|手机|未导入原因" {
		t.Errorf("header %q", got)
	}
	if rows[1][0] != "3" || rows[1][2] != "李四" || rows[1][4] != "1990-01-01" || !strings.Contains(rows[1][6], "手机: Not a phone number") {
		t.Errorf("row %q", rows[1])
	}
	if rows[2][0] != "4" || rows[2][3] != "5.10104E+17" || !strings.Contains(rows[2][6], "turned into a number by Excel") {
		t.Errorf("row %q", rows[2])
	}
}

func TestImportTraineesDuplicates(t *testing.T) {
	f := newFixture(t)
	old := f.trainee("钱七", id3)
	p := f.file("dup.csv", []byte(nomineeCSV(
		"1,张三,"+id1+",,,",
		"2,张三,"+strings.ToLower(id1)+",,,",
		"3,王五,"+id3+",,,",
	)))
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err == nil {
		t.Fatal("duplicates accepted")
	}
	if !hasProblem(rep, 3, "身份证号", "Rows 2 and 3 have the same ID number") {
		t.Errorf("duplicate in the file not named:%s", dumpProblems(rep))
	}
	if !hasProblem(rep, 4, "身份证号", "already exists: 钱七 (no. "+strconv.FormatInt(old.ID, 10)+")") {
		t.Errorf("duplicate of the database not named:%s", dumpProblems(rep))
	}
	for _, pr := range rep.Problems {
		if strings.Contains(pr.Message, id1) || strings.Contains(pr.Message, id3) {
			t.Errorf("a message shows an ID number: %s", pr.Message)
		}
	}
	if f.count() != 1 {
		t.Error("something was written")
	}
}

func TestImportTraineesDamagedIDs(t *testing.T) {
	f := newFixture(t)
	p := f.file("damaged.csv", []byte(nomineeCSV(
		"1,张三,5.10104E+17,,,",
		"2,李四,510623198802151000,,,",
	)))
	rep, _ := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	for _, row := range []int{2, 3} {
		if !hasProblem(rep, row, "身份证号", "turned into a number by Excel") {
			t.Errorf("row %d: damaged ID not reported:%s", row, dumpProblems(rep))
		}
	}
	if len(rep.Problems) != 2 {
		t.Errorf("want one problem a row:%s", dumpProblems(rep))
	}
}

// A list as a county sends it: a merged title, columns in their own order
// and words, GBK-free xlsx, an organisation merged down two rows.
func TestImportTraineesRealWorkbook(t *testing.T) {
	f := newFixture(t)
	org := f.org("中江县南华镇党委")
	p := f.xlsx("中江县.xlsx", [][]any{
		{"中江县2024年度流动党员培养对象推荐名单"},
		{"序号", "姓 名", "性别", "民族", "公民身份号码", "出生年月", "文化程度", "入党日期", "流出地", "工作单位", "推荐单位", "爱好", "备注"},
		{1.0, "张　三", "男", "汉", strings.ToLower(id1[:17]) + id1[17:], "1988.02", "大专", "2010年7月1日", "四川省德阳市中江县", "成都某快递公司", "中江县南华镇党委", "篮球", ""},
		{2.0, "李四", "女", "彝族", id2, "199001", "高中", "2012.06", "四川德阳市广汉市", "美团骑手", "", "", "骑手"},
		{3.0, "王五", "", "", id3, "1949.11", "", "", "德阳中江", "", "某街道党工委", "", ""},
	}, [2]string{"A1", "M1"}, [2]string{"K3", "K4"})
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{DryRun: true})
	if err == nil {
		t.Fatal("the birth month that disagrees with the ID number was accepted")
	}
	if rep.HeaderRow != 2 || len(rep.Unknown) != 1 || rep.Unknown[0] != "爱好" {
		t.Errorf("header row %d unknown %q", rep.HeaderRow, rep.Unknown)
	}
	if !hasProblem(rep, 5, "出生年月", "1949-11 does not agree with the ID number, which holds 1949-12-31") || len(rep.Problems) != 1 {
		t.Fatalf("problems:%s", dumpProblems(rep))
	}
	// Correct the month and import.
	x, _ := excelize.OpenFile(p)
	_ = x.SetCellValue("Sheet1", "F5", "1949.12")
	_ = x.Save()
	x.Close()
	rep, err = f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err != nil {
		t.Fatalf("%v%s", err, dumpProblems(rep))
	}
	if rep.Imported != 3 {
		t.Fatalf("imported %d", rep.Imported)
	}
	ts, _ := f.db.FindTrainees(f.ctx, models.TraineeFilter{})
	z, l, w := ts[0], ts[1], ts[2]
	if z.Name != "张三" || z.IDNumber != id1 || z.Ethnicity != "汉族" || z.JoinedParty.String() != "2010-07-01" ||
		z.HomeRegion != (models.Region{Province: "四川省", City: "德阳市", County: "中江县"}) || z.NominatedByID != org.ID ||
		z.BirthDate.String() != "1988-02-15" || z.Employer != "成都某快递公司" {
		t.Errorf("张三 %+v", z)
	}
	// The merged 推荐单位 reaches the second row too.
	if l.NominatedByID != org.ID || l.Gender != models.Female || l.JoinedParty.String() != "2012-06-01" || l.HomeRegion.City != "德阳市" || l.Notes != "骑手" {
		t.Errorf("李四 %+v", l)
	}
	// An unknown organisation is a warning, kept in the notes; an unsure
	// place is kept whole.
	if w.NominatedByID != 0 || w.Notes != "推荐单位：某街道党工委" || w.HomeRegion.String() != "德阳中江" {
		t.Errorf("王五 %+v", w)
	}
	if len(rep.Warnings) != 2 {
		t.Errorf("warnings %+v", rep.Warnings)
	}
}

func TestImportTraineesGBKAndOptions(t *testing.T) {
	f := newFixture(t)
	org := f.org("德阳市委组织部")
	text := "姓名,身份证号码,联系电话\r\n张三," + id1 + ",138 1234 5678\r\n"
	data, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	p := f.file("gbk.csv", data)
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{NominatedByID: org.ID})
	if err != nil || rep.Encoding != "GB18030" || rep.Imported != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	ts, _ := f.db.FindTrainees(f.ctx, models.TraineeFilter{NominatedByID: org.ID})
	if len(ts) != 1 || ts[0].Phone != "13812345678" || ts[0].Gender != models.Male {
		t.Errorf("trainees %+v", ts)
	}
	if _, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{NominatedByID: 999}); !strings.Contains(models.ErrorMessage(err), "organisation no. 999 does not exist") {
		t.Errorf("unknown organisation: %v", err)
	}
	if _, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{CohortID: 7}); !strings.Contains(models.ErrorMessage(err), "cohort no. 7 does not exist") {
		t.Errorf("unknown cohort: %v", err)
	}
}

func TestImportTraineesMissingColumn(t *testing.T) {
	f := newFixture(t)
	p := f.file("x.csv", []byte("姓名,手机,性别\n张三,13812345678,男\n"))
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if got := models.ErrorMessage(err); got != "The file has no column for 身份证号; add it and import again." {
		t.Errorf("err = %q", got)
	}
	if rep == nil || rep.Columns["name"] != "姓名" {
		t.Errorf("report %+v", rep)
	}
	_, err = f.im.ImportTrainees(f.ctx, filepath.Join(f.dir, "none.xlsx"), TraineeOptions{})
	if !strings.Contains(models.ErrorMessage(err), "none.xlsx could not be opened") {
		t.Errorf("missing file: %v", err)
	}
}

// bulkStore counts the calls of the store's batch write, which the
// importer reaches through training.Service.CreateTrainees.
type bulkStore struct {
	*fixtureDB
	calls, rows int
}

func TestImportTraineesUsesBulkWrite(t *testing.T) {
	f := newFixture(t)
	bs := &bulkStore{fixtureDB: &fixtureDB{f.db}}
	svc := training.New(bs, training.WithClock(func() time.Time { return fixedNow }))
	im := New(svc, func() time.Time { return fixedNow })
	p := f.file("b.csv", []byte(nomineeCSV("1,张三,"+id1+",,,", "2,李四,"+id2+",,,")))
	rep, err := im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err != nil || rep.Imported != 2 || bs.calls != 1 || bs.rows != 2 || f.count() != 2 {
		t.Fatalf("%+v %v calls %d rows %d", rep, err, bs.calls, bs.rows)
	}
}
