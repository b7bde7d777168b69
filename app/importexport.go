package app

import (
	"context"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/sheets/imports"
)

// importExportScreen takes spreadsheets in and writes lists out.
//
// Import: the user picks the kind of list (nominees, a course's schedule,
// a course's attendance, returns, election results, or both from a
// filled-in feedback workbook) and a file; a dry run checks every row at
// once and the report lists each problem with its row, column and a
// translated reason before anything is written. Then Import writes all
// rows (all or nothing), or, for nominees, returns and elections, Import
// valid rows only skips the rejected ones (written to NAME_rejected.xlsx
// beside the file).
//
// Export (importexport_export.go): every list of reports/exports, with its
// filters, ID numbers masked unless "Full ID numbers" is ticked.
type importExportScreen struct {
	u      *ui
	box    fyne.CanvasObject
	loaded bool
	kinds  []string // the kinds of list the account may take in (importKinds)

	courses []*models.Course // latest first
	cohorts []*models.Cohort
	orgs    []*models.Organisation // outflow organisations

	// Import.
	kind        *widget.Select
	course      *widget.Select
	cohort      *widget.Select
	nominated   *widget.Select
	hidden      *widget.Check   // import the rows the workbook hides
	options     *fyne.Container // the form: the kind, its options, the file
	whatRow     []fyne.CanvasObject
	columnsRow  []fyne.CanvasObject
	columns     *widget.Label  // the columns the kind's import recognises
	template    *widget.Button // saves the kind's template workbook
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
	table     *kit.Table[problemRow]
	detail    *widget.Label
	running   *task // the import or check running
	last      *task // the import or check started last; for tests

	export *exportForm
}

// allImportKinds are the kinds of list taken in, in the chooser's order.
var allImportKinds = []string{"trainees", "sessions", "attendance", imports.KindReturns, imports.KindElections, imports.KindOutcomes,
	imports.KindContacts, imports.KindPlacements}

// courseKind reports whether the kind of list is a course's, which needs
// the course chosen.
func courseKind(kind string) bool { return kind == "sessions" || kind == "attendance" }

// skipsInvalid reports whether the kind can import its valid rows alone.
func skipsInvalid(kind string) bool { return kind == "trainees" || !courseKind(kind) }

func importKindLabel(kind string) string {
	switch kind {
	case "sessions":
		return T("import.kind_sessions")
	case "attendance":
		return T("import.kind_attendance")
	case imports.KindReturns:
		return T("import.kind_returns")
	case imports.KindElections:
		return T("import.kind_elections")
	case imports.KindOutcomes:
		return T("import.kind_outcomes")
	case imports.KindContacts:
		return T("import.kind_contacts")
	case imports.KindPlacements:
		return T("import.kind_placements")
	}
	return T("import.kind_trainees")
}

// problemRow is one line of the report's table: a problem, a warning,
// or a row passed over.
type problemRow struct {
	p       imports.Problem
	warning bool
	skipped bool
	text    string // translated
}

func newImportExport(u *ui) *importExportScreen {
	s := &importExportScreen{u: u}
	s.kinds = u.importKinds()
	kinds := make([]string, len(s.kinds))
	for i, k := range s.kinds {
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
	s.hidden = widget.NewCheck(T("import.include_hidden"), func(bool) { s.optionsChanged() })
	s.file = widget.NewLabel(T("import.no_file"))
	s.file.Truncation = fyne.TextTruncateEllipsis
	s.choose = u.actionButton(models.PermImportNominees, T("import.choose_file"), theme.FolderOpenIcon(), func() {
		u.chooseFile(docImports, T("import.choose_file"), []string{".xlsx", ".csv"}, s.setFile)
	})
	s.choose.Importance = widget.HighImportance
	s.recheck = widget.NewButtonWithIcon(T("import.recheck"), theme.ViewRefreshIcon(), func() { s.check() })
	s.importValid = widget.NewButtonWithIcon(T("import.import_valid"), theme.UploadIcon(), func() { s.run(true) })
	s.importAll = widget.NewButtonWithIcon(T("import.import"), theme.UploadIcon(), func() { s.run(false) })
	s.importAll.Importance = widget.HighImportance

	s.whatRow = kit.Row(T("import.what"), s.kind)
	s.columns = kit.WrapCaption("")
	s.template = widget.NewButtonWithIcon(T("import.template"), theme.DownloadIcon(), s.saveTemplate)
	s.columnsRow = kit.Row(T("import.columns"), container.NewVBox(s.columns, container.NewHBox(s.template)))
	s.courseRow = kit.Row(T("certificates.course"), s.course)
	s.traineeRows = slices.Concat(kit.Row(T("import.cohort"), s.cohort), kit.Row(T("import.nominated_by"), s.nominated))
	s.fileRow = slices.Concat(kit.Row(T("import.file"), container.NewBorder(nil, nil, nil, s.choose, s.file)),
		kit.Row("", s.hidden))
	s.options = container.New(layout.NewFormLayout())
	buttons := container.NewHBox(layout.NewSpacer(), s.recheck, s.importValid, s.importAll)
	importCard := kit.Card(T("import.import_title"), container.NewVBox(s.options, buttons))
	u.allow(models.PermImportNominees, importCard) // every kind needs at least that

	report := s.newReport()

	s.export = newExportForm(s)
	top := kit.Ratio([]float32{0.56, 0.44}, importCard, s.export.card)
	s.box = container.NewBorder(container.NewVBox(kit.Heading(T("nav.import")), top), nil, nil, nil, report)
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
		kit.SetOptions(s.course, names(s.courses, func(c *models.Course) string { return c.Title }), "")
		kit.SetOptions(s.cohort, append([]string{T("import.no_cohort")}, names(s.cohorts, func(c *models.Cohort) string { return c.Name })...), T("import.no_cohort"))
		kit.SetOptions(s.nominated, append([]string{T("import.from_file")}, names(s.orgs, func(o *models.Organisation) string { return o.Name })...), T("import.from_file"))
		s.export.setChoices()
	})
}

