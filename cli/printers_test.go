package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"peiyang/internal/poppler"
	"peiyang/printing"
	"peiyang/printing/cupstest"
	"peiyang/reports/certificate/certtest"
)

// TestPrintToPrinter prints from the command line through a CUPS
// scheduler of the test's own: the printers' list, certificates and a
// roster sent to a printer (the PDF the printer got read back), and the
// errors of a missing and a paused printer.
func TestPrintToPrinter(t *testing.T) {
	srv := cupstest.Start(t)
	srv.AddPrinter("Office", "办公室", false, true)
	srv.AddPrinter("Hall", "大厅", true, false)
	f := certtest.New(t)
	c, _ := f.Course("乡村振兴专题培训班", []string{"阿依古丽·买买提", "王𠮷", "欧阳娜娜"}, 3)
	f.Issue(c)
	f.Close()
	db, course := f.Path, fmt.Sprint(c.ID)

	cmd(t, db, "printers").want(t, 0, "* Office", "idle", "办公室", "  Hall")
	r := cmd(t, db, "printers", "--json")
	r.want(t, 0)
	var list []printing.Printer
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 2 || list[0].Name != "Hall" || !list[1].Default {
		t.Fatalf("printers --json: %s (%v)", r.stdout, err)
	}

	// Certificates to the default printer, two copies.
	cmd(t, db, "print", "certificates", "--course", course, "--printer", "--copies", "2").want(t, 0, "Sent Peiyang certificates to the printer Office as job Office-", "copies: 2")
	got := srv.WaitJob("Office")
	text := poppler.NoSpace(poppler.Text(t, got))
	if n := strings.Count(text, "结业证书"); n != 6 {
		t.Errorf("%d certificates printed, want 3 twice", n)
	}
	if !strings.Contains(text, "王𠮷同志") {
		t.Errorf("printed text %q", text)
	}
	// A roster to a named printer, and to a file as well.
	out := t.TempDir() + "/roster.pdf"
	cmd(t, db, "print", "roster", "--course", course, "--printer", "Hall", "--out", out).want(t, 0, "Sent", "Hall", "Wrote "+out)
	if text := poppler.NoSpace(poppler.Text(t, srv.WaitJob("Hall"))); !strings.Contains(text, "学员花名册") || !strings.Contains(text, "欧阳娜娜") {
		t.Errorf("printed roster %q", text)
	}
	// Errors: no such printer, a one-sided printer asked for both sides, a
	// paused printer, --split with --printer.
	cmd(t, db, "print", "roster", "--course", course, "--printer", "Nowhere").want(t, 1, "There is no printer called Nowhere")
	cmd(t, db, "print", "roster", "--course", course, "--printer=Hall", "--duplex", "long").want(t, 1, "cannot print on both sides")
	srv.Pause("Office")
	cmd(t, db, "print", "calibration", "--printer").want(t, 1, "Office is paused or offline")
	cmd(t, db, "print", "certificates", "--course", course, "--printer", "--split", t.TempDir()).want(t, 2, "goes with --out")
	cmd(t, db, "print", "roster", "--course", course, "--printer", "Hall", "--copies", "0").want(t, 2, "--copies must be between 1 and 999")
}
