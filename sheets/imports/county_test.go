package imports

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"peiyang/models"
	"peiyang/sheets"
)

// Workbooks as counties send them, each shape built here.

// sheetSpec is one sheet of a test workbook.
type sheetSpec struct {
	name       string
	rows       [][]any
	merges     [][2]string
	hiddenRows []int    // row numbers, from 1
	hiddenCols []string // column letters
	filter     string   // the autoFilter's range
	hidden     bool     // the sheet itself
}

// workbook writes a workbook of the sheets, in order.
func (f *fixture) workbook(name string, specs ...sheetSpec) string {
	f.t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, sp := range specs {
		if i == 0 {
			must(f.t, x.SetSheetName("Sheet1", sp.name))
		} else if _, err := x.NewSheet(sp.name); err != nil {
			f.t.Fatal(err)
		}
		for j, r := range sp.rows {
			cell, _ := excelize.CoordinatesToCellName(1, j+1)
			must(f.t, x.SetSheetRow(sp.name, cell, &r))
		}
		for _, m := range sp.merges {
			must(f.t, x.MergeCell(sp.name, m[0], m[1]))
		}
		for _, r := range sp.hiddenRows {
			must(f.t, x.SetRowVisible(sp.name, r, false))
		}
		for _, c := range sp.hiddenCols {
			must(f.t, x.SetColVisible(sp.name, c, false))
		}
		if sp.filter != "" {
			must(f.t, x.AutoFilter(sp.name, sp.filter, nil))
		}
		if sp.hidden {
			must(f.t, x.SetSheetVisible(sp.name, false))
		}
	}
	p := filepath.Join(f.dir, name)
	must(f.t, x.SaveAs(p))
	return p
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// skipped returns the report's skipped rows as "row: key".
func skipped(rep *Report) map[int]string {
	out := map[int]string{}
	for _, s := range rep.SkippedRows {
		out[s.Row] = s.Key
	}
	return out
}

var id4 = idn("51068119920303004") // female, 1992-03-03

// A footer under the list: a totals line, who filled in and checked the
// form, a phone, the date, a note of two lines, the seal and a line to
// sign on, after a blank row; a 小计 between two towns' rows. None is
// rejected as a bad trainee: each is reported as skipped, and the
// footer's phone number is not repeated in the report.
func TestCountyFooterIsSkipped(t *testing.T) {
	f := newFixture(t)
	p := f.xlsx("中江县.xlsx", [][]any{
		{"中江县流动党员培养对象推荐名单"},
		{"序号", "姓名", "身份证号", "户籍地"},
		{1.0, "张三", id1, "四川省德阳市中江县"},
		{2.0, "李四", id2, "四川省德阳市中江县"},
		{"小计", "2人"},
		{3.0, "王五", id3, "四川省德阳市中江县"},
		{},
		{"合计：3人"},
		{"填表人：刘某", "", "审核人：王某"},
		{"联系电话：13812345678"},
		{"填报日期：2025年6月10日"},
		{"注：1. 身份证号须为18位；"},
		{"", "2. 本表一式两份。"},
		{"", "", "单位（盖章）"},
		{"", "________________"},
		{"", "", "2025年  月  日"},
	})
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err != nil {
		t.Fatalf("%v%s", err, dumpProblems(rep))
	}
	if rep.Imported != 3 || rep.RowsRead != 3 || rep.Skipped != 10 || f.count() != 3 {
		t.Fatalf("report %+v", rep)
	}
	want := map[int]string{5: MsgSkipTotal, 8: MsgSkipTotal, 9: MsgSkipFooter, 10: MsgSkipFooter, 11: MsgSkipFooter,
		12: MsgSkipFooter, 13: MsgSkipFooter, 14: MsgSkipFooter, 15: MsgSkipFooter, 16: MsgSkipFooter}
	got := skipped(rep)
	for row, key := range want {
		if got[row] != key {
			t.Errorf("row %d skipped as %q, want %q", row, got[row], key)
		}
	}
	for _, s := range rep.SkippedRows {
		if strings.Contains(s.Message, "13812345678") {
			t.Errorf("the footer's phone is in the report: %s", s)
		}
		if s.Row == 8 && !strings.Contains(s.Message, "合计:3人") {
			t.Errorf("the totals line is not named: %s", s)
		}
	}
}

// A list laid out over two header rows: 户籍地 merged over 省, 市 and 县
// (joined into one place), 姓名 and 身份证号码 merged down, header cells
// with line breaks and spaces inside; and the same as a CSV file, where
// the group is followed by empty cells.
func TestCountyTwoRowHeader(t *testing.T) {
	f := newFixture(t)
	p := f.xlsx("两行表头.xlsx", [][]any{
		{"序号", "姓　名", "身份证\n号码", "户籍地", "户籍地", "户籍地", "联系\n电话"},
		{"序号", "姓　名", "身份证\n号码", "省", "市", "县"},
		{1.0, "张三", id1, "四川省", "德阳市", "中江县", "13812345678"},
		{2.0, "李四", id2, "四川省", "德阳市", "广汉市", ""},
	}, [2]string{"D1", "F1"}, [2]string{"A1", "A2"}, [2]string{"B1", "B2"}, [2]string{"C1", "C2"}, [2]string{"G1", "G2"})
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err != nil {
		t.Fatalf("%v%s", err, dumpProblems(rep))
	}
	if rep.Imported != 2 || rep.HeaderRow != 1 || len(rep.Unknown) != 0 || rep.Columns["home_region"] != "户籍地" {
		t.Fatalf("report %+v", rep)
	}
	ts, _ := f.db.FindTrainees(f.ctx, models.TraineeFilter{})
	if ts[0].HomeRegion != (models.Region{Province: "四川省", City: "德阳市", County: "中江县"}) || ts[0].Phone != "13812345678" ||
		ts[1].HomeRegion.County != "广汉市" {
		t.Errorf("trainees %+v %+v", ts[0], ts[1])
	}

	f = newFixture(t)
	p = f.file("两行表头.csv", []byte("序号,姓 名,身份证号,户籍地,,\n,,,省,市,县\n1,张三,"+id1+",四川省,德阳市,中江县\n"))
	rep, err = f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err != nil {
		t.Fatalf("csv: %v%s", err, dumpProblems(rep))
	}
	ts, _ = f.db.FindTrainees(f.ctx, models.TraineeFilter{})
	if len(ts) != 1 || ts[0].HomeRegion.County != "中江县" {
		t.Errorf("csv: %+v", ts)
	}
}

// countySheets is a workbook of one sheet per county and a sheet of notes.
func countySheets(f *fixture, guanghan ...[]any) string {
	return f.workbook("德阳市.xlsx",
		sheetSpec{name: "中江县", rows: [][]any{{"序号", "姓名", "身份证号"}, {1.0, "张三", id1}, {2.0, "李四", id2}}},
		sheetSpec{name: "填表说明", rows: [][]any{{"请按县分表填写"}, {"身份证号须为文本格式"}}},
		sheetSpec{name: "广汉市", rows: append([][]any{{"广汉市推荐名单"}, {"姓名", "公民身份号码", "备注"}}, guanghan...)},
		sheetSpec{name: "旧表", hidden: true, rows: [][]any{{"姓名", "身份证号"}, {"赵六", id4}}},
	)
}

// One sheet per county: every sheet with a recognised header is
// imported, the report is per sheet and names the sheet of each problem;
// a sheet without one is named in a warning; a hidden sheet is not read;
// --sheet chooses one.
func TestCountySheets(t *testing.T) {
	f := newFixture(t)
	p := countySheets(f, []any{"王五", id3}, []any{"钱七", "123"})
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{DryRun: true})
	if err == nil {
		t.Fatal("the bad row of 广汉市 was accepted")
	}
	if len(rep.Sheets) != 2 || rep.Sheets[0].Name != "中江县" || rep.Sheets[0].Valid != 2 || rep.Sheets[1].Name != "广汉市" ||
		rep.Sheets[1].HeaderRow != 2 || rep.Sheets[1].RowsRead != 2 || rep.Sheets[1].Rejected != 1 || rep.RowsRead != 4 {
		t.Fatalf("sheets %+v", rep.Sheets)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].Sheet != "广汉市" || rep.Problems[0].Row != 4 ||
		!strings.HasPrefix(rep.Problems[0].String(), "sheet 广汉市, row 4, 公民身份号码: ") {
		t.Errorf("problems:%s", dumpProblems(rep))
	}
	if !warned(rep, MsgSheetRefused, map[string]any{"Sheet": "填表说明"}) {
		t.Errorf("the notes sheet is not named: %+v", rep.Warnings)
	}
	// Only the valid rows, the rejected one in a sheet named after its county.
	rep, err = f.im.ImportTrainees(f.ctx, p, TraineeOptions{SkipInvalid: true})
	if err != nil || rep.Imported != 3 || f.count() != 3 {
		t.Fatalf("%+v %v", rep, err)
	}
	x, err := excelize.OpenFile(rep.RejectedFile)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 1 || got[0] != "广汉市" {
		t.Errorf("rejected sheets %q", got)
	}

	// --sheet reads the one sheet, hidden or not.
	f = newFixture(t)
	p = countySheets(f, []any{"王五", id3})
	rep, err = f.im.ImportTrainees(f.ctx, p, TraineeOptions{ReadOptions: ReadOptions{Sheet: "旧表"}})
	if err != nil || rep.Imported != 1 || rep.Sheet != "旧表" || len(rep.Sheets) != 0 {
		t.Fatalf("--sheet: %+v %v", rep, err)
	}
	_, err = f.im.ImportTrainees(f.ctx, p, TraineeOptions{ReadOptions: ReadOptions{Sheet: "绵竹市"}})
	if got := models.ErrorMessage(err); !strings.Contains(got, "no sheet called 绵竹市; its sheets are 中江县, 填表说明, 广汉市, 旧表") {
		t.Errorf("unknown sheet: %q", got)
	}
}

