package app

import (
	"context"
	"slices"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/models"
	"peiyang/training"
)

// certificatesScreen lists the completion certificates issued, filtered
// by course, year and status, and does what is done with them: issue a
// course's batch, void one (with a reason), reissue one, print a course's
// certificates (certificates_print.go) and check a certificate's QR code
// (certificates_verify.go).
type certificatesScreen struct {
	u   *ui
	box fyne.CanvasObject

	all     []training.CertificateRow // every certificate, newest first
	rows    []training.CertificateRow // those the filters select, shown
	courses []training.CourseCertificates
	loaded  bool
	gen     int    // bumped by every load; older results are dropped
	focus   string // serial to select once the rows are there

	course    *widget.Select
	courseIDs []int64 // the course filter's choices after "All courses"
	year      *widget.Select
	years     []int
	status    *widget.Select
	count     *widget.Label
	table     *widget.Table
	room      []float32
	selected  int // row of rows selected, -1 for none
	selInfo   *widget.Label
	voidBtn   *widget.Button
	reissue   *widget.Button
	issueBtn  *widget.Button
	printBtn  *widget.Button
	verifyBtn *widget.Button

	voidForm *certVoidForm  // the void dialog opened last; for tests
	verifier *certVerifier  // the verify dialog opened last; for tests
	printer  *certPrintForm // the print dialog opened last; for tests
	issuer   *certIssueForm // the issue dialog opened last; for tests
}

// certColumn is one column of the table.
type certColumn struct {
	title func() string
	width float32
	text  func(r *training.CertificateRow) string
}

var certColumns = []certColumn{
	{func() string { return T("certificates.serial") }, 188, func(r *training.CertificateRow) string { return r.Certificate.Serial }},
	{func() string { return T("certificates.name") }, 76, func(r *training.CertificateRow) string { return r.Name }},
	{func() string { return T("certificates.course") }, 340, func(r *training.CertificateRow) string { return courseTitle(r.Course) }},
	{func() string { return T("certificates.hours") }, 58, func(r *training.CertificateRow) string { return hoursText(r.Certificate.Hours) }},
	{func() string { return T("certificates.issued_on") }, 96, func(r *training.CertificateRow) string { return dateText(r.Certificate.IssuedOn) }},
	{func() string { return T("certificates.status") }, 84, func(r *training.CertificateRow) string { return certStatusLabel(r.Certificate.Status) }},
	{func() string { return T("certificates.notes") }, 296, func(r *training.CertificateRow) string { return certNotes(r.Certificate) }},
}

// certCourseCol is the course column, which takes the width the others
// leave.
const certCourseCol = 2

const certStatusCol = 5

func courseTitle(c *models.Course) string {
	if c == nil {
		return ""
	}
	return c.Title
}

// hoursText writes class hours without needless decimals: 52, 4.5.
func hoursText(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) }

// certNotes is what the notes column says: a void certificate's reason,
// the serial that replaced a certificate, or the one a reissue replaces.
func certNotes(c *models.Certificate) string {
	switch {
	case c.Status == models.CertVoid:
		return c.VoidReason
	case c.Status == models.CertReplaced:
		return T("certificates.replaced_by", "Serial", c.ReplacedBy)
	case c.Replaces != "":
		return T("certificates.replaces", "Serial", c.Replaces)
	}
	return ""
}

