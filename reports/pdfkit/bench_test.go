package pdfkit

import (
	"bytes"
	"fmt"
	"io"
	"sync/atomic"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"peiyang/assets"
)

// Run with: go test -run '^$' -bench . -benchtime 3s ./reports/pdfkit

// BenchmarkSinglePageDocs writes one-page certificates, each its own PDF,
// on all CPUs at once, and reports documents per second.
func BenchmarkSinglePageDocs(b *testing.B) {
	testFont(b)
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			d := newDoc(b, Options{Landscape: true})
			certificate(b, d, fmt.Sprintf("王%c%c", 0x4E00+i%20000, 0x4E00+(i*7)%20000), fmt.Sprintf("〔2024〕第%04d号", i%10000))
			if err := d.Output(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkThousandPages writes 1,000 certificates as the pages of one PDF
// and reports the milliseconds per PDF and its size.
func BenchmarkThousandPages(b *testing.B) {
	testFont(b)
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		d := newDoc(b, Options{Landscape: true})
		for i := range 1000 {
			certificate(b, d, fmt.Sprintf("王%c%c", 0x4E00+i*13, 0x4E00+i*7), fmt.Sprintf("〔2024〕第%04d号", i+1))
		}
		pdf, err := d.Bytes()
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/1000pages")
	b.ReportMetric(float64(size)/1e6, "MB")
}

// BenchmarkGofpdfFullFont is the baseline: a one-page PDF with the whole
// font handed to gofpdf, as pdfkit avoids.
func BenchmarkGofpdfFullFont(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		pdf := gofpdf.New("L", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("full", "", assets.Font)
		pdf.AddPage()
		pdf.SetFont("full", "", 20)
		pdf.Text(40, 80, "王芳同志于2024年3月至6月参加成都市基层党务学院举办的乡村振兴专题培训班")
		if err := pdf.Output(&bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
