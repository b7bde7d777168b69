package imports

import (
	"fmt"
	"strings"

	"peiyang/models"
	"peiyang/sheets"
)

// Workbooks as counties send them: one sheet per county, a footer under
// the list, hidden rows and columns, a filter. Every import reads its
// sheets and rows through this file, so that each says the same about
// them.

// ReadOptions choose what of a file an import reads.
type ReadOptions struct {
	// Sheet names the one sheet of a workbook to read. Without it an
	// import of people (trainees, returns, elections, contacts,
	// placements) reads every sheet with a recognised header, and one of
	// a course (sessions, attendance) the first.
	Sheet string
	// IncludeHidden imports the rows a workbook hides, by hand or by a
	// filter; without it they are reported and left out.
	IncludeHidden bool
}

// SheetReport is what an import found on one sheet of a workbook with
// several.
type SheetReport struct {
	Name      string            `json:"name"`
	HeaderRow int               `json:"header_row"`
	Columns   map[string]string `json:"columns"`
	Unknown   []string          `json:"unknown_columns,omitempty"`
	RowsRead  int               `json:"rows_read"`
	Skipped   int               `json:"skipped"`
	Valid     int               `json:"valid"`
	Rejected  int               `json:"rejected"`
	Imported  int               `json:"imported"`
}

// Skip is a row under the header that an import passed over, and why.
type Skip struct {
	Sheet   string         `json:"sheet,omitempty"` // when the import read several sheets
	Row     int            `json:"row"`
	Key     string         `json:"key"` // the English message template, the translation key
	Data    map[string]any `json:"data,omitempty"`
	Message string         `json:"message"`
}

// String renders the skipped row for a person: "row 30: A totals line...".
func (s Skip) String() string {
	where := fmt.Sprintf("row %d", s.Row)
	if s.Sheet != "" {
		where = "sheet " + s.Sheet + ", " + where
	}
	return where + ": " + s.Message
}

// Messages of the rows and sheets passed over.
const (
	MsgSkipTotal    = "A totals line ({{.Text}}): not a row of the list."
	MsgSkipFooter   = "The list's footer ({{.Text}}): not a row of the list."
	MsgSkipHeader   = "The header again, as on a second page: not a row of the list."
	MsgSkipEmpty    = "No {{.Columns}} in the row: not a row of the list."
	MsgSkipHidden   = "The row is hidden in the workbook, so it was left out. To take in hidden rows, import with --include-hidden (in the window: Include hidden rows)."
	MsgHiddenKept   = "The row is hidden in the workbook; it was read, as asked."
	MsgHiddenCol    = "The column {{.Column}} is hidden in the workbook; its values were read."
	MsgFilterOn     = "The sheet {{.Sheet}} has a filter on ({{.Range}}); the rows it hides are reported."
	MsgSheetRefused = "The sheet {{.Sheet}} has no row of column names such as {{.Expected}}, so it was not imported."
	MsgSheetNoRows  = "The sheet {{.Sheet}} has a header row but no rows below it."
)

// part is one sheet an import reads, with its header.
type part struct {
	t     *sheets.Table
	h     *sheets.Header
	sheet string // the sheet's name in problems, "" when the import reads one sheet
	rep   *SheetReport
	from  int // index of the first data row when not the header's First
}

// rowKey is a row of one sheet of the file.
type rowKey struct {
	sheet string
	row   int
}

// readParts reads the file's sheets the options choose (every sheet with
// a recognised header when all is set, else the first) and finds their
// headers; a missing required column stops the import with the columns'
// names, and so does a file with a header but no rows.
func (im *Importer) readParts(path, kind string, fields []sheets.Field, minMatches int, ro ReadOptions, all bool) ([]*part, *Report, error) {
	accept := func(top []sheets.Row) bool {
		h, err := sheets.FindHeader(top, fields, minMatches)
		return err == nil && len(h.Missing) == 0
	}
	ts, err := sheets.ReadFileAll(path, sheets.Options{Limits: im.Limits, Accept: accept, Sheet: ro.Sheet, AllSheets: all})
	if err != nil {
		return nil, nil, fmt.Errorf("imports: %s: %w", kind, err)
	}
	first := ts[0]
	rep := &Report{Kind: kind, File: first.File, Format: string(first.Format), Encoding: first.Encoding, Sheet: first.Sheet,
		Columns: map[string]string{}, Problems: []Problem{}}
	var accepted []*sheets.Table
	for _, t := range ts {
		if t.Refused {
			rep.Warnings = append(rep.Warnings, newProblem(0, "", "", MsgSheetRefused,
				map[string]any{"Sheet": t.Sheet, "Expected": strings.Join(required(fields), ", ")}))
			continue
		}
		accepted = append(accepted, t)
	}
	var parts []*part
	for _, t := range accepted {
		pt, err := rep.header(t, fields, minMatches, len(accepted) > 1)
		if err != nil {
			return nil, rep, fmt.Errorf("imports: %s: %w", kind, err)
		}
		if pt != nil {
			parts = append(parts, pt)
		}
	}
	if len(parts) == 0 {
		return nil, rep, fmt.Errorf("imports: %s: %w", kind, models.Errorf(models.EINVALID, "", MsgNoRows))
	}
	if len(parts) > 1 {
		rep.Sheet = ""
	}
	return parts, rep, nil
}