// statusImportance colours a status: valid green, replaced orange, void
// red.
func statusImportance(s models.CertificateStatus) widget.Importance {
	switch s {
	case models.CertValid:
		return widget.SuccessImportance
	case models.CertReplaced:
		return widget.WarningImportance
	case models.CertVoid:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func newCertificates(u *ui) *certificatesScreen {
	s := &certificatesScreen{u: u, selected: -1}
	s.course = widget.NewSelect([]string{T("certificates.all_courses")}, func(string) { s.apply() })
	s.course.SetSelectedIndex(0)
	s.year = widget.NewSelect([]string{T("certificates.all_years")}, func(string) { s.apply() })
	s.year.SetSelectedIndex(0)
	statuses := []string{T("certificates.all_statuses")}
	for _, st := range models.CertificateStatuses {
		statuses = append(statuses, certStatusLabel(st))
	}
	s.status = widget.NewSelect(statuses, func(string) { s.apply() })
	s.status.SetSelectedIndex(0)
	s.count = widget.NewLabel(T("dashboard.loading"))

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(certColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(certColumns) {
			o.(*widget.Label).SetText(certColumns[id.Col].title())
		}
	}
	em := fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Width
	s.room = make([]float32, len(certColumns))
	for i, c := range certColumns {
		s.table.SetColumnWidth(i, c.width)
		s.room[i] = (c.width - 2*theme.InnerPadding()) / em
	}
	s.table.OnSelected = func(id widget.TableCellID) { s.selectRow(id.Row) }
	s.table.OnUnselected = func(widget.TableCellID) { s.selectRow(-1) }

	s.issueBtn = widget.NewButtonWithIcon(T("certificates.issue"), theme.ContentAddIcon(), func() { s.openIssue() })
	s.issueBtn.Importance = widget.HighImportance
	s.printBtn = widget.NewButtonWithIcon(T("certificates.print"), theme.DocumentPrintIcon(), func() { s.openPrint() })
	s.verifyBtn = widget.NewButtonWithIcon(T("certificates.verify"), theme.ConfirmIcon(), func() { s.openVerify() })
	s.voidBtn = widget.NewButtonWithIcon(T("certificates.void"), theme.DeleteIcon(), func() {
		if r := s.current(); r != nil {
			s.openVoid(*r)
		}
	})
	s.reissue = widget.NewButtonWithIcon(T("certificates.reissue"), theme.ViewRefreshIcon(), func() {
		if r := s.current(); r != nil {
			s.openReissue(*r)
		}
	})
	s.selInfo = widget.NewLabel(T("certificates.select_hint"))
	s.selInfo.Truncation = fyne.TextTruncateEllipsis
	s.selectRow(-1)

	widths := make([]float32, len(certColumns))
	for i, c := range certColumns {
		widths[i] = c.width
	}
	fill := &fillColumn{table: s.table, col: certCourseCol, widths: widths, min: 220,
		onWidth: func(w float32) { s.room[certCourseCol] = (w - 2*theme.InnerPadding()) / em }}
	filters := container.NewHBox(fixedWidth(360, s.course), fixedWidth(120, s.year), fixedWidth(130, s.status))
	actions := container.NewHBox(s.verifyBtn, s.printBtn, s.issueBtn)
	top := container.NewVBox(
		container.NewBorder(nil, nil, heading(T("nav.certificates")), actions),
		container.NewBorder(nil, nil, nil, s.count, filters))
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(s.voidBtn, s.reissue), s.selInfo)
	s.box = container.NewBorder(top, bottom, nil, nil, container.New(fill, s.table))
	return s
}

func (s *certificatesScreen) content() fyne.CanvasObject { return s.box }

// shown reads the certificates anew each time the screen comes up.
func (s *certificatesScreen) shown() { s.load() }

// certData is what the screen reads.
type certData struct {
	rows    []training.CertificateRow
	courses []training.CourseCertificates
}

// load reads every certificate and the courses' counts in the background.
func (s *certificatesScreen) load() { s.loadThen(nil) }

// setChoices fills the course and year filters from the certificates,
// keeping what was chosen.
func (s *certificatesScreen) setChoices() {
	courseID := s.filterCourse()
	year := s.filterYear()
	seen := map[int64]bool{}
	years := map[int]bool{}
	var cs []*models.Course
	for _, r := range s.all {
		if r.Course != nil && !seen[r.Course.ID] {
			seen[r.Course.ID] = true
			cs = append(cs, r.Course)
		}
		years[r.Certificate.Year] = true
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if !cs[i].StartDate.Equal(cs[j].StartDate) {
			return cs[i].StartDate.After(cs[j].StartDate)
		}
		return cs[i].ID > cs[j].ID
	})
	opts := []string{T("certificates.all_courses")}
	s.courseIDs = s.courseIDs[:0]
	sel := 0
	for _, c := range cs {
		s.courseIDs = append(s.courseIDs, c.ID)
		opts = append(opts, c.Title)
		if c.ID == courseID {
			sel = len(opts) - 1
		}
	}
	s.years = s.years[:0]
	for y := range years {
		s.years = append(s.years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(s.years)))
	yopts := []string{T("certificates.all_years")}
	ysel := 0
	for _, y := range s.years {
		yopts = append(yopts, strconv.Itoa(y))
		if y == year {
			ysel = len(yopts) - 1
		}
	}
	// Set the options and selections without running apply for each.
	s.course.OnChanged, s.year.OnChanged = nil, nil
	s.course.Options, s.year.Options = opts, yopts
	s.course.SetSelectedIndex(sel)
	s.year.SetSelectedIndex(ysel)
	s.course.OnChanged = func(string) { s.apply() }
	s.year.OnChanged = func(string) { s.apply() }
}

