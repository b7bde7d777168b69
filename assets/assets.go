// Package assets embeds the files Peiyang ships inside its binary: the
// application icon now, and later the CJK font and the translations.
package assets

import _ "embed"

// Icon is the application icon, a 256×256 PNG.
//
//go:embed icon.png
var Icon []byte