func required(fields []sheets.Field) []string {
	var out []string
	for _, f := range fields {
		if f.Required {
			out = append(out, f.Label)
		}
	}
	return out
}

// header finds the sheet's header and notes it in the report: the first
// sheet's in the report itself, each sheet's in Sheets when there are
// several. A sheet of several without rows under its header is left out
// with a warning (nil, nil); a single one is an error.
func (rep *Report) header(t *sheets.Table, fields []sheets.Field, minMatches int, several bool) (*part, error) {
	h, err := sheets.FindHeader(t.Rows, fields, minMatches)
	if err != nil {
		return nil, err
	}
	pt := &part{t: t, h: h}
	if several {
		pt.sheet = t.Sheet
		pt.rep = &SheetReport{Name: t.Sheet, HeaderRow: h.Row, Columns: map[string]string{}, Unknown: h.Unknown}
		for k, v := range h.Names {
			pt.rep.Columns[k] = v
		}
	}
	if rep.HeaderRow == 0 {
		rep.HeaderRow = h.Row
		for k, v := range h.Names {
			rep.Columns[k] = v
		}
	}
	rep.Unknown = appendNew(rep.Unknown, h.Unknown...)
	for _, d := range h.Duplicates {
		w := newProblem(0, d.Ignored, d.Key, MsgDuplicateColumn, map[string]any{"Used": d.Used, "Ignored": d.Ignored})
		w.Sheet = pt.sheet
		rep.Warnings = append(rep.Warnings, w)
	}
	if len(h.Missing) > 0 {
		return nil, models.Errorf(models.EINVALID, "", MsgMissingColumns, "Columns", strings.Join(h.Missing, ", "))
	}
	for key, i := range h.Columns {
		if t.ColumnHidden(i) {
			w := newProblem(0, h.Names[key], key, MsgHiddenCol, map[string]any{"Column": h.Names[key]})
			w.Sheet = pt.sheet
			rep.Warnings = append(rep.Warnings, w)
		}
	}
	if h.First() >= len(t.Rows) {
		if !several {
			return nil, models.Errorf(models.EINVALID, "", MsgNoRows)
		}
		rep.Warnings = append(rep.Warnings, newProblem(0, "", "", MsgSheetNoRows, map[string]any{"Sheet": t.Sheet}))
		return nil, nil
	}
	return pt, nil
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		found := false
		for _, l := range list {
			found = found || l == it
		}
		if !found {
			list = append(list, it)
		}
	}
	return list
}

