package pdfkit

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"peiyang/internal/poppler"
)

// TestMetadata reads the document information back with pdfinfo and the
// catalogue's language from the file.
func TestMetadata(t *testing.T) {
	poppler.NeedTool(t, "pdfinfo")
	date := time.Date(2025, 6, 15, 10, 30, 0, 0, time.FixedZone("CST", 8*3600))
	d := newDoc(t, Options{Title: "学员花名册", Subject: "2025年乡村振兴专题培训班（第一期）", Author: "成都市基层党务学院",
		Creator: "Peiyang", CreationDate: date})
	d.AddPage()
	must(t, d.Text(20, 20, "王𠮷"))
	pdf := pdfBytes(t, d)
	out, err := exec.Command("pdfinfo", "-isodates", poppler.WritePDF(t, pdf)).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Title:           学员花名册", "Subject:         2025年乡村振兴专题培训班（第一期）",
		"Author:          成都市基层党务学院", "Creator:         Peiyang", "CreationDate:    2025-06-15T10:30:00+08",
		"Pages:           1"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`/Type /Catalog [^\n]*/Lang \(zh-CN\)`).Match(pdf) {
		t.Error("the catalogue does not say the language is zh-CN")
	}
	d = newDoc(t, Options{Lang: "en-GB"})
	d.AddPage()
	if !bytes.Contains(pdfBytes(t, d), []byte("/Lang (en-GB)")) {
		t.Error("Options.Lang is not written")
	}
}

// TestStreamsCompressed checks that every stream but a JPEG image is
// deflated, the font subset included.
func TestStreamsCompressed(t *testing.T) {
	d := newDoc(t, Options{Landscape: true})
	certificate(t, d, "王芳", "〔2024〕第0001号")
	pdf := pdfBytes(t, d)
	streams := regexp.MustCompile(`<<([^\n]*)>>\nstream\n`).FindAllSubmatch(pdf, -1)
	if len(streams) < 4 { // the page, the font, its CIDToGIDMap and ToUnicode
		t.Fatalf("%d streams", len(streams))
	}
	for _, s := range streams {
		if !bytes.Contains(s[1], []byte("/FlateDecode")) {
			t.Errorf("stream <<%s>> is not compressed", s[1])
		}
	}
	if !bytes.Contains(pdf, []byte("/Length1 ")) {
		t.Error("the font file is not embedded")
	}
}

func TestPDFString(t *testing.T) {
	for in, want := range map[string]string{
		"Peiyang":   "(Peiyang)",
		`a(b)\c`:    `(a\(b\)\\c)`,
		"王𠮷":        "<FEFF738BD842DFB7>",
		"tab\there": "<FEFF00740061006200090068006500720065>",
	} {
		if got := pdfString(in); got != want {
			t.Errorf("pdfString(%q) = %s, want %s", in, got, want)
		}
	}
	if got := pdfDate(time.Date(2025, 6, 15, 10, 30, 5, 0, time.UTC)); got != "D:20250615103005Z" {
		t.Errorf("pdfDate: %s", got)
	}
}

func TestAppendNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 1: "1", -1: "-1", 0.5: "0.5", 12.345: "12.35", -0.004: "0",
		841.8897: "841.89", 100.1: "100.1", 0.06: "0.06", -3.999: "-4"} {
		if got := string(appendNum(nil, v)); got != want {
			t.Errorf("appendNum(%v) = %s, want %s", v, got, want)
		}
	}
}
