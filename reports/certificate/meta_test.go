package certificate

import (
	"bytes"
	"testing"
	"time"

	"peiyang/internal/poppler"
)

// TestCertificateMetadata reads the information of a batch of
// certificates, a single one and the calibration page back with pdfinfo:
// title, subject (the course), author (the organisation), creation date
// and language.
func TestCertificateMetadata(t *testing.T) {
	s := testSettings()
	date := time.Date(2025, 6, 15, 10, 0, 0, 0, time.UTC)
	p := &Printer{Settings: s, Date: date}
	items := sampleItems()
	cal, err := p.Calibration()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := cal.Output(&b); err != nil {
		t.Fatal(err)
	}
	docs := []struct {
		pdf            []byte
		title, subject string
	}{
		{printPDF(t, p, items), s.Title, items[0].Course},
		{printPDF(t, p, items[:1]), s.Title + " " + items[0].Serial, items[0].Course},
		{b.Bytes(), "证书套打校准页", s.Title},
	}
	for _, d := range docs {
		info := poppler.Info(t, d.pdf)
		want := map[string]string{"Title": d.title, "Subject": d.subject, "Author": s.OrgName, "Lang": "zh-CN"}
		for k, v := range want {
			if v == "" || info[k] != v {
				t.Errorf("%s: %s is %q, want %q", d.title, k, info[k], v)
			}
		}
		if got := info["CreationDate"]; len(got) < 10 || got[:10] != "2025-06-15" {
			t.Errorf("%s: CreationDate %q", d.title, got)
		}
	}
}
