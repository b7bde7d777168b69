package printing_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"peiyang/internal/poppler"
	"peiyang/models"
	"peiyang/printing"
	"peiyang/printing/cupstest"
	"peiyang/reports/pdfkit"
)

// samplePDF writes a two-page PDF with a name on each page.
func samplePDF(t *testing.T) (string, []byte) {
	t.Helper()
	d, err := pdfkit.New(pdfkit.Options{Title: "花名册"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"王𠮷", "阿依古丽·买买提"} {
		d.AddPage()
		if err := d.Text(20, 30, "学员："+name); err != nil {
			t.Fatal(err)
		}
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "名单.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, b
}

func pages(t *testing.T, pdf []byte) int {
	t.Helper()
	return strings.Count(poppler.Text(t, pdf), "\f")
}

// TestPrintThroughCUPS prints to a printer of a scheduler of the test's
// own, and reads back the PDF the printer received: the pages, the text,
// the copies; then the default printer, and the printers' list.
func TestPrintThroughCUPS(t *testing.T) {
	srv := cupstest.Start(t)
	srv.AddPrinter("Office", "办公室打印机", false, true)
	srv.AddPrinter("Simplex", "单面打印机", true, false)
	ctx := context.Background()
	list, err := printing.Printers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "Office" || !list[0].Default || list[0].Description != "办公室打印机" ||
		!list[0].Ready() || list[1].Default {
		t.Fatalf("printers %+v", list)
	}
	path, _ := samplePDF(t)
	job, err := printing.Print(ctx, path, printing.Options{Printer: "Office", Copies: 2, Duplex: printing.LongEdge, Paper: "A4", Title: "花名册"})
	if err != nil {
		t.Fatal(err)
	}
	if job.Printer != "Office" || !strings.HasPrefix(job.ID, "Office-") {
		t.Errorf("job %+v", job)
	}
	got := srv.WaitJob("Office")
	poppler.Check(t, poppler.WritePDF(t, got))
	text := poppler.NoSpace(poppler.Text(t, got))
	if n := pages(t, got); n != 4 {
		t.Errorf("%d pages printed, want 2 copies of 2", n)
	}
	if strings.Count(text, "学员：王𠮷") != 2 || strings.Count(text, "学员：阿依古丽·买买提") != 2 {
		t.Errorf("printed text %q", text)
	}
	// The default printer, when none is named.
	if job, err = printing.Print(ctx, path, printing.Options{}); err != nil || job.Printer != "Office" {
		t.Fatalf("default printer: %+v %v", job, err)
	}
	if n := pages(t, srv.WaitJob("Office")); n != 2 {
		t.Errorf("%d pages printed, want 2", n)
	}
	// A printer without a duplex unit, or without the paper: refused.
	if _, err := printing.Print(ctx, path, printing.Options{Printer: "Simplex", Duplex: printing.LongEdge}); models.ErrorCode(err) != models.EINVALID ||
		!strings.Contains(err.Error(), "cannot print on both sides") {
		t.Errorf("duplex on a one-sided printer: %v", err)
	}
	if _, err := printing.Print(ctx, path, printing.Options{Printer: "Office", Paper: "A5"}); err == nil || !strings.Contains(err.Error(), "has no A5 paper; it has A4, A3") {
		t.Errorf("A5: %v", err)
	}
}

// TestPrintErrors: a missing printer, a paused one and a stopped print
// system are clear errors, returned at once.
func TestPrintErrors(t *testing.T) {
	srv := cupstest.Start(t)
	path, _ := samplePDF(t)
	ctx := context.Background()
	if _, err := printing.Print(ctx, path, printing.Options{}); models.ErrorCode(err) != models.ENOTFOUND ||
		!strings.Contains(err.Error(), "No printer is installed") {
		t.Errorf("no printers: %v", err)
	}
	srv.AddPrinter("Office", "", false, false)
	if _, err := printing.Print(ctx, path, printing.Options{Printer: "Nowhere"}); models.ErrorCode(err) != models.ENOTFOUND ||
		!strings.Contains(err.Error(), "no printer called Nowhere") {
		t.Errorf("missing printer: %v", err)
	}
	srv.Pause("Office")
	start := time.Now()
	if _, err := printing.Print(ctx, path, printing.Options{Printer: "office"}); models.ErrorCode(err) != models.ECONFLICT ||
		!strings.Contains(err.Error(), "paused or offline") {
		t.Errorf("paused printer: %v", err)
	}
	t.Setenv("CUPS_SERVER", filepath.Join(t.TempDir(), "none.sock"))
	if _, err := printing.Printers(ctx); err == nil || !strings.Contains(err.Error(), "not running") {
		t.Errorf("no scheduler: %v", err)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("the errors took %s", d)
	}
	if _, err := printing.Print(ctx, path, printing.Options{Copies: 1000}); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("1000 copies: %v", err)
	}
}

func TestParseDuplex(t *testing.T) {
	for in, want := range map[string]printing.Duplex{"": "", "off": printing.OneSided, "LONG": printing.LongEdge, "short": printing.ShortEdge} {
		if got, err := printing.ParseDuplex(in); err != nil || got != want {
			t.Errorf("%q: %q %v", in, got, err)
		}
	}
	if _, err := printing.ParseDuplex("both"); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("both: %v", err)
	}
}
