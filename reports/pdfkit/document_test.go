package pdfkit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"peiyang/internal/poppler"

	"github.com/jung-kurt/gofpdf"
)

// note is a 200-character remark of the kind a mentor writes.
var note = string([]rune(strings.Repeat("该学员在重点村跟班学习期间，积极参与基层治理（网格化管理）和产业规划工作，表现突出；导师评价：优秀。", 5))[:200])

func newDoc(t testing.TB, opts Options) *Doc {
	t.Helper()
	opts.Deterministic = true
	d, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func pdfBytes(t testing.TB, d *Doc) []byte {
	t.Helper()
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	poppler.WritePDF(t, b) // qpdf --check
	return b
}

// certificate draws a completion certificate for name on a new page.
func certificate(t testing.TB, d *Doc, name, number string) {
	t.Helper()
	w, _ := d.PageSize()
	d.AddPage()
	must(t, d.Rect(10, 10, w-20, 190, 0.8))
	d.SetFontSize(36)
	must(t, d.AlignedText(0, 48, w, "结业证书", AlignCenter))
	d.SetFontSize(14)
	must(t, d.AlignedText(0, 62, w, number, AlignCenter))
	d.SetFontSize(20)
	_, err := d.Paragraph(40, 80, w-80, 13, "　　"+name+"同志于2024年3月至6月参加成都市基层党务学院举办的乡村振兴专题培训班，完成规定学时，考核合格，准予结业。", AlignLeft)
	must(t, err)
	d.SetFontSize(16)
	must(t, d.AlignedText(w-130, 165, 100, "成都市基层党务学院", AlignCenter))
	must(t, d.AlignedText(w-130, 177, 100, "二〇二四年六月三十日", AlignCenter))
}

func TestCertificateText(t *testing.T) {
	names := []string{"王芳", "欧阳娜娜", "阿依古丽·买买提", "司马相如"}
	d := newDoc(t, Options{Landscape: true})
	for i, n := range names {
		certificate(t, d, n, fmt.Sprintf("〔2024〕第%04d号", i+1))
	}
	pdf := pdfBytes(t, d)
	for i, n := range names {
		text := noSpace(pdfText(t, pdf, "-f", fmt.Sprint(i+1), "-l", fmt.Sprint(i+1)))
		for _, want := range []string{"结业证书", fmt.Sprintf("〔2024〕第%04d号", i+1), n + "同志于2024年3月至6月", "准予结业。", "成都市基层党务学院"} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q:\n%s", i+1, want, text)
			}
		}
	}
	if n, _ := inkBox(render(t, pdf, 3, 50), 50, 0, 0, 297, 210); n < 2000 {
		t.Errorf("page 3 is (nearly) blank: %d dark pixels", n)
	}
}

// TestNonBMPName prints 𠮷 (U+20BB7), which gofpdf cannot, beside 吉 in
// the same size and checks that both are drawn alike and that the whole
// name is in the text layer.
func TestNonBMPName(t *testing.T) {
	d := newDoc(t, Options{})
	d.AddPage()
	d.SetFontSize(48)
	x := 30.0
	must(t, d.Text(x, 60, "吉𠮷吉"))
	d.SetFontSize(20)
	must(t, d.Text(30, 100, "学员：王𠮷祥"))
	pdf := pdfBytes(t, d)

	if text := noSpace(pdfText(t, pdf)); !strings.Contains(text, "吉𠮷吉") || !strings.Contains(text, "学员：王𠮷祥") {
		t.Errorf("text layer %q lacks the names", text)
	}
	const dpi = 50
	img := render(t, pdf, 1, dpi)
	em := 48 * ptToMM
	// Each glyph's box: one em wide, from the ascender to the descender.
	type glyph struct{ ink, left, top, w, h int }
	var g [3]glyph
	for i := range g {
		cell := x + float64(i)*em
		n, box := inkBox(img, dpi, cell, 60-em, em, 1.3*em)
		g[i] = glyph{n, box.Min.X - int(cell/25.4*dpi), box.Min.Y, box.Dx(), box.Dy()}
		t.Logf("glyph %d: %d dark pixels in %v", i, n, box)
	}
	if g[1].ink < 50 {
		t.Fatalf("𠮷 was not drawn: %d dark pixels", g[1].ink)
	}
	// 𠮷 is 吉 with 土 for 士: it has the same size and place in its em
	// box, give or take a pixel, and so has the 吉 after it.
	for _, i := range []int{1, 2} {
		for _, c := range []struct {
			what     string
			got, ref int
			slack    int
		}{
			{"left", g[i].left, g[0].left, 1}, {"top", g[i].top, g[0].top, 1},
			{"width", g[i].w, g[0].w, 2}, {"height", g[i].h, g[0].h, 2},
			{"ink", g[i].ink, g[0].ink, g[0].ink / 5},
		} {
			if c.got < c.ref-c.slack || c.got > c.ref+c.slack {
				t.Errorf("glyph %d: %s is %d, the first 吉's %d", i, c.what, c.got, c.ref)
			}
		}
	}
}

