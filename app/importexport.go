package app

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
	"peiyang/sheets/imports"
)

// importExportScreen takes spreadsheets in and writes lists out.
//
// Import: the user picks the kind of list (nominees, a course's schedule,
// a course's attendance) and a file; a dry run checks every row at once
// and the report lists each problem with its row, column and a
// translated reason before anything is written. Then Import writes all
// rows (all or nothing), or, for nominees, Import valid rows only skips
// the rejected ones (written to NAME_rejected.xlsx beside the file).
//
// Export (importexport_export.go): every list of sheets/exports, with its
// filters, ID numbers masked unless "Full ID numbers" is ticked.
type importExportScreen struct {
	u      *ui
	box    fyne.CanvasObject
	loaded bool

	courses []*models.Course // latest first
	cohorts []*models.Cohort
	orgs    []*models.Organisation // outflow organisations

	// Import.
	kind        *widget.Select
	course      *widget.Select
	cohort      *widget.Select
	nominated   *widget.Select
	options     *fyne.Container // the form: the kind, its options, the file
	whatRow     []fyne.CanvasObject
	courseRow   []fyne.CanvasObject
	traineeRows []fyne.CanvasObject
	fileRow     []fyne.CanvasObject
	path        string
	file        *widget.Label
	choose      *widget.Button
	recheck     *widget.Button
	importAll   *widget.Button
	importValid *widget.Button

	// The report of the last run.
	report    *imports.Report
	checked   bool // the report is a dry run's, of the file and options as they are
	summary   *widget.Label
	reportBox *fyne.Container
	problems  []problemRow
	table     *widget.Table
	msgRoom   float32 // the message column's width, in Chinese characters
	detail    *widget.Label
	running   *task // the import or check running
	last      *task // the import or check started last; for tests

	export *exportForm
}

// importKinds are the kinds of list taken in, in the chooser's order.
var importKinds = []string{"trainees", "sessions", "attendance"}

func importKindLabel(kind string) string {
	switch kind {
	case "sessions":
		return T("import.kind_sessions")
	case "attendance":
		return T("import.kind_attendance")
	}
	return T("import.kind_trainees")
}

// problemRow is one line of the report's table.
type problemRow struct {
	p       imports.Problem
	warning bool
	text    string // translated
}

func newImportExport(u *ui) *importExportScreen {
	s := &importExportScreen{u: u}
	kinds := make([]string, len(importKinds))
	for i, k := range importKinds {
		kinds[i] = importKindLabel(k)
	}
	s.kind = widget.NewSelect(kinds, nil)
	s.kind.SetSelectedIndex(0)
	s.kind.OnChanged = func(string) { s.kindChanged() }
	s.course = widget.NewSelect(nil, func(string) { s.optionsChanged() })
	s.course.PlaceHolder = T("certificates.choose_course")
	s.cohort = widget.NewSelect([]string{T("import.no_cohort")}, nil)
	s.cohort.SetSelectedIndex(0)
	s.cohort.OnChanged = func(string) { s.optionsChanged() }
	s.nominated = widget.NewSelect([]string{T("import.from_file")}, nil)
	s.nominated.SetSelectedIndex(0)
	s.nominated.OnChanged = func(string) { s.optionsChanged() }
	s.file = widget.NewLabel(T("import.no_file"))
	s.file.Truncation = fyne.TextTruncateEllipsis
	s.choose = widget.NewButtonWithIcon(T("import.choose_file"), theme.FolderOpenIcon(), func() {
		chooseOpenFile(u.win, []string{".xlsx", ".csv"}, s.setFile)
	})
	s.choose.Importance = widget.HighImportance
	s.recheck = widget.NewButtonWithIcon(T("import.recheck"), theme.ViewRefreshIcon(), func() { s.check() })
	s.importValid = widget.NewButtonWithIcon(T("import.import_valid"), theme.UploadIcon(), func() { s.run(true) })
	s.importAll = widget.NewButtonWithIcon(T("import.import"), theme.UploadIcon(), func() { s.run(false) })
	s.importAll.Importance = widget.HighImportance

	s.whatRow = formRow(T("import.what"), s.kind)
	s.courseRow = formRow(T("certificates.course"), s.course)
	s.traineeRows = flatten(formRow(T("import.cohort"), s.cohort), formRow(T("import.nominated_by"), s.nominated))
	s.fileRow = formRow(T("import.file"), container.NewBorder(nil, nil, nil, s.choose, s.file))
	s.options = container.New(layout.NewFormLayout())
	buttons := container.NewHBox(layout.NewSpacer(), s.recheck, s.importValid, s.importAll)
	importCard := card(T("import.import_title"), container.NewVBox(s.options, buttons))

	s.summary = widget.NewLabel(T("import.intro"))
	s.summary.Wrapping = fyne.TextWrapWord
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.problems), len(problemColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(problemColumns) {
			o.(*widget.Label).SetText(problemColumns[id.Col].title())
		}
	}
	widths := make([]float32, len(problemColumns))
	for i, c := range problemColumns {
		s.table.SetColumnWidth(i, c.width)
		widths[i] = c.width
	}
	em := fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Width
	s.msgRoom = (problemColumns[problemMessageCol].width - 2*theme.InnerPadding()) / em
	fill := &fillColumn{table: s.table, col: problemMessageCol, widths: widths, min: 300,
		onWidth: func(w float32) { s.msgRoom = (w - 2*theme.InnerPadding()) / em }}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.problems) {
			s.detail.SetText(problemLine(s.problems[id.Row]))
		}
	}
	s.detail = widget.NewLabel("")
	s.detail.Wrapping = fyne.TextWrapWord
	s.detail.Hide()
	s.table.Hide()
	s.reportBox = container.NewBorder(s.summary, s.detail, nil, nil, container.New(fill, s.table))
	report := cardWithHeading(heading(T("import.report_title")), s.reportBox)

	s.export = newExportForm(s)
	top := container.New(&ratioLayout{ratios: []float32{0.56, 0.44}}, importCard, s.export.card)
	s.box = container.NewBorder(container.NewVBox(heading(T("nav.import")), top), nil, nil, nil, report)
	s.kindChanged()
	return s
}

