// Package imports takes in the spreadsheets staff receive: nominee and
// trainee lists, course schedules, a course's attendance and scores kept
// as a grid of trainees by session, and the follow-up results of the
// outflow counties (returns, election results, mentors' contact logs,
// placements; outcomes.go).
//
// Every row is checked with the core's rules (models' Validate, the
// training service's duplicate, scheduling-conflict and place checks)
// before anything is written, and each problem is reported with its row
// number, column and a clear reason. Writes are all or nothing: they run
// in one transaction through the training service, and nothing is written
// unless every row is valid, or, for trainees with SkipInvalid, the valid
// rows are written and the rejected ones go to an .xlsx beside the source
// with a reason column. A dry run reports and writes nothing.
//
// Messages are English sentences that double as translation keys, with
// their data apart (models.Errorf style). ID numbers and phone numbers
// never appear in them.
package imports

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"peiyang/models"
	"peiyang/sheets"
	"peiyang/training"
)

// Problem is one fault of one row, or a warning.
type Problem struct {
	Sheet   string         `json:"sheet,omitempty"`  // the sheet, when the import read several
	Row     int            `json:"row"`              // the row number in the sheet, 0 for the whole file
	Column  string         `json:"column,omitempty"` // the column's header as the file writes it
	Field   string         `json:"field,omitempty"`  // the field of the model, e.g. id_number
	Key     string         `json:"key"`              // the English message template, the translation key
	Data    map[string]any `json:"data,omitempty"`   // the template's values
	Message string         `json:"message"`          // the rendered message
}

// String renders the problem for a person: "row 5, 身份证号: ...",
// "sheet 中江县, row 5, 身份证号: ..." when the import read several sheets.
func (p Problem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		b.WriteString("sheet " + p.Sheet)
	}
	if p.Row > 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "row %d", p.Row)
	}
	if p.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

func newProblem(row int, column, field, key string, data map[string]any) Problem {
	return Problem{Row: row, Column: column, Field: field, Key: key, Data: data, Message: models.Render(key, data)}
}

// problemOf turns a domain error into a problem of the row, in the
// column of its field as columnOf names it.
func problemOf(row int, err *models.Error, columnOf func(field string) string) Problem {
	return newProblem(row, columnOf(err.Field), err.Field, err.Message, err.Data)
}

// Report is what an import did, or would do in a dry run.
type Report struct {
	Kind      string            `json:"kind"` // trainees, sessions, attendance, returns, elections, contacts or placements
	File      string            `json:"file"`
	Format    string            `json:"format"`
	Encoding  string            `json:"encoding,omitempty"`
	Sheet     string            `json:"sheet,omitempty"`           // the sheet read, when one was
	HeaderRow int               `json:"header_row"`                // of the first sheet read
	Columns   map[string]string `json:"columns"`                   // field → header as the file writes it
	Unknown   []string          `json:"unknown_columns,omitempty"` // headers ignored
	DryRun    bool              `json:"dry_run"`
	RowsRead  int               `json:"rows_read"` // data rows below the header
	Skipped   int               `json:"skipped"`   // rows passed over: footers, repeated headers, rows without the key cells, hidden rows
	Valid     int               `json:"valid"`
	Imported  int               `json:"imported"`
	Rejected  int               `json:"rejected"`
	Marks     int               `json:"marks,omitempty"`     // sign-ins recorded (or to record) by an attendance import
	Scores    int               `json:"scores,omitempty"`    // scores recorded (or to record) by an attendance import
	Returns   int               `json:"returns,omitempty"`   // returns recorded by an import of returns or outcomes
	Elections int               `json:"elections,omitempty"` // elections recorded by an import of elections or outcomes
	Problems  []Problem         `json:"problems"`
	Warnings  []Problem         `json:"warnings,omitempty"`
	// SkippedRows says of each row passed over why.
	SkippedRows []Skip `json:"skipped_rows,omitempty"`
	// Sheets are the sheets read, each with its own counts, when the
	// import read several (one per county).
	Sheets []SheetReport `json:"sheets,omitempty"`
	// RejectedFile is the workbook of rejected rows written beside the
	// source by a trainee import with SkipInvalid.
	RejectedFile string `json:"rejected_file,omitempty"`
}

// rejectedRows returns the rows with problems, in the order of the
// problems.
func (r *Report) rejectedRows() []rowKey {
	seen := map[rowKey]bool{}
	var rows []rowKey
	for _, p := range r.Problems {
		k := rowKey{p.Sheet, p.Row}
		if p.Row > 0 && !seen[k] {
			seen[k] = true
			rows = append(rows, k)
		}
	}
	return rows
}

// sortProblems orders the problems by row, keeping the sheets in the
// order they were read and each row's problems in order.
func (r *Report) sortProblems() {
	order := map[string]int{}
	for _, list := range [][]Problem{r.Problems, r.Warnings} {
		for _, p := range list {
			if _, ok := order[p.Sheet]; !ok {
				order[p.Sheet] = len(order)
			}
		}
	}
	less := func(a, b Problem) bool {
		if a.Sheet != b.Sheet {
			return order[a.Sheet] < order[b.Sheet]
		}
		return a.Row < b.Row
	}
	sort.SliceStable(r.Problems, func(i, j int) bool { return less(r.Problems[i], r.Problems[j]) })
	sort.SliceStable(r.Warnings, func(i, j int) bool { return less(r.Warnings[i], r.Warnings[j]) })
}

// Messages of whole-import failures.
const (
	MsgMissingColumns = "The file has no column for {{.Columns}}; add it and import again."
	MsgRowsRejected   = "{{.N}} of {{.Rows}} row(s) have problems, so nothing was imported. Correct them and import again, or import only the valid rows."
	MsgNoRows         = "The file has a header row but no rows below it."
	// MsgDuplicateColumn says which of two columns naming one field was
	// used.
	MsgDuplicateColumn = "The columns {{.Used}} and {{.Ignored}} hold the same thing: {{.Used}} was used and {{.Ignored}} ignored."
)

// Importer reads spreadsheets into the database through the training
// service.
type Importer struct {
	svc *training.Service
	now func() time.Time
	// Limits bound the files read; zero fields take sheets.DefaultLimits.
	Limits sheets.Limits
}

// New returns an Importer that writes through the service. now is the
// clock "today" is read from, in local time, as the service's; nil means
// time.Now.
func New(svc *training.Service, now func() time.Time) *Importer {
	if now == nil {
		now = time.Now
	}
	return &Importer{svc: svc, now: now}
}

func (im *Importer) today() models.Date { return models.DateOf(im.now().Local()) }

// rejectedErr is the error of an import stopped by row problems.
func rejectedErr(kind string, rep *Report) error {
	return fmt.Errorf("imports: %s: %w", kind,
		models.Errorf(models.EINVALID, "", MsgRowsRejected, "N", rep.Rejected, "Rows", rep.RowsRead))
}

// domainErrors flattens an error into the domain errors it holds: the
// items of an ErrorList, the conflicts of a ConflictError, or the one
// *models.Error. ok is false for any other error.
func domainErrors(err error) (out []*models.Error, ok bool) {
	var list models.ErrorList
	var ce *training.ConflictError
	var de *models.Error
	switch {
	case errors.As(err, &list):
		return list, true
	case errors.As(err, &ce):
		for _, c := range ce.Conflicts {
			out = append(out, c.Err())
		}
		return out, true
	case errors.As(err, &de):
		return []*models.Error{de}, true
	}
	return nil, false
}
