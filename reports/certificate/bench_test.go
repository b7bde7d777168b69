package certificate

import (
	"crypto/ed25519"
	"fmt"
	"io"
	"testing"

	"peiyang/internal/parallel"
	"peiyang/models"
	"peiyang/training"
)

// Run with: go test -run '^$' -bench . -benchtime 3x ./reports/certificate
// (or go run ./bench/certificates for the whole path from the database).

// benchItems signs n certificates with distinct names, as LoadBatch does.
func benchItems(b *testing.B, n int) []Item {
	b.Helper()
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		b.Fatal(err)
	}
	course := &models.Course{Title: "2025年乡村振兴专题培训班（第一期）", Theme: models.ThemeRural,
		StartDate: models.MustDate("2025-06-02"), EndDate: models.MustDate("2025-06-13")}
	items := make([]Item, n)
	parallel.Each(n, func(i int) {
		c := &models.Certificate{Serial: fmt.Sprintf("〔2025〕第%04d号", i+1), Hours: 32, IssuedOn: models.MustDate("2025-06-15")}
		t := &models.Trainee{Name: fmt.Sprintf("王%c%c", 0x4E00+i*13%20000, 0x4E00+i*7%20000), Gender: models.Female,
			IDNumber: "510623199001011234"}
		items[i] = training.NewCertificateItem(c, t, course, key)
	})
	return items
}

// BenchmarkMerged1000 signs and prints 1,000 certificates as one PDF and
// reports the milliseconds it takes (the target is under 1,000).
func BenchmarkMerged1000(b *testing.B) {
	for _, overlay := range []bool{false, true} {
		name := map[bool]string{false: "full", true: "overlay"}[overlay]
		b.Run(name, func(b *testing.B) {
			p := &Printer{Settings: Defaults(), Overlay: overlay}
			size := 0
			b.ReportAllocs()
			for b.Loop() {
				items := benchItems(b, 1000)
				d, err := p.Document(items)
				if err != nil {
					b.Fatal(err)
				}
				pdf, err := d.Bytes()
				if err != nil {
					b.Fatal(err)
				}
				size = len(pdf)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/1000certs")
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

// BenchmarkSplit signs and prints certificates one PDF each, on all CPUs,
// and reports certificates per second (the target is 100 or more).
func BenchmarkSplit(b *testing.B) {
	p := &Printer{Settings: Defaults()}
	const n = 200
	b.ReportAllocs()
	for b.Loop() {
		items := benchItems(b, n)
		if _, err := p.WriteFiles(b.TempDir(), items); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "certs/s")
}

// BenchmarkZip is BenchmarkSplit into a zip archive.
func BenchmarkZip(b *testing.B) {
	p := &Printer{Settings: Defaults()}
	const n = 200
	b.ReportAllocs()
	for b.Loop() {
		if err := p.WriteZip(io.Discard, benchItems(b, n)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "certs/s")
}
