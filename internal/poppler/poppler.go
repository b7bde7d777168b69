// Package poppler reads PDFs back for tests with poppler-utils: pdftotext
// for the text, in a box or a page at a time, and pdftoppm for the pixels.
// A test is skipped, with a message, where the tools are not installed.
package poppler

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

// ptToMM is one PostScript point in millimetres; pdftotext's boxes are in
// points.
const ptToMM = 25.4 / 72

// NeedTool skips the test when the named poppler tool is missing.
func NeedTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not found: install poppler-utils (scripts/setup.sh does) to read PDFs back", name)
	}
}

// WritePDF writes pdf to a temporary file and returns its name.
func WritePDF(t testing.TB, pdf []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(name, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

// Text runs pdftotext with args (e.g. "-layout", "-f", "2", "-l", "2") on
// pdf and returns its UTF-8 text.
func Text(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	NeedTool(t, "pdftotext")
	name := WritePDF(t, pdf)
	out, err := exec.Command("pdftotext", append(append(args, "-enc", "UTF-8"), name, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// BoxText returns the text pdftotext finds on page in the box x..x+w,
// y..y+h millimetres, with all white space removed; extra args (such as
// "-layout") go before the box.
func BoxText(t testing.TB, pdf []byte, page int, x, y, w, h float64, args ...string) string {
	t.Helper()
	pt := func(mm float64) string { return fmt.Sprint(int(mm / ptToMM)) }
	p := fmt.Sprint(page)
	return NoSpace(Text(t, pdf, append(args, "-f", p, "-l", p, "-x", pt(x), "-y", pt(y), "-W", pt(w), "-H", pt(h))...))
}

// NoSpace removes all white space, ideographic spaces included.
func NoSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// Render rasterises page of pdf at dpi.
func Render(t testing.TB, pdf []byte, page, dpi int) image.Image {
	t.Helper()
	NeedTool(t, "pdftoppm")
	name := WritePDF(t, pdf)
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
