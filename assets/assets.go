// Package assets embeds the files Peiyang ships inside its binary: the
// application icon, the CJK font and the window's translations.
package assets

import "embed"

// Icon is the application icon, a 256×256 PNG.
//
//go:embed icon.png
var Icon []byte

// Font is LXGW WenKai Regular (霞鹜文楷), a TrueType (glyf) font covering
// GB 18030 hanzi including many outside the BMP, used for every printed
// document. It is licensed under the SIL Open Font License 1.1; the
// licence and copyright lines are in fonts/OFL.txt, which must ship with
// any copy of the font file. Treat the slice as read-only: it is shared.
//
//go:embed fonts/LXGWWenKai-Regular.ttf
var Font []byte

// I18n holds the window's translations, one flat JSON file per language
// (i18n/en.json, i18n/zh.json): each key maps to its text, which may hold
// template fields such as {{.Name}}. The English sentences of the domain's
// error messages are keys too.
//
//go:embed i18n/*.json
var I18n embed.FS

// FyneI18n holds Fyne's own texts (buttons of its dialogs, menus) in
// English and Chinese, copied from fyne.io/fyne/v2/lang/translations of
// the Fyne version in go.mod (BSD-3-Clause, like Fyne). The window
// registers them with its own texts under the system's locale, so that the
// chosen language wins on every platform (app.SetLanguage).
//
//go:embed i18n/fyne/*.json
var FyneI18n embed.FS
