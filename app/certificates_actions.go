package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/training"
)

// What is done with certificates from their screen: issue a course's
// batch, void one with a reason, reissue one.

// certIssueForm asks which course's certificates to issue.
type certIssueForm struct {
	s       *certificatesScreen
	choices []training.CourseCertificates
	course  *widget.Select
	info    *widget.Label
	button  *widget.Button
	dialog  *kit.Dialog
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
	f.info = kit.WrapLabel("", widget.MediumImportance)
	f.course = widget.NewSelect(names, func(string) { f.update() })
	f.course.PlaceHolder = T("certificates.choose_course")
	body := kit.Stack(620, kit.Rows(kit.Row(T("certificates.course"), f.course)), f.info)
	f.dialog = kit.Show(s.u.win, T("certificates.issue_title"), body, fyne.NewSize(660, 260), kit.Cancel(),
		kit.Action{Label: T("certificates.issue_button"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance,
			Then: func() {
				if i := f.course.SelectedIndex(); i >= 0 {
					s.issue(f.choices[i].Course)
				}
			}})
	f.button = f.dialog.Button(1)
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
	if f.button == nil {
		return
	}
	if i < 0 {
		f.button.Disable()
	} else {
		f.button.Enable()
	}
}

// issue issues the course's certificates in the background, all or
// none, then shows how many and their serials and lists them. A course
// that is not over yet asks for the reason to issue them early.
func (s *certificatesScreen) issue(c *models.Course) {
	u := s.u
	goLoad(u, func(ctx context.Context) (models.ErrorList, error) { return u.whyNoCertificates(ctx, c.ID) }, func(why models.ErrorList) {
		if len(why) == 0 {
			s.issuer.task = s.issueNow(c)
			return
		}
		var issued []*models.Certificate
		u.askEarly(T("certificates.issue_early"), why, func(ctx context.Context, reason string) error {
			var err error
			issued, err = u.svc.Certificates.IssueCertificatesEarly(ctx, c.ID, reason)
			return err
		}, func() { s.issued(c, issued) })
	})
}

// issueNow issues the certificates of a course that is over, in the
// background.
func (s *certificatesScreen) issueNow(c *models.Course) *task {
	var issued []*models.Certificate
	return s.u.runTask(T("certificates.issue_title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("certificates.issuing", "Course", c.Title))
		var err error
		issued, err = s.u.svc.Certificates.IssueCertificates(ctx, c.ID)
		return err
	}, func() { s.issued(c, issued) })
}

// issued says what was issued and shows the course's certificates.
func (s *certificatesScreen) issued(c *models.Course, issued []*models.Certificate) {
	msg := T("certificates.issued_none", "Course", c.Title)
	if n := len(issued); n > 0 {
		msg = T("certificates.issued", "N", n, "Course", c.Title, "First", issued[0].Serial, "Last", issued[n-1].Serial)
	}
	kit.Inform(s.u.win, T("certificates.issue_title"), msg)
	s.year.SetSelectedIndex(0)
	s.status.SetSelectedIndex(0)
	s.loadThen(func() { s.showCourse(c.ID) })
}

// certVoidForm asks for the reason to void a certificate.
type certVoidForm struct {
	*dialogForm
	s      *certificatesScreen
	cert   training.CertificateRow
	reason *kit.Entry
	button *widget.Button
}

// openVoid asks for the reason and voids the certificate; the serial
// stays taken.
func (s *certificatesScreen) openVoid(r training.CertificateRow) *certVoidForm {
	f := &certVoidForm{dialogForm: newDialogForm(s.u), s: s, cert: r}
	what := kit.WrapLabel(T("certificates.void_what", "Serial", r.Certificate.Serial, "Name", r.Name, "Course", courseTitle(r.Course)),
		widget.MediumImportance)
	f.reason = f.entry("", T("certificates.void_placeholder"))
	f.row("void_reason", T("certificates.void_reason"), f.reason)
	// Whatever the rules say goes beside the reason.
	f.failed = func(err error) bool {
		f.Set("void_reason", UserMessage(err))
		return true
	}
	serial := r.Certificate.Serial
	f.open(T("certificates.void_title"), kit.Width(560, f.body(what)), fyne.NewSize(600, 260), func() (func(ctx context.Context) error, error) {
		reason := f.reason.Text
		return func(ctx context.Context) error { return s.u.svc.Certificates.VoidCertificate(ctx, serial, reason) }, nil
	}, func() { s.reveal(serial) })
	f.button = f.dialog.Button(1)
	f.button.SetText(T("certificates.void_button"))
	f.button.SetIcon(theme.DeleteIcon())
	f.button.Importance = widget.DangerImportance
	s.u.win.Canvas().Focus(f.reason)
	s.voidForm = f
	return f
}

// openReissue asks to confirm, then replaces the certificate with a new
// one under the next serial.
func (s *certificatesScreen) openReissue(r training.CertificateRow) {
	kit.Confirm(s.u.win, T("certificates.reissue_title"),
		T("certificates.reissue_confirm", "Serial", r.Certificate.Serial, "Name", r.Name, "Course", courseTitle(r.Course)),
		T("certificates.reissue_button"), func() { s.doReissue(r.Certificate.Serial) })
}

// doReissue reissues in the background, then shows the new serial,
// selected in the list.
func (s *certificatesScreen) doReissue(serial string) {
	u := s.u
	goLoad(u, func(ctx context.Context) (*models.Certificate, error) {
		return u.svc.Certificates.ReissueCertificate(ctx, serial)
	}, func(next *models.Certificate) {
		kit.Inform(u.win, T("certificates.reissue_title"), T("certificates.reissued", "Serial", serial, "New", next.Serial))
		s.reveal(next.Serial)
	})
}