func (s *certificatesScreen) filterCourse() int64 {
	if i := s.course.SelectedIndex(); i > 0 && i-1 < len(s.courseIDs) {
		return s.courseIDs[i-1]
	}
	return 0
}

func (s *certificatesScreen) filterYear() int {
	if i := s.year.SelectedIndex(); i > 0 && i-1 < len(s.years) {
		return s.years[i-1]
	}
	return 0
}

func (s *certificatesScreen) filterStatus() models.CertificateStatus {
	if i := s.status.SelectedIndex(); i > 0 {
		return models.CertificateStatuses[i-1]
	}
	return ""
}

// showCourse sets the course filter to the course, if it is a choice.
func (s *certificatesScreen) showCourse(id int64) {
	for i, c := range s.courseIDs {
		if c == id {
			s.course.SetSelectedIndex(i + 1)
			return
		}
	}
}

// apply shows the certificates the filters select.
func (s *certificatesScreen) apply() {
	if s.table == nil {
		return // still building the widgets
	}
	course, year, status := s.filterCourse(), s.filterYear(), s.filterStatus()
	s.rows = s.rows[:0]
	for _, r := range s.all {
		c := r.Certificate
		if course != 0 && c.CourseID != course || year != 0 && c.Year != year || status != "" && c.Status != status {
			continue
		}
		s.rows = append(s.rows, r)
	}
	if s.loaded {
		s.count.SetText(T("certificates.count", "N", formatInt(len(s.rows))))
	}
	s.table.UnselectAll()
	s.selectRow(-1)
	s.table.Refresh()
	if s.focus != "" {
		for i, r := range s.rows {
			if r.Certificate.Serial == s.focus {
				s.table.Select(widget.TableCellID{Row: i, Col: 0})
				s.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
				break
			}
		}
		s.focus = ""
	} else {
		s.table.ScrollToTop()
	}
}

func (s *certificatesScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row < 0 || id.Row >= len(s.rows) || id.Col < 0 || id.Col >= len(certColumns) {
		l.SetText("")
		return
	}
	r := &s.rows[id.Row]
	imp := widget.MediumImportance
	if id.Col == certStatusCol {
		imp = statusImportance(r.Certificate.Status)
	}
	l.Importance = imp
	l.SetText(clipText(certColumns[id.Col].text(r), s.room[id.Col]))
}

// selectRow notes the selected row and enables what may be done with it:
// only a valid certificate is voided or reissued.
func (s *certificatesScreen) selectRow(row int) {
	s.selected = row
	r := s.current()
	if r == nil {
		s.selInfo.SetText(T("certificates.select_hint"))
		s.voidBtn.Disable()
		s.reissue.Disable()
		return
	}
	c := r.Certificate
	s.selInfo.SetText(T("certificates.selected", "Serial", c.Serial, "Name", r.Name, "Course", courseTitle(r.Course),
		"Status", certStatusLabel(c.Status)))
	if c.Status == models.CertValid {
		s.voidBtn.Enable()
		s.reissue.Enable()
	} else {
		s.voidBtn.Disable()
		s.reissue.Disable()
	}
}

// current is the selected certificate, nil for none.
func (s *certificatesScreen) current() *training.CertificateRow {
	if s.selected < 0 || s.selected >= len(s.rows) {
		return nil
	}
	return &s.rows[s.selected]
}

// actionDialog shows content in a modal dialog with Cancel and a button
// that does the action; act returns whether the dialog may close. Escape
// cancels. An act that opens another dialog (a file chooser, a progress)
// hides this one first and returns false: hiding a dialog takes the ones
// above it away too.
func actionDialog(win fyne.Window, title string, content fyne.CanvasObject, size fyne.Size, label string, icon fyne.Resource, act func() bool) (*dialog.CustomDialog, *widget.Button) {
	d := dialog.NewCustomWithoutButtons(title, content, win)
	btn := widget.NewButtonWithIcon(label, icon, func() {
		if act() {
			d.Hide()
		}
	})
	btn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(T("button.cancel"), theme.CancelIcon(), d.Hide)
	d.SetButtons([]fyne.CanvasObject{cancel, btn})
	d.Resize(size)
	closeOnEscape(win, d)
	d.Show()
	return d, btn
}