// The same person on two counties' sheets is a duplicate naming the
// other sheet.
func TestCountySheetsDuplicateAcrossSheets(t *testing.T) {
	f := newFixture(t)
	p := countySheets(f, []any{"张三", id1})
	rep, _ := f.im.ImportTrainees(f.ctx, p, TraineeOptions{DryRun: true})
	if len(rep.Problems) != 1 || rep.Problems[0].Key != MsgDupInSheets || rep.Problems[0].Sheet != "广汉市" ||
		rep.Problems[0].Data["Sheet"] != "中江县" {
		t.Errorf("problems:%s", dumpProblems(rep))
	}
}

// Hidden rows and columns and a filter: hidden rows are reported and
// left out, and imported with IncludeHidden; a hidden column the import
// reads is named; the filter is named.
func TestCountyHiddenRowsAndFilter(t *testing.T) {
	f := newFixture(t)
	spec := sheetSpec{name: "名单", rows: [][]any{
		{"序号", "姓名", "身份证号", "联系电话", "内部编号"},
		{1.0, "张三", id1, "13812345678", "A1"},
		{2.0, "李四", id2, "", "A2"},
		{3.0, "王五", id3, "", "A3"},
	}, hiddenRows: []int{3}, hiddenCols: []string{"D", "E"}, filter: "A1:E4"}
	p := f.workbook("筛选.xlsx", spec)
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err != nil {
		t.Fatalf("%v%s", err, dumpProblems(rep))
	}
	if rep.Imported != 2 || skipped(rep)[3] != MsgSkipHidden || f.count() != 2 {
		t.Fatalf("report %+v", rep)
	}
	if !warned(rep, MsgHiddenCol, map[string]any{"Column": "联系电话"}) || !warned(rep, MsgFilterOn, map[string]any{"Range": "A1:E4"}) {
		t.Errorf("warnings %+v", rep.Warnings)
	}
	ts, _ := f.db.FindTrainees(f.ctx, models.TraineeFilter{IDNumbers: []string{id1}})
	if len(ts) != 1 || ts[0].Phone != "13812345678" {
		t.Errorf("the hidden column was not read: %+v", ts)
	}

	f = newFixture(t)
	p = f.workbook("筛选.xlsx", spec)
	rep, err = f.im.ImportTrainees(f.ctx, p, TraineeOptions{ReadOptions: ReadOptions{IncludeHidden: true}})
	if err != nil || rep.Imported != 3 || rep.Skipped != 0 || !warned(rep, MsgHiddenKept, nil) {
		t.Fatalf("include hidden: %+v %v", rep, err)
	}
}

