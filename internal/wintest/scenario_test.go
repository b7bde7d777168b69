package wintest

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"peiyang/internal/poppler"
	"peiyang/models"
	"peiyang/reports/certificate/certtest"
)

func idNumber(first17 string) string { return first17 + string(models.IDCheckChar(first17)) }

// TestWindowsScenario drives Peiyang.exe under Wine through a staff
// member's day, with Windows paths: the default database in %APPDATA%,
// folders with spaces and Chinese characters, UTF-8 and GBK lists, a
// workbook, every printed document, a QR code read back from a
// certificate, backup and restore, an export. Every step's output is
// checked: JSON parsed, PDFs read with pdftotext, workbooks opened.
func TestWindowsScenario(t *testing.T) {
	w := Setup(t)
	poppler.NeedTool(t, "pdftotext")
	poppler.NeedTool(t, "pdftoppm")

	// The default database lives in %APPDATA%\peiyang; start afresh.
	appdata, _ := filepath.Glob(filepath.Join(w.Prefix, "drive_c", "users", "*", "AppData", "Roaming"))
	if len(appdata) != 1 {
		t.Fatalf("no single AppData\\Roaming in the prefix: %v", appdata)
	}
	defaultDB := filepath.Join(appdata[0], "peiyang", "peiyang.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(defaultDB + suffix)
	}
	work := fmt.Sprintf(`C:\users\Public\Documents\培养 测试 %d`, os.Getpid())
	if err := os.MkdirAll(w.Unix(work), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(w.Unix(work)) })
	in := func(name string) string { return work + `\` + name }

	r := w.Run(t, nil, "--version").Want(t, 0, "Peiyang ", "(commit ")
	if strings.Contains(r.Stdout, "0.0.0") {
		t.Errorf("--version did not read FyneApp.toml: %s", r.Stdout)
	}

	// demo and stats on the default database.
	w.Run(t, nil, "demo", "--trainees", "300").Want(t, 0, "Demo data written", "300 trainees")
	if _, err := os.Stat(defaultDB); err != nil {
		t.Fatalf("the default database is not in %%APPDATA%%\\peiyang: %v", err)
	}
	var stats struct {
		Overall struct {
			Total   int            `json:"total"`
			Reached map[string]int `json:"reached"`
		} `json:"overall"`
		Regions []json.RawMessage `json:"regions"`
	}
	r = w.Run(t, nil, "stats", "--json").Want(t, 0)
	if err := json.Unmarshal([]byte(r.Stdout), &stats); err != nil {
		t.Fatalf("stats --json is not JSON: %v\n%q", err, r.Stdout)
	}
	if stats.Overall.Total != 300 || stats.Overall.Reached["nominated"] != 300 || len(stats.Regions) == 0 {
		t.Errorf("stats --json: %+v", stats.Overall)
	}
	// Plain output is UTF-8 when redirected.
	w.Run(t, nil, "stats").Want(t, 0, "Pipeline of 300 trainees", "德阳")

	// The rest works on a copy in a folder with spaces and Chinese.
	db := in(`数据 库\培养.db`)
	os.MkdirAll(filepath.Dir(w.Unix(db)), 0o755)
	w.Run(t, nil, "backup", db).Want(t, 0)
	dbArgs := func(args ...string) []string { return append([]string{"--db", db}, args...) }
	w.Run(t, nil, dbArgs("check")...).Want(t, 0)

	scenarioImports(t, w, in, dbArgs)
	split := scenarioDocuments(t, w, in, dbArgs)

	// The QR code of a printed certificate, read back and verified.
	payload := qrOfPDF(t, split[0])
	w.Run(t, nil, dbArgs("verify", payload)...).Want(t, 0, "VALID")
	w.Run(t, nil, dbArgs("verify", payload+"x")...).Want(t, 1)

	// An export, read back.
	w.Run(t, nil, dbArgs("export", "trainees", in(`导出\学员 名单.xlsx`))...).Want(t, 0)
	if got := readSheet(t, w.Unix(in(`导出\学员 名单.xlsx`))); !strings.Contains(got, "王五") || !strings.Contains(got, "孙七") {
		t.Errorf("the export lacks the imported trainees: %.300s", got)
	}

	// A folder that does not exist is named, not "Path not found".
	r = w.Run(t, nil, "backup", in(`不存在\b.db`)).Want(t, 1, "The folder "+in("不存在")+" does not exist.")
	if strings.Contains(r.Stderr, "path specified") || strings.Contains(r.Stderr, "Path not found") {
		t.Errorf("the raw system message is shown: %s", r.Stderr)
	}

	// Restore the default database from the copy: it then holds the imports.
	w.Run(t, nil, "restore", db).Want(t, 0)
	w.Run(t, nil, "trainees", "search", "孙七").Want(t, 0, "孙七")
}

// scenarioImports takes in a UTF-8 list, a GBK list and a workbook with
// one bad row, whose rejected row is written beside it.
func scenarioImports(t *testing.T, w *Wine, in func(string) string, dbArgs func(...string) []string) {
	t.Helper()
	// A UTF-8 list, a GBK list and a workbook with one bad row.
	utf8List := "序号,姓名,身份证号码,手机,户籍地\n1,张三,%s,13812345678,四川省德阳市中江县\n2,李四,%s,13912345678,四川省德阳市广汉市\n"
	writeFile(t, w.Unix(in("名单 UTF8.csv")), []byte(fmt.Sprintf(utf8List, idNumber("51062319880215123"), idNumber("51068119900101002"))))
	w.Run(t, nil, dbArgs("import", "trainees", in("名单 UTF8.csv"))...).Want(t, 0, "imported: 2")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(fmt.Sprintf("姓名,身份证号码,户籍地\n王五,%s,四川省眉山市仁寿县\n赵六,%s,四川省资阳市安岳县\n",
		idNumber("51142119850301001"), idNumber("51202119870505002")))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, w.Unix(in("名单 GBK.csv")), []byte(gbk))
	w.Run(t, nil, dbArgs("import", "trainees", in("名单 GBK.csv"))...).Want(t, 0, "imported: 2")
	w.Run(t, nil, dbArgs("trainees", "search", "王五")...).Want(t, 0, "王五")
	book := excelize.NewFile()
	rows := [][]any{{"姓名", "身份证号码", "手机"}, {"孙七", idNumber("51062319900606003"), "13700000001"}, {"周八", "510623199001010000", "13700000002"}}
	for i, row := range rows {
		book.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &row)
	}
	if err := book.SaveAs(w.Unix(in("名单 表格.xlsx"))); err != nil {
		t.Fatal(err)
	}
	w.Run(t, nil, dbArgs("import", "trainees", in("名单 表格.xlsx"), "--skip-invalid")...).Want(t, 0, "imported: 1", "rejected: 1")
	rejected := w.Unix(in("名单 表格_rejected.xlsx"))
	if got := readSheet(t, rejected); !strings.Contains(got, "周八") || strings.Contains(got, "孙七") {
		t.Errorf("rejected rows: %s", got)
	}
}

// scenarioDocuments prints the roster, the sign-in sheets and the
// certificates of the demo's first finished course, into one PDF, one
// file each and a zip, and returns the files of --split.
func scenarioDocuments(t *testing.T, w *Wine, in func(string) string, dbArgs func(...string) []string) []string {
	t.Helper()
	for _, d := range []string{"文件", "导出"} {
		if err := os.MkdirAll(w.Unix(in(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A finished course with certificates: the demo's first.
	var courses []struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
	}
	r := w.Run(t, nil, dbArgs("courses", "list", "--status", "finished", "--json")...).Want(t, 0)
	if err := json.Unmarshal([]byte(r.Stdout), &courses); err != nil || len(courses) == 0 {
		t.Fatalf("courses list --json: %v %q", err, r.Stdout)
	}
	course := fmt.Sprint(courses[0].ID)
	title := courses[0].Title

	w.Run(t, nil, dbArgs("print", "roster", "--course", course, "--out", in(`文件\花名册 1.pdf`))...).Want(t, 0)
	if text := pdfText(t, w.Unix(in(`文件\花名册 1.pdf`))); !strings.Contains(text, "花名册") || !strings.Contains(text, poppler.NoSpace(title)[:12]) {
		t.Errorf("roster text: %.300s", text)
	}
	w.Run(t, nil, dbArgs("print", "signin", "--course", course, "--out", in(`文件\签到表.pdf`))...).Want(t, 0)
	if text := pdfText(t, w.Unix(in(`文件\签到表.pdf`))); !strings.Contains(text, "签到") {
		t.Errorf("sign-in sheet text: %.300s", text)
	}
	w.Run(t, nil, dbArgs("print", "certificates", "--course", course, "--out", in(`文件\结业 证书.pdf`))...).Want(t, 0, "certificate(s)")
	if text := pdfText(t, w.Unix(in(`文件\结业 证书.pdf`))); !strings.Contains(text, "结业证书") && !strings.Contains(text, "第0001号") {
		t.Errorf("certificates text: %.300s", text)
	}
	w.Run(t, nil, dbArgs("print", "certificates", "--course", course, "--split", in(`文件\证书 分开`))...).Want(t, 0)
	split, _ := filepath.Glob(filepath.Join(w.Unix(in(`文件\证书 分开`)), "*.pdf"))
	if len(split) == 0 {
		t.Fatal("--split wrote no files")
	}
	w.Run(t, nil, dbArgs("print", "certificates", "--course", course, "--zip", in(`文件\证书.zip`))...).Want(t, 0)
	zr, err := zip.OpenReader(w.Unix(in(`文件\证书.zip`)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(split) {
		t.Errorf("the zip holds %d certificates, --split wrote %d", len(zr.File), len(split))
	}
	zr.Close()
	return split
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readSheet returns the first sheet's cells, tab-separated.
func readSheet(t *testing.T, name string) string {
	t.Helper()
	f, err := excelize.OpenFile(name)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}

func pdfText(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return poppler.NoSpace(poppler.Text(t, data))
}

// qrOfPDF renders the first page at 100 dpi and reads its QR code with
// zbarimg, as a scanner would.
func qrOfPDF(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return certtest.Scan(t, poppler.Render(t, data, 1, 100))
}
