package sheets

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"peiyang/internal/private/privatetest"
	"peiyang/models"
)

// writeStyledWorkbook writes a workbook of two sheets, 251 rows of every
// kind of column and one with a long name, and returns its path.
func writeStyledWorkbook(t *testing.T) string {
	t.Helper()
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	s, err := w.AddSheet("培养对象", []Col{{Header: "姓名"}, {Header: "身份证号"}, {Header: "出生日期", Kind: Date},
		{Header: "学时", Kind: Number}, {Header: "次数", Kind: Int}, {Header: "重点", Kind: Text}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 250 { // more than the rows held back for the widths
		if err := s.Write("欧阳明阳"+strconv.Itoa(i), "510623198802151234", models.MustDate("1988-02-15"), 2.5, i, i%2 == 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Write("空", "", models.Date{}, nil, 0, false); err != nil {
		t.Fatal(err)
	}
	s2, err := w.AddSheet("第二页：一个非常非常非常非常非常非常非常非常非常非常非常长的名字", []Col{{Header: "日期", Kind: Date}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Write(time.Date(2025, 6, 2, 9, 30, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if err := w.Save(path); err != nil {
		t.Fatal(err)
	}
	privatetest.Assert(t, path)
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".peiyang-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
	return path
}

func TestWorkbookStyledSheets(t *testing.T) {
	path := writeStyledWorkbook(t)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "培养对象" || len([]rune(got[1])) != 31 {
		t.Errorf("sheets %q", got)
	}
	check := func(cell, want string) {
		t.Helper()
		if got, _ := f.GetCellValue("培养对象", cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	check("A1", "姓名")
	check("C1", "出生日期")
	check("A2", "欧阳明阳0")
	check("B2", "510623198802151234")
	check("C2", "1988-02-15")
	check("F2", "是")
	check("F3", "否")
	check("A251", "欧阳明阳249")
	check("A252", "空")
	check("B252", "")
	// The header is styled and frozen; dates are date cells.
	panes, err := f.GetPanes("培养对象")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v %v", panes, err)
	}
	hs, _ := f.GetCellStyle("培养对象", "A1")
	style, _ := f.GetStyle(hs)
	if style == nil || style.Font == nil || !style.Font.Bold || len(style.Fill.Color) == 0 {
		t.Errorf("header style %+v", style)
	}
	ds, _ := f.GetCellStyle("培养对象", "C2")
	dstyle, _ := f.GetStyle(ds)
	if dstyle == nil || dstyle.CustomNumFmt == nil || *dstyle.CustomNumFmt != "yyyy-mm-dd" {
		t.Errorf("date style %+v", dstyle)
	}
	if typ, _ := f.GetCellType("培养对象", "C2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("date written as text")
	}
	raw, _ := f.GetCellValue("培养对象", "C2", excelize.Options{RawCellValue: true})
	if raw != "32188" {
		t.Errorf("date serial %q", raw)
	}
	if typ, _ := f.GetCellType("培养对象", "B2"); typ == excelize.CellTypeNumber {
		t.Errorf("ID number written as a number")
	}
	// Widths fit the content: the name column is wider than 6, the
	// Chinese header of a short column at least its header.
	wa, _ := f.GetColWidth("培养对象", "A")
	wb, _ := f.GetColWidth("培养对象", "B")
	if wa < 12 || wb < 18 || wa > 48 {
		t.Errorf("widths %v %v", wa, wb)
	}
	if v, _ := f.GetCellValue(f.GetSheetList()[1], "A2"); v != "2025-06-02" {
		t.Errorf("time.Time written as %q", v)
	}
}

func TestWorkbookEmptySheetHasHeader(t *testing.T) {
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.AddSheet("空", []Col{{Header: "姓名"}}); err != nil {
		t.Fatal(err)
	}
	f := saveAndOpen(t, w)
	if v, _ := f.GetCellValue("空", "A1"); v != "姓名" {
		t.Errorf("A1 = %q", v)
	}
	w2, _ := NewWorkbook()
	defer w2.Close()
	if err := w2.Save(filepath.Join(t.TempDir(), "none.xlsx")); err == nil {
		t.Error("saved a workbook without sheets")
	}
}

// TestMonthOnlyDateIsText: a masked birth date is written as the text of
// its month; as a date cell it would hold a day, whatever its format.
func TestMonthOnlyDateIsText(t *testing.T) {
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	s, err := w.AddSheet("x", []Col{{Header: "出生日期", Kind: Date}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(models.MustDate("1988-02-15").MonthOnly()); err != nil {
		t.Fatal(err)
	}
	f := saveAndOpen(t, w)
	shown, _ := f.GetCellValue("x", "A2")
	raw, _ := f.GetCellValue("x", "A2", excelize.Options{RawCellValue: true})
	if shown != "1988-02" || raw != "1988-02" {
		t.Errorf("month-only date written as %q (stored %q)", shown, raw)
	}
}

// saveAndOpen saves the workbook and opens the file it wrote.
func saveAndOpen(t *testing.T, w *Workbook) *excelize.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if err := w.Save(path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// A drop-down list written with a streamed sheet is in the saved
// workbook, over the rows asked.
func TestDropList(t *testing.T) {
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	s, err := w.AddSheet("选举结果", []Col{{Header: "姓名"}, {Header: "结果"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"张三", "李四"} {
		if err := s.Write(n, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DropList(1, 3, []string{"当选", "未当选"}, "结果", "请从列表中选择"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dv.xlsx")
	if err := w.Save(path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations("选举结果")
	if err != nil || len(dvs) != 1 || dvs[0].Sqref != "B2:B3" || !strings.Contains(dvs[0].Formula1, "未当选") {
		t.Fatalf("data validations %+v, %v", dvs, err)
	}
	if v, _ := f.GetCellValue("选举结果", "A3"); v != "李四" {
		t.Fatalf("A3 = %q", v)
	}
}
