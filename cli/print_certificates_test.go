package cli

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/certsign"
	"peiyang/internal/poppler"
	"peiyang/internal/private/privatetest"
	"peiyang/reports/certificate/certtest"
)

// certCourse makes a database with a course whose first four trainees
// completed it and got certificates; the fifth did not complete it.
func certCourse(t *testing.T) (path string, course string, trainees []string) {
	f := certtest.New(t)
	c, ts := f.Course("乡村振兴专题培训班", []string{"阿依古丽·买买提", "王𠮷", "欧阳娜娜", "司马相如", "张三"}, 4)
	f.Issue(c)
	f.Close()
	for _, tr := range ts {
		trainees = append(trainees, fmt.Sprint(tr.ID))
	}
	return f.Path, fmt.Sprint(c.ID), trainees
}

func pdfToText(t *testing.T, name string) string {
	t.Helper()
	return poppler.NoSpace(poppler.FileText(t, name))
}

func mode600(t *testing.T, name string) {
	t.Helper()
	privatetest.Assert(t, name)
}

func TestPrintCertificates(t *testing.T) {
	if bothStores(t, TestPrintCertificates) {
		return
	}
	db, course, trainees := certCourse(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "证书.pdf")
	cmd(t, db, "print", "certificates", "--course", course, "--out", out).want(t, 0, "Wrote 4 certificate(s) of 乡村振兴专题培训班")
	mode600(t, out)
	text := pdfToText(t, out)
	for _, want := range []string{"2025-0001", "2025-0004", "阿依古丽·买买提同志于2025年6月2日至6月13日", "王𠮷同志于", "欧阳娜娜", "司马相如", "成都市基层党务学院", "完成规定课程4学时"} {
		if !strings.Contains(text, want) {
			t.Errorf("certificates lack %q", want)
		}
	}
	if strings.Contains(text, "张三") {
		t.Error("张三 did not complete but got a certificate")
	}

	split := filepath.Join(dir, "split")
	cmd(t, db, "print", "certificates", "--course", course, "--split", split).want(t, 0, "2025-0001-阿依古丽·买买提.pdf")
	files, _ := filepath.Glob(filepath.Join(split, "*.pdf"))
	if len(files) != 4 {
		t.Fatalf("split wrote %v", files)
	}
	mode600(t, filepath.Join(split, "2025-0002-王𠮷.pdf"))

	zipName := filepath.Join(dir, "证书.zip")
	cmd(t, db, "print", "certificates", "--course", course, "--zip", zipName, "--overlay").want(t, 0, "for pre-printed stock")
	mode600(t, zipName)
	zr, err := zip.OpenReader(zipName)
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 4 || zr.File[3].Name != "2025-0004-司马相如.pdf" {
		t.Errorf("zip holds %d files, the last %s", len(zr.File), zr.File[len(zr.File)-1].Name)
	}
	zr.Close()

	one := filepath.Join(dir, "one.pdf")
	cmd(t, db, "print", "certificates", "--course", course, "--trainee", trainees[2], "--out", one).want(t, 0, "Wrote 1 certificate(s)")
	if text := pdfToText(t, one); !strings.Contains(text, "欧阳娜娜") || strings.Contains(text, "司马相如") {
		t.Errorf("one trainee's certificate: %s", text)
	}
	// Who did not complete, and why.
	cmd(t, db, "print", "certificates", "--course", course, "--trainee", trainees[4], "--out", one).want(t, 1, "张三 did not complete 乡村振兴专题培训班")
	// A void certificate is not printed; its holder is pointed at issuing.
	cmd(t, db, "certificates", "void", "2025-0001", "--reason", "姓名有误").want(t, 0)
	r := cmd(t, db, "print", "certificates", "--course", course, "--out", out)
	r.want(t, 0, "Wrote 3 certificate(s)", "1 trainee(s) completed 乡村振兴专题培训班 but hold no valid certificate", "阿依古丽·买买提", "peiyang certificates issue --course "+course)
	if text := pdfToText(t, out); strings.Contains(text, "阿依古丽") {
		t.Error("a void certificate was printed")
	}

	// Usage.
	cmd(t, db, "print", "certificates", "--course", course).want(t, 2, "exactly one of --out, --split and --zip")
	cmd(t, db, "print", "certificates", "--course", course, "--out", out, "--zip", zipName).want(t, 2, "exactly one")
	cmd(t, db, "print", "certificates", "--out", out).want(t, 2, "--course is required")
	cmd(t, db, "print", "certificates", "--course", "999", "--out", out).want(t, 1, "not found")
	cmd(t, db, "--help").want(t, 0, "print certificates", "print calibration", "verify")
}

