package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
)

// A hostile file is built on demand rather than kept in the repository:
// the builders below write small archives that unpack to something huge
// or slow. Each returns the bytes of the file.

// Workbook is a minimal .xlsx package: one sheet, its XML written by
// the caller through Sheet, optional shared strings.
type Workbook struct {
	// Sheet writes the worksheet part's XML. It may write gigabytes: the
	// archive is compressed as it goes.
	Sheet func(w io.Writer) error
	// Strings, when set, writes the sharedStrings part's XML.
	Strings func(w io.Writer) error
	// Extra parts, by name, written as they are.
	Extra map[string]string
	// Sheets is the number of sheets, all sharing Sheet's XML; 0 means 1.
	Sheets int
	// Store keeps the parts uncompressed, which is quicker for many
	// small parts.
	Store bool
}

// Bytes builds the package.
func (wb Workbook) Bytes() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// The fastest level packs a gigabyte of one letter into about a
	// megabyte, in a few seconds.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	n := max(wb.Sheets, 1)
	method := zip.Deflate
	if wb.Store {
		method = zip.Store
	}
	part := func(name string, fill func(io.Writer) error) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err == nil {
			err = fill(w)
		}
		if err != nil {
			panic(fmt.Sprintf("hostile: build %s: %v", name, err))
		}
	}
	text := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	var types, sheets, rels strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i)
		fmt.Fprintf(&sheets, `<sheet name="Sheet%d" sheetId="%d" r:id="rId%d"/>`, i, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
	}
	if wb.Strings != nil {
		types.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, n+1)
	}
	part("[Content_Types].xml", text(xmlHead+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		types.String()+`</Types>`))
	part("_rels/.rels", text(xmlHead+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", text(xmlHead+`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+sheets.String()+`</sheets></workbook>`))
	part("xl/_rels/workbook.xml.rels", text(xmlHead+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		rels.String()+`</Relationships>`))
	for i := 1; i <= n; i++ {
		part(fmt.Sprintf("xl/worksheets/sheet%d.xml", i), wb.Sheet)
	}
	if wb.Strings != nil {
		part("xl/sharedStrings.xml", wb.Strings)
	}
	for name, s := range wb.Extra {
		part(name, text(s))
	}
	if err := zw.Close(); err != nil {
		panic(fmt.Sprintf("hostile: build workbook: %v", err))
	}
	return buf.Bytes()
}

const (
	xmlHead   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	sheetHead = xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	// header is a trainee list's header row and one valid row.
	header = `<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>11010519491231002X</t></is></c></row>`
)

// repeat writes s n times.
func repeat(w io.Writer, s string, n int) error {
	chunk := strings.Repeat(s, max(1, min(n, (1<<20)/max(1, len(s)))))
	per := max(1, len(chunk)/max(1, len(s)))
	for n > 0 {
		k := min(n, per)
		if _, err := io.WriteString(w, chunk[:k*len(s)]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// MergeBombXLSX is a trainee list of rows rows followed by n merged
// areas that each cover the whole sheet from B2 (B2:XFD1048576);
// distinct makes each area different (its first row moves down), so
// that they cannot be merged into one. A few kilobytes that once hung
// the import for over an hour.
func MergeBombXLSX(n, rows int, distinct bool) []byte {
	return Workbook{Sheet: func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetHead+header); err != nil {
			return err
		}
		for r := 3; r < 3+rows; r++ {
			if _, err := fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>李四</t></is></c></row>`, r, r); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, `</sheetData><mergeCells count="`+fmt.Sprint(n)+`">`); err != nil {
			return err
		}
		if !distinct {
			if err := repeat(w, `<mergeCell ref="B2:XFD1048576"/>`, n); err != nil {
				return err
			}
		} else {
			for i := 0; i < n; i++ {
				if _, err := fmt.Fprintf(w, `<mergeCell ref="B%d:XFD1048576"/>`, 2+i); err != nil {
					return err
				}
			}
		}
		_, err := io.WriteString(w, `</mergeCells></worksheet>`)
		return err
	}}.Bytes()
}

// HugeCellXLSX is a trainee list whose note cell (C2) holds size bytes
// of text, inline in the sheet or, with shared, in the shared strings.
// A gigabyte compresses to about a megabyte.
func HugeCellXLSX(size int, shared bool) []byte {
	wb := Workbook{}
	cell := func(w io.Writer) error {
		if _, err := io.WriteString(w, `<is><t>`); err != nil {
			return err
		}
		if err := repeat(w, "A", size); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</t></is>`)
		return err
	}
	if shared {
		wb.Strings = func(w io.Writer) error {
			if _, err := io.WriteString(w, xmlHead+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`); err != nil {
				return err
			}
			if err := repeat(w, "A", size); err != nil {
				return err
			}
			_, err := io.WriteString(w, `</t></si></sst>`)
			return err
		}
	}
	wb.Sheet = func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetHead+header+`<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c>`); err != nil {
			return err
		}
		if shared {
			if _, err := io.WriteString(w, `<c r="C3" t="s"><v>0</v></c>`); err != nil {
				return err
			}
		} else {
			if _, err := io.WriteString(w, `<c r="C3" t="inlineStr">`); err != nil {
				return err
			}
			if err := cell(w); err != nil {
				return err
			}
			if _, err := io.WriteString(w, `</c>`); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</row></sheetData></worksheet>`)
		return err
	}
	return wb.Bytes()
}

// ManyStringsXLSX has n tiny shared strings (each "<si><t>a</t></si>")
// and a short sheet: millions of strings from a few kilobytes.
func ManyStringsXLSX(n int) []byte {
	return Workbook{
		Strings: func(w io.Writer) error {
			if _, err := io.WriteString(w, xmlHead+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`); err != nil {
				return err
			}
			if err := repeat(w, `<si><t>a</t></si>`, n); err != nil {
				return err
			}
			_, err := io.WriteString(w, `</sst>`)
			return err
		},
		Sheet: func(w io.Writer) error {
			_, err := io.WriteString(w, sheetHead+header+`<row r="3"><c r="A3" t="s"><v>0</v></c></row></sheetData></worksheet>`)
			return err
		},
	}.Bytes()
}

// WideRowsXLSX has n rows that each hold one cell far to the right, in
// column col (1 is A; 16384 is XFD, the last): every row read in full
// would be col cells wide.
func WideRowsXLSX(n, col int) []byte {
	name := colName(col)
	return Workbook{Sheet: func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetHead+header); err != nil {
			return err
		}
		for r := 3; r < 3+n; r++ {
			if _, err := fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>1</v></c><c r="%s%d"><v>1</v></c></row>`, r, r, name, r); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</sheetData></worksheet>`)
		return err
	}}.Bytes()
}

// EmptyCellsXLSX is a sheet of n empty cell elements (<c/>) after the
// header: a gigabyte of markup that holds nothing.
func EmptyCellsXLSX(n int) []byte {
	return Workbook{Sheet: func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetHead+header+`<row r="3">`); err != nil {
			return err
		}
		if err := repeat(w, `<c/>`, n); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</row></sheetData></worksheet>`)
		return err
	}}.Bytes()
}

// DeepXLSX nests n elements inside a cell.
func DeepXLSX(n int) []byte {
	return Workbook{Sheet: func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetHead+header+`<row r="3"><c r="C3" t="inlineStr"><is>`); err != nil {
			return err
		}
		if err := repeat(w, `<r>`, n); err != nil {
			return err
		}
		if err := repeat(w, `</r>`, n); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</is></c></row></sheetData></worksheet>`)
		return err
	}}.Bytes()
}

// ManySheetsXLSX has n sheets, each the header and one row.
func ManySheetsXLSX(n int) []byte {
	return Workbook{Sheets: n, Store: true, Sheet: func(w io.Writer) error {
		_, err := io.WriteString(w, sheetHead+header+`</sheetData></worksheet>`)
		return err
	}}.Bytes()
}

// ManyEntriesZip is a zip archive of n empty entries with an .xlsx's
// first part: a central directory that alone would take hundreds of
// megabytes to hold.
func ManyEntriesZip(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < n; i++ {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprint(i), Method: zip.Store}); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// FormulaXLSX is a trainee list whose name, ID number and note cells
// hold formulas with cached results that look like real values.
func FormulaXLSX() []byte {
	return Workbook{Sheet: func(w io.Writer) error {
		_, err := io.WriteString(w, sheetHead+
			`<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>`+
			`<row r="2"><c r="A2" t="str"><f>"张"&amp;"三"</f><v>张三</v></c><c r="B2" t="inlineStr"><is><t>11010519491231002X</t></is></c><c r="C2" t="str"><f>HYPERLINK("http://example.invalid","点此")</f><v>点此</v></c></row>`+
			`<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3" t="str"><f>"510623198802151235"</f><v>510623198802151235</v></c></row>`+
			`<row r="4"><c r="A4" t="inlineStr"><is><t>王五</t></is></c><c r="B4" t="inlineStr"><is><t>440304199003072013</t></is></c><c r="C4"><f>1+1</f><v>2</v></c></row>`+
			`</sheetData></worksheet>`)
		return err
	}}.Bytes()
}

