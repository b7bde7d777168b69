package lists

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"peiyang/internal/poppler"

	"peiyang/models"
	"peiyang/reports/pdfkit"
)

// Helpers that read the PDFs back with poppler-utils (pdftotext,
// pdftoppm), skipping the test when the tools are not installed, and
// build test data.

func needTool(t *testing.T, name string) { poppler.NeedTool(t, name) }

func writePDF(t *testing.T, pdf []byte) string { return poppler.WritePDF(t, pdf) }

// pdfText runs pdftotext -layout with args (e.g. "-f", "2", "-l", "2").
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	return poppler.Text(t, pdf, append([]string{"-layout"}, args...)...)
}

// pages returns the text of each page. Every document a test reads keeps
// to the glossary (models.CheckWording).
func pages(t *testing.T, pdf []byte) []string {
	t.Helper()
	// In content order, without the line breaks of wrapped cells.
	if p := models.CheckWording(noSpace(poppler.Text(t, pdf, "-raw"))); p != nil {
		t.Errorf("the document strays from the glossary: %s", strings.Join(p, "; "))
	}
	ps := strings.Split(pdfText(t, pdf), "\f")
	if n := len(ps); n > 0 && strings.TrimSpace(ps[n-1]) == "" {
		ps = ps[:n-1]
	}
	return ps
}

// boxText returns the text pdftotext -layout finds on page in the box
// x..x+w, y..y+h millimetres, with all white space removed.
func boxText(t *testing.T, pdf []byte, page int, x, y, w, h float64) string {
	return poppler.BoxText(t, pdf, page, x, y, w, h, "-layout")
}

func noSpace(s string) string { return poppler.NoSpace(s) }

func render(t *testing.T, pdf []byte, page, dpi int) image.Image {
	return poppler.Render(t, pdf, page, dpi)
}

// ink counts the dark pixels of img inside the box x..x+w, y..y+h
// millimetres (rendered at dpi).
func ink(img image.Image, dpi int, x, y, w, h float64) int {
	px := func(mm float64) int { return int(mm / 25.4 * float64(dpi)) }
	area := image.Rect(px(x), px(y), px(x+w), px(y+h)).Intersect(img.Bounds())
	n := 0
	for yy := area.Min.Y; yy < area.Max.Y; yy++ {
		for xx := area.Min.X; xx < area.Max.X; xx++ {
			r, g, b, _ := img.At(xx, yy).RGBA()
			if r+g+b < 3*0x8000 {
				n++
			}
		}
	}
	return n
}

// allPagesInked renders every page at 30 dpi and fails on a blank one.
func allPagesInked(t *testing.T, pdf []byte, n int) {
	t.Helper()
	for p := 1; p <= n; p++ {
		img := render(t, pdf, p, 30)
		b := img.Bounds()
		if got := ink(img, 30, 0, 0, float64(b.Dx())*25.4/30, float64(b.Dy())*25.4/30); got < 300 {
			t.Errorf("page %d of %d is (nearly) blank: %d dark pixels", p, n, got)
		}
	}
}

// wantInOrder fails unless the parts occur in text in this order.
func wantInOrder(t *testing.T, text string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(text[at:], p)
		if i < 0 {
			if strings.Contains(text, p) {
				t.Errorf("%q is out of order in %v", p, parts)
			} else {
				t.Errorf("%q is missing", p)
			}
			return
		}
		at += i + len(p)
	}
}

// wantAll fails unless every part occurs in text.
func wantAll(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("%s lacks %q", what, p)
		}
	}
}

// footer checks "第 x 页 共 y 页" on every page.
func footer(t *testing.T, ps []string) {
	t.Helper()
	for i, p := range ps {
		if want := fmt.Sprintf("第%d页共%d页", i+1, len(ps)); !strings.Contains(noSpace(p), want) {
			t.Errorf("page %d lacks %s", i+1, want)
		}
	}
}

var today = models.MustDate("2025-11-26")

var meta = Meta{Org: "成都市基层党务学院", Date: today}

// note is a 200-character remark; longNote the same without repeats, so
// that a lost or repeated piece shows.
var note = string([]rune(strings.Repeat("该学员在重点村跟班学习期间，积极参与基层治理（网格化管理）和产业规划工作，表现突出；导师意见：优秀。", 5))[:200])

