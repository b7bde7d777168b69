package certificate_test

import (
	"errors"
	"sort"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/reports/certificate"
	"peiyang/reports/certificate/certtest"
	"peiyang/reports/pdfkit"
)

func TestSettings(t *testing.T) {
	f := certtest.New(t)
	s, err := certificate.LoadSettings(f.Ctx, f.DB)
	must(t, err)
	if s.Title != "结业证书" || s.OrgName != "成都市基层党务学院" || s.Body != certificate.DefaultBody || s.SealImage != "" || s.Signatory != "" || s.ChineseDates ||
		s.Paper != (pdfkit.Size{W: 297, H: 210}) || len(s.Positions) != 8 {
		t.Errorf("defaults %+v", s)
	}
	set := func(k, v string) { must(t, f.DB.SetSetting(f.Ctx, k, v)) }
	set(certificate.KeyOrgFallback, "中共成都市委党校")
	s, err = certificate.LoadSettings(f.Ctx, f.DB)
	if err != nil || s.OrgName != "中共成都市委党校" {
		t.Errorf("org.name: %q %v", s.OrgName, err)
	}
	set(certificate.KeyOrgName, "成都市郫都区基层党务学院")
	set(certificate.KeyBody, `{{ name }}同志参加{{course}}。\n特发此证。`)
	set(certificate.KeyColor, "#003399")
	set(certificate.KeyDateStyle, "chinese")
	set(certificate.KeyOffsetX, "1.5")
	set(certificate.KeyOffsetY, "-2mm")
	set(certificate.KeyPaper, "260x185")
	set(certificate.KeyFieldPrefix+"name", "60, 90, 22, 40")
	set(certificate.KeyFieldPrefix+"qr", "20,140")
	s, err = certificate.LoadSettings(f.Ctx, f.DB)
	must(t, err)
	if s.OrgName != "成都市郫都区基层党务学院" || s.Body != "{{ name }}同志参加{{course}}。\n特发此证。" || s.Color != (pdfkit.Color{B: 0x99, G: 0x33}) ||
		!s.ChineseDates || s.OffsetX != 1.5 || s.OffsetY != -2 || s.Paper != (pdfkit.Size{W: 260, H: 185}) ||
		s.Positions["name"] != (certificate.Position{X: 60, Y: 90, Size: 22, Width: 40}) || s.Positions["qr"] != (certificate.Position{X: 20, Y: 140, Size: 25}) {
		t.Errorf("custom %+v", s)
	}
	desc := strings.Join(s.Describe(), "\n")
	for _, want := range []string{"certificate.color = #003399", "certificate.overlay.name = 60,90,22,40", "certificate.seal_image = \n", `特发此证`} {
		if !strings.Contains(desc, want) {
			t.Errorf("describe lacks %q:\n%s", want, desc)
		}
	}

	// Bad values: one error per key, naming it.
	set(certificate.KeyBody, "{{name}}参加{{class}}")
	set(certificate.KeyColor, "red")
	set(certificate.KeySealImage, "/nonexistent/seal.png")
	set(certificate.KeyOffsetX, "80")
	set(certificate.KeyPaper, "A4")
	set(certificate.KeyFieldPrefix+"hours", "1,2,3,4,5")
	set(certificate.KeyFieldPrefix+"qr", "20,140,100")
	set(certificate.KeyBackground, "/nonexistent/bg.png")
	_, err = certificate.LoadSettings(f.Ctx, f.DB)
	var l models.ErrorList
	if !errors.As(err, &l) {
		t.Fatalf("bad values: %v", err)
	}
	got := l.Fields()
	want := []string{certificate.KeyBackground, certificate.KeyBody, certificate.KeyColor, certificate.KeyOffsetX,
		certificate.KeyFieldPrefix + "hours", certificate.KeyPaper, certificate.KeyFieldPrefix + "qr", certificate.KeySealImage}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("fields %v, want %v", got, want)
	}
	if msg := l.ByField()[certificate.KeyBody].Error(); !strings.Contains(msg, "{{class}}") || !strings.Contains(msg, "{{hours}}") {
		t.Errorf("body error %q", msg)
	}
}
