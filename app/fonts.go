package app

import (
	"io/fs"
	"log"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/text/encoding/simplifiedchinese"

	"peiyang/assets"
	"peiyang/reports/pdfkit"
)

// The window's fonts, and why there are two.
//
// Fyne loads a font face for every text style it draws (regular, bold,
// monospace …), parsing the font anew for each, and its text shaper keeps
// every glyph's outline: LXGW WenKai, with some 29,000 glyphs, costs about
// 50 MB a face. The embedded font has no bold face (bold text looked the
// same as regular anyway), yet Fyne draws buttons, tabs and dialog titles
// bold. So the regular style, which shows the data (names, villages,
// courses), gets the whole font, and the bold style a subset of it
// holding what bold text shows: the window's own texts in both languages,
// Latin letters and punctuation, and the 6,763 hanzi of GB 2312 for the
// rare data in a dialog's title or a folder's name in a file dialog (a
// character outside it falls back to the system's fonts). The window's own
// text uses no other style: monospace and italic would each cost a face.

// fontResource is the embedded LXGW WenKai TrueType font, for the regular
// style. (A .ttc collection would crash Fyne; the embedded file is a plain
// TTF.)
var fontResource = fyne.NewStaticResource("LXGWWenKai-Regular.ttf", assets.Font)

var (
	boldOnce     sync.Once
	boldResource fyne.Resource
)

// boldFont is the subset of the embedded font for bold text, made on first
// use; the whole font when the subset cannot be made.
func boldFont() fyne.Resource {
	boldOnce.Do(func() {
		boldResource = fontResource
		f, err := pdfkit.DefaultFont()
		if err != nil {
			logError("load the font", err)
			return
		}
		data, err := f.Subset(boldRunes())
		if err != nil {
			logError("subset the font for bold text", err)
			return
		}
		boldResource = fyne.NewStaticResource("LXGWWenKai-Regular-UI.ttf", data)
	})
	return boldResource
}

// boldRunes are the characters bold text may show: printable ASCII and
// Latin-1, general punctuation and symbols, CJK punctuation, full-width
// forms, the hanzi of GB 2312 and every character of the translations.
func boldRunes() []rune {
	seen := map[rune]bool{}
	var out []rune
	add := func(r rune) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, span := range [][2]rune{{0x20, 0x7E}, {0xA0, 0x24F}, {0x2000, 0x2BFF}, {0x3000, 0x303F}, {0xFF00, 0xFFEF}} {
		for r := span[0]; r <= span[1]; r++ {
			add(r)
		}
	}
	dec := simplifiedchinese.GB18030.NewDecoder()
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if b, err := dec.Bytes([]byte{byte(hi), byte(lo)}); err == nil {
				for _, r := range string(b) {
					add(r)
				}
			}
		}
	}
	names, err := fs.Glob(assets.I18n, "i18n/*.json")
	if err != nil {
		log.Printf("peiyang: list the translations: %v", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(assets.I18n, name)
		if err != nil {
			continue
		}
		for _, r := range string(data) {
			if r >= 0x20 {
				add(r)
			}
		}
	}
	return out
}

// fontFor is the theme's font for a text style: the subset for bold text,
// Fyne's own for symbols (keyboard shortcuts in menus), the whole font for
// the rest.
func fontFor(style fyne.TextStyle) fyne.Resource {
	switch {
	case style.Symbol:
		return theme.DefaultSymbolFont()
	case style.Bold:
		return boldFont()
	}
	return fontResource
}
