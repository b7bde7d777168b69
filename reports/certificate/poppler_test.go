package certificate

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Helpers that read PDFs back with poppler-utils (pdftotext, pdftoppm),
// skipping the test when the tools are not installed; after pdfkit's.

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

// pdfText runs pdftotext with args (e.g. "-f", "2", "-l", "2") on pdf.
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	needTool(t, "pdftotext")
	name := writePDF(t, pdf)
	out, err := exec.Command("pdftotext", append(append(args, "-enc", "UTF-8"), name, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pageText returns the text of one page with all white space removed.
func pageText(t *testing.T, pdf []byte, page int) string {
	t.Helper()
	p := fmt.Sprint(page)
	return noSpace(pdfText(t, pdf, "-f", p, "-l", p))
}

// boxText returns the text pdftotext finds on page in the box x..x+w,
// y..y+h millimetres, with all white space removed.
func boxText(t *testing.T, pdf []byte, page int, x, y, w, h float64) string {
	t.Helper()
	px := func(mm float64) string { return fmt.Sprint(int(mm / ptToMM)) } // 72 dpi: points
	p := fmt.Sprint(page)
	return noSpace(pdfText(t, pdf, "-f", p, "-l", p, "-x", px(x), "-y", px(y), "-W", px(w), "-H", px(h)))
}

func noSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// render rasterises page of pdf at dpi and returns it as an image.
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

// ink counts the pixels of img inside the box x..x+w, y..y+h millimetres
// (rendered at dpi) that pass the test, and returns their count and
// bounding box in pixels.
func ink(img image.Image, dpi int, x, y, w, h float64, test func(r, g, b uint32) bool) (int, image.Rectangle) {
	px := func(mm float64) int { return int(mm / 25.4 * float64(dpi)) }
	area := image.Rect(px(x), px(y), px(x+w), px(y+h)).Intersect(img.Bounds())
	n := 0
	var box image.Rectangle
	for yy := area.Min.Y; yy < area.Max.Y; yy++ {
		for xx := area.Min.X; xx < area.Max.X; xx++ {
			r, g, b, _ := img.At(xx, yy).RGBA()
			if test(r>>8, g>>8, b>>8) {
				n++
				box = box.Union(image.Rect(xx, yy, xx+1, yy+1))
			}
		}
	}
	return n, box
}

// dark is a pixel of black text.
func dark(r, g, b uint32) bool { return r+g+b < 3*0x60 }

// red is a pixel of the seal or the title.
func red(r, g, b uint32) bool { return r > 0x90 && g < 0x70 && b < 0x70 }

// anyInk is a pixel that is not white.
func anyInk(r, g, b uint32) bool { return r+g+b < 3*0xF0 }