// importKind is the kind of list chosen.
func (s *importExportScreen) importKind() string {
	if i := s.kind.SelectedIndex(); i >= 0 {
		return s.kinds[i]
	}
	return "trainees"
}

// kindChanged shows the options of the kind chosen.
func (s *importExportScreen) kindChanged() {
	var opts []fyne.CanvasObject
	switch kind := s.importKind(); {
	case kind == "trainees":
		opts = s.traineeRows
	case courseKind(kind):
		opts = s.courseRow
	}
	s.showColumns()
	s.options.Objects = slices.Concat(s.whatRow, s.columnsRow, opts, s.fileRow)
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
	if ready && r.Rejected > 0 && skipsInvalid(s.importKind()) {
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
// a trainee list or of returns and elections.
func (s *importExportScreen) run(skipInvalid bool) *task {
	if !s.u.permit(importNeed(s.importKind())) {
		return nil
	}
	return s.start(false, skipInvalid)
}

func (s *importExportScreen) start(dry, skipInvalid bool) *task {
	if s.path == "" || s.running != nil {
		return nil
	}
	kind, path, course := s.importKind(), s.path, s.courseID()
	if courseKind(kind) && course == 0 {
		s.checked, s.report, s.problems = false, nil, nil
		s.showSummary(T("import.need_course"), widget.WarningImportance)
		s.table.Hide()
		s.updateButtons()
		return nil
	}
	ro := imports.ReadOptions{IncludeHidden: s.hidden.Checked}
	topts := imports.TraineeOptions{ReadOptions: ro, DryRun: dry, SkipInvalid: skipInvalid}
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
			rep, ierr = im.ImportSessions(ctx, path, imports.SessionOptions{ReadOptions: ro, CourseID: course, DryRun: dry})
		case "attendance":
			rep, ierr = im.ImportAttendance(ctx, path, imports.AttendanceOptions{ReadOptions: ro, CourseID: course, DryRun: dry})
		case imports.KindReturns, imports.KindElections, imports.KindOutcomes, imports.KindContacts, imports.KindPlacements:
			rep, ierr = importOutcomes(ctx, im, kind, path, imports.OutcomeOptions{ReadOptions: ro, DryRun: dry, SkipInvalid: skipInvalid})
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

// importOutcomes runs the import of returns, elections or both.
func importOutcomes(ctx context.Context, im *imports.Importer, kind, path string, o imports.OutcomeOptions) (*imports.Report, error) {
	switch kind {
	case imports.KindReturns:
		return im.ImportReturns(ctx, path, o)
	case imports.KindElections:
		return im.ImportElections(ctx, path, o)
	case imports.KindContacts:
		return im.ImportContacts(ctx, path, o)
	case imports.KindPlacements:
		return im.ImportPlacements(ctx, path, o)
	}
	return im.ImportOutcomes(ctx, path, o)
}

// showColumns says which columns the import of the kind chosen
// recognises (required ones marked), and offers its template workbook
// when there is one.
func (s *importExportScreen) showColumns() {
	kind := s.importKind()
	names, required, _, err := imports.Columns(kind)
	if err != nil { // the feedback package's workbook: its own sheets
		s.columns.SetText(T("import.columns_feedback"))
	} else {
		for i := range names {
			if required[i] {
				names[i] += "*"
			}
		}
		s.columns.SetText(T("import.columns_list", "Names", strings.Join(names, T("import.columns_sep"))))
	}
	if slices.Contains(imports.TemplateKinds, kind) {
		s.template.Show()
	} else {
		s.template.Hide()
	}
}

// saveTemplate asks where to save the template workbook of the kind
// chosen, and writes it.
func (s *importExportScreen) saveTemplate() {
	kind := s.importKind()
	s.u.save(saveJob{kind: docExports, title: T("import.template"), name: T("import.template_name"), ext: ".xlsx",
		write: func(_ context.Context, _ *Progress, w io.Writer) error { return imports.Template(kind, w) },
		audit: auditNote{action: "export", detail: map[string]any{"what": "template " + kind}},
		saved: func() string { return T("import.template_saved") }})
}
