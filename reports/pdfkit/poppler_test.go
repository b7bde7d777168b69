package pdfkit

import (
	"image"
	"testing"

	"peiyang/internal/poppler"
)

// Helpers that read PDFs back with poppler-utils (pdftotext, pdftoppm),
// skipping the test when the tools are not installed.

// pdfText runs pdftotext with args (e.g. "-f", "2", "-l", "2") on pdf.
func pdfText(t *testing.T, pdf []byte, args ...string) string { return poppler.Text(t, pdf, args...) }

// columnText returns the text pdftotext finds on page in the box x..x+w,
// y..y+h millimetres, with all white space removed.
func columnText(t *testing.T, pdf []byte, page int, x, y, w, h float64) string {
	return poppler.BoxText(t, pdf, page, x, y, w, h)
}

func noSpace(s string) string { return poppler.NoSpace(s) }

func render(t *testing.T, pdf []byte, page, dpi int) image.Image {
	return poppler.Render(t, pdf, page, dpi)
}

// inkBox counts the dark pixels of img inside the box x..x+w, y..y+h
// millimetres (rendered at dpi) and returns their count and bounding box
// in pixels.
func inkBox(img image.Image, dpi int, x, y, w, h float64) (int, image.Rectangle) {
	px := func(mm float64) int { return int(mm / 25.4 * float64(dpi)) }
	area := image.Rect(px(x), px(y), px(x+w), px(y+h)).Intersect(img.Bounds())
	n := 0
	var box image.Rectangle
	for yy := area.Min.Y; yy < area.Max.Y; yy++ {
		for xx := area.Min.X; xx < area.Max.X; xx++ {
			r, g, b, _ := img.At(xx, yy).RGBA()
			if r+g+b < 3*0x8000 {
				n++
				box = box.Union(image.Rect(xx, yy, xx+1, yy+1))
			}
		}
	}
	return n, box
}
