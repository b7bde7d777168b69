package app

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/internal/userdirs"
	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/reports/lists"
	"peiyang/training"
)

// Printing a course's documents: the roster (花名册), the sign-in sheets
// (签到表) of all its sessions or of one, and its completion certificates
// (结业证书). Each is written in the background (runTask) as a PDF into
// the documents folder, readable by its owner only, then opened in the
// system's viewer.

// coursePrintFolder returns the folder the documents go to, made when
// missing: Peiyang in the user's documents folder (the Documents known
// folder on Windows, the XDG documents directory on Linux). Tests
// replace it.
var coursePrintFolder = func() (string, error) {
	base, err := userdirs.Documents()
	if err != nil {
		return "", fmt.Errorf("app: %w", err)
	}
	dir := filepath.Join(base, "Peiyang")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("app: make the documents folder: %w", err)
	}
	return dir, nil
}

// courseOpenFile opens a written document in the system's viewer. Tests
// replace it so that nothing opens.
var courseOpenFile = func(path string) error {
	return fyne.CurrentApp().OpenURL(&url.URL{Scheme: "file", Path: path})
}

// courseFileName makes a file name from a document's title
// (userfile.SafeName).
func courseFileName(title string) string { return userfile.SafeName(title + ".pdf") }

// printDocument writes a document in the background and opens it: write
// produces the PDF's bytes.
func (s *coursesScreen) printDocument(name string, write func(ctx context.Context, p *Progress) ([]byte, error)) *task {
	return s.printDocumentTo(name, func(ctx context.Context, p *Progress, path string) error {
		data, err := write(ctx, p)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return userfile.WriteBytes(path, data)
	})
}

// printDocumentTo writes a document into the documents folder in the
// background, with write, and opens it.
func (s *coursesScreen) printDocumentTo(name string, write func(ctx context.Context, p *Progress, path string) error) *task {
	var path string
	return s.u.runTask(T("courses.printing"), func(ctx context.Context, p *Progress) error {
		dir, err := coursePrintFolder()
		if err != nil {
			return err
		}
		path = filepath.Join(dir, courseFileName(name))
		return write(ctx, p, path)
	}, func() {
		if err := courseOpenFile(path); err != nil {
			logError("open the document", err)
		}
		kit.Inform(s.u.win, T("courses.printing"), T("courses.printed", "File", path))
	})
}

// listsMeta is the heading data of the lists: the organisation and today.
func (s *coursesScreen) listsMeta(ctx context.Context) (lists.Meta, error) {
	org, err := s.u.svc.Settings.Setting(ctx, certificate.KeyOrgFallback)
	if err != nil {
		return lists.Meta{}, err
	}
	return lists.Meta{Org: org, Date: s.u.svc.Today()}, nil
}

// printRoster prints the course's roster.
func (s *coursesScreen) printRoster() *task {
	if s.cur == nil {
		return nil
	}
	c := s.cur.Course
	return s.printDocument(T("courses.file_roster", "Course", c.Title), func(ctx context.Context, p *Progress) ([]byte, error) {
		p.Note(T("courses.printing_roster"))
		l, err := s.u.svc.Courses.CourseList(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		m, err := s.listsMeta(ctx)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if _, err := lists.Roster(&b, m, l); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	})
}

// printSignIn prints the sign-in sheet of one session, or with 0 of every
// session of the course.
func (s *coursesScreen) printSignIn(sessionID int64) *task {
	if s.cur == nil {
		return nil
	}
	c := s.cur.Course
	name := T("courses.file_signin", "Course", c.Title)
	if sessionID != 0 {
		for _, ses := range s.attendance.list {
			if ses.ID == sessionID {
				name = T("courses.file_signin_one", "Course", c.Title, "Date", ses.Date.String())
			}
		}
	}
	return s.printDocument(name, func(ctx context.Context, p *Progress) ([]byte, error) {
		p.Note(T("courses.printing_signin"))
		var sheets []*training.SessionList
		if sessionID != 0 {
			l, err := s.u.svc.Courses.SessionList(ctx, sessionID)
			if err != nil {
				return nil, err
			}
			sheets = append(sheets, l)
		} else {
			var err error
			if sheets, err = s.u.svc.Courses.CourseSessionLists(ctx, c.ID); err != nil {
				return nil, err
			}
		}
		m, err := s.listsMeta(ctx)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if _, err := lists.SignIn(&b, m, sheets); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	})
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
			s.writeCertificates(c, false)
		default:
			msg := T("courses.certificates_pending", "N", n.pending, "Issued", n.issued, "Course", c.Title)
			actions := []kit.Action{kit.Cancel()}
			if n.issued > 0 {
				actions = append(actions, kit.Action{Label: T("courses.print_issued"), Icon: theme.DocumentPrintIcon(),
					Then: func() { s.writeCertificates(c, false) }})
			}
			actions = append(actions, kit.Action{Label: T("courses.issue_and_print"), Icon: theme.DocumentPrintIcon(),
				Importance: widget.HighImportance, Then: func() { s.writeCertificates(c, true) }})
			kit.Show(s.u.win, title, kit.Stack(520, kit.WrapLabel(msg, widget.MediumImportance)), fyne.Size{}, actions...)
		}
	})
}

// writeCertificates prints the certificates, issuing the missing ones
// first when issue is set.
func (s *coursesScreen) writeCertificates(c *models.Course, issue bool) *task {
	return s.printDocumentTo(T("courses.file_certificates", "Course", c.Title), func(ctx context.Context, p *Progress, path string) error {
		if issue {
			p.Note(T("courses.issuing"))
		} else {
			p.Note(T("courses.printing_certificates"))
		}
		_, err := certificate.Print(ctx, s.u.svc, certificate.Job{CourseID: c.ID, Issue: issue, Mode: certificate.Merged,
			Path: path, Detail: map[string]any{"source": "window"}})
		return err
	})
}