// ID numbers kept as text by a leading apostrophe (as typed, or with a
// Chinese input method), or with spaces inside.
func TestCountyIDNumbersAsText(t *testing.T) {
	f := newFixture(t)
	spaced := id2[:6] + " " + id2[6:14] + " " + id2[14:]
	wide := "１１" + id3[2:]
	p := f.file("文本.csv", []byte("姓名,身份证号\n张三,'"+id1+"\n李四,"+spaced+"\n王五,‘"+wide+"\n赵六,　"+id4+"　\n"))
	rep, err := f.im.ImportTrainees(f.ctx, p, TraineeOptions{})
	if err != nil || rep.Imported != 4 {
		t.Fatalf("%+v %v%s", rep, err, dumpProblems(rep))
	}
	for _, id := range []string{id1, id2, id3, id4} {
		if ts, _ := f.db.FindTrainees(f.ctx, models.TraineeFilter{IDNumbers: []string{id}}); len(ts) != 1 {
			t.Errorf("%s not stored as written", models.MaskIDNumber(id))
		}
	}
}

// An Excel 97-2003 or WPS file is refused from its first bytes, with the
// way to save it as .xlsx in Excel and in WPS; one that is an .xlsx
// workbook renamed reads.
func TestCountyLegacyFormatsRefused(t *testing.T) {
	f := newFixture(t)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 2048)...)
	f.im.Limits = sheets.Limits{MaxBytes: 1024} // the file is refused before its size matters
	for name, msg := range map[string]string{"名单.xls": sheets.MsgLegacyXLS, "名单.et": sheets.MsgLegacyET, "名单.ET": sheets.MsgLegacyET} {
		_, err := f.im.ImportTrainees(f.ctx, f.file(name, ole), TraineeOptions{})
		var de *models.Error
		if !errors.As(err, &de) || de.Message != msg {
			t.Errorf("%s: %v", name, err)
		}
		if got := models.ErrorMessage(err); !strings.Contains(got, "Excel Workbook (*.xlsx)") || !strings.Contains(got, "另存为") {
			t.Errorf("%s: %q", name, got)
		}
	}
	f.im.Limits = sheets.Limits{}
	x := f.xlsx("tmp.xlsx", [][]any{{"姓名", "身份证号"}, {"张三", id1}})
	data, _ := os.ReadFile(x)
	rep, err := f.im.ImportTrainees(f.ctx, f.file("改名.xls", data), TraineeOptions{})
	if err != nil || rep.Imported != 1 {
		t.Fatalf("renamed workbook: %+v %v", rep, err)
	}
}
