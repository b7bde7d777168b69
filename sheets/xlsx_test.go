package sheets

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"peiyang/internal/hostile"
)

// The package's own workbook reader gives what excelize gives for the
// cells a spreadsheet program writes: shared and inline strings, rich
// text, numbers as stored, booleans, dates as serials, escaped control
// characters, sparse rows and columns.
func TestReadXLSXAgreesWithExcelize(t *testing.T) {
	f := excelize.NewFile()
	s := "名单"
	_ = f.SetSheetName("Sheet1", s)
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "姓名")
	set("B1", "身份证号")
	set("C1", "备注 & <说明>")
	set("A2", "张三")
	set("B2", "510623198802151234")
	set("C2", "第一行\n第二行")
	set("D2", 3.25)
	set("E2", true)
	set("F2", time.Date(2024, 9, 2, 0, 0, 0, 0, time.UTC))
	set("G2", "a_x000D_b")
	set("H2", 510104198801011000.0)
	set("A4", "李四")
	set("Z4", "远处")
	if err := f.SetCellRichText(s, "B4", []excelize.RichTextRun{{Text: "粗体"}, {Text: "和普通"}}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellInt(s, "C4", -42); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	want, err := f.GetRows(s, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	tb, err := Read("名单.xlsx", buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, r := range tb.Rows {
		for len(got) < r.Num-1 {
			got = append(got, nil)
		}
		got = append(got, r.Cells)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows\n got %q\nwant %q", got, want)
	}
	if tb.Sheet != s {
		t.Errorf("sheet %q", tb.Sheet)
	}
}

// A formula's cell gives its cached result and is marked, so that an
// import can say so.
func TestReadXLSXMarksFormulas(t *testing.T) {
	tb, err := Read("f.xlsx", hostile.FormulaXLSX(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		cells    []string
		formulas []int
	}{
		{[]string{"姓名", "身份证号", "备注"}, nil},
		{[]string{"张三", "11010519491231002X", "点此"}, []int{0, 2}},
		{[]string{"李四", "510623198802151235"}, []int{1}},
		{[]string{"王五", "440304199003072013", "2"}, []int{2}},
	}
	for i, w := range want {
		r := tb.Rows[i]
		if !reflect.DeepEqual(r.Cells, w.cells) || !reflect.DeepEqual(r.Formulas, w.formulas) {
			t.Errorf("row %d: %q formulas %v, want %q %v", r.Num, r.Cells, r.Formulas, w.cells, w.formulas)
		}
	}
}

func wantFileErr(t *testing.T, err error, msg string) {
	t.Helper()
	var fe *FileError
	if !errorsAs(err, &fe) || fe.Err.Message != msg {
		t.Fatalf("err = %v, want message %q", err, msg)
	}
}

// One cell longer than a cell may be is refused with its name, whether
// it is inline, shared or in a CSV file; one just at the limit is read.
func TestReadRefusesHugeCells(t *testing.T) {
	lim := Limits{MaxCellChars: 1000}
	for _, shared := range []bool{false, true} {
		_, err := Read("长.xlsx", hostile.HugeCellXLSX(1001, shared), Options{Limits: lim})
		if shared {
			wantFileErr(t, err, MsgTextTooLong)
		} else {
			wantFileErr(t, err, MsgCellTooLong)
			if !strings.Contains(err.Error(), "C3") {
				t.Errorf("the cell is not named: %v", err)
			}
		}
		tb, err := Read("长.xlsx", hostile.HugeCellXLSX(1000, shared), Options{Limits: lim})
		if err != nil || len(tb.Rows[2].Cells[2]) != 1000 {
			t.Fatalf("a cell at the limit: %v", err)
		}
	}
	_, err := Read("长.csv", hostile.HugeFieldCSV(1001), Options{Limits: lim})
	wantFileErr(t, err, MsgCellTooLong)
	if !strings.Contains(err.Error(), "C2") {
		t.Errorf("the cell is not named: %v", err)
	}
	if _, err := Read("长.csv", hostile.HugeFieldCSV(1000), Options{Limits: lim}); err != nil {
		t.Fatal(err)
	}
	// Text long in bytes but short in characters is a cell's text too.
	if _, err := Read("长.csv", []byte("姓名\n"+strings.Repeat("长", 1000)+"\n"), Options{Limits: lim}); err != nil {
		t.Fatal(err)
	}
}
