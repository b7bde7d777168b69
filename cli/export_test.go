package cli

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"peiyang/internal/poppler"
	"peiyang/internal/private/privatetest"
	"peiyang/models"
)

func cellAt(t *testing.T, path, sheet, cell string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetList()[0]
	}
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestExportCommands(t *testing.T) {
	if bothStores(t, TestExportCommands) {
		return
	}
	db, c := courseDB(t)
	course := strconv.FormatInt(c.ID, 10)
	dir := t.TempDir()
	out := filepath.Join(dir, "trainees.xlsx")
	cmd(t, db, "export", "trainees", out).want(t, 0, "Wrote 2 trainee(s)")
	privatetest.Assert(t, out)
	if v := cellAt(t, out, "培养对象", "F2"); v != models.MaskIDNumber(cliID1) {
		t.Errorf("ID number %q not masked", v)
	}
	cmd(t, db, "export", "trainees", out, "--full-ids", "--region", "中江").want(t, 0, "Wrote 2 trainee(s)")
	if v := cellAt(t, out, "培养对象", "F2"); v != cliID1 {
		t.Errorf("--full-ids wrote %q", v)
	}
	cmd(t, db, "export", "trainees", out, "--region", "眉山").want(t, 0, "Wrote 0 trainee(s)")
	cmd(t, db, "export", "trainees", filepath.Join(dir, "x.csv")).want(t, 2, "must end in .xlsx")
	cmd(t, db, "export", "trainees", out, "--direction", "sideways").want(t, 2, "inflow or outflow")

	cmd(t, db, "enrol", "--course", course, "--trainee", "1").want(t, 0)
	roster := filepath.Join(dir, "roster.xlsx")
	cmd(t, db, "export", "roster", roster, "--course", course).want(t, 0, "Wrote 1 enrolment(s)")
	if v := cellAt(t, roster, "花名册", "B2"); v != "张三" {
		t.Errorf("roster B2 %q", v)
	}
	cmd(t, db, "export", "roster", roster).want(t, 2, "--course is required")
	cmd(t, db, "export", "attendance", filepath.Join(dir, "grid.xlsx"), "--course", course).want(t, 0, "Wrote 1 trainee(s)' attendance")
	cmd(t, db, "export", "placements", filepath.Join(dir, "p.xlsx")).want(t, 0, "Wrote 0 placement(s)")
	cmd(t, db, "export", "mentors", filepath.Join(dir, "m.xlsx")).want(t, 0, "Wrote 0 mentorship(s)")
	cmd(t, db, "export", "returns", filepath.Join(dir, "r.xlsx"), "--year", "2025").want(t, 0, "Wrote 0 return(s)")
	cmd(t, db, "export", "roster", roster, "--course", "99").want(t, 1, "not found")
}

func TestExportFeedbackCommand(t *testing.T) {
	if bothStores(t, TestExportFeedbackCommand) {
		return
	}
	db, _ := courseDB(t)
	dir := filepath.Join(t.TempDir(), "德阳")
	r := cmd(t, db, "export", "feedback", "--region", "德阳市", "--out", dir)
	r.want(t, 0, "Feedback package of 德阳市: 2 trainee(s)", "培养反馈_德阳市_2025-06-15.xlsx", "成果报告_德阳市_2025-06-15.pdf")
	report := pdfText(t, filepath.Join(dir, "成果报告_德阳市_2025-06-15.pdf"))
	for _, want := range []string{"成果报告", "德阳市", "纳入培养"} {
		if !strings.Contains(report, want) {
			t.Errorf("the outcome report lacks %q", want)
		}
	}
	if v := cellAt(t, filepath.Join(dir, "培养反馈_德阳市_2025-06-15.xlsx"), "培养对象", "B2"); v != "张三" {
		t.Errorf("B2 %q", v)
	}
	r = cmd(t, db, "export", "feedback", "--region", "德阳", "--out", dir, "--json")
	r.want(t, 0)
	var fb struct {
		Trainees int    `json:"trainees"`
		Workbook string `json:"workbook"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &fb); err != nil || fb.Trainees != 2 || !strings.HasSuffix(fb.Workbook, ".xlsx") {
		t.Errorf("--json %q %v", r.stdout, err)
	}
	cmd(t, db, "export", "feedback", "--region", "德阳").want(t, 2, "--region and --out are required")
	cmd(t, db, "export", "feedback", "--region", "资阳", "--out", dir).want(t, 1, "No trainee's home region contains 资阳")
}

// pdfText reads a PDF's text with pdftotext; the test is skipped where
// poppler-utils is missing.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	return poppler.FileText(t, path, "-layout")
}