func TestPrintCalibration(t *testing.T) {
	if bothStores(t, TestPrintCalibration) {
		return
	}
	db, _, _ := certCourse(t)
	out := filepath.Join(t.TempDir(), "cal.pdf")
	cmd(t, db, "print", "calibration", "--out", out).want(t, 0, "certificate.overlay.name = 58,96,20,45", "certificate.offset_x = 0")
	mode600(t, out)
	if text := pdfToText(t, out); !strings.Contains(text, "证书套打校准页") {
		t.Errorf("calibration page: %s", text)
	}
	cmd(t, db, "print", "calibration").want(t, 2, "give --out FILE, or --printer [NAME] to print")
}

// qrFromPDF renders the first page at 100 dpi and reads its QR code with
// zbarimg, as a scanner would.
func qrFromPDF(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return certtest.Scan(t, poppler.Render(t, b, 1, 100))
}

// TestVerify scans the printed QR codes and checks them: valid, then
// void, replaced, tampered with, or signed with another key.
func TestVerify(t *testing.T) {
	if bothStores(t, TestVerify) {
		return
	}
	db, course, trainees := certCourse(t)
	dir := t.TempDir()
	var codes []string
	for i := 0; i < 3; i++ {
		name := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
		cmd(t, db, "print", "certificates", "--course", course, "--trainee", trainees[i], "--out", name).want(t, 0)
		codes = append(codes, qrFromPDF(t, name))
	}
	if !strings.HasPrefix(codes[0], "PY2|2025-0001|阿依古丽·买买提|乡村振兴专题培训班|20250615 ") {
		t.Fatalf("QR code %q", codes[0])
	}
	cmd(t, db, "verify", codes[0]).want(t, 0, "VALID: Certificate 2025-0001 of 阿依古丽·买买提 for 乡村振兴专题培训班, issued on 2025-06-15, is valid.", "ID number: ")
	r := cmd(t, db, "verify", codes[0], "--json")
	r.want(t, 0)
	var v struct {
		Status  string `json:"status"`
		Payload struct {
			Serial   string `json:"serial"`
			MaskedID string `json:"masked_id"`
		} `json:"payload"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v.Status != "valid" || v.Payload.Serial != "2025-0001" || !strings.Contains(v.Payload.MaskedID, "********") {
		t.Errorf("verify --json: %s (%v)", r.stdout, err)
	}

	cmd(t, db, "certificates", "void", "2025-0002", "--reason", "重复发放").want(t, 0)
	cmd(t, db, "verify", codes[1]).want(t, 1, "VOID: Certificate 2025-0002 of 王𠮷 is void: 重复发放")
	cmd(t, db, "certificates", "reissue", "2025-0003").want(t, 0, "2025-0005")
	r = cmd(t, db, "verify", codes[2], "--json")
	r.want(t, 1, `"status": "replaced"`, `"replaced_by": "2025-0005"`)
	if strings.Count(r.stdout, `"status"`) != 1 {
		t.Errorf("verify --json printed more than the verdict: %s", r.stdout)
	}

	tampered := strings.Replace(codes[0], "阿依古丽·买买提", "阿依古丽", 1)
	cmd(t, db, "verify", tampered).want(t, 1, "FORGED")
	cmd(t, db, "verify", "https://example.com/").want(t, 1, "FORGED", "not the code of a Peiyang certificate")
	// The same certificate signed by another database's key.
	other := certtest.New(t)
	c2, _ := other.Course("乡村振兴专题培训班", []string{"阿依古丽·买买提"}, 1)
	other.Issue(c2)
	other.Close()
	cmd(t, other.Path, "print", "certificates", "--course", fmt.Sprint(c2.ID), "--out", filepath.Join(dir, "other.pdf")).want(t, 0)
	foreign := qrFromPDF(t, filepath.Join(dir, "other.pdf"))
	cmd(t, other.Path, "verify", foreign).want(t, 0, "VALID")
	cmd(t, db, "verify", foreign).want(t, 1, "FORGED")
	if _, _, err := certsign.Parse(foreign); err != nil {
		t.Error(err)
	}
	cmd(t, db, "verify").want(t, 2, "expected 1 argument")
}