// formRow is a label and its field, for a form layout.
func formRow(label string, field fyne.CanvasObject) []fyne.CanvasObject {
	return []fyne.CanvasObject{widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}), field}
}

// certIssueForm asks which course's certificates to issue.
type certIssueForm struct {
	s       *certificatesScreen
	choices []training.CourseCertificates
	course  *widget.Select
	info    *widget.Label
	button  *widget.Button
	dialog  *dialog.CustomDialog
	task    *task // the issue started, for tests
}

// openIssue asks for a course whose completers lack certificates and
// issues them all at once.
func (s *certificatesScreen) openIssue() *certIssueForm {
	f := &certIssueForm{s: s}
	for _, c := range s.courses {
		if c.Pending > 0 {
			f.choices = append(f.choices, c)
		}
	}
	names := make([]string, len(f.choices))
	for i, c := range f.choices {
		names[i] = T("certificates.issue_choice", "Course", c.Course.Title, "N", c.Pending)
	}
	f.info = widget.NewLabel("")
	f.info.Wrapping = fyne.TextWrapWord
	f.course = widget.NewSelect(names, func(string) { f.update() })
	f.course.PlaceHolder = T("certificates.choose_course")
	body := container.NewVBox(
		container.New(layout.NewFormLayout(), formRow(T("certificates.course"), f.course)...),
		f.info)
	f.dialog, f.button = actionDialog(s.u.win, T("certificates.issue_title"), fixedWidth(620, body), fyne.NewSize(660, 260),
		T("certificates.issue_button"), theme.ContentAddIcon(), func() bool {
			i := f.course.SelectedIndex()
			if i < 0 {
				return false
			}
			// Hidden first: hiding a dialog takes the ones above it
			// (the progress) away too.
			f.dialog.Hide()
			f.task = s.issue(f.choices[i].Course)
			return false
		})
	if len(f.choices) == 1 {
		f.course.SetSelectedIndex(0)
	}
	f.update()
	s.issuer = f
	return f
}

func (f *certIssueForm) update() {
	i := f.course.SelectedIndex()
	switch {
	case len(f.choices) == 0:
		f.info.SetText(T("certificates.issue_nothing"))
		f.course.Disable()
	case i < 0:
		f.info.SetText(T("certificates.issue_hint"))
	default:
		c := f.choices[i]
		f.info.SetText(T("certificates.issue_info", "N", c.Pending, "Course", c.Course.Title, "Valid", c.Valid))
	}
	if i < 0 {
		f.button.Disable()
	} else {
		f.button.Enable()
	}
}

// issue issues the course's certificates in the background, all or
// none, then shows how many and their serials and lists them.
func (s *certificatesScreen) issue(c *models.Course) *task {
	var issued []*models.Certificate
	return s.u.runTask(T("certificates.issue_title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("certificates.issuing", "Course", c.Title))
		var err error
		issued, err = s.u.svc.Certificates.IssueCertificates(ctx, c.ID)
		return err
	}, func() {
		msg := T("certificates.issued_none", "Course", c.Title)
		if n := len(issued); n > 0 {
			msg = T("certificates.issued", "N", n, "Course", c.Title, "First", issued[0].Serial, "Last", issued[n-1].Serial)
		}
		dialog.ShowInformation(T("certificates.issue_title"), msg, s.u.win)
		s.year.SetSelectedIndex(0)
		s.status.SetSelectedIndex(0)
		s.loadThen(func() { s.showCourse(c.ID) })
	})
}

// loadThen reads every certificate and the courses' counts in the
// background, shows them, then runs fn (if any) on the fresh rows.
func (s *certificatesScreen) loadThen(fn func()) {
	s.gen++
	gen := s.gen
	goLoad(s.u, func(ctx context.Context) (certData, error) {
		rows, err := s.u.svc.Certificates.CertificateRows(ctx, models.CertificateFilter{})
		if err != nil {
			return certData{}, err
		}
		courses, err := s.u.svc.Certificates.CertificateCourses(ctx)
		return certData{rows, courses}, err
	}, func(d certData) {
		if gen != s.gen {
			return
		}
		s.loaded = true
		// Newest first: the batches worked on are at the top.
		slices.Reverse(d.rows)
		s.all, s.courses = d.rows, d.courses
		s.setChoices()
		s.apply()
		if fn != nil {
			fn()
		}
	})
}