// FullSheetXLSX is a list at the size limits of an import: rows rows of
// cols columns of distinct text, the ID numbers all wrong, so that
// every row is reported.
func FullSheetXLSX(rows, cols int) []byte {
	return Workbook{Sheet: func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetHead+`<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c>`); err != nil {
			return err
		}
		for c := 3; c <= cols; c++ {
			if _, err := fmt.Fprintf(w, `<c r="%s1" t="inlineStr"><is><t>备注%d</t></is></c>`, colName(c), c); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, `</row>`); err != nil {
			return err
		}
		for r := 2; r <= rows+1; r++ {
			if _, err := fmt.Fprintf(w, `<row r="%d">`, r); err != nil {
				return err
			}
			for c := 1; c <= cols; c++ {
				if _, err := fmt.Fprintf(w, `<c r="%s%d" t="inlineStr"><is><t>第%d行第%d列的文字</t></is></c>`, colName(c), r, r, c); err != nil {
					return err
				}
			}
			if _, err := io.WriteString(w, `</row>`); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</sheetData></worksheet>`)
		return err
	}}.Bytes()
}

// colName is the column's letters: 1 is A, 27 is AA.
func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// HugeFieldCSV is a trainee list whose note field is size bytes long.
func HugeFieldCSV(size int) []byte {
	var b bytes.Buffer
	b.WriteString("姓名,身份证号,备注\r\n张三,11010519491231002X,")
	b.WriteString(strings.Repeat("A", size))
	b.WriteString("\r\n")
	return b.Bytes()
}

// ManyFieldsCSV is a trainee list with a row of n empty fields.
func ManyFieldsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("姓名,身份证号,备注\r\n张三,11010519491231002X,")
	b.WriteString(strings.Repeat(",", n))
	b.WriteString("\r\n")
	return b.Bytes()
}

// File is one hostile file of the catalogue.
type File struct {
	Name  string // file name, its extension saying what it claims to be
	Class string // the kind of attack, for grouping
	Build func() []byte
}

// Files is the catalogue of hostile files at full strength, each the
// worst of its class that fits the file size limit: what the benchmark
// (bench/hostile) and the bounded-import tests run.
func Files() []File {
	return []File{
		{"merge-bomb.xlsx", "merged cells", func() []byte { return MergeBombXLSX(300_000, 5000, false) }},
		{"merge-bomb-distinct.xlsx", "merged cells", func() []byte { return MergeBombXLSX(200_000, 5000, true) }},
		{"huge-cell-inline.xlsx", "huge cell", func() []byte { return HugeCellXLSX(1000<<20, false) }},
		{"huge-cell-shared.xlsx", "huge cell", func() []byte { return HugeCellXLSX(1000<<20, true) }},
		{"huge-cell-250mb.xlsx", "huge cell", func() []byte { return HugeCellXLSX(250<<20, false) }},
		{"full-sheet.xlsx", "size limits", func() []byte { return FullSheetXLSX(99_000, 20) }},
		{"many-strings.xlsx", "shared strings", func() []byte { return ManyStringsXLSX(58_000_000) }},
		{"wide-rows.xlsx", "sheet dimensions", func() []byte { return WideRowsXLSX(150_000, 16384) }},
		{"wide-rows-512.xlsx", "sheet dimensions", func() []byte { return WideRowsXLSX(190_000, 512) }},
		{"empty-cells.xlsx", "sheet dimensions", func() []byte { return EmptyCellsXLSX(250_000_000) }},
		{"deep.xlsx", "nesting", func() []byte { return DeepXLSX(5_000_000) }},
		{"many-sheets.xlsx", "workbook", func() []byte { return ManySheetsXLSX(20_000) }},
		{"many-entries.xlsx", "workbook", func() []byte { return ManyEntriesZip(600_000) }},
		{"huge-field.csv", "huge cell", func() []byte { return HugeFieldCSV(60 << 20) }},
		{"many-fields.csv", "sheet dimensions", func() []byte { return ManyFieldsCSV(60 << 20) }},
	}
}
