package sheets

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"peiyang/internal/userfile"
	"peiyang/models"
)

// Kind is what a column holds, which decides its cells' style.
type Kind int

const (
	Text   Kind = iota // text, left aligned; ID numbers and phones stay text
	Date               // dates, written as date cells shown as yyyy-mm-dd
	Number             // numbers with up to two decimals
	Int                // whole numbers
)

// Col describes a column to write.
type Col struct {
	Header string
	Kind   Kind
	Width  float64 // in characters; 0 fits the header and the first rows
}

// Workbook writes an .xlsx file sheet by sheet with excelize's
// StreamWriter, so that a list of tens of thousands of rows stays fast and
// small.
type Workbook struct {
	f      *excelize.File
	sheets int
	header int // style IDs
	date   int
	number int
	text   int
	open   *SheetWriter
}

// NewWorkbook returns an empty workbook.
func NewWorkbook() (*Workbook, error) {
	f := excelize.NewFile()
	w := &Workbook{f: f}
	var err error
	if w.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border: []excelize.Border{{Type: "left", Color: "9BC2E6", Style: 1}, {Type: "right", Color: "9BC2E6", Style: 1},
			{Type: "top", Color: "9BC2E6", Style: 1}, {Type: "bottom", Color: "9BC2E6", Style: 1}},
	}); err != nil {
		return nil, w.fail(err)
	}
	dateFmt := "yyyy-mm-dd"
	if w.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}}); err != nil {
		return nil, w.fail(err)
	}
	numFmt := "0.##"
	if w.number, err = f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt}); err != nil {
		return nil, w.fail(err)
	}
	if w.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil { // "@": text
		return nil, w.fail(err)
	}
	return w, nil
}

func (w *Workbook) fail(err error) error {
	_ = w.f.Close()
	return fmt.Errorf("sheets: new workbook: %w", err)
}

// sampleRows is how many rows a sheet holds back to fit its column widths.
const sampleRows = 200

// SheetWriter writes the rows of one sheet.
type SheetWriter struct {
	w      *Workbook
	sw     *excelize.StreamWriter
	name   string
	cols   []Col
	held   [][]any
	row    int
	closed bool
}

// AddSheet starts a sheet with a styled, frozen header row. The previous
// sheet, if still open, is closed first. Sheet names are cut to Excel's
// 31 characters.
func (w *Workbook) AddSheet(name string, cols []Col) (*SheetWriter, error) {
	if w.open != nil {
		if err := w.open.Close(); err != nil {
			return nil, err
		}
	}
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if w.sheets == 0 {
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			return nil, fmt.Errorf("sheets: add sheet %s: %w", name, err)
		}
	} else if _, err := w.f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("sheets: add sheet %s: %w", name, err)
	}
	w.sheets++
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("sheets: add sheet %s: %w", name, err)
	}
	s := &SheetWriter{w: w, sw: sw, name: name, cols: cols}
	w.open = s
	return s, nil
}

// Write adds a row. Values may be strings, numbers, models.Date or
// time.Time (written as dates; the zero value as an empty cell; a
// month-only models.Date as the text 2006-01), bool (是/否) or nil.
func (s *SheetWriter) Write(values ...any) error {
	if s.closed {
		return fmt.Errorf("sheets: write to closed sheet %s", s.name)
	}
	if s.held != nil || s.row == 0 {
		s.held = append(s.held, values)
		if len(s.held) < sampleRows {
			return nil
		}
		return s.start()
	}
	return s.put(values)
}

// start sets the widths from the held rows, writes the header and the
// held rows.
func (s *SheetWriter) start() error {
	for i, c := range s.cols {
		width := c.Width
		if width == 0 {
			width = fitWidth(c, s.held, i)
		}
		if err := s.sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("sheets: sheet %s: %w", s.name, err)
		}
	}
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return fmt.Errorf("sheets: sheet %s: %w", s.name, err)
	}
	head := make([]any, len(s.cols))
	for i, c := range s.cols {
		head[i] = excelize.Cell{StyleID: s.w.header, Value: c.Header}
	}
	s.row = 1
	if err := s.sw.SetRow("A1", head, excelize.RowOpts{Height: 22}); err != nil {
		return fmt.Errorf("sheets: sheet %s: %w", s.name, err)
	}
	held := s.held
	s.held = nil
	for _, v := range held {
		if err := s.put(v); err != nil {
			return err
		}
	}
	return nil
}

