package certificate

import (
	"fmt"
	"image"
	"testing"

	"peiyang/internal/poppler"
)

// Helpers that read PDFs back with poppler-utils (pdftotext, pdftoppm),
// skipping the test when the tools are not installed; after pdfkit's.

// pdfText runs pdftotext with args (e.g. "-f", "2", "-l", "2") on pdf.
func pdfText(t *testing.T, pdf []byte, args ...string) string { return poppler.Text(t, pdf, args...) }

// pageText returns the text of one page with all white space removed.
func pageText(t *testing.T, pdf []byte, page int) string {
	t.Helper()
	p := fmt.Sprint(page)
	return noSpace(pdfText(t, pdf, "-f", p, "-l", p))
}

// boxText returns the text pdftotext finds on page in the box x..x+w,
// y..y+h millimetres, with all white space removed.
func boxText(t *testing.T, pdf []byte, page int, x, y, w, h float64) string {
	return poppler.BoxText(t, pdf, page, x, y, w, h)
}

func noSpace(s string) string { return poppler.NoSpace(s) }

func render(t *testing.T, pdf []byte, page, dpi int) image.Image {
	return poppler.Render(t, pdf, page, dpi)
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
