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
}

// Limits bound what Read accepts, so that a huge or hostile file is
// refused with a clear message instead of exhausting the machine.
type Limits struct {
	MaxBytes int64 // size of the file
	MaxRows  int   // non-empty rows of the sheet
	MaxCols  int   // columns read; cells further right are ignored
	MaxUnzip int64 // unpacked size of a workbook, excelize's UnzipSizeLimit
}

// DefaultLimits are generous for the lists staff handle (the year's
// 40,630 members fit many times over) and small enough for a desktop.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 64 << 20, MaxRows: 200_000, MaxCols: 512, MaxUnzip: 1 << 30}
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
}

// Messages of Read's errors.
const (
	MsgTooBig      = "The file {{.File}} is {{.Size}} MB, more than the limit of {{.Max}} MB."
	MsgTooManyRows = "The file {{.File}} has more than {{.Max}} rows; split it into smaller files."
	MsgDamaged     = "The file {{.File}} could not be read; it may be damaged or not a spreadsheet."
	MsgOldXLS      = "The file {{.File}} is an Excel 97-2003 workbook (.xls) or is protected by a password; open it in Excel or WPS and save it as an .xlsx workbook without a password."
	MsgUnzipLimit  = "The file {{.File}} unpacks to more than {{.Max}} MB; it is too large or not a real workbook."
	MsgEmpty       = "The file {{.File}} holds no rows."
	MsgUnknownType = "The file {{.File}} is neither an .xlsx workbook nor a .csv file."
	MsgOpen        = "The file {{.File}} could not be opened."
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
// within the limits. See Read.
func ReadFile(path string, opts Options) (*Table, error) {
	lim := opts.Limits.withDefaults()
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErr(MsgOpen, name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileErr(MsgOpen, name, err)
	}
	if st.Size() > lim.MaxBytes {
		return nil, fileErr(MsgTooBig, name, nil, "Size", mb(st.Size()), "Max", mb(lim.MaxBytes))
	}
	data, err := io.ReadAll(io.LimitReader(f, lim.MaxBytes+1))
	if err != nil {
		return nil, fileErr(MsgOpen, name, err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, fileErr(MsgTooBig, name, nil, "Size", mb(int64(len(data))), "Max", mb(lim.MaxBytes))
	}
	return Read(name, data, opts)
}

func mb(n int64) string { return fmt.Sprintf("%.1f", float64(n)/(1<<20)) }

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read reads a file's content: an .xlsx workbook when it is one (by its
// content, whatever its name), else CSV text when the name ends in .csv
// or .txt. name is the file's name, for the format and for messages. A
// panic inside a parser becomes an error naming the file.
func Read(name string, data []byte, opts Options) (t *Table, err error) {
	opts.Limits = opts.Limits.withDefaults()
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fileErr(MsgDamaged, name, fmt.Errorf("parser panic: %v", r))
		}
	}()
	if int64(len(data)) > opts.Limits.MaxBytes {
		return nil, fileErr(MsgTooBig, name, nil, "Size", mb(int64(len(data))), "Max", mb(opts.Limits.MaxBytes))
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, zipMagic):
		t, err = parseXLSX(name, data, opts)
	case bytes.HasPrefix(data, oleMagic):
		return nil, fileErr(MsgOldXLS, name, nil)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".et":
		return nil, fileErr(MsgDamaged, name, errors.New("not a zip archive"))
	case ext == ".csv" || ext == ".txt" || ext == ".tsv":
		t, err = readCSV(name, data, opts.Limits)
	default:
		return nil, fileErr(MsgUnknownType, name, nil)
	}
	if err != nil {
		return nil, err
	}
	if len(t.Rows) == 0 {
		return nil, fileErr(MsgEmpty, name, nil)
	}
	return t, nil
}

// parseXLSX reads a workbook; tests replace it to check that a parser's
// panic becomes an error.
var parseXLSX = readXLSX

// rowCollector gathers a sheet's non-empty rows within the limits.
type rowCollector struct {
	name string
	lim  Limits
	rows []Row
}

// add keeps the row unless it is empty; it fails past MaxRows.
func (c *rowCollector) add(num int, cells []string) error {
	if len(cells) > c.lim.MaxCols {
		cells = cells[:c.lim.MaxCols]
	}
	for len(cells) > 0 && strings.TrimSpace(Fold(cells[len(cells)-1])) == "" {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		return nil
	}
	if len(c.rows) >= c.lim.MaxRows {
		return fileErr(MsgTooManyRows, c.name, nil, "Max", c.lim.MaxRows)
	}
	c.rows = append(c.rows, Row{Num: num, Cells: cells})
	return nil
}