func (s *importExportScreen) content() fyne.CanvasObject { return s.box }

// shown reads the choices: courses, cohorts and organisations.
func (s *importExportScreen) shown() {
	type choices struct {
		courses []*models.Course
		cohorts []*models.Cohort
		orgs    []*models.Organisation
	}
	goLoad(s.u, func(ctx context.Context) (choices, error) {
		cs, err := s.u.svc.Courses.FindCourses(ctx, models.CourseFilter{})
		if err != nil {
			return choices{}, err
		}
		cohorts, err := s.u.svc.Trainees.FindCohorts(ctx, models.CohortFilter{})
		if err != nil {
			return choices{}, err
		}
		orgs, err := s.u.svc.Trainees.FindOrganisations(ctx, models.OrganisationFilter{Kind: models.OrgOutflow})
		return choices{cs, cohorts, orgs}, err
	}, func(c choices) {
		s.loaded = true
		for i, j := 0, len(c.courses)-1; i < j; i, j = i+1, j-1 {
			c.courses[i], c.courses[j] = c.courses[j], c.courses[i]
		}
		s.courses, s.cohorts, s.orgs = c.courses, c.cohorts, c.orgs
		setOptions(s.course, names(s.courses, func(c *models.Course) string { return c.Title }), "")
		setOptions(s.cohort, append([]string{T("import.no_cohort")}, names(s.cohorts, func(c *models.Cohort) string { return c.Name })...), T("import.no_cohort"))
		setOptions(s.nominated, append([]string{T("import.from_file")}, names(s.orgs, func(o *models.Organisation) string { return o.Name })...), T("import.from_file"))
		s.export.setChoices()
	})
}

// setOptions replaces a select's options, keeping the choice if it is
// still one, else choosing first ("" for none), without calling
// OnChanged.
func setOptions(sel *widget.Select, opts []string, first string) {
	on := sel.OnChanged
	sel.OnChanged = nil
	keep := sel.Selected
	sel.Options = opts
	switch {
	case keep != "" && slices.Contains(opts, keep):
		sel.SetSelected(keep)
	case first != "":
		sel.SetSelected(first)
	default:
		sel.ClearSelected()
	}
	sel.Refresh()
	sel.OnChanged = on
}

// importKind is the kind of list chosen.
func (s *importExportScreen) importKind() string {
	if i := s.kind.SelectedIndex(); i >= 0 {
		return importKinds[i]
	}
	return "trainees"
}

// kindChanged shows the options of the kind chosen.
func (s *importExportScreen) kindChanged() {
	opts := s.courseRow
	if s.importKind() == "trainees" {
		opts = s.traineeRows
	}
	s.options.Objects = flatten(s.whatRow, opts, s.fileRow)
	s.options.Refresh()
	s.optionsChanged()
}

// optionsChanged checks the file again under the new options.
func (s *importExportScreen) optionsChanged() {
	s.checked = false
	if s.path != "" {
		s.check()
		return
	}
	s.updateButtons()
}

// setFile takes the file chosen and checks it.
func (s *importExportScreen) setFile(path string) {
	s.path = path
	s.file.SetText(path)
	s.check()
}

