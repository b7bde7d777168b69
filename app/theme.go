package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// peiyangTheme is Fyne's default theme with the embedded font for every
// text style, a party-red primary colour and slightly larger text.
// Colours follow the variant Fyne passes in, which follows the system's
// light or dark setting.
type peiyangTheme struct{}

// newTheme returns the window's theme.
func newTheme() fyne.Theme { return peiyangTheme{} }

var (
	partyRed     = color.NRGBA{R: 0xc0, G: 0x1d, B: 0x1d, A: 0xff}
	partyRedDark = color.NRGBA{R: 0xe5, G: 0x48, B: 0x48, A: 0xff}
)

func (peiyangTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return partyRedDark
		}
		return partyRed
	case theme.ColorNameFocus:
		return color.NRGBA{R: 0xc0, G: 0x1d, B: 0x1d, A: 0x60}
	case theme.ColorNameSelection:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xe5, G: 0x48, B: 0x48, A: 0x50}
		}
		return color.NRGBA{R: 0xc0, G: 0x1d, B: 0x1d, A: 0x30}
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font returns the embedded font, whole or in part (see fonts.go), so that
// Chinese renders on a machine without CJK fonts.
func (peiyangTheme) Font(style fyne.TextStyle) fyne.Resource { return fontFor(style) }

func (peiyangTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (peiyangTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 14
	case theme.SizeNameHeadingText:
		return 22
	case theme.SizeNameSubHeadingText:
		return 17
	}
	return theme.DefaultTheme().Size(n)
}