func TestMissingGlyphs(t *testing.T) {
	d := newDoc(t, Options{})
	d.AddPage()
	err := d.Check("王芳", "张𪚥", "a\tb")
	var mg *MissingGlyphsError
	if !errors.As(err, &mg) {
		t.Fatalf("Check: %v, want a *MissingGlyphsError", err)
	}
	want := []MissingGlyph{{'𪚥', "text 2", 1}, {'\t', "text 3", 1}}
	if fmt.Sprint(mg.Missing) != fmt.Sprint(want) {
		t.Errorf("missing %v, want %v", mg.Missing, want)
	}
	if !strings.Contains(err.Error(), "U+2A6A5") || !strings.Contains(err.Error(), "text 2, character 2") {
		t.Errorf("message %q", err)
	}
	if d.Err() != nil {
		t.Errorf("Check must not fail the document: %v", d.Err())
	}

	must(t, d.Text(20, 20, "王芳"))
	if err := d.Text(20, 30, "张𪚥"); !errors.As(err, &mg) || mg.Runes()[0] != '𪚥' {
		t.Fatalf("Text: %v", err)
	}
	if err := d.Text(20, 40, "李四"); err == nil {
		t.Error("the document went on drawing after an error")
	}
	if _, err := d.Bytes(); !errors.As(err, &mg) {
		t.Errorf("Output: %v, want the missing glyph error", err)
	}

	d = newDoc(t, Options{})
	_, err = d.Table(15, 15, Table{Columns: []Column{{Header: "姓名", Width: 40}, {Header: "备注", Width: 60}}},
		[][]string{{"王芳", "无"}, {"张𪚥", "无"}})
	if !errors.As(err, &mg) || mg.Missing[0].Where != "table row 2, column 1 (姓名)" {
		t.Errorf("Table: %v", err)
	}
	if d.PageCount() != 0 {
		t.Errorf("the table drew %d pages before failing", d.PageCount())
	}
}

