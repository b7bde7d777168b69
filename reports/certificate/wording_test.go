package certificate

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peiyang/models"
	"peiyang/settings"
)

// The default wording reads right for every course: built from its facts,
// the theme named only when the title does not name it (nor a 专题 of its
// own), 经考核合格 only when the course has an assessment, no gender
// clause. Read back with pdftotext, for every theme and both cases.
func TestDefaultWordingFromTheCourse(t *testing.T) {
	type course struct {
		title string
		note  bool // the theme is named after the title
	}
	for _, theme := range models.Themes {
		name := theme.Chinese()
		courses := []course{
			{"2025年第一期流动党员骨干培训班", theme != models.ThemeOther},
			{"学习贯彻党的二十届三中全会精神专题研修班", false},
		}
		if theme != models.ThemeOther {
			courses = append(courses, course{"2025年" + name + "专题培训班（第一期）", false})
		}
		for _, c := range courses {
			for _, assessed := range []bool{true, false} {
				it := SampleItem()
				it.Theme, it.Course, it.Assessed = theme, c.title, assessed
				text := noSpace(pageText(t, printPDF(t, &Printer{Settings: Defaults()}, []Item{it}), 1))
				want := "阿依古丽·买买提同志于2025年6月2日至6月13日参加成都市基层党务学院举办的" + c.title
				if c.note {
					want += "（" + name + "专题）"
				}
				want += "，完成规定课程32学时"
				if assessed {
					want += "，经考核合格"
				}
				want += "，准予结业。特发此证。"
				if !strings.Contains(text, want) {
					t.Errorf("%s, %q, assessed %v:\n%s\nwant %s", theme, c.title, assessed, text, want)
				}
				for _, bad := range []string{"，女，", "学习其他", "其他专题", "专题）专题"} {
					if strings.Contains(text, bad) {
						t.Errorf("%s, %q: %q in %s", theme, c.title, bad, text)
					}
				}
				if !assessed && strings.Contains(text, "考核") {
					t.Errorf("%q without an assessment says 考核: %s", c.title, text)
				}
				if got, inTitle := strings.Count(text, "专题"), strings.Count(c.title, "专题"); got > max(inTitle, 1) {
					t.Errorf("%q: 专题 %d times: %s", c.title, got, text)
				}
				if p := models.CheckWording(text); p != nil {
					t.Errorf("%q strays from the glossary: %v", text, p)
				}
			}
		}
	}
}

func TestPeriod(t *testing.T) {
	s := Defaults()
	for _, tc := range []struct{ from, to, want string }{
		{"2025-06-02", "2025-06-02", "2025年6月2日"},
		{"2025-06-02", "2025-06-13", "2025年6月2日至6月13日"},
		{"2025-12-29", "2026-01-09", "2025年12月29日至2026年1月9日"},
	} {
		if got := s.period(models.MustDate(tc.from), models.MustDate(tc.to)); got != tc.want {
			t.Errorf("%s–%s: %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
	s.ChineseDates = true
	if got := s.period(models.MustDate("2025-06-02"), models.MustDate("2025-06-13")); got != "二〇二五年六月二日至六月十三日" {
		t.Errorf("Chinese dates: %q", got)
	}
}

// sealSettings reads settings from a map and the seal's copy from file.
type sealSettings struct {
	values map[string]string
	file   *models.SettingFile
}

func (m sealSettings) Setting(_ context.Context, key string) (string, error) {
	return m.values[key], nil
}

func (m sealSettings) SettingFile(_ context.Context, key string) (*models.SettingFile, error) {
	if key == settings.CertSealImage {
		return m.file, nil
	}
	return nil, nil
}

// sealPNG writes a red ring on a transparent ground, as a scan of a seal
// is prepared, and returns its path and bytes.
func sealPNG(t *testing.T) (string, []byte) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			dx, dy := x-100, y-100
			if d := dx*dx + dy*dy; d < 98*98 && d > 88*88 || dx*dx+dy*dy < 20*20 {
				img.Set(x, y, color.NRGBA{R: 0xD7, A: 0xFF})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "seal.png")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, b.Bytes()
}

// withSeal returns the settings of a unit that set its seal's scan.
func withSeal(t *testing.T) *Settings {
	t.Helper()
	path, b := sealPNG(t)
	f, err := settings.ReadFile(settings.CertSealImage, path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSettings(context.Background(), sealSettings{map[string]string{settings.CertSealImage: path}, f})
	if err != nil || s.SealImage != path || len(b) == 0 {
		t.Fatalf("settings %+v, %v", s, err)
	}
	return s
}

// The unit's own seal, when set (its file copied into the database), is
// placed over the date without hiding it; a setting without its copy is
// refused.
func TestSealImage(t *testing.T) {
	s := withSeal(t)
	s.Signatory = "院长：李建国"
	pdf := printPDF(t, &Printer{Settings: s}, []Item{SampleItem()})
	const dpi = 60
	img := render(t, pdf, 1, dpi)
	if n, box := ink(img, dpi, sealX-25, sealY-25, 50, 50, red); n < 300 || box.Dx() < 38*dpi*10/254 || box.Dy() < 38*dpi*10/254 {
		t.Errorf("the seal has %d red pixels in %v", n, box)
	}
	if text := pageText(t, pdf, 1); !strings.Contains(text, "成都市基层党务学院") || !strings.Contains(text, "2025年6月15日") {
		t.Errorf("the seal hides the organisation or the date:\n%s", text)
	}
	_, err := LoadSettings(context.Background(), sealSettings{map[string]string{settings.CertSealImage: "/somewhere/seal.png"}, nil})
	if err == nil || !strings.Contains(err.Error(), "was not copied into the database") {
		t.Errorf("a seal without its copy: %v", err)
	}
	bad := &models.SettingFile{Key: settings.CertSealImage, Data: []byte("not an image")}
	if _, err := LoadSettings(context.Background(), sealSettings{map[string]string{settings.CertSealImage: "x.png"}, bad}); err == nil {
		t.Error("a damaged copy prints")
	}
}
