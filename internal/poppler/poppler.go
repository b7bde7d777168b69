// Package poppler reads PDFs back for tests with poppler-utils: pdftotext
// for the text, in a box or a page at a time, and pdftoppm for the pixels.
// Every PDF read back is first checked with qpdf --check (once per
// distinct file), so that a test reading a document also proves it
// well-formed. A test is skipped, with a message, where the tools are not
// installed.
package poppler

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
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

// WritePDF writes pdf to a temporary file, checks it (see Check) and
// returns its name.
func WritePDF(t testing.TB, pdf []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(name, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	checkOnce(t, name, pdf)
	return name
}

// checked holds the SHA-256 of every PDF that passed Check.
var checked sync.Map

// Check runs qpdf --check on the PDF file name and fails the test with
// qpdf's report unless the file is sound: its syntax, cross-reference
// table and every stream's encoding.
func Check(t testing.TB, name string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	checkOnce(t, name, b)
}

func checkOnce(t testing.TB, name string, pdf []byte) {
	t.Helper()
	sum := sha256.Sum256(pdf)
	if _, ok := checked.Load(sum); ok {
		return
	}
	NeedTool(t, "qpdf")
	out, err := exec.Command("qpdf", "--check", name).CombinedOutput()
	// qpdf exits 0 when the file is sound, 2 on errors and 3 on warnings:
	// both fail.
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) {
		t.Fatalf("qpdf --check %s: %v\n%s", filepath.Base(name), err, out)
	}
	checked.Store(sum, true)
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

// FileText checks the PDF file name (see Check) and runs pdftotext with
// args on it, returning its UTF-8 text.
func FileText(t testing.TB, name string, args ...string) string {
	t.Helper()
	NeedTool(t, "pdftotext")
	Check(t, name)
	out, err := exec.Command("pdftotext", append(append(args, "-enc", "UTF-8"), name, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", filepath.Base(name), err)
	}
	return string(out)
}

// Info returns the document information pdfinfo reads from pdf (dates
// in ISO 8601), by field ("Title", "Author", "CreationDate"…), and the
// catalogue's language (/Lang) as "Lang".
func Info(t testing.TB, pdf []byte) map[string]string {
	t.Helper()
	NeedTool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", "-isodates", WritePDF(t, pdf)).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	if m := langRe.FindSubmatch(pdf); m != nil {
		info["Lang"] = string(m[1])
	}
	return info
}

var langRe = regexp.MustCompile(`/Type /Catalog [^\n]*/Lang \(([^)]*)\)`)

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
