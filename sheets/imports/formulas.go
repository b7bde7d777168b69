package imports

import (
	"slices"

	"peiyang/sheets"
)

// Messages of formula cells.
const (
	MsgFormulaRefused = "The cell holds a formula, not a value; type the name or ID number itself."
	MsgFormulaTaken   = "The cell holds a formula; the result the spreadsheet program last worked out was taken."
)

// formulaCells reports the row's formula cells in the columns the import
// reads, which a workbook gives as the result last worked out: a problem
// (the row is refused) in the columns of the fields in refuse, which say
// whom the row is about; a warning in the other columns of fields and in
// the columns of extra (index → header), such as an attendance grid's
// session columns.
func formulaCells(rep *Report, h *sheets.Header, r sheets.Row, refuse []string, extra map[int]string) {
	if len(r.Formulas) == 0 {
		return
	}
	byCol := map[int]string{}
	for key, i := range h.Columns {
		byCol[i] = key
	}
	for _, i := range slices.Sorted(slices.Values(r.Formulas)) {
		key, ok := byCol[i]
		switch {
		case ok && slices.Contains(refuse, key):
			rep.Problems = append(rep.Problems, newProblem(r.Num, h.Names[key], key, MsgFormulaRefused, nil))
		case ok:
			rep.Warnings = append(rep.Warnings, newProblem(r.Num, h.Names[key], key, MsgFormulaTaken, nil))
		case extra[i] != "":
			rep.Warnings = append(rep.Warnings, newProblem(r.Num, extra[i], "", MsgFormulaTaken, nil))
		}
	}
}
