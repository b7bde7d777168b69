package app

import (
	"io/fs"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/assets"
	"peiyang/reports/pdfkit"
)

// Bold text gets a subset of the embedded font that holds every character
// of the window's own texts, in far fewer glyphs than the whole font.
func TestBoldFontSubset(t *testing.T) {
	th := newTheme()
	bold := th.Font(fyne.TextStyle{Bold: true})
	if bold == fontResource || th.Font(fyne.TextStyle{}) != fontResource || th.Font(fyne.TextStyle{Monospace: true}) != fontResource {
		t.Fatal("the regular and monospace styles take the whole font, bold its subset")
	}
	if th.Font(fyne.TextStyle{Symbol: true}) != theme.DefaultSymbolFont() {
		t.Error("symbols are not drawn with Fyne's symbol font")
	}
	if n, full := len(bold.Content()), len(assets.Font); n*3 > full {
		t.Errorf("the bold subset is %d bytes of the font's %d", n, full)
	}
	f, err := pdfkit.LoadFont(bold.Content())
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(assets.I18n, "i18n/*.json")
	if err != nil || len(names) == 0 {
		t.Fatal(names, err)
	}
	for _, name := range names {
		data, _ := fs.ReadFile(assets.I18n, name)
		for _, r := range string(data) {
			if r > 0x20 && r != 0xFE0F && !f.HasGlyph(r) && whole(t).HasGlyph(r) {
				t.Errorf("%s: %q is missing from the bold font", name, r)
			}
		}
	}
	for _, r := range "张王李赵刘陈杨黄周吴郫都龙泉驿温江新都德阳眉山资阳" {
		if !f.HasGlyph(r) {
			t.Errorf("the common hanzi %q is missing from the bold font", r)
		}
	}
}

func whole(t *testing.T) *pdfkit.Font {
	f, err := pdfkit.DefaultFont()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The screens use no text style that would make Fyne load the whole font
// once more (monospace, italic): every screen, in both languages.
func TestNoCostlyTextStyles(t *testing.T) {
	e := newEnv(t, LangChinese, "dashboard", false)
	for _, s := range screens {
		e.act(func() { e.u.showScreen(s.id) })
		for _, o := range test.LaidOutObjects(e.u.win.Canvas().Content()) {
			var st fyne.TextStyle
			switch v := o.(type) {
			case *widget.Label:
				st = v.TextStyle
			case *canvas.Text:
				st = v.TextStyle
			case *widget.Entry:
				st = v.TextStyle
			default:
				continue
			}
			if st.Monospace || st.Italic {
				t.Errorf("screen %s draws text in style %+v", s.id, st)
			}
		}
	}
}