func (s *SheetWriter) put(values []any) error {
	s.row++
	cells := make([]any, len(values))
	for i, v := range values {
		kind := Text
		if i < len(s.cols) {
			kind = s.cols[i].Kind
		}
		cells[i] = s.cell(kind, v)
	}
	if err := s.sw.SetRow("A"+strconv.Itoa(s.row), cells); err != nil {
		return fmt.Errorf("sheets: sheet %s row %d: %w", s.name, s.row, err)
	}
	return nil
}

func (s *SheetWriter) cell(kind Kind, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case models.Date:
		if x.IsZero() {
			return nil
		}
		if x.IsMonthOnly() {
			// A masked birth date: text, for a date cell would hold a day
			// whatever its format shows.
			return excelize.Cell{StyleID: s.w.text, Value: x.String()}
		}
		return excelize.Cell{StyleID: s.w.date, Value: x.Time()}
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: s.w.date, Value: time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)}
	case bool:
		if x {
			return "是"
		}
		return "否"
	case string:
		if x == "" {
			return nil
		}
		if kind == Text {
			return excelize.Cell{StyleID: s.w.text, Value: x}
		}
		return x
	case float64, float32:
		if kind == Number {
			return excelize.Cell{StyleID: s.w.number, Value: x}
		}
	}
	return v
}

// DropList offers, in the column (from 0) from row 2 to row last, a
// drop-down list of the values (Excel's and WPS's data validation): a
// value typed that is not in the list is refused with the message. Call
// it before the sheet is closed.
func (s *SheetWriter) DropList(col, last int, values []string, title, message string) error {
	if s.closed {
		return fmt.Errorf("sheets: drop-down list on closed sheet %s", s.name)
	}
	from, err := excelize.CoordinatesToCellName(col+1, 2)
	if err != nil {
		return fmt.Errorf("sheets: sheet %s: %w", s.name, err)
	}
	to, err := excelize.CoordinatesToCellName(col+1, max(last, 2))
	if err != nil {
		return fmt.Errorf("sheets: sheet %s: %w", s.name, err)
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(from + ":" + to)
	if err := dv.SetDropList(values); err != nil {
		return fmt.Errorf("sheets: sheet %s: %w", s.name, err)
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, title, message)
	if err := s.w.f.AddDataValidation(s.name, dv); err != nil {
		return fmt.Errorf("sheets: sheet %s: %w", s.name, err)
	}
	return nil
}

// Close writes what the sheet still holds and ends it.
func (s *SheetWriter) Close() error {
	if s.closed {
		return nil
	}
	if s.row == 0 {
		if err := s.start(); err != nil {
			return err
		}
	}
	s.closed = true
	if s.w.open == s {
		s.w.open = nil
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("sheets: sheet %s: %w", s.name, err)
	}
	return nil
}

// fitWidth is the widest of the header and the sampled cells of column i,
// in characters (Chinese characters count two), between 6 and 48.
func fitWidth(c Col, rows [][]any, i int) float64 {
	w := textWidth(c.Header) + 2
	if c.Kind == Date {
		w = max(w, 12)
	}
	for _, r := range rows {
		if i >= len(r) || r[i] == nil {
			continue
		}
		var s string
		switch v := r[i].(type) {
		case string:
			s = v
		case models.Date, time.Time:
			continue
		default:
			s = fmt.Sprint(v)
		}
		w = max(w, textWidth(s)+2)
	}
	return float64(min(max(w, 6), 48))
}

func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x2E80 {
			n++
		}
	}
	return n
}

// Save closes the open sheet and writes the workbook to path, whole or not
// at all and readable by its owner only (userfile.Write): the rows hold
// personal data.
func (w *Workbook) Save(path string) error {
	if err := w.finish(); err != nil {
		return fmt.Errorf("sheets: save %s: %w", filepath.Base(path), err)
	}
	return userfile.Write(path, func(out io.Writer) error {
		_, err := w.f.WriteTo(out)
		return err
	})
}

// WriteTo closes the open sheet and writes the workbook to out, for a
// file the caller writes (userfile.Write).
func (w *Workbook) WriteTo(out io.Writer) (int64, error) {
	if err := w.finish(); err != nil {
		return 0, fmt.Errorf("sheets: write workbook: %w", err)
	}
	return w.f.WriteTo(out)
}

// finish closes the open sheet; a workbook without a sheet is an error.
func (w *Workbook) finish() error {
	if w.open != nil {
		if err := w.open.Close(); err != nil {
			return err
		}
	}
	if w.sheets == 0 {
		return errors.New("the workbook has no sheet")
	}
	return nil
}

// Close releases the workbook's temporary files.
func (w *Workbook) Close() error { return w.f.Close() }
