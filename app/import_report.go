package app

import (
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/sheets/imports"
)

// The import screen's report: what a dry run found or an import did, and
// each problem with its row, column and translated reason in a table.

// newReport makes the report's card: the summary, the problems' table and
// the selected problem in full.
func (s *importExportScreen) newReport() fyne.CanvasObject {
	s.summary = kit.WrapLabel(T("import.intro"), widget.MediumImportance)
	type row = problemRow
	s.table = kit.NewTable([]kit.Column[row]{
		{Title: T("import.col_row"), Width: 64, Text: func(p row) string { return rowText(p.p.Sheet, p.p.Row) }},
		{Title: T("import.col_column"), Width: 130, Text: func(p row) string { return p.p.Column }},
		{Title: T("import.col_kind"), Width: 70, Text: problemKind, Importance: func(p row) widget.Importance {
			switch {
			case p.skipped:
				return widget.LowImportance
			case p.warning:
				return widget.WarningImportance
			}
			return widget.DangerImportance
		}},
		{Title: T("import.col_problem"), Width: 300, Flex: true, Text: func(p row) string { return p.text }},
	}, func() int { return len(s.problems) }, func(i int) (problemRow, bool) { return at(s.problems, i) })
	s.table.OnSelected = func(id widget.TableCellID) {
		if p, ok := at(s.problems, id.Row); ok {
			s.detail.SetText(problemLine(p))
		}
	}
	s.detail = kit.WrapLabel("", widget.MediumImportance)
	s.detail.Hide()
	s.table.Hide()
	s.reportBox = container.NewBorder(s.summary, s.detail, nil, nil, s.table.Object())
	return kit.CardWithHeading(kit.Heading(T("import.report_title")), s.reportBox)
}

// problemKind says whether a problem rejects its row or only warns, or
// the row was passed over.
func problemKind(p problemRow) string {
	switch {
	case p.skipped:
		return T("import.skipped_kind")
	case p.warning:
		return T("import.warning")
	}
	return T("import.problem")
}

// showReport shows what a run found or did.
func (s *importExportScreen) showReport(rep *imports.Report, err error, dry bool) {
	s.report = rep
	s.checked = dry && rep != nil
	s.problems = s.problems[:0]
	if rep != nil {
		for _, p := range rep.Problems {
			s.problems = append(s.problems, problemRow{p: p, text: problemText(p)})
		}
		for _, p := range rep.Warnings {
			s.problems = append(s.problems, problemRow{p: p, warning: true, text: problemText(p)})
		}
		for _, k := range rep.SkippedRows {
			p := imports.Problem{Sheet: k.Sheet, Row: k.Row, Key: k.Key, Data: k.Data, Message: k.Message}
			s.problems = append(s.problems, problemRow{p: p, skipped: true, text: problemText(p)})
		}
	}
	s.detail.SetText("")
	s.detail.Hide()
	s.table.UnselectAll()
	if len(s.problems) > 0 {
		s.table.Show()
		s.detail.Show()
		s.detail.SetText(T("import.detail_hint"))
	} else {
		s.table.Hide()
	}
	s.table.ScrollToTop()
	s.table.Refresh()

	rejected := false
	var list models.ErrorList
	var de *models.Error
	if errors.As(err, &de) && de.Message == imports.MsgRowsRejected || errors.As(err, &list) {
		rejected = rep != nil && rep.Rejected > 0
	}
	switch {
	case rep == nil || rep.RowsRead == 0 && err != nil:
		// The file could not be read, or lacks columns.
		s.checked = false
		s.showSummary(UserMessage(err), widget.DangerImportance)
	case err != nil && !rejected:
		s.checked = false
		s.showSummary(s.counts(rep)+"\n"+UserMessage(err), widget.DangerImportance)
	case dry && rep.Rejected > 0:
		next := T("import.fix_rows")
		if skipsInvalid(s.importKind()) && rep.Valid > 0 {
			next = T("import.fix_or_skip")
		}
		s.showSummary(s.counts(rep)+"\n"+T("import.nothing_written")+" "+next, widget.WarningImportance)
	case dry:
		s.showSummary(s.counts(rep)+"\n"+T("import.ready"), widget.SuccessImportance)
	default:
		s.showSummary(s.done(rep), widget.SuccessImportance)
	}
	s.reportBox.Refresh()
	s.updateButtons()
}

// counts says how many rows were read, valid and rejected.
func (s *importExportScreen) counts(r *imports.Report) string {
	out := T("import.counts", "Rows", r.RowsRead, "Valid", r.Valid, "Rejected", r.Rejected)
	if r.Skipped > 0 {
		out += T("list.separator") + T("import.skipped", "N", r.Skipped)
	}
	if r.Kind == "attendance" {
		out += T("list.separator") + T("import.marks", "Marks", r.Marks, "Scores", r.Scores)
	}
	return out
}

// done says what an import wrote.
func (s *importExportScreen) done(r *imports.Report) string {
	var out string
	switch r.Kind {
	case "sessions":
		out = T("import.done_sessions", "N", r.Imported)
	case "attendance":
		out = T("import.done_attendance", "Marks", r.Marks, "Scores", r.Scores)
	case imports.KindReturns, imports.KindElections, imports.KindOutcomes:
		out = T("import.done_outcomes", "Returns", r.Returns, "Elections", r.Elections)
	case imports.KindContacts, imports.KindPlacements:
		out = T("import.done_records", "N", r.Imported)
	default:
		out = T("import.done_trainees", "N", r.Imported)
	}
	if r.RejectedFile != "" {
		out += "\n" + T("import.rejected_file", "N", r.Rejected, "File", r.RejectedFile)
	}
	return out
}

func (s *importExportScreen) showSummary(text string, imp widget.Importance) {
	s.summary.Importance = imp
	s.summary.SetText(text)
}

// rowText is a row number, after its sheet's name when the import read
// several sheets; "—" for the whole file (or the sheet).
func rowText(sheet string, n int) string {
	row := "—"
	if n > 0 {
		row = strconv.Itoa(n)
	}
	if sheet != "" {
		return sheet + " " + row
	}
	return row
}

// problemText translates a problem's message with its data.
func problemText(p imports.Problem) string {
	return ErrorText(&models.Error{Message: p.Key, Data: p.Data})
}

// problemLine is a problem in full: sheet, row, column and message.
func problemLine(p problemRow) string {
	if p.p.Sheet != "" {
		return T("import.line_sheet", "Sheet", p.p.Sheet, "Text", problemLine(problemRow{p: imports.Problem{Row: p.p.Row, Column: p.p.Column}, text: p.text}))
	}
	switch {
	case p.p.Row > 0 && p.p.Column != "":
		return T("import.line_row_column", "Row", p.p.Row, "Column", p.p.Column, "Text", p.text)
	case p.p.Row > 0:
		return T("import.line_row", "Row", p.p.Row, "Text", p.text)
	case p.p.Column != "":
		return T("import.line_column", "Column", p.p.Column, "Text", p.text)
	}
	return p.text
}
