package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"peiyang/models"
)

// Format is the kind of file read.
type Format string

const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
)

// Row is one non-empty row of a sheet: its row number as the spreadsheet
// program shows it, from 1, and its cells from column A on, trailing empty
// cells dropped.
type Row struct {
	Num   int
	Cells []string
	// Formulas are the columns (indexes into Cells) whose cell holds a
	// formula in the workbook; its cell holds the result the spreadsheet
	// program last worked out. A CSV file has none.
	Formulas []int
	// Hidden is set for a row the workbook hides, by hand or by a
	// filter: the person who sent it did not see it.
	Hidden bool
}

// Formula reports whether the cell of column i holds a formula.
func (r Row) Formula(i int) bool {
	for _, f := range r.Formulas {
		if f == i {
			return true
		}
	}
	return false
}

// Empty reports whether every cell is blank.
func (r Row) Empty() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(Fold(c)) != "" {
			return false
		}
	}
	return true
}

// Table is what Read gives: the rows of one sheet.
type Table struct {
	File     string // the file's base name
	Format   Format
	Encoding string // of a CSV file: UTF-8, UTF-8 with BOM, UTF-16, GB18030
	Sheet    string // of a workbook: the sheet read
	Rows     []Row  // the non-empty rows, in order
	// HiddenCols are the indexes of the columns the sheet hides, in
	// order, among the first Limits.MaxCols.
	HiddenCols []int
	// Filter is the range of the sheet's filter (autoFilter), as A3:H40;
	// "" when it has none. The rows a filter leaves out are Hidden.
	Filter string
	// Refused marks a sheet with rows that Accept refused, which ReadAll
	// lists after the sheets it took (with AllSheets), for the report:
	// only its top rows may have been read.
	Refused bool
	cut     bool // only the top rows were read: Accept refused them
}

// ColumnHidden reports whether the sheet hides the column (from 0).
func (t *Table) ColumnHidden(i int) bool {
	for _, c := range t.HiddenCols {
		if c == i {
			return true
		}
	}
	return false
}

// Limits bound what Read accepts, so that a huge or hostile file is
// refused with a clear message instead of exhausting the machine.
type Limits struct {
	MaxBytes int64 // size of the file
	MaxRows  int   // non-empty rows of the sheet
	MaxCols  int   // columns read; cells further right are ignored
	MaxUnzip int64 // unpacked size of the parts of a workbook read
	// MaxCellChars is the longest text of one cell, in characters.
	MaxCellChars int
	// MaxCells is the most cells the rows read may hold in all, merged
	// cells filled in and empty cells left of a value counted.
	MaxCells int
	// MaxText is the most text, in bytes, the rows read may hold in all.
	MaxText int64
	// MaxMerges is the most merged areas a sheet may have.
	MaxMerges int
}

// DefaultLimits are generous for the lists staff handle (the year's
// 40,630 members fit many times over) and small enough for a desktop:
// within them no file, accepted or refused, takes more than about
// 500 MB of memory or more than a few seconds. A cell holds at most
// 32,767 characters, as in Excel.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 64 << 20, MaxRows: 200_000, MaxCols: 512, MaxUnzip: 256 << 20,
		MaxCellChars: 32_767, MaxCells: 2_000_000, MaxText: 64 << 20, MaxMerges: 20_000}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxCols <= 0 {
		l.MaxCols = d.MaxCols
	}
	if l.MaxUnzip <= 0 {
		l.MaxUnzip = d.MaxUnzip
	}
	if l.MaxCellChars <= 0 {
		l.MaxCellChars = d.MaxCellChars
	}
	if l.MaxCells <= 0 {
		l.MaxCells = d.MaxCells
	}
	if l.MaxText <= 0 {
		l.MaxText = d.MaxText
	}
	if l.MaxMerges <= 0 {
		l.MaxMerges = d.MaxMerges
	}
	return l
}

// Options tune Read.
type Options struct {
	Limits Limits
	// Accept, when set, chooses the sheet of a workbook: the first visible
	// sheet whose first HeaderScanRows rows it accepts is read, else the
	// first visible sheet with any rows. Without it the first visible
	// sheet with any rows is read.
	Accept func(top []Row) bool
	// Sheet, when set, names the one sheet of a workbook to read, hidden
	// or not; a workbook without it is refused, naming its sheets. A CSV
	// file has one sheet and ignores it.
	Sheet string
	// AllSheets makes ReadAll read every visible sheet Accept takes (one
	// per county, say), not only the first. The limits of rows, cells and
	// text then count all the sheets read together.
	AllSheets bool
}

