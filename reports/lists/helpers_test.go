package lists

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/reports/pdfkit"
)

// Helpers that read the PDFs back with poppler-utils (pdftotext,
// pdftoppm), skipping the test when the tools are not installed, and
// build test data.

func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not found: install poppler-utils (scripts/setup.sh does) to read PDFs back", name)
	}
}

// writePDF writes pdf to a temporary file and returns its name.
func writePDF(t *testing.T, pdf []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(name, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

// pdfText runs pdftotext -layout with args (e.g. "-f", "2", "-l", "2").
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	needTool(t, "pdftotext")
	name := writePDF(t, pdf)
	out, err := exec.Command("pdftotext", append(append([]string{"-layout"}, args...), "-enc", "UTF-8", name, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pages returns the text of each page.
func pages(t *testing.T, pdf []byte) []string {
	t.Helper()
	ps := strings.Split(pdfText(t, pdf), "\f")
	if n := len(ps); n > 0 && strings.TrimSpace(ps[n-1]) == "" {
		ps = ps[:n-1]
	}
	return ps
}

// boxText returns the text pdftotext finds on page in the box x..x+w,
// y..y+h millimetres, with all white space removed.
func boxText(t *testing.T, pdf []byte, page int, x, y, w, h float64) string {
	t.Helper()
	pt := func(mm float64) string { return fmt.Sprint(int(mm / ptToMM)) }
	p := fmt.Sprint(page)
	return noSpace(pdfText(t, pdf, "-f", p, "-l", p, "-x", pt(x), "-y", pt(y), "-W", pt(w), "-H", pt(h)))
}

// noSpace removes all white space, ideographic spaces included.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// render rasterises page of pdf at dpi.
func render(t *testing.T, pdf []byte, page, dpi int) image.Image {
	t.Helper()
	needTool(t, "pdftoppm")
	name := writePDF(t, pdf)
	p := fmt.Sprint(page)
	out, err := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-png", "-f", p, "-l", p, "-singlefile", name).Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("decode pdftoppm output: %v", err)
	}
	return img
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
var note = string([]rune(strings.Repeat("该学员在重点村跟班学习期间，积极参与基层治理（网格化管理）和产业规划工作，表现突出；导师评价：优秀。", 5))[:200])

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
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
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
// out of order. Characters outside the BMP, drawn as outlines, are not in
// the text and are left out of the expected cells.
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
			want += noSpace(bmp(r[j]))
		}
		if got != want {
			t.Errorf("column %s reads\n%s\nwant\n%s", c.Header, got, want)
		}
	}
}

// bmp drops the characters outside the BMP.
func bmp(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return -1
		}
		return r
	}, s)
}

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
