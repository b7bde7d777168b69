package sheets

import (
	"io"
	"strings"
	"testing"

	"peiyang/internal/hostile"
)

// Merged areas over the whole sheet, repeated, are clipped to the data
// and read in no time; the same area many times counts once; too many
// different ones are refused.
func TestReadMergeBombs(t *testing.T) {
	tb, err := Read("merge.xlsx", hostile.MergeBombXLSX(300_000, 500, false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 502 {
		t.Fatalf("%d rows", len(tb.Rows))
	}
	// B2:XFD1048576 fills B to C (the last column with data) from B2's
	// value, down every row that has a value of its own.
	for _, r := range tb.Rows[1:] {
		if len(r.Cells) != 3 || r.Cells[1] != "11010519491231002X" || r.Cells[2] != "11010519491231002X" {
			t.Fatalf("row %d: %q", r.Num, r.Cells)
		}
	}
	_, err = Read("merge.xlsx", hostile.MergeBombXLSX(200_000, 500, true), Options{})
	wantFileErr(t, err, MsgTooManyMerges)
	// Overlapping areas: the one higher up wins; a cell is never filled
	// twice.
	tb, err = Read("merge.xlsx", hostile.MergeBombXLSX(1000, 50, true), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := tb.Rows[len(tb.Rows)-1]; r.Cells[2] != "11010519491231002X" {
		t.Fatalf("last row %q", r.Cells)
	}
}

// Rows with a cell far to the right do not make every row that wide:
// cells right of MaxCols are dropped, and rows that would hold more
// cells than MaxCells in all are refused.
func TestReadWideRows(t *testing.T) {
	tb, err := Read("wide.xlsx", hostile.WideRowsXLSX(1000, 16384), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tb.Rows[2:] {
		if len(r.Cells) != 1 {
			t.Fatalf("row %d has %d cells", r.Num, len(r.Cells))
		}
	}
	_, err = Read("wide.xlsx", hostile.WideRowsXLSX(1000, 512), Options{Limits: Limits{MaxCells: 100_000}})
	wantFileErr(t, err, MsgTooManyCells)
	_, err = Read("wide.csv", hostile.ManyFieldsCSV(1_000_000), Options{})
	if err != nil {
		t.Fatal(err)
	}
}

// Text in all, shared strings in all, parts of the package and the
// unpacked size are bounded; nesting and document types are refused.
func TestReadWorkbookBounds(t *testing.T) {
	_, err := Read("s.xlsx", hostile.ManyStringsXLSX(100_000), Options{Limits: Limits{MaxCells: 50_000}})
	wantFileErr(t, err, MsgTooManyCells)
	_, err = Read("s.xlsx", hostile.ManyStringsXLSX(100_000), Options{Limits: Limits{MaxText: 50_000}})
	wantFileErr(t, err, MsgTooMuchText)
	_, err = Read("e.xlsx", hostile.EmptyCellsXLSX(1_000_000), Options{Limits: Limits{MaxUnzip: 1 << 20}})
	wantFileErr(t, err, MsgUnzipLimit)
	_, err = Read("d.xlsx", hostile.DeepXLSX(1000), Options{})
	wantFileErr(t, err, MsgDamaged)
	_, err = Read("z.xlsx", hostile.ManyEntriesZip(maxParts+1), Options{})
	wantFileErr(t, err, MsgDamaged)
	if !strings.Contains(err.Error(), "parts") {
		t.Errorf("err = %v", err)
	}
	dtd := hostile.Workbook{Sheet: func(w io.Writer) error {
		_, err := io.WriteString(w, `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>`)
		return err
	}}.Bytes()
	_, err = Read("dtd.xlsx", dtd, Options{})
	wantFileErr(t, err, MsgDamaged)
}
