package sheets

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"peiyang/models"
)

func TestReadXLSXTitleAndMergedCells(t *testing.T) {
	tb, err := Read("名单.xlsx", nomineeXLSX(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Format != FormatXLSX || tb.Sheet != "Sheet1" {
		t.Errorf("format %s sheet %s", tb.Format, tb.Sheet)
	}
	nums := []int{}
	for _, r := range tb.Rows {
		nums = append(nums, r.Num)
	}
	if !reflect.DeepEqual(nums, []int{1, 2, 3, 4, 5, 6, 8}) {
		t.Fatalf("row numbers %v", nums)
	}
	// The merged title fills its row; the two-row header reads whole.
	if got := tb.Rows[0].Cells; len(got) != 7 || got[6] != got[0] {
		t.Errorf("title row %q", got)
	}
	if got := tb.Rows[3].Cells; !reflect.DeepEqual(got, []string{"序号", "姓名", "身份证号码", "性别", "出生年月", "推荐单位", "备注"}) {
		t.Errorf("second header row %q", got)
	}
	h, err := FindHeader(tb.Rows, testFields, 2)
	if err != nil || h.Row != 3 || h.Span != 2 || tb.Rows[h.First()].Num != 5 {
		t.Fatalf("header %+v %v", h, err)
	}
	r5, r6 := tb.Rows[4], tb.Rows[5]
	if h.Cell(r5, "nominated_by") != "南华镇党委" || h.Cell(r6, "nominated_by") != "南华镇党委" {
		t.Errorf("merged organisation not filled down: %q %q", r5.Cells, r6.Cells)
	}
	if h.Cell(r5, "id_number") != "510623198802151234" {
		t.Errorf("text ID %q", h.Cell(r5, "id_number"))
	}
	if _, err := NormalizeIDNumber(h.Cell(r6, "id_number")); err == nil {
		t.Errorf("numeric ID %q not reported as damaged", h.Cell(r6, "id_number"))
	}
	if d, _, err := ParseDate(h.Cell(r6, "birth")); err != nil || d.String() != "1990-01-01" {
		t.Errorf("date cell %q → %s %v", h.Cell(r6, "birth"), d, err)
	}
	if d, p, err := ParseDate(h.Cell(r5, "birth")); err != nil || d.String() != "1988-02-01" || p != PrecisionMonth {
		t.Errorf("month text %q → %s %v", h.Cell(r5, "birth"), d, err)
	}
}

func TestReadXLSXPicksTheSheetWithTheHeader(t *testing.T) {
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "填表说明：请勿修改表头")
	_, _ = f.NewSheet("隐藏")
	_ = f.SetCellValue("隐藏", "A1", "姓名")
	_ = f.SetCellValue("隐藏", "B1", "身份证号")
	_ = f.SetSheetVisible("隐藏", false)
	_, _ = f.NewSheet("名单")
	_ = f.SetCellValue("名单", "A1", "姓名")
	_ = f.SetCellValue("名单", "B1", "身份证号")
	_ = f.SetCellValue("名单", "A2", "张三")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	accept := func(rows []Row) bool {
		h, err := FindHeader(rows, testFields, 2)
		return err == nil && len(h.Missing) == 0
	}
	tb, err := Read("x.xlsx", buf.Bytes(), Options{Accept: accept})
	if err != nil || tb.Sheet != "名单" || len(tb.Rows) != 2 {
		t.Fatalf("read %+v %v", tb, err)
	}
	tb, err = Read("x.xlsx", buf.Bytes(), Options{})
	if err != nil || tb.Sheet != "Sheet1" {
		t.Fatalf("without Accept: %+v %v", tb, err)
	}
}

func TestReadCSVEncodings(t *testing.T) {
	utf16 := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name, enc string
		data      []byte
	}{
		{"utf8.csv", EncodingUTF8, []byte(nomineeCSV)},
		{"bom.csv", EncodingUTF8BOM, append([]byte{0xEF, 0xBB, 0xBF}, nomineeCSV...)},
		{"gbk.csv", EncodingGB18030, gbk(t, nomineeCSV)},
		{"unicode.txt", EncodingUTF16, utf16(strings.ReplaceAll(nomineeCSV, ",", "\t"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := Read(tt.name, tt.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tb.Format != FormatCSV || tb.Encoding != tt.enc {
				t.Errorf("format %s encoding %s", tb.Format, tb.Encoding)
			}
			if len(tb.Rows) != 4 {
				t.Fatalf("%d rows: %v", len(tb.Rows), tb.Rows)
			}
			if tb.Rows[0].Cells[1] != "姓名" || tb.Rows[1].Cells[1] != "张三" {
				t.Errorf("rows %v", tb.Rows[:2])
			}
			// Row numbers as a spreadsheet shows them: the blank line
			// counts, the line break inside 李四's name does not.
			if tb.Rows[2].Num != 4 || tb.Rows[3].Num != 5 || tb.Rows[2].Cells[1] != "李\n四" {
				t.Errorf("rows %+v", tb.Rows[2:])
			}
		})
	}
}

func TestReadLimitsAndDamage(t *testing.T) {
	wantMsg := func(t *testing.T, err error, msg string) {
		t.Helper()
		var fe *FileError
		if err == nil || !strings.Contains(err.Error(), "名单") {
			t.Fatalf("err = %v", err)
		}
		if !errorsAs(err, &fe) || fe.Err.Message != msg || models.ErrorCode(err) != models.EINVALID {
			t.Fatalf("err = %v, want message %q", err, msg)
		}
	}
	_, err := Read("名单.csv", []byte(nomineeCSV), Options{Limits: Limits{MaxBytes: 10}})
	wantMsg(t, err, MsgTooBig)
	_, err = Read("名单.csv", []byte(nomineeCSV), Options{Limits: Limits{MaxRows: 2}})
	wantMsg(t, err, MsgTooManyRows)
	_, err = Read("名单.xlsx", nomineeXLSX(t), Options{Limits: Limits{MaxRows: 3}})
	wantMsg(t, err, MsgTooManyRows)
	_, err = Read("名单.xlsx", nomineeXLSX(t), Options{Limits: Limits{MaxUnzip: 1000}})
	wantMsg(t, err, MsgUnzipLimit)
	_, err = Read("名单.xlsx", []byte("PK\x03\x04garbage"), Options{})
	wantMsg(t, err, MsgDamaged)
	_, err = Read("名单.xlsx", []byte("just text"), Options{})
	wantMsg(t, err, MsgDamaged)
	_, err = Read("名单.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), Options{})
	wantMsg(t, err, MsgOldXLS)
	_, err = Read("名单.pdf", []byte("%PDF-1.4"), Options{})
	wantMsg(t, err, MsgUnknownType)
	_, err = Read("名单.csv", []byte("\r\n ,, \r\n"), Options{})
	wantMsg(t, err, MsgEmpty)

	dir := t.TempDir()
	p := filepath.Join(dir, "名单.csv")
	if err := os.WriteFile(p, []byte(nomineeCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p, Options{}); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(p, Options{Limits: Limits{MaxBytes: 20}})
	wantMsg(t, err, MsgTooBig)
	_, err = ReadFile(filepath.Join(dir, "名单-missing.csv"), Options{})
	wantMsg(t, err, MsgOpen)
}

func TestReadTruncatesWideRows(t *testing.T) {
	line := strings.Repeat("x,", 20) + "x\n"
	tb, err := Read("w.csv", []byte(line), Options{Limits: Limits{MaxCols: 5}})
	if err != nil || len(tb.Rows[0].Cells) != 5 {
		t.Fatalf("%v %v", tb, err)
	}
}

func TestReadTurnsAParserPanicIntoAnError(t *testing.T) {
	defer func(old func(string, []byte, Options) ([]*Table, error)) { parseXLSX = old }(parseXLSX)
	parseXLSX = func(string, []byte, Options) ([]*Table, error) { panic("index out of range") }
	tb, err := Read("名单.xlsx", nomineeXLSX(t), Options{})
	var fe *FileError
	if tb != nil || !errorsAs(err, &fe) || fe.Err.Message != MsgDamaged || !strings.Contains(err.Error(), "名单.xlsx") ||
		!strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("Read = %v, %v", tb, err)
	}
}

// A CSV file that is partly UTF-8 and partly GBK is refused with the
// first line that is not UTF-8, instead of being read as GBK nonsense;
// a file in GBK alone still reads.
func TestReadCSVMixedEncoding(t *testing.T) {
	head := []byte("姓名,身份证号,备注\r\n")
	mixed := append(append([]byte{}, head...), gbk(t, "张三,11010519491231002X,备注\r\n")...)
	_, err := Read("名单.csv", mixed, Options{})
	wantFileErr(t, err, MsgMixedEncoding)
	if !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err = %v", err)
	}
	tb, err := Read("名单.csv", gbk(t, string(head)+"张三,11010519491231002X,备注\r\n"), Options{})
	if err != nil || tb.Encoding != EncodingGB18030 || tb.Rows[1].Cells[0] != "张三" {
		t.Fatalf("GBK alone: %+v %v", tb, err)
	}
}