// rows returns the sheet's rows under its header that the import reads,
// and reports the others as skipped: rows without any of the key fields'
// cells, the header repeated, a totals line, a footer (and every row
// after one that closes the list, unless it holds a well-formed ID number
// in idKey's column: a second block of the list), and hidden rows unless
// the options include them. It counts the rows read.
func (pt *part) rows(rep *Report, keys []string, idKey string, ro ReadOptions) []sheets.Row {
	h := pt.h
	var out []sheets.Row
	closed, hidden := false, 0
	from := h.First()
	if pt.from > 0 {
		from = pt.from
	}
	for _, r := range pt.t.Rows[from:] {
		skip := func(key string, data map[string]any) {
			rep.skip(pt, r.Num, key, data)
		}
		footer := sheets.FooterOf(r)
		switch {
		case pt.repeatsHeader(r, keys):
			skip(MsgSkipHeader, nil)
			continue
		case footer == sheets.FooterTotal:
			skip(MsgSkipTotal, map[string]any{"Text": sheets.FooterText(r)})
			continue
		case footer != sheets.FooterNone || closed && !holdsIDNumber(h, r, idKey):
			closed = true
			skip(MsgSkipFooter, map[string]any{"Text": sheets.FooterText(r)})
			continue
		case pt.empty(r, keys):
			skip(MsgSkipEmpty, map[string]any{"Columns": pt.keyNames(keys)})
			continue
		}
		closed = false
		if r.Hidden {
			hidden++
			if !ro.IncludeHidden {
				skip(MsgSkipHidden, nil)
				continue
			}
			w := newProblem(r.Num, "", "", MsgHiddenKept, nil)
			w.Sheet = pt.sheet
			rep.Warnings = append(rep.Warnings, w)
		}
		out = append(out, r)
	}
	if pt.t.Filter != "" && hidden > 0 {
		w := newProblem(0, "", "", MsgFilterOn, map[string]any{"Sheet": pt.t.Sheet, "Range": pt.t.Filter})
		w.Sheet = pt.sheet
		rep.Warnings = append(rep.Warnings, w)
	}
	rep.RowsRead += len(out)
	if pt.rep != nil {
		pt.rep.RowsRead = len(out)
	}
	return out
}

// skip records a row passed over.
func (rep *Report) skip(pt *part, row int, key string, data map[string]any) {
	rep.Skipped++
	if pt.rep != nil {
		pt.rep.Skipped++
	}
	rep.SkippedRows = append(rep.SkippedRows, Skip{Sheet: pt.sheet, Row: row, Key: key, Data: data, Message: models.Render(key, data)})
}

// repeatsHeader reports whether the row repeats the header in the
// columns of any key field, as a second header row or a list pasted
// together from pages does.
func (pt *part) repeatsHeader(r sheets.Row, keys []string) bool {
	for _, k := range keys {
		if repeatsHeader(pt.h, r, k) {
			return true
		}
	}
	return false
}

// empty reports whether the row has none of the key fields' cells.
func (pt *part) empty(r sheets.Row, keys []string) bool {
	for _, k := range keys {
		if !blank(pt.h.Cell(r, k)) {
			return false
		}
	}
	return true
}

// keyNames names the key fields' columns as the file heads them.
func (pt *part) keyNames(keys []string) string {
	var names []string
	for _, k := range keys {
		if n, ok := pt.h.Names[k]; ok {
			names = append(names, n)
		}
	}
	return strings.Join(names, " / ")
}

// holdsIDNumber reports whether the row's cell of the key holds a
// well-formed resident ID number.
func holdsIDNumber(h *sheets.Header, r sheets.Row, key string) bool {
	if key == "" {
		return false
	}
	id, err := sheets.NormalizeIDNumber(h.Cell(r, key))
	if err != nil || id == "" {
		return false
	}
	_, err = models.ParseIDNumber(id, models.Date{})
	return err == nil
}

// tag sets the sheet of the problems and warnings added since the counts
// given, for an import that reads several sheets.
func (pt *part) tag(rep *Report, problems, warnings int) {
	if pt.sheet == "" {
		return
	}
	for i := problems; i < len(rep.Problems); i++ {
		rep.Problems[i].Sheet = pt.sheet
	}
	for i := warnings; i < len(rep.Warnings); i++ {
		rep.Warnings[i].Sheet = pt.sheet
	}
}

// settle counts the valid and rejected rows, of the whole file and of
// each sheet, and the rows imported: all valid rows when imported is set.
func (rep *Report) settle(parts []*part, imported bool) {
	rep.sortProblems()
	bad := map[rowKey]bool{}
	for _, k := range rep.rejectedRows() {
		bad[k] = true
	}
	rep.Rejected, rep.Valid = len(bad), rep.RowsRead-len(bad)
	if imported {
		rep.Imported = rep.Valid
	}
	for _, pt := range parts {
		if pt.rep == nil {
			continue
		}
		n := 0
		for k := range bad {
			if k.sheet == pt.sheet {
				n++
			}
		}
		pt.rep.Rejected, pt.rep.Valid = n, pt.rep.RowsRead-n
		if imported {
			pt.rep.Imported = pt.rep.Valid
		}
	}
	rep.Sheets = rep.Sheets[:0]
	for _, pt := range parts {
		if pt.rep != nil {
			rep.Sheets = append(rep.Sheets, *pt.rep)
		}
	}
}
