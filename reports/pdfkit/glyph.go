package pdfkit

import (
	"fmt"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// gofpdf writes text as UTF-16 code units into a 65,536-entry CID map, so a
// rune outside the Basic Multilingual Plane (𠮷 U+20BB7 in a name, say)
// makes it panic. Such runes are drawn instead as filled vector paths from
// the font's own outline, at the size and baseline the text would have had.
// They are absent from the PDF's text layer: copy, search and pdftotext
// skip them.

// outline returns r's glyph outline in font units (y down), loading it on
// first use and caching it in the font for every later document.
func (f *Font) outline(r rune) (sfnt.Segments, error) {
	if v, ok := f.outlines.Load(r); ok {
		return v.(sfnt.Segments), nil
	}
	g := f.glyph(r)
	if g == 0 {
		return nil, fmt.Errorf("pdfkit: font %q has no glyph for %U", f.name, r)
	}
	var buf sfnt.Buffer
	segs, err := f.sf.LoadGlyph(&buf, sfnt.GlyphIndex(g), fixed.I(f.upem), nil)
	if err != nil {
		return nil, fmt.Errorf("pdfkit: load outline of %U (glyph %d): %w", r, g, err)
	}
	v, _ := f.outlines.LoadOrStore(r, append(sfnt.Segments(nil), segs...))
	return v.(sfnt.Segments), nil
}

// drawOutline fills segs on pdf with the current fill colour, the glyph's
// origin at (x, baseline), scale millimetres per font unit. TrueType's
// quadratic curves become cubic ones: gofpdf's CurveTo is the PDF "v"
// operator, not a quadratic.
func drawOutline(pdf *gofpdf.Fpdf, segs sfnt.Segments, x, baseline, scale float64) {
	pt := func(p fixed.Point26_6) (float64, float64) {
		return x + float64(p.X)/64*scale, baseline + float64(p.Y)/64*scale
	}
	var cx, cy float64
	open := false
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if open {
				pdf.ClosePath()
			}
			cx, cy = pt(s.Args[0])
			pdf.MoveTo(cx, cy)
			open = true
		case sfnt.SegmentOpLineTo:
			cx, cy = pt(s.Args[0])
			pdf.LineTo(cx, cy)
		case sfnt.SegmentOpQuadTo:
			qx, qy := pt(s.Args[0])
			ex, ey := pt(s.Args[1])
			pdf.CurveBezierCubicTo(cx+2*(qx-cx)/3, cy+2*(qy-cy)/3, ex+2*(qx-ex)/3, ey+2*(qy-ey)/3, ex, ey)
			cx, cy = ex, ey
		case sfnt.SegmentOpCubeTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			cx, cy = pt(s.Args[2])
			pdf.CurveBezierCubicTo(x1, y1, x2, y2, cx, cy)
		}
	}
	if open {
		pdf.ClosePath()
		pdf.DrawPath("f") // nonzero winding, as TrueType outlines expect
	}
}