// reveal reloads and selects the certificate, clearing the year and
// status filters that could hide it.
func (s *certificatesScreen) reveal(serial string) {
	s.year.SetSelectedIndex(0)
	s.status.SetSelectedIndex(0)
	s.focus = serial
	s.load()
}

// certVoidForm asks for the reason to void a certificate.
type certVoidForm struct {
	s      *certificatesScreen
	row    training.CertificateRow
	reason *keyEntry
	err    *widget.Label
	body   *fyne.Container
	dialog *dialog.CustomDialog
	button *widget.Button
	saving bool
	onDone func() // after a void or a refused one; for tests
}

// openVoid asks for the reason and voids the certificate; the serial
// stays taken.
func (s *certificatesScreen) openVoid(r training.CertificateRow) *certVoidForm {
	f := &certVoidForm{s: s, row: r}
	what := widget.NewLabel(T("certificates.void_what", "Serial", r.Certificate.Serial, "Name", r.Name, "Course", courseTitle(r.Course)))
	what.Wrapping = fyne.TextWrapWord
	f.reason = newKeyEntry()
	f.reason.SetPlaceHolder(T("certificates.void_placeholder"))
	f.err = errorLabel()
	form := container.New(layout.NewFormLayout(), formRow(T("certificates.void_reason"), container.NewVBox(f.reason, f.err))...)
	f.body = container.NewVBox(what, form)
	f.dialog, f.button = actionDialog(s.u.win, T("certificates.void_title"), fixedWidth(560, f.body),
		fyne.NewSize(600, 260), T("certificates.void_button"), theme.DeleteIcon(), f.save)
	f.button.Importance = widget.DangerImportance
	f.reason.OnSubmitted = func(string) {
		if f.save() {
			f.dialog.Hide()
		}
	}
	s.u.win.Canvas().Focus(f.reason)
	s.voidForm = f
	return f
}

// save voids the certificate in the background; the dialog stays open
// until it is done, with the rules' message beside the reason when they
// refuse.
func (f *certVoidForm) save() bool {
	if f.saving {
		return false
	}
	setError(f.err, "")
	u := f.s.u
	serial, reason := f.row.Certificate.Serial, f.reason.Text
	u.saveInBackground(&f.saving, func(ctx context.Context) error {
		return u.svc.Certificates.VoidCertificate(ctx, serial, reason)
	}, func(err error) {
		switch fe := fieldErrors(err); {
		case err == nil:
			f.dialog.Hide()
			f.s.reveal(serial)
		case fe["void_reason"] != "":
			setError(f.err, fe["void_reason"])
		default:
			setError(f.err, UserMessage(err))
		}
		f.body.Refresh()
		if f.onDone != nil {
			f.onDone()
		}
	})
	return false
}

// openReissue asks to confirm, then replaces the certificate with a new
// one under the next serial.
func (s *certificatesScreen) openReissue(r training.CertificateRow) {
	msg := widget.NewLabel(T("certificates.reissue_confirm", "Serial", r.Certificate.Serial, "Name", r.Name, "Course", courseTitle(r.Course)))
	msg.Wrapping = fyne.TextWrapWord
	actionDialog(s.u.win, T("certificates.reissue_title"), fixedWidth(520, msg), fyne.NewSize(560, 200),
		T("certificates.reissue_button"), theme.ViewRefreshIcon(), func() bool {
			s.doReissue(r.Certificate.Serial)
			return true
		})
}

// doReissue reissues in the background, then shows the new serial,
// selected in the list.
func (s *certificatesScreen) doReissue(serial string) {
	u := s.u
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		next, err := u.svc.Certificates.ReissueCertificate(u.ctx, serial)
		onUI(func() {
			if err != nil {
				u.showError(err)
				return
			}
			dialog.ShowInformation(T("certificates.reissue_title"),
				T("certificates.reissued", "Serial", serial, "New", next.Serial), u.win)
			s.reveal(next.Serial)
		})
	}()
}
