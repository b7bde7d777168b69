package pdfkit

import (
	"fmt"
	"strings"
)

// MissingGlyph is one character the font cannot draw.
type MissingGlyph struct {
	Rune rune
	// Where names the text it was found in: "text 2" for the second
	// argument of Check, "row 3, column 姓名" in a table, and so on.
	Where string
	// Index is the character's position in that text, counting runes
	// from 0.
	Index int
}

// MissingGlyphsError reports characters the font has no glyph for. It is
// returned before anything is printed, so a certificate never shows an
// empty box where a character of a name should be: fix the data or choose
// another font.
type MissingGlyphsError struct {
	Font    string
	Missing []MissingGlyph
}

func (e *MissingGlyphsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pdfkit: font %q has no glyph for ", e.Font)
	for i, m := range e.Missing {
		if i == 8 {
			fmt.Fprintf(&b, " and %d more", len(e.Missing)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if m.Rune >= 0x20 && m.Rune != 0x7F {
			fmt.Fprintf(&b, "%q ", m.Rune)
		}
		fmt.Fprintf(&b, "%U (%s, character %d)", m.Rune, m.Where, m.Index+1)
	}
	return b.String()
}

// Runes lists the distinct missing characters in order of appearance.
func (e *MissingGlyphsError) Runes() []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, m := range e.Missing {
		if !seen[m.Rune] {
			seen[m.Rune] = true
			out = append(out, m.Rune)
		}
	}
	return out
}

// named is a text with a description of where it comes from; multiline
// texts may contain line breaks ("\n" or "\r\n").
type named struct {
	where     string
	text      string
	multiline bool
}

// check returns a *MissingGlyphsError for the characters of texts the
// font lacks, or nil.
func (f *Font) check(texts ...named) error {
	var missing []MissingGlyph
	for _, t := range texts {
		rs := []rune(t.text)
		for i, r := range rs {
			if t.multiline && (r == '\n' || r == '\r' && i+1 < len(rs) && rs[i+1] == '\n') {
				continue
			}
			if !f.HasGlyph(r) {
				missing = append(missing, MissingGlyph{Rune: r, Where: t.where, Index: i})
			}
		}
	}
	if missing != nil {
		return &MissingGlyphsError{Font: f.name, Missing: missing}
	}
	return nil
}
