package app

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/models"
	"peiyang/printing"
	"peiyang/reports/certificate"
	"peiyang/reports/lists"
	"peiyang/settings"
	"peiyang/training"
)

// Printing a course's documents: the roster (花名册), the sign-in sheets
// (签到表) of one session or of all, and its completion certificates
// (结业证书). Each is saved where the user says (save.go), in the
// background, and recorded in the audit trail.

// listsMeta is the heading data of the lists: the organisation and today.
func (u *ui) listsMeta(ctx context.Context, fullIDs bool) (lists.Meta, error) {
	org, err := u.svc.Settings.Setting(ctx, settings.OrgName)
	if err != nil {
		return lists.Meta{}, err
	}
	return lists.Meta{Org: org, Date: u.svc.Today(), FullIDs: fullIDs}, nil
}

// printRoster prints the course's roster.
func (s *coursesScreen) printRoster() {
	if s.cur == nil {
		return
	}
	c := s.cur.Course
	detail := map[string]any{}
	s.u.save(saveJob{kind: docLists, title: T("courses.print_roster"), name: T("courses.file_roster", "Course", c.Title) + ".pdf", ext: ".pdf",
		write: func(ctx context.Context, p *Progress, w io.Writer) error {
			p.Note(T("courses.printing_roster"))
			l, err := s.u.svc.Courses.CourseList(ctx, c.ID)
			if err != nil {
				return err
			}
			m, err := s.u.listsMeta(ctx, false)
			if err != nil {
				return err
			}
			detail["what"] = fmt.Sprintf("roster of %d trainee(s)", len(l.Trainees))
			_, err = lists.Roster(w, m, l)
			return err
		},
		audit: auditNote{action: "print", entity: "courses", id: c.ID, detail: detail},
		saved: func() string { return T("courses.printed_roster", "Course", c.Title) },
	})
}

// printSignIn prints the sign-in sheet of one session, or with nil of
// every session of the course.
func (s *coursesScreen) printSignIn(ses *models.Session) {
	if s.cur == nil {
		return
	}
	c := s.cur.Course
	name := T("courses.file_signin", "Course", c.Title)
	sessionID := int64(0)
	if ses != nil {
		name = T("courses.file_signin_one", "Course", c.Title, "Date", ses.Date.String())
		sessionID = ses.ID
	}
	detail := map[string]any{}
	s.u.save(saveJob{kind: docLists, title: T("courses.print_signin"), name: name + ".pdf", ext: ".pdf",
		write: func(ctx context.Context, p *Progress, w io.Writer) error {
			p.Note(T("courses.printing_signin"))
			sheets, err := s.signInSheets(ctx, c.ID, sessionID)
			if err != nil {
				return err
			}
			m, err := s.u.listsMeta(ctx, false)
			if err != nil {
				return err
			}
			detail["what"] = fmt.Sprintf("sign-in sheets of %d session(s)", len(sheets))
			_, err = lists.SignIn(w, m, sheets)
			return err
		},
		audit: auditNote{action: "print", entity: "courses", id: c.ID, detail: detail},
		saved: func() string { return T("courses.printed_signin", "Course", c.Title) },
	})
}

// printSignInInView prints the sign-in sheet of the session in view: the
// attendance tab's, else the current one (the last held by today, else
// the first).
func (s *coursesScreen) printSignInInView() {
	if s.cur == nil {
		return
	}
	c := s.cur.Course
	if ses := s.attendance.sessionInView(c.ID); ses != nil {
		s.printSignIn(ses)
		return
	}
	goLoad(s.u, func(ctx context.Context) ([]*models.Session, error) {
		return s.u.svc.Courses.FindSessions(ctx, models.SessionFilter{CourseID: c.ID})
	}, func(ss []*models.Session) {
		if i := currentSession(ss, s.u.svc.Today()); i >= 0 && s.cur != nil && s.cur.Course.ID == c.ID {
			s.printSignIn(ss[i])
		} else if i < 0 {
			kit.Inform(s.u.win, T("courses.print_signin"), T("courses.no_sessions_to_print", "Course", c.Title))
		}
	})
}

