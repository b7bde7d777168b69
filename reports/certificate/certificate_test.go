package certificate

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/certsign"
	"peiyang/internal/poppler"
	"peiyang/models"
	"peiyang/reports/certificate/certtest"
	"peiyang/reports/certificate/qr"
	"peiyang/reports/pdfkit"
)

func printPDF(t *testing.T, p *Printer, items []Item) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := p.WriteMerged(&b, items); err != nil {
		t.Fatal(err)
	}
	poppler.WritePDF(t, b.Bytes()) // qpdf --check
	return b.Bytes()
}

func testSettings() *Settings {
	s := Defaults()
	s.Signatory = "院长：李建国"
	return s
}

// TestFullCertificate prints the sample names, 𠮷 and a middle dot among
// them, and reads every field back.
func TestFullCertificate(t *testing.T) {
	items := sampleItems()
	pdf := printPDF(t, &Printer{Settings: testSettings()}, items)
	for i, it := range items {
		text := pageText(t, pdf, i+1)
		name := it.Name
		for _, want := range []string{
			"结业证书", "证书编号：" + it.Serial,
			name + "同志于2025年6月2日至6月13日参加成都市基层党务学院举办的" + it.Course +
				"，完成规定课程32学时，经考核合格，准予结业。特发此证。",
			"院长：李建国", "成都市基层党务学院", "2025年6月15日", "扫码验证真伪",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d (%s) lacks %q:\n%s", i+1, it.Name, want, text)
			}
		}
	}
	if got := strings.Count(pdfText(t, pdf), "结 业 证 书"); got != len(items) {
		t.Errorf("%d titles for %d pages", got, len(items))
	}

	const dpi = 60
	for page := 1; page <= len(items); page++ {
		img := render(t, pdf, page, dpi)
		if n, _ := ink(img, dpi, 0, 0, pageW, pageH, dark); n < 3000 {
			t.Errorf("page %d is (nearly) blank: %d dark pixels", page, n)
		}
		// No seal drawn by the program: the place over the date is left
		// for the unit's stamp.
		if n, box := ink(img, dpi, sealX-25, sealY-25, 50, 50, red); n > 0 {
			t.Errorf("page %d: %d red pixels where the stamp goes, in %v", page, n, box)
		}
		// The QR code, square.
		if n, box := ink(img, dpi, qrX-2, qrY-2, qrSide+4, qrSide+4, dark); n < 300 || abs(box.Dx()-box.Dy()) > 2 {
			t.Errorf("page %d: the QR code has %d dark pixels in %v", page, n, box)
		}
		// Nothing is drawn off the frame.
		if n, _ := ink(img, dpi, 0, 0, pageW, 7, anyInk); n > 0 {
			t.Errorf("page %d: %d pixels above the frame", page, n)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestNonBMPNameDrawn: 𠮷 is drawn, about as much ink as 吉 in the same
// place, and is in the text layer.
func TestNonBMPNameDrawn(t *testing.T) {
	it := SampleItem()
	it.Name = "王𠮷"
	withOutline := printPDF(t, &Printer{Settings: testSettings()}, []Item{it})
	if text := pageText(t, withOutline, 1); !strings.Contains(text, "王𠮷同志") {
		t.Errorf("the text layer lacks 王𠮷: %s", text)
	}
	it.Name = "王吉"
	withText := printPDF(t, &Printer{Settings: testSettings()}, []Item{it})
	const dpi = 150
	em := bodySize * ptToMM
	cell := func(pdf []byte) int {
		n, _ := ink(render(t, pdf, 1, dpi), dpi, bodyX+3*em, bodyY, em, lineHeight(bodySize), dark)
		return n
	}
	a, b := cell(withOutline), cell(withText)
	if b < 100 || a < b/2 || a > b*2 {
		t.Errorf("𠮷 has %d dark pixels where 吉 has %d", a, b)
	}
}

// TestQRCodeDecodes renders whole pages and scans them with zbarimg: at
// 100 dpi, and as a phone's photo might show the page (150 dpi, turned 5°
// and blurred by a pixel). The long name and course title make the usual
// certificate's largest code.
func TestQRCodeDecodes(t *testing.T) {
	items := sampleItems()[:2]
	items[1].Course = "2025年流动党员乡村振兴带头人能力提升专题培训班（第一期）"
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		it := &items[i]
		it.Code = certsign.NewPayload(&models.Certificate{Serial: it.Serial, IssuedOn: it.IssuedOn}, it.Name, "51062319900101123X", it.Course).Sign(key)
	}
	pdf := printPDF(t, &Printer{Settings: testSettings()}, items)
	for i, it := range items {
		c, err := qr.Encode([]byte(it.Code), qr.M)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("page %d: %d bytes, version %d-%s, %.2f mm a module", i+1, len(it.Code), c.Version, c.Level, qrSide/float64(c.Size))
		if got := certtest.Scan(t, render(t, pdf, i+1, 100)); got != it.Code {
			t.Errorf("page %d at 100 dpi: QR code says %q, want %q", i+1, got, it.Code)
		}
		photo := certtest.PhotoLike(render(t, pdf, i+1, 150), 5, 1)
		if got := certtest.Scan(t, photo); got != it.Code {
			t.Errorf("page %d, photo-like: QR code says %q, want %q", i+1, got, it.Code)
		}
	}
}

// TestOverlay prints only the variable fields, each in its box, shifted by
// the offsets.
func TestOverlay(t *testing.T) {
	s := testSettings()
	it := sampleItems()[3]
	check := func(pdf []byte, dx, dy float64) {
		t.Helper()
		text := pageText(t, pdf, 1)
		for _, absent := range []string{"结业证书", "成都市基层党务学院", "院长", "特发此证"} {
			if strings.Contains(text, absent) {
				t.Errorf("overlay prints %q", absent)
			}
		}
		want := map[string]string{"serial": it.Serial, "name": it.Name, "gender": "男", "start": "2025年6月2日",
			"end": "2025年6月13日", "course": it.Course, "hours": "32", "issued": "2025年6月15日"}
		for f, v := range want {
			p := s.Positions[f]
			w := p.Width
			if w == 0 {
				w = 60
			}
			if got := boxText(t, pdf, 1, p.X+dx-1, p.Y+dy-p.Size*ptToMM, w+2, p.Size*ptToMM*1.2); got != v {
				t.Errorf("offset (%g, %g): field %s box holds %q, want %q", dx, dy, f, got, v)
			}
		}
	}
	check(printPDF(t, &Printer{Settings: s, Overlay: true}, []Item{it}), 0, 0)
	s.OffsetX, s.OffsetY = 4, -3
	check(printPDF(t, &Printer{Settings: s, Overlay: true}, []Item{it}), 4, -3)

	// A long course title shrinks to its width; a QR code when placed.
	it.Course = strings.Repeat("乡村振兴", 12)
	s.Positions["qr"] = Position{X: 20, Y: 150, Size: 30}
	pdf := printPDF(t, &Printer{Settings: s, Overlay: true}, []Item{it})
	p := s.Positions["course"]
	if got := boxText(t, pdf, 1, p.X+4-1, p.Y-3-10, p.Width+2, 14); got != it.Course {
		t.Errorf("long course title: %q", got)
	}
	if got := certtest.Scan(t, render(t, pdf, 1, 150)); got != it.Code {
		t.Errorf("overlay QR code %q", got)
	}
}

// TestCalibration draws the grid and the field boxes, with the offsets.
func TestCalibration(t *testing.T) {
	s := testSettings()
	s.OffsetX, s.OffsetY = 2.5, -1
	d, err := (&Printer{Settings: s}).Calibration()
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := pageText(t, pdf, 1)
	for _, want := range []string{"证书套打校准页", "certificate.offset_x", "offset_x=2.5mm，offset_y=-1mm，纸张297×210mm",
		"姓名name(58,96)", "阿依古丽·买买提", "发证日期issued(195,168)", "2025年6月15日", "2025-0001", "100", "200", "290"} {
		if !strings.Contains(text, want) {
			t.Errorf("calibration page lacks %q:\n%s", want, text)
		}
	}
	const dpi = 100
	img := render(t, pdf, 1, dpi)
	// 1 mm lines everywhere: a light pixel row every millimetre.
	if n, _ := ink(img, dpi, 150, 60, 10, 10, anyInk); n < 300 {
		t.Errorf("the grid is missing: %d inked pixels in 10×10 mm", n)
	}
	// The 10 mm lines are shifted by the offset: x = 100 + 2.5 mm is dark blue.
	line, _ := ink(img, dpi, 102.3, 60, 0.4, 20, func(r, g, b uint32) bool { return b > r+40 && r < 0x80 })
	none, _ := ink(img, dpi, 99.8, 60, 0.4, 20, func(r, g, b uint32) bool { return b > r+40 && r < 0x80 })
	if line < 20 || none > line/4 {
		t.Errorf("10 mm line at 102.5 mm: %d pixels, at 100 mm: %d", line, none)
	}
}

func TestDatesAndWording(t *testing.T) {
	s := testSettings()
	s.ChineseDates = true
	s.Body = "兹证明{{name}}（{{serial}}）参加{{course}}，共{{hours}}学时，{{issued}}。"
	s.Title = "培训结业证书"
	s.Color = pdfkit.Color{R: 0, G: 0x33, B: 0x99}
	it := sampleItems()[2]
	it.Hours = 12.5
	it.IssuedOn = models.MustDate("2025-12-31")
	text := pageText(t, printPDF(t, &Printer{Settings: s}, []Item{it}), 1)
	for _, want := range []string{"培训结业证书", "兹证明欧阳娜娜（成基党院结〔2025〕3号）参加" + it.Course + "，共12.5学时，二〇二五年十二月三十一日。", "二〇二五年十二月三十一日"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	for d, want := range map[string]string{"2025-01-01": "二〇二五年一月一日", "2024-10-20": "二〇二四年十月二十日", "2030-11-09": "二〇三〇年十一月九日"} {
		if got := s.date(models.MustDate(d)); got != want {
			t.Errorf("%s: %s, want %s", d, got, want)
		}
	}
}

// TestLongWordingShrinks: a long course title and name still fit above
// the signature block.
func TestLongWordingShrinks(t *testing.T) {
	it := SampleItem()
	it.Course = strings.Repeat("基层治理能力现代化", 11)
	s := testSettings()
	s.OrgName = "中共成都市郫都区委党校基层党务干部培训学院"
	pdf := printPDF(t, &Printer{Settings: s}, []Item{it})
	if text := pageText(t, pdf, 1); !strings.Contains(text, it.Course) || !strings.Contains(text, "准予结业") || !strings.Contains(text, s.OrgName) {
		t.Errorf("long wording lost:\n%s", text)
	}
	const dpi = 60
	img := render(t, pdf, 1, dpi)
	if n, _ := ink(img, dpi, bodyX, bodyY+bodyH+1, bodyW-90, signatoryY-bodyY-bodyH-6, dark); n > 0 {
		t.Errorf("the wording runs below its box: %d dark pixels", n)
	}
	// The organisation's name shrinks into the signature block.
	if n, _ := ink(img, dpi, signX+signW+0.5, orgY-8, pageW-12-signX-signW-0.5, 10, dark); n > 0 {
		t.Errorf("the organisation's name runs out of its block: %d dark pixels", n)
	}
}

func TestBackgroundImage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 60, 42))
	for y := 0; y < 42; y++ {
		for x := 0; x < 60; x++ {
			img.Set(x, y, color.RGBA{0xF4, 0xE8, 0xC8, 0xFF})
		}
	}
	name := filepath.Join(t.TempDir(), "bg.png")
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	s := testSettings()
	if err := s.loadBackground(context.Background(), fileSettings{KeyBackground: name}); err != nil {
		t.Fatal(err)
	}
	items := sampleItems()[:2]
	pdf := printPDF(t, &Printer{Settings: s}, items)
	r := render(t, pdf, 2, 30)
	if n, _ := ink(r, 30, 2, 2, 4, 4, func(r, g, b uint32) bool { return r > 0xE8 && b < 0xD8 }); n < 4 {
		t.Error("the background is not drawn in the corner")
	}
	if !strings.Contains(pageText(t, pdf, 2), "欧阳娜娜") && !strings.Contains(pageText(t, pdf, 2), "王") {
		t.Error("text missing over the background")
	}
}

// fileSettings reads settings from a map, with no file copied in.
type fileSettings map[string]string

func (m fileSettings) Setting(_ context.Context, key string) (string, error) { return m[key], nil }
func (m fileSettings) SettingFile(context.Context, string) (*models.SettingFile, error) {
	return nil, nil
}

// TestMissingGlyph names the certificate and the characters.
func TestMissingGlyph(t *testing.T) {
	it := SampleItem()
	it.Name = "王\uE000芳"
	err := (&Printer{Settings: testSettings()}).WriteMerged(&bytes.Buffer{}, []Item{it})
	var de *models.Error
	if !errors.As(err, &de) || !strings.Contains(err.Error(), it.Serial) || !strings.Contains(err.Error(), "\uE000") {
		t.Errorf("missing glyph: %v", err)
	}
}

func TestDeterministic(t *testing.T) {
	p := &Printer{Settings: testSettings()}
	a, b := printPDF(t, p, sampleItems()), printPDF(t, p, sampleItems())
	if !bytes.Equal(a, b) {
		t.Error("the same certificates twice gave different PDFs")
	}
	if len(a) > 400<<10 {
		t.Errorf("4 certificates take %d KB", len(a)>>10)
	}
}
