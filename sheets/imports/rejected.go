package imports

import (
	"path/filepath"
	"strings"

	"peiyang/sheets"
)

// rejectedPath is where the rejected rows of source go: NAME_rejected.xlsx
// in the same folder.
func rejectedPath(source string) string {
	base := strings.TrimSuffix(filepath.Base(source), filepath.Ext(source))
	return filepath.Join(filepath.Dir(source), base+"_rejected.xlsx")
}

// Headers of the rejected-rows workbook's own columns.
const (
	rejectedRowHeader    = "行号"
	rejectedReasonHeader = "未导入原因"
)

// writeRejected writes the rows with problems, as the source had them,
// with their row numbers and a reason column, so that staff can correct
// them and import the file again: one sheet per sheet of the source that
// has any (未导入 of a file of one sheet). Date serials of the columns of
// dateFields are written as dates in text (1990-01-01), which import
// again.
func writeRejected(path string, parts []*part, rep *Report, dateFields []string) error {
	reasons := map[rowKey][]string{}
	for _, p := range rep.Problems {
		reason := p.Message
		if p.Column != "" {
			reason = p.Column + ": " + p.Message
		}
		k := rowKey{p.Sheet, p.Row}
		reasons[k] = append(reasons[k], reason)
	}
	w, err := sheets.NewWorkbook()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, pt := range parts {
		if err := writeRejectedSheet(w, pt, reasons, dateFields); err != nil {
			return err
		}
	}
	return w.Save(path)
}

// writeRejectedSheet writes the rejected rows of one sheet of the source,
// if it has any.
func writeRejectedSheet(w *sheets.Workbook, pt *part, reasons map[rowKey][]string, dateFields []string) error {
	t, h := pt.t, pt.h
	head := h.Cells
	dateCols := map[int]bool{}
	for _, key := range dateFields {
		if i, ok := h.Columns[key]; ok {
			dateCols[i] = true
		}
	}
	var rows []sheets.Row
	width := len(head)
	for _, r := range t.Rows[h.First():] {
		if _, ok := reasons[rowKey{pt.sheet, r.Num}]; ok {
			rows = append(rows, r)
			width = max(width, len(r.Cells))
		}
	}
	if len(rows) == 0 {
		return nil
	}
	cols := []sheets.Col{{Header: rejectedRowHeader, Kind: sheets.Int}}
	for i := range width {
		name := ""
		if i < len(head) {
			name = head[i]
		}
		cols = append(cols, sheets.Col{Header: name})
	}
	cols = append(cols, sheets.Col{Header: rejectedReasonHeader, Width: 60})
	name := "未导入"
	if pt.sheet != "" {
		name = pt.sheet
	}
	s, err := w.AddSheet(name, cols)
	if err != nil {
		return err
	}
	for _, r := range rows {
		vals := make([]any, 0, width+2)
		vals = append(vals, r.Num)
		for i := range width {
			v := ""
			if i < len(r.Cells) {
				v = r.Cells[i]
			}
			if dateCols[i] {
				if d, p, err := sheets.ParseDate(v); err == nil && p == sheets.PrecisionDay && isSerial(v) {
					v = d.String()
				}
			}
			vals = append(vals, v)
		}
		vals = append(vals, strings.Join(reasons[rowKey{pt.sheet, r.Num}], "; "))
		if err := s.Write(vals...); err != nil {
			return err
		}
	}
	return nil
}

// isSerial reports whether a cell holds a bare number, as a date cell
// read raw does.
func isSerial(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return len(s) <= 5 || strings.Contains(s, ".") && strings.Index(s, ".") <= 5
}
