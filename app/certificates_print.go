package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/printing"
	"peiyang/reports/certificate"
	"peiyang/training"
)

// Printing a course's certificates: one PDF, one PDF each in a folder, or
// those in a zip archive, on blank paper or on pre-printed stock (only
// the variable fields), in the background with progress and a cancel
// button; then the file or folder opens in the system's viewer.

// certPrintForm asks what to print and how.
type certPrintForm struct {
	s       *certificatesScreen
	choices []training.CourseCertificates
	course  *widget.Select
	info    *widget.Label
	mode    *widget.RadioGroup
	overlay *widget.Check
	button  *widget.Button
	dialog  *kit.Dialog
}

// openPrint asks for the course, the output and the paper, then where to
// write, and prints.
func (s *certificatesScreen) openPrint() *certPrintForm {
	f := &certPrintForm{s: s}
	for _, c := range s.courses {
		if c.Valid > 0 {
			f.choices = append(f.choices, c)
		}
	}
	names := make([]string, len(f.choices))
	for i, c := range f.choices {
		names[i] = T("certificates.print_choice", "Course", c.Course.Title, "N", c.Valid)
	}
	f.course = widget.NewSelect(names, func(string) { f.update() })
	f.course.PlaceHolder = T("certificates.choose_course")
	f.info = widget.NewLabel("")
	f.info.Wrapping = fyne.TextWrapWord
	modes := []string{T("certificates.print_merged"), T("certificates.print_split"), T("certificates.print_zip")}
	f.mode = widget.NewRadioGroup(modes, nil)
	f.mode.Required = true
	f.mode.SetSelected(modes[0])
	f.overlay = widget.NewCheck(T("certificates.print_overlay"), nil)
	overlayNote := kit.Caption(T("certificates.print_overlay_note"))
	overlayNote.Wrapping = fyne.TextWrapWord
	form := kit.Rows(
		kit.Row(T("certificates.course"), f.course),
		kit.Row(T("certificates.print_output"), f.mode),
		kit.Row(T("certificates.print_paper"), container.NewVBox(f.overlay, overlayNote)),
	)
	body := kit.Stack(640, form, f.info)
	f.dialog = kit.Show(s.u.win, T("certificates.print_title"), body, fyne.NewSize(680, 420), kit.Cancel(),
		kit.Action{Label: T("certificates.print_button"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance,
			Then: func() {
				if i := f.course.SelectedIndex(); i >= 0 {
					s.askTarget(f.choices[i].Course, certificate.Mode(max(0, slices.Index(modes, f.mode.Selected))), f.overlay.Checked)
				}
			}})
	f.button = f.dialog.Button(1)
	// The course filtered on, else the selected certificate's.
	want := s.filterCourse()
	if r := s.current(); want == 0 && r != nil {
		want = r.Certificate.CourseID
	}
	sel := -1
	for i, c := range f.choices {
		if c.Course.ID == want || len(f.choices) == 1 {
			sel = i
		}
	}
	if sel >= 0 {
		f.course.SetSelectedIndex(sel)
	}
	f.update()
	s.printer = f
	return f
}

func (f *certPrintForm) update() {
	i := f.course.SelectedIndex()
	switch {
	case len(f.choices) == 0:
		f.info.SetText(T("certificates.print_nothing"))
		f.course.Disable()
	case i < 0:
		f.info.SetText("")
	case f.choices[i].Pending > 0:
		c := f.choices[i]
		f.info.SetText(T("certificates.print_info", "N", c.Valid) + "\n" + T("certificates.print_pending", "N", c.Pending))
		f.info.Importance = widget.WarningImportance
	default:
		f.info.SetText(T("certificates.print_info", "N", f.choices[i].Valid))
		f.info.Importance = widget.MediumImportance
	}
	f.info.Refresh()
	if i < 0 {
		f.button.Disable()
	} else {
		f.button.Enable()
	}
}

// askTarget asks where to write: a PDF or zip file, or a folder.
func (s *certificatesScreen) askTarget(c *models.Course, mode certificate.Mode, overlay bool) {
	name := T("certificates.file_name", "Course", c.Title)
	title := T("certificates.print_title")
	run := func(path string) { s.print(c.ID, mode, overlay, path) }
	switch mode {
	case certificate.Split:
		s.u.askFolder(docCertificates, title, func(dir string) { run(filepath.Join(dir, userfile.SafeName(name))) })
	case certificate.Zip:
		s.u.askSave(docCertificates, title, name+".zip", ".zip", run)
	default:
		d := s.u.askSave(docCertificates, title, name+".pdf", ".pdf", run)
		d.offerPrint(title, func(o printing.Options) { s.u.printCertificates(title, c.ID, overlay, false, o, nil) })
	}
}

// print writes the course's valid certificates to path (a PDF or zip
// file, or for certificate.Split a folder, made if need be) in the
// background, then says where they went.
func (s *certificatesScreen) print(courseID int64, mode certificate.Mode, overlay bool, path string) *task {
	u := s.u
	var batch *certificate.Batch
	return u.runTask(T("certificates.print_title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("certificates.print_loading"))
		printed, err := certificate.Print(ctx, u.svc, certificate.Job{CourseID: courseID, Overlay: overlay, Mode: mode,
			Path: path, Detail: map[string]any{"source": "window"}, Progress: func(done, total int) {
				if done == 0 {
					p.Note(T("certificates.print_drawing", "N", total))
				} else {
					p.Set(done, total)
				}
			}})
		if err != nil {
			return err
		}
		batch = printed.Batch
		return nil
	}, func() {
		msg := T("certificates.printed", "N", len(batch.Items), "Course", batch.Course.Title)
		if n := len(batch.Pending); n > 0 {
			msg += "\n" + T("certificates.printed_pending", "N", n, "Names", pendingNames(batch.Pending))
		}
		u.showSaved(T("certificates.print_title"), msg, path)
	})
}

// pendingNames lists up to ten names, then how many more.
func pendingNames(ts []*models.Trainee) string {
	var names []string
	for i, t := range ts {
		if i == 10 {
			names = append(names, T("certificates.and_more", "N", len(ts)-i))
			break
		}
		names = append(names, t.Name)
	}
	return strings.Join(names, "、")
}