// Messages of Read's errors.
const (
	MsgTooBig        = "The file {{.File}} is {{.Size}} MB, more than the limit of {{.Max}} MB."
	MsgTooManyRows   = "The file {{.File}} has more than {{.Max}} rows; split it into smaller files."
	MsgDamaged       = "The file {{.File}} could not be read; it may be damaged or not a spreadsheet."
	MsgOldXLS        = "The file {{.File}} is an Excel 97-2003 workbook (.xls) or is protected by a password; open it in Excel or WPS and save it as an .xlsx workbook without a password."
	MsgUnzipLimit    = "The file {{.File}} unpacks to more than {{.Max}} MB; it is too large or not a real workbook."
	MsgEmpty         = "The file {{.File}} holds no rows."
	MsgUnknownType   = "The file {{.File}} is neither an .xlsx workbook nor a .csv file."
	MsgOpen          = "The file {{.File}} could not be opened."
	MsgNotAFile      = "{{.File}} is not a file (it is a folder, a device or a pipe)."
	MsgCellTooLong   = "Cell {{.Cell}} of the file {{.File}} is longer than {{.Max}} characters; no name, ID number or note is that long."
	MsgTextTooLong   = "The file {{.File}} holds a text longer than {{.Max}} characters; no name, ID number or note is that long."
	MsgTooManyCells  = "The file {{.File}} holds more than {{.Max}} cells; split it into smaller files."
	MsgTooMuchText   = "The file {{.File}} holds more than {{.Max}} MB of text; split it into smaller files."
	MsgTooManyMerges = "The file {{.File}} has more than {{.Max}} merged areas; unmerge its cells and import it again."
	MsgNoSheet       = "The workbook {{.File}} has no sheet called {{.Sheet}}; its sheets are {{.Sheets}}."
	// MsgLegacyXLS and MsgLegacyET refuse the binary formats of Excel
	// 97-2003 and of WPS, saying how to save the file as .xlsx.
	MsgLegacyXLS = "The file {{.File}} is an Excel 97-2003 workbook (.xls), which cannot be read. Save it as .xlsx and import that file: in Excel, File > Save As, with the type Excel Workbook (*.xlsx); in WPS, 文件 > 另存为, with the type Microsoft Excel 文件(*.xlsx)."
	MsgLegacyET  = "The file {{.File}} is a WPS spreadsheet (.et), which cannot be read. Save it as .xlsx and import that file: in WPS, 文件 > 另存为, with the type Microsoft Excel 文件(*.xlsx); in Excel, File > Save As, with the type Excel Workbook (*.xlsx)."
)

// FileError is a failure to read a file: a domain error for the person
// (errors.As finds the *models.Error) with the underlying cause kept for
// the logs.
type FileError struct {
	Err   *models.Error
	Cause error
}

func (e *FileError) Error() string {
	if e.Cause == nil {
		return e.Err.Error()
	}
	return e.Err.Error() + " (" + e.Cause.Error() + ")"
}

// Unwrap returns the domain error and the cause.
func (e *FileError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

func fileErr(msg, file string, cause error, data ...any) error {
	return &FileError{Err: models.Errorf(models.EINVALID, "", msg, append([]any{"File", file}, data...)...), Cause: cause}
}

// ReadFile reads the first sheet of an .xlsx workbook, or a .csv file,
// within the limits. See ReadFileAll.
func ReadFile(path string, opts Options) (*Table, error) {
	opts.AllSheets = false
	ts, err := ReadFileAll(path, opts)
	if err != nil {
		return nil, err
	}
	return ts[0], nil
}

// ReadFileAll reads the sheets of an .xlsx workbook the options choose
// (see ReadAll), or a .csv file, within the limits. Only a regular file is
// read: a device such as /dev/zero or a named pipe is refused before it
// is opened. An Excel 97-2003 (.xls) or WPS (.et) file is refused after
// its first eight bytes, with a message on how to save it as .xlsx.
func ReadFileAll(path string, opts Options) ([]*Table, error) {
	lim := opts.Limits.withDefaults()
	name := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileErr(MsgOpen, name, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fileErr(MsgNotAFile, name, nil)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErr(MsgOpen, name, err)
	}
	defer f.Close()
	head := make([]byte, len(oleMagic))
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fileErr(MsgOpen, name, err)
	}
	if err := refuseLegacy(name, head[:n]); err != nil {
		return nil, err
	}
	if st.Size() > lim.MaxBytes {
		return nil, fileErr(MsgTooBig, name, nil, "Size", mb(st.Size()), "Max", mb(lim.MaxBytes))
	}
	// One buffer of the file's size (and a byte more, to notice a file
	// that grew), not the doublings of io.ReadAll.
	data := make([]byte, st.Size()+1)
	copy(data, head[:n])
	m, err := io.ReadFull(f, data[n:])
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		data = data[:n+m]
	case err != nil:
		return nil, fileErr(MsgOpen, name, err)
	default:
		return nil, fileErr(MsgTooBig, name, nil, "Size", mb(st.Size()), "Max", mb(lim.MaxBytes))
	}
	return ReadAll(name, data, opts)
}