// signInSheets are the sheets of one session, or with 0 of every session
// of the course.
func (s *coursesScreen) signInSheets(ctx context.Context, courseID, sessionID int64) ([]*training.SessionList, error) {
	if sessionID == 0 {
		return s.u.svc.Courses.CourseSessionLists(ctx, courseID)
	}
	l, err := s.u.svc.Courses.SessionList(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	return []*training.SessionList{l}, nil
}

// printCertificates prints the course's valid certificates. Trainees who
// completed it without a certificate yet are offered theirs first:
// issuing numbers them for good, so it is asked.
func (s *coursesScreen) printCertificates() {
	if s.cur == nil {
		return
	}
	c := s.cur.Course
	type counts struct{ issued, pending int }
	goLoad(s.u, func(ctx context.Context) (counts, error) {
		i, p, err := s.u.svc.Certificates.CertificateCounts(ctx, c.ID)
		return counts{i, p}, err
	}, func(n counts) {
		title := T("courses.print_certificates")
		switch {
		case n.issued == 0 && n.pending == 0:
			kit.Inform(s.u.win, title, T("courses.no_certificates", "Course", c.Title))
		case n.pending == 0:
			s.writeCertificates(c, false, "")
		default:
			msg := T("courses.certificates_pending", "N", n.pending, "Issued", n.issued, "Course", c.Title)
			actions := []kit.Action{kit.Cancel()}
			if n.issued > 0 {
				actions = append(actions, kit.Action{Label: T("courses.print_issued"), Icon: theme.DocumentPrintIcon(),
					Then: func() { s.writeCertificates(c, false, "") }})
			}
			actions = append(actions, kit.Action{Label: T("courses.issue_and_print"), Icon: theme.DocumentPrintIcon(),
				Importance: widget.HighImportance, Then: func() { s.issueAndPrint(c) }})
			kit.Show(s.u.win, title, kit.Stack(520, kit.WrapLabel(msg, widget.MediumImportance)), fyne.Size{}, actions...)
		}
	})
}

// issueAndPrint issues the missing certificates and prints them all; a
// course that is not over yet asks for the reason to issue them early.
func (s *coursesScreen) issueAndPrint(c *models.Course) {
	u := s.u
	goLoad(u, func(ctx context.Context) (models.ErrorList, error) { return u.whyNoCertificates(ctx, c.ID) }, func(why models.ErrorList) {
		if len(why) == 0 {
			s.writeCertificates(c, true, "")
			return
		}
		var reason string
		u.askEarly(T("certificates.issue_early"), why, func(_ context.Context, r string) error {
			reason = r
			return nil
		}, func() { s.writeCertificates(c, true, reason) })
	})
}

// writeCertificates prints the certificates into one PDF, issuing the
// missing ones first when issue is set (early, for that reason, when the
// course is not over yet).
func (s *coursesScreen) writeCertificates(c *models.Course, issue bool, early string) {
	title := T("courses.print_certificates")
	d := s.u.askSave(docCertificates, title, T("courses.file_certificates", "Course", c.Title)+".pdf", ".pdf", func(path string) {
		var printed *certificate.Printed
		s.u.runTask(title, func(ctx context.Context, p *Progress) error {
			if issue {
				p.Note(T("courses.issuing"))
			} else {
				p.Note(T("courses.printing_certificates"))
			}
			var err error
			printed, err = certificate.Print(ctx, s.u.svc, certificate.Job{CourseID: c.ID, Issue: issue, EarlyReason: early, Mode: certificate.Merged,
				Path: path, Detail: map[string]any{"source": "window"}})
			return err
		}, func() {
			s.u.showSaved(title, T("certificates.printed", "N", len(printed.Batch.Items), "Course", c.Title), path)
			s.changed()
		})
	})
	d.offerPrint(title, func(o printing.Options) { s.u.printCertificates(title, c.ID, false, issue, o, s.changed) })
}
