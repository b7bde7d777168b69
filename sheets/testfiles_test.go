package sheets

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// nomineeXLSX builds a nominee list as a county sends it: a merged title
// row, a note row, a two-row header whose 姓名 and 身份证号 cells are
// merged down, a nominating organisation merged over two data rows, a
// birth date typed as a date (a serial with a date style) and an ID number
// Excel turned into a number.
func nomineeXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	set := func(cell string, v any) {
		if err := f.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(a, b string) {
		if err := f.MergeCell(s, a, b); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "中江县2024年度流动党员培养对象推荐名单")
	merge("A1", "G1")
	set("A2", "填报单位（盖章）：中江县委组织部")
	set("A3", "序号")
	set("B3", "姓名")
	set("C3", "身份证号码")
	set("D3", "基本情况")
	merge("D3", "E3")
	set("D4", "性别")
	set("E4", "出生年月")
	set("F3", "推荐单位")
	set("G3", "备注")
	merge("A3", "A4")
	merge("B3", "B4")
	merge("C3", "C4")
	merge("F3", "F4")
	merge("G3", "G4")
	set("A5", 1)
	set("B5", "张　三")
	set("C5", "510623198802151234")
	set("D5", "男")
	set("E5", "1988.02")
	set("F5", "南华镇党委")
	merge("F5", "F6")
	set("A6", 2)
	set("B6", "李四")
	if err := f.SetCellFloat(s, "C6", 510623199001011000, -1, 64); err != nil {
		t.Fatal(err)
	}
	set("D6", "女")
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	set("E6", 32874) // 1990-01-01 as a serial
	_ = f.SetCellStyle(s, "E6", "E6", style)
	set("A8", 3)
	set("B8", "王五")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const nomineeCSV = "序号,姓名,身份证号,性别,手机,出生日期\r\n" +
	"1,张三,510623198802151234,男,138 1234 5678,1988/2/15\r\n" +
	"\r\n" +
	"2,\"李\n四\",5.10104E+17,女,13912345678,1990年1月1日\r\n" +
	"3,王五,110105194912310021,男,,\r\n"

func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
