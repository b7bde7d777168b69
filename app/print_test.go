package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"peiyang/internal/poppler"
	"peiyang/models"
	"peiyang/printing/cupstest"
)

// TestPrintToPrinter prints a course's roster from the window straight to
// a printer (a CUPS scheduler of the test's own): the save dialog's Print
// asks for the printer, the default one chosen, and the printer receives
// the roster; then certificates to a paused printer say so.
func TestPrintToPrinter(t *testing.T) {
	srv := cupstest.Start(t)
	srv.AddPrinter("Office", "办公室", false, true)
	srv.AddPrinter("Hall", "大厅", false, false)
	e, s := coursesEnv(t, LangChinese)
	cs, _ := e.svc.Courses.CourseSummaries(ctx, models.CourseFilter{})
	var pick int64
	for _, c := range cs {
		if issued, _, _ := e.svc.Certificates.CertificateCounts(ctx, c.Course.ID); issued > 0 && pick == 0 {
			pick = c.Course.ID
		}
	}
	openCourse(t, e, s, pick, "attendance")
	e.act(s.printRoster)
	save := e.u.win.Canvas().Overlays().Top()
	if save == nil || e.u.saving == nil {
		t.Fatal("no save dialog")
	}
	e.act(func() { test.Tap(findButton(t, save, T("print.button"))) })
	p := e.u.printing
	if p == nil {
		t.Fatal("Print opened no print dialog")
	}
	if len(p.printers) != 2 {
		t.Fatalf("printers %+v", p.printers)
	}
	if got := p.printer.Selected; got != T("print.default", "Name", "Office") {
		t.Errorf("printer chosen %q, want the default", got)
	}
	e.act(func() {
		p.copies.SetText("2")
		p.dialog.Submit()
	})
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "已发送到打印机 Office，共 2 份") {
		t.Fatalf("no notice of the print: %q", texts(top))
	}
	got := srv.WaitJob("Office")
	text := poppler.NoSpace(poppler.Text(t, got))
	if strings.Count(text, "学员花名册") < 2 {
		t.Errorf("the printer got %q", text[:min(200, len(text))])
	}
	wantAuditPrinter(t, e, "Office")

	// Certificates to a paused printer: the message says so.
	srv.Pause("Hall")
	e.act(func() { s.writeCertificates(s.cur.Course, false, "") })
	e.act(func() { test.Tap(findButton(t, e.u.win.Canvas().Overlays().Top(), T("print.button"))) })
	p = e.u.printing
	if got := p.printer.Options[0]; got != "Hall（已暂停）" {
		t.Errorf("the paused printer is listed as %q", got)
	}
	e.act(func() {
		p.printer.SetSelectedIndex(0) // Hall, in lpstat's order
		p.dialog.Submit()
	})
	if top := e.u.win.Canvas().Overlays().Top(); top == nil || !shows(top, "Hall") || !shows(top, "已暂停或脱机") {
		t.Errorf("no message of the paused printer: %q", texts(top))
	}
}

// wantAuditPrinter checks that the audit trail records a print to the
// printer from the window.
func wantAuditPrinter(t *testing.T, e *testEnv, printer string) {
	t.Helper()
	entries, err := e.svc.Audit.FindAudit(ctx, models.AuditFilter{Action: "print"})
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		if strings.Contains(en.After, `"printer":"`+printer+`"`) && strings.Contains(en.After, `"source":"window"`) {
			return
		}
	}
	t.Errorf("no print to %s from the window in the audit trail", printer)
}
