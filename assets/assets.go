// Package assets embeds the files Peiyang ships inside its binary: the
// application icon, the CJK font, and later the translations.
package assets

import _ "embed"

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
