package app

import (
	"context"
	"slices"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
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
	latest  kit.Latest // the load in hand; older results are dropped
	focus   string     // serial to select once the rows are there
	stay    bool       // the next rows keep the scrolling (refresh)

	course    *widget.Select
	courseIDs []int64 // the course filter's choices after "All courses"
	year      *widget.Select
	years     []int
	status    *widget.Select
	count     *widget.Label
	table     *kit.Table[*training.CertificateRow]
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

// certColumns are the table's columns; the course's takes the width the
// others leave.
func certColumns() []kit.Column[*training.CertificateRow] {
	type row = *training.CertificateRow
	return []kit.Column[row]{
		{Title: T("certificates.serial"), Width: 188, Text: func(r row) string { return r.Certificate.Serial }},
		{Title: T("certificates.name"), Width: 76, Text: func(r row) string { return r.Name }},
		{Title: T("certificates.course"), Width: 220, Flex: true, Text: func(r row) string { return courseTitle(r.Course) }},
		{Title: T("certificates.hours"), Width: 58, Text: func(r row) string { return hoursText(r.Certificate.Hours) }},
		{Title: T("certificates.issued_on"), Width: 96, Text: func(r row) string { return dateText(r.Certificate.IssuedOn) }},
		{Title: T("certificates.status"), Width: 84, Text: func(r row) string { return certStatusLabel(r.Certificate.Status) },
			Importance: func(r row) widget.Importance { return statusImportance(r.Certificate.Status) }},
		{Title: T("certificates.notes"), Width: 296, Text: func(r row) string { return certNotes(r.Certificate) }},
	}
}

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

	s.table = kit.NewTable(certColumns(), func() int { return len(s.rows) }, func(i int) (*training.CertificateRow, bool) {
		if i < 0 || i >= len(s.rows) {
			return nil, false
		}
		return &s.rows[i], true
	})
	s.table.OnSelected = func(id widget.TableCellID) { s.selectRow(id.Row) }
	s.table.OnUnselected = func(widget.TableCellID) { s.selectRow(-1) }

	s.issueBtn = s.u.actionButton(models.PermIssue, T("certificates.issue"), theme.ContentAddIcon(), func() { s.openIssue() })
	s.issueBtn.Importance = widget.HighImportance
	s.printBtn = s.u.actionButton(models.PermIssue, T("certificates.print"), theme.DocumentPrintIcon(), func() { s.openPrint() })
	s.verifyBtn = widget.NewButtonWithIcon(T("certificates.verify"), theme.ConfirmIcon(), func() { s.openVerify() })
	s.voidBtn = s.u.actionButton(models.PermVoid, T("certificates.void"), theme.DeleteIcon(), func() {
		if r := s.current(); r != nil {
			s.openVoid(*r)
		}
	})
	s.reissue = s.u.actionButton(models.PermVoid, T("certificates.reissue"), theme.ViewRefreshIcon(), func() {
		if r := s.current(); r != nil {
			s.openReissue(*r)
		}
	})
	s.selInfo = widget.NewLabel(T("certificates.select_hint"))
	s.selInfo.Truncation = fyne.TextTruncateEllipsis
	s.selectRow(-1)

	filters := kit.Shrink([]float32{360, 120, 130}, s.course, s.year, s.status)
	actions := container.NewHBox(s.verifyBtn, s.printBtn, s.issueBtn)
	top := container.NewVBox(
		container.NewBorder(nil, nil, kit.Heading(T("nav.certificates")), actions),
		container.NewBorder(nil, nil, nil, s.count, filters))
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(s.voidBtn, s.reissue), s.selInfo)
	s.box = container.NewBorder(top, bottom, nil, nil, s.table.Object())
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
	} else if !s.stay {
		s.table.ScrollToTop()
	}
	s.stay = false
}

// refresh reads the certificates again after others changed them
// (live.go), keeping the filters, the certificate chosen and the
// scrolling.
func (s *certificatesScreen) refresh([]string) {
	if r := s.current(); r != nil {
		s.focus = r.Certificate.Serial
	}
	s.stay = true
	s.loadThen(nil)
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

// loadThen reads every certificate and the courses' counts in the
// background, shows them, then runs fn (if any) on the fresh rows.
func (s *certificatesScreen) loadThen(fn func()) {
	loadLatest(s.u, &s.latest, func(ctx context.Context) (certData, error) {
		rows, err := s.u.svc.Certificates.CertificateRows(ctx, models.CertificateFilter{})
		if err != nil {
			return certData{}, err
		}
		courses, err := s.u.svc.Certificates.CertificateCourses(ctx)
		return certData{rows, courses}, err
	}, func(d certData) {
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