// TestGofpdfRefused: a Draw callback that panics, or that writes text or
// images through gofpdf (which pdfkit does not take into the file), makes
// Output fail with an error, not a panic or a PDF without them.
func TestGofpdfRefused(t *testing.T) {
	for name, c := range map[string]struct {
		fn   func(pdf *gofpdf.Fpdf)
		want string
	}{
		"panic": {func(pdf *gofpdf.Fpdf) { panic("boom") }, "panicked"},
		"text": {func(pdf *gofpdf.Fpdf) {
			pdf.SetFont("Helvetica", "", 12)
			pdf.Text(20, 20, "Wang")
		}, "use Doc.Text"},
		"error": {func(pdf *gofpdf.Fpdf) { pdf.SetAlpha(2, "Normal") }, "out of range"},
	} {
		d := newDoc(t, Options{})
		d.AddPage()
		must(t, d.Text(20, 10, "王芳"))
		must(t, d.Draw(c.fn))
		if _, err := d.Bytes(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Output: %v, want an error with %q", name, err, c.want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	build := func(opts Options) []byte {
		d, err := New(opts)
		must(t, err)
		certificate(t, d, "阿依古丽·买买提", "〔2024〕第0001号")
		certificate(t, d, "王𠮷祥", "〔2024〕第0002号")
		return pdfBytes(t, d)
	}
	a, b := build(Options{Deterministic: true}), build(Options{Deterministic: true})
	if !bytes.Equal(a, b) {
		t.Fatal("two deterministic runs differ")
	}
	date := time.Date(2024, 6, 30, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	c := build(Options{CreationDate: date, Title: "结业证书"})
	if !bytes.Equal(c, build(Options{CreationDate: date, Title: "结业证书"})) {
		t.Fatal("two runs with a fixed date differ")
	}
	if !bytes.Contains(c, []byte("(D:20240630090000+08'00')")) {
		t.Error("the creation date is not in the PDF")
	}
}

// TestConcurrentDocs makes documents from several goroutines, sharing the
// font; run with -race. Each must equal the same document made alone.
func TestConcurrentDocs(t *testing.T) {
	build := func(i int) []byte {
		d := newDoc(t, Options{Landscape: true})
		certificate(t, d, fmt.Sprintf("王%c𠮷", 0x4E00+i*97), fmt.Sprintf("〔2024〕第%04d号", i))
		return pdfBytes(t, d)
	}
	want := build(3)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 4 {
				if got := build(3); !bytes.Equal(got, want) {
					errs <- fmt.Sprintf("goroutine %d, document %d differs", g, i)
				}
				build(10*g + i)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestSetPageAndDraw adds a footer to pages already drawn, and mixes
// gofpdf drawings with pdfkit's text on the same page.
func TestSetPageAndDraw(t *testing.T) {
	d := newDoc(t, Options{PageSize: A5})
	if _, err := d.Bytes(); err == nil {
		t.Error("a document without pages was written")
	}
	if err := d.Text(10, 10, "王芳"); err == nil {
		t.Error("text was drawn before AddPage")
	}
	d = newDoc(t, Options{PageSize: A5})
	for i := range 3 {
		d.AddPage()
		must(t, d.Text(20, 20, fmt.Sprintf("第%d页正文", i+1)))
	}
	must(t, d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.SetFillColor(200, 0, 0)
		pdf.Circle(74, 105, 20, "F")
	}))
	d.SetTextColor(Color{R: 255, G: 255, B: 255})
	must(t, d.Text(64, 107, "签章处"))
	for i := 1; i <= 3; i++ {
		must(t, d.SetPage(i))
		d.SetTextColor(Color{})
		must(t, d.Text(20, 200, fmt.Sprintf("第 %d 页 共 3 页", i)))
	}
	if err := d.SetPage(4); err == nil {
		t.Error("SetPage(4) of 3 pages")
	}
	pdf := pdfBytes(t, d)
	for i := 1; i <= 3; i++ {
		p := fmt.Sprint(i)
		text := noSpace(pdfText(t, pdf, "-f", p, "-l", p))
		want := fmt.Sprintf("第%d页正文第%d页共3页", i, i)
		if i == 3 {
			want = "第3页正文签章处第3页共3页"
		}
		if text != want {
			t.Errorf("page %d: %q, want %q", i, text, want)
		}
	}
	img := render(t, pdf, 3, 50)
	if n, _ := inkBox(img, 50, 60, 90, 28, 28); n < 300 {
		t.Errorf("the red disc is missing: %d dark pixels", n)
	}
}

func TestNewRejects(t *testing.T) {
	for _, o := range []Options{
		{PageSize: Size{-1, 100}},
		{PageSize: Size{50, 50}, Margins: Margins{Left: 30, Right: 30}},
		{FontSize: -3},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) accepted it", o)
		}
	}
	d, err := New(Options{Landscape: true, NoMargins: true})
	must(t, err)
	if w, h := d.PageSize(); w != 297 || h != 210 || d.Margins() != (Margins{}) {
		t.Errorf("landscape A4 without margins: %gx%g, %+v", w, h, d.Margins())
	}
}