var longNote = func() string {
	var b strings.Builder
	for i := 0; b.Len() < 600; i++ {
		fmt.Fprintf(&b, "第%d条：参加村务会议并记录民情，", i+1)
	}
	return string([]rune(b.String())[:200])
}()

// idNumber completes 17 digits with the check character.
func idNumber(first17 string) string { return first17 + string(models.IDCheckChar(first17)) }

// trainee makes a trainee; n makes the ID number and phone distinct.
func trainee(id int64, name string, g models.Gender, notes string) *models.Trainee {
	seq := fmt.Sprintf("%03d", id%1000)
	gd := "1"
	if g == models.Female {
		gd = "2"
	}
	return &models.Trainee{ID: id, Name: name, Gender: g, Ethnicity: "汉族", BirthDate: models.MustDate("1988-02-15"),
		IDNumber: idNumber("51062319880215" + seq[:2] + gd), Phone: fmt.Sprintf("138%08d", 10000000+id),
		Education: "大专", JoinedParty: models.MustDate("2012-07-01"), Branch: "锦江区新业态新就业群体流动党员党支部",
		Direction: models.Inflow, HomeRegion: models.Region{Province: "四川省", City: "德阳市", County: "中江县", Town: "仓山镇", Village: "先锋村", Code: "510623"},
		CurrentDistrict: "锦江区", Employer: "美团外卖（骑手）", Notes: notes}
}

// print runs a document function into bytes.
func print(t *testing.T, f func(w *bytes.Buffer) (int, error)) ([]byte, int) {
	t.Helper()
	var b bytes.Buffer
	n, err := f(&b)
	if err != nil {
		t.Fatal(err)
	}
	writePDF(t, b.Bytes()) // qpdf --check
	// PEIYANG_PDF_DIR keeps the documents, to look at them.
	if dir := os.Getenv("PEIYANG_PDF_DIR"); dir != "" {
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.pdf", name, time.Now().UnixNano())), b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes(), n
}

// columnX returns the left edge and width of column j of cols on a page
// with the package's 15 mm left margin.
func columnX(cols []pdfkit.Column, j int) (float64, float64) {
	x := 15.0
	for _, c := range cols[:j] {
		x += c.Width
	}
	return x, cols[j].Width
}

// checkColumns reads each column of a table back from every page (below
// the header row, above bottom millimetres) and compares it with the
// expected cells of its rows, in order: nothing lost, clipped, repeated or
// out of order, characters outside the BMP (𠮷) included.
func checkColumns(t *testing.T, pdf []byte, n int, cols []pdfkit.Column, rows [][]string, bottom float64) {
	t.Helper()
	checkColumnsAbove(t, pdf, n, cols, rows, func(int) float64 { return bottom })
}

// checkColumnsAbove is checkColumns with a bottom for each page.
func checkColumnsAbove(t *testing.T, pdf []byte, n int, cols []pdfkit.Column, rows [][]string, bottom func(page int) float64) {
	t.Helper()
	for j, c := range cols {
		x, w := columnX(cols, j)
		header := noSpace(c.Header)
		got := ""
		for p := 1; p <= n; p++ {
			text := boxText(t, pdf, p, x, 0, w, bottom(p))
			i := strings.Index(text, header)
			if i < 0 {
				if text != "" {
					t.Errorf("column %s on page %d: no header in %q", c.Header, p, text)
				}
				continue
			}
			got += text[i+len(header):]
		}
		want := ""
		for _, r := range rows {
			want += noSpace(r[j])
		}
		if got != want {
			t.Errorf("column %s reads\n%s\nwant\n%s", c.Header, got, want)
		}
	}
}

// bmp drops the characters outside the BMP.
// afterHeader returns what follows the header in text, "" without one.
func afterHeader(text, header string) string {
	if i := strings.Index(text, header); i >= 0 {
		return text[i+len(header):]
	}
	return ""
}

var wordBox = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)"[^>]*>([^<]*)</word>`)

// wordY returns the top in millimetres of the first word on page that
// starts with prefix, and false when there is none.
func wordY(t *testing.T, pdf []byte, page int, prefix string) (float64, bool) {
	t.Helper()
	p := fmt.Sprint(page)
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-bbox", "-f", p, "-l", p, writePDF(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	for _, m := range wordBox.FindAllStringSubmatch(string(out), -1) {
		if strings.HasPrefix(m[2], prefix) {
			y, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				t.Fatal(err)
			}
			return y * ptToMM, true
		}
	}
	return 0, false
}