// refuseLegacy refuses an .xls or .et file in the binary format of Excel
// 97-2003 or WPS, from its first bytes: no maintained Go reader of that
// format exists. Such a file renamed from .xlsx (a zip) passes.
func refuseLegacy(name string, head []byte) error {
	if !bytes.HasPrefix(head, oleMagic) {
		return nil
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xls":
		return fileErr(MsgLegacyXLS, name, nil)
	case ".et", ".ett":
		return fileErr(MsgLegacyET, name, nil)
	}
	return nil
}

func mb(n int64) string { return fmt.Sprintf("%.1f", float64(n)/(1<<20)) }

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read reads a file's content and returns its first sheet; see ReadAll.
func Read(name string, data []byte, opts Options) (*Table, error) {
	opts.AllSheets = false
	ts, err := ReadAll(name, data, opts)
	if err != nil {
		return nil, err
	}
	return ts[0], nil
}

// ReadAll reads a file's content: an .xlsx workbook when it is one (by
// its content, whatever its name), else CSV text when the name ends in
// .csv or .txt. name is the file's name, for the format and for
// messages. Of a workbook it reads the sheet opts.Sheet names; else,
// with opts.AllSheets, every visible sheet opts.Accept takes, followed by
// the other visible sheets with rows marked Refused; else the first one
// it takes. When it takes none, the first visible sheet with rows is
// read in full. A panic inside a parser becomes an error naming the file. At
// least one table comes back, or an error.
func ReadAll(name string, data []byte, opts Options) (ts []*Table, err error) {
	opts.Limits = opts.Limits.withDefaults()
	defer func() {
		if r := recover(); r != nil {
			ts, err = nil, fileErr(MsgDamaged, name, fmt.Errorf("parser panic: %v", r))
		}
	}()
	if int64(len(data)) > opts.Limits.MaxBytes {
		return nil, fileErr(MsgTooBig, name, nil, "Size", mb(int64(len(data))), "Max", mb(opts.Limits.MaxBytes))
	}
	if err := refuseLegacy(name, data); err != nil {
		return nil, err
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, zipMagic):
		ts, err = parseXLSX(name, data, opts)
	case bytes.HasPrefix(data, oleMagic):
		return nil, fileErr(MsgOldXLS, name, nil)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".et":
		return nil, fileErr(MsgDamaged, name, errors.New("not a zip archive"))
	case ext == ".csv" || ext == ".txt" || ext == ".tsv":
		var t *Table
		t, err = readCSV(name, data, opts.Limits)
		ts = []*Table{t}
	default:
		return nil, fileErr(MsgUnknownType, name, nil)
	}
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 || len(ts[0].Rows) == 0 {
		return nil, fileErr(MsgEmpty, name, nil)
	}
	return ts, nil
}

// parseXLSX reads a workbook; tests replace it to check that a parser's
// panic becomes an error.
var parseXLSX = readXLSX

// rowCollector gathers a sheet's non-empty rows within the limits.
type rowCollector struct {
	name string
	lim  Limits
	rows []Row
	*budget
}

// budget is what the rows read hold, counted against the limits: the
// rows of one sheet, or of every sheet of a workbook read together.
type budget struct {
	rows  int
	cells int   // cells held
	text  int64 // bytes of text held
}

// add keeps the row unless it is empty; it fails past MaxRows, MaxCells
// or MaxText. formulas are the columns whose cell holds a formula.
func (c *rowCollector) add(num int, cells []string, formulas []int, hidden bool) error {
	if c.budget == nil {
		c.budget = &budget{}
	}
	if len(cells) > c.lim.MaxCols {
		cells = cells[:c.lim.MaxCols]
	}
	for len(cells) > 0 && strings.TrimSpace(Fold(cells[len(cells)-1])) == "" {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		return nil
	}
	if c.budget.rows >= c.lim.MaxRows {
		return fileErr(MsgTooManyRows, c.name, nil, "Max", c.lim.MaxRows)
	}
	c.budget.rows++
	if err := c.grow(len(cells)); err != nil {
		return err
	}
	var fs []int
	for _, f := range formulas {
		if f < len(cells) {
			fs = append(fs, f)
		}
	}
	// A row of its own, no longer than it is: the caller may use cells
	// again.
	c.rows = append(c.rows, Row{Num: num, Cells: append([]string(nil), cells...), Formulas: fs, Hidden: hidden})
	return nil
}

// grow counts n more cells.
func (c *rowCollector) grow(n int) error {
	if c.budget == nil {
		c.budget = &budget{}
	}
	if c.cells += n; c.cells > c.lim.MaxCells {
		return fileErr(MsgTooManyCells, c.name, nil, "Max", c.lim.MaxCells)
	}
	return nil
}

// addText counts n more bytes of text.
func (c *rowCollector) addText(n int) error {
	if c.budget == nil {
		c.budget = &budget{}
	}
	if c.text += int64(n); c.text > c.lim.MaxText {
		return fileErr(MsgTooMuchText, c.name, nil, "Max", c.lim.MaxText>>20)
	}
	return nil
}
