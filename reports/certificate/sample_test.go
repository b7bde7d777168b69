package certificate

import (
	"os"
	"path/filepath"
	"testing"

	"peiyang/models"
	"peiyang/reports/pdfkit"
)

// sampleItems are certificates with the names the tests care about.
func sampleItems() []Item {
	base := SampleItem()
	var out []Item
	for i, n := range []string{"阿依古丽·买买提", "王𠮷", "欧阳娜娜", "司马相如"} {
		it := base
		it.Name = n
		it.Serial = "成基党院结〔2025〕" + string(rune('1'+i)) + "号"
		if i%2 == 1 {
			it.Gender = models.Male
		}
		out = append(out, it)
	}
	return out
}

// TestWriteSamples writes sample PDFs into $PEIYANG_SAMPLES, to look at.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("PEIYANG_SAMPLES")
	if dir == "" {
		t.Skip("set PEIYANG_SAMPLES to a folder to write sample certificates")
	}
	s := Defaults()
	s.Signatory = "院长：李建国"
	for _, mode := range []struct {
		name    string
		overlay bool
	}{{"full", false}, {"overlay", true}} {
		p := &Printer{Settings: s, Overlay: mode.overlay}
		d, err := p.Document(sampleItems())
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteFile(filepath.Join(dir, mode.name+".pdf")); err != nil {
			t.Fatal(err)
		}
	}
	// Variants: Chinese dates, a long course title and organisation, no
	// signatory, blue.
	v := Defaults()
	v.ChineseDates = true
	v.OrgName = "中共成都市郫都区委党校基层党务干部培训学院"
	v.Color = pdfkit.Color{R: 0x1F, G: 0x3A, B: 0x93}
	it := SampleItem()
	it.Course = "2025年成德眉资同城化基层治理能力提升暨流动党员联合培养专题培训班（第三期）"
	d, err := (&Printer{Settings: v}).Document([]Item{it})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile(filepath.Join(dir, "variants.pdf")); err != nil {
		t.Fatal(err)
	}
	// The unit's seal scan over the date, on a course without assessment
	// whose theme is 其他.
	it = SampleItem()
	it.Theme, it.Course, it.Assessed = models.ThemeOther, "2025年第一期流动党员骨干培训班", false
	d, err = (&Printer{Settings: withSeal(t)}).Document([]Item{it})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile(filepath.Join(dir, "seal.pdf")); err != nil {
		t.Fatal(err)
	}
	d, err = (&Printer{Settings: s}).Calibration()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile(filepath.Join(dir, "calibration.pdf")); err != nil {
		t.Fatal(err)
	}
}