func (s *importExportScreen) updateButtons() {
	r := s.report
	ready := s.checked && r != nil && r.Valid > 0 && s.running == nil
	if s.path == "" || s.running != nil {
		s.recheck.Disable()
	} else {
		s.recheck.Enable()
	}
	if ready && r.Rejected == 0 {
		s.importAll.Enable()
	} else {
		s.importAll.Disable()
	}
	if ready && r.Rejected > 0 && s.importKind() == "trainees" {
		s.importValid.Enable()
	} else {
		s.importValid.Disable()
	}
}

// courseID is the course chosen, 0 for none.
func (s *importExportScreen) courseID() int64 {
	if i := s.course.SelectedIndex(); i >= 0 && i < len(s.courses) {
		return s.courses[i].ID
	}
	return 0
}

// check runs a dry run of the file in the background and shows its
// report; nothing is written.
func (s *importExportScreen) check() *task { return s.start(true, false) }

// run imports the file: every row, or with skipInvalid the valid rows of
// a trainee list.
func (s *importExportScreen) run(skipInvalid bool) *task { return s.start(false, skipInvalid) }

func (s *importExportScreen) start(dry, skipInvalid bool) *task {
	if s.path == "" || s.running != nil {
		return nil
	}
	kind, path, course := s.importKind(), s.path, s.courseID()
	if kind != "trainees" && course == 0 {
		s.checked, s.report, s.problems = false, nil, nil
		s.showSummary(T("import.need_course"), widget.WarningImportance)
		s.table.Hide()
		s.updateButtons()
		return nil
	}
	topts := imports.TraineeOptions{DryRun: dry, SkipInvalid: skipInvalid}
	if i := s.cohort.SelectedIndex(); i > 0 && i-1 < len(s.cohorts) {
		topts.CohortID = s.cohorts[i-1].ID
	}
	if i := s.nominated.SelectedIndex(); i > 0 && i-1 < len(s.orgs) {
		topts.NominatedByID = s.orgs[i-1].ID
	}
	title := T("import.import_title")
	note := T("import.importing")
	if dry {
		note = T("import.checking")
	}
	var rep *imports.Report
	var ierr error
	u := s.u
	s.running = u.runTask(title, func(ctx context.Context, p *Progress) error {
		p.Note(note)
		im := imports.New(u.svc, u.now)
		switch kind {
		case "sessions":
			rep, ierr = im.ImportSessions(ctx, path, imports.SessionOptions{CourseID: course, DryRun: dry})
		case "attendance":
			rep, ierr = im.ImportAttendance(ctx, path, imports.AttendanceOptions{CourseID: course, DryRun: dry})
		default:
			rep, ierr = im.ImportTrainees(ctx, path, topts)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return nil
	}, func() {
		s.showReport(rep, ierr, dry)
		if !dry && ierr == nil {
			u.reloadAll()
		}
	})
	t := s.running
	s.last = t
	s.updateButtons()
	// Whatever the end (done, failed, cancelled), the buttons come back.
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		<-t.done
		onUI(func() {
			if s.running == t {
				s.running = nil
			}
			s.updateButtons()
		})
	}()
	return t
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
		if s.importKind() == "trainees" && rep.Valid > 0 {
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

// problemColumns are the report table's columns.
var problemColumns = []struct {
	title func() string
	width float32
}{
	{func() string { return T("import.col_row") }, 64},
	{func() string { return T("import.col_column") }, 130},
	{func() string { return T("import.col_kind") }, 70},
	{func() string { return T("import.col_problem") }, 760},
}

// problemMessageCol is the message column, which takes the width the
// others leave.
const problemMessageCol = 3

func (s *importExportScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row < 0 || id.Row >= len(s.problems) {
		l.SetText("")
		return
	}
	p := s.problems[id.Row]
	l.Importance = widget.MediumImportance
	switch id.Col {
	case 0:
		l.SetText(rowText(p.p.Row))
	case 1:
		l.SetText(clipText(p.p.Column, 7))
	case 2:
		if p.warning {
			l.Importance = widget.WarningImportance
			l.SetText(T("import.warning"))
		} else {
			l.Importance = widget.DangerImportance
			l.SetText(T("import.problem"))
		}
	default:
		l.SetText(clipText(p.text, s.msgRoom))
	}
}

// rowText is a row number, "—" for the whole file.
func rowText(n int) string {
	if n <= 0 {
		return "—"
	}
	return strconv.Itoa(n)
}

// problemText translates a problem's message with its data.
func problemText(p imports.Problem) string {
	return ErrorText(&models.Error{Message: p.Key, Data: p.Data})
}

// problemLine is a problem in full: row, column and message.
func problemLine(p problemRow) string {
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
