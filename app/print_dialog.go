package app

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/internal/userfile"
	"peiyang/printing"
	"peiyang/reports/certificate"
)

// Printing straight to a printer: the save dialog of a PDF offers Print
// beside Save; Print asks for the printer (the default one chosen), the
// copies and two-sided printing, writes the PDF to a temporary file in
// the background, sends it (package printing) and says so. A missing or
// paused printer is said as the command line says it.

// printDialog asks where and how to print.
type printDialog struct {
	u        *ui
	printers []printing.Printer
	printer  *widget.Select
	copies   *kit.Entry
	duplex   *widget.Select
	note     *widget.Label
	dialog   *kit.Dialog
}

// duplexChoices are the duplex select's choices, in order.
var duplexChoices = []printing.Duplex{"", printing.OneSided, printing.LongEdge, printing.ShortEdge}

// offerPrint adds Print beside Save: it closes the save dialog and asks
// for the printer, then hands the options on.
func (d *saveDialog) offerPrint(title string, print func(o printing.Options)) {
	d.dialog.Insert(1, kit.Action{Label: T("print.button"), Icon: theme.DocumentPrintIcon(),
		Then: func() { d.u.askPrinter(title, print) }})
}

// askPrinter asks for the printer, the copies and two-sided printing; the
// printers are read in the background.
func (u *ui) askPrinter(title string, then func(o printing.Options)) *printDialog {
	p := &printDialog{u: u}
	p.printer = widget.NewSelect(nil, nil)
	p.printer.PlaceHolder = T("print.loading")
	p.printer.Disable()
	p.copies = kit.NewEntry()
	p.copies.SetText("1")
	labels := []string{T("print.duplex_default"), T("print.one_sided"), T("print.long_edge"), T("print.short_edge")}
	p.duplex = widget.NewSelect(labels, nil)
	p.duplex.SetSelectedIndex(0)
	p.note = widget.NewLabel("")
	p.note.Wrapping = fyne.TextWrapWord
	form := kit.Rows(
		kit.Row(T("print.printer"), p.printer),
		kit.Row(T("print.copies"), p.copies),
		kit.Row(T("print.duplex"), p.duplex),
	)
	p.dialog = kit.Show(u.win, title, kit.Stack(480, form, p.note), fyne.Size{}, kit.Cancel(),
		kit.Action{Label: T("print.do"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance, Do: func() bool {
			o, ok := p.options()
			if ok {
				then(o)
			}
			return ok
		}})
	p.dialog.Button(1).Disable()
	u.printing = p
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		list, err := printing.Printers(u.ctx)
		onUI(func() { p.loaded(list, err) })
	}()
	return p
}

// loaded shows the printers, the default one chosen.
func (p *printDialog) loaded(list []printing.Printer, err error) {
	p.printer.PlaceHolder = T("print.choose")
	switch {
	case err != nil:
		p.note.SetText(UserMessage(err))
		p.note.Importance = widget.DangerImportance
	case len(list) == 0:
		p.note.SetText(T("print.none"))
		p.note.Importance = widget.WarningImportance
	}
	p.note.Refresh()
	p.printers = list
	names := make([]string, len(list))
	sel := -1
	for i, pr := range list {
		names[i] = pr.Name
		if pr.Default {
			names[i] = T("print.default", "Name", pr.Name)
			sel = i
		}
		if !pr.Ready() {
			names[i] = T("print.stopped", "Name", names[i])
		}
	}
	p.printer.Options = names
	p.printer.Refresh()
	if len(list) > 0 {
		p.printer.Enable()
		p.dialog.Button(1).Enable()
		if sel >= 0 {
			p.printer.SetSelectedIndex(sel)
		}
	}
}

// options reads the dialog, or says what is wrong.
func (p *printDialog) options() (printing.Options, bool) {
	i := p.printer.SelectedIndex()
	if i < 0 {
		p.note.SetText(T("print.choose"))
		p.note.Importance = widget.WarningImportance
		p.note.Refresh()
		return printing.Options{}, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(p.copies.Text))
	if err != nil || n < 1 || n > printing.MaxCopies {
		p.note.SetText(T("print.bad_copies"))
		p.note.Importance = widget.WarningImportance
		p.note.Refresh()
		return printing.Options{}, false
	}
	return printing.Options{Printer: p.printers[i].Name, Copies: n, Duplex: duplexChoices[max(0, p.duplex.SelectedIndex())]}, true
}

// printPDF writes a PDF (write) to a temporary file in the background,
// sends it to the printer, records it in the audit trail (what, no
// personal data) and says it was sent; then runs after, when set.
func (u *ui) printPDF(title, what string, o printing.Options, write func(ctx context.Context, p *Progress, path string) error, after func()) *task {
	var job *printing.Job
	return u.runTask(title, func(ctx context.Context, p *Progress) error {
		path, done, err := printing.TempFile()
		if err != nil {
			return err
		}
		defer done()
		if err := write(ctx, p, path); err != nil {
			return err
		}
		p.Note(T("print.sending", "Printer", o.Printer))
		o.Title = title
		if job, err = printing.Print(ctx, path, o); err != nil {
			return err
		}
		return u.audit(ctx, "print", "", 0, map[string]any{"what": what, "printer": job.Printer, "copies": max(1, o.Copies)})
	}, func() {
		msg := T("print.sent", "Printer", job.Printer, "N", max(1, o.Copies))
		if job.ID != "" {
			msg += "\n" + T("print.job", "Job", job.ID)
		}
		if len(job.Notes) > 0 {
			msg += "\n" + T("print.notes")
		}
		kit.Inform(u.win, title, msg)
		if after != nil {
			after()
		}
	})
}

// printCertificates prints a course's valid certificates, one PDF,
// straight to a printer, issuing the missing ones first when asked.
func (u *ui) printCertificates(title string, courseID int64, overlay, issue bool, o printing.Options, after func()) *task {
	return u.printPDF(title, "certificates", o, func(ctx context.Context, p *Progress, path string) error {
		p.Note(T("certificates.print_loading"))
		_, err := certificate.Print(ctx, u.svc, certificate.Job{CourseID: courseID, Overlay: overlay, Issue: issue, Mode: certificate.Merged,
			Path: path, Detail: map[string]any{"source": "window", "printer": o.Printer}, Progress: func(done, total int) {
				if done > 0 {
					p.Set(done, total)
				}
			}})
		return err
	}, after)
}

// printSaveJob prints what a save job writes.
func (u *ui) printSaveJob(j saveJob, o printing.Options) *task {
	what := fmt.Sprint(j.audit.detail["what"])
	return u.printPDF(j.title, what, o, func(ctx context.Context, p *Progress, path string) error {
		return userfile.Write(path, func(w io.Writer) error { return j.write(ctx, p, w) })
	}, nil)
}
