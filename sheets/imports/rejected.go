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
// them and import the file again. Date serials of date columns are
// written as dates in text (1990-01-01), which import again.
func writeRejected(path string, t *sheets.Table, h *sheets.Header, rep *Report) error {
	head := t.Rows[h.Index].Cells
	reasons := map[int][]string{}
	for _, p := range rep.Problems {
		reason := p.Message
		if p.Column != "" {
			reason = p.Column + ": " + p.Message
		}
		reasons[p.Row] = append(reasons[p.Row], reason)
	}
	dateCols := map[int]bool{}
	for _, key := range []string{"birth_date", "joined_party"} {
		if i, ok := h.Columns[key]; ok {
			dateCols[i] = true
		}
	}
	width := len(head)
	for _, r := range t.Rows[h.Index+1:] {
		if _, ok := reasons[r.Num]; ok {
			width = max(width, len(r.Cells))
		}
	}
	cols := []sheets.Col{{Header: rejectedRowHeader, Kind: sheets.Int}}
	for i := range width {
		name := ""
		if i < len(head) {
			name = sheets.Clean(head[i])
		}
		cols = append(cols, sheets.Col{Header: name})
	}
	cols = append(cols, sheets.Col{Header: rejectedReasonHeader, Width: 60})
	w, err := sheets.NewWorkbook()
	if err != nil {
		return err
	}
	defer w.Close()
	s, err := w.AddSheet("未导入", cols)
	if err != nil {
		return err
	}
	for _, r := range t.Rows[h.Index+1:] {
		rs, ok := reasons[r.Num]
		if !ok {
			continue
		}
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
		vals = append(vals, strings.Join(rs, "; "))
		if err := s.Write(vals...); err != nil {
			return err
		}
	}
	return w.Save(path)
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
