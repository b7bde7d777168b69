package certificate

import (
	"math"
	"strconv"

	"github.com/jung-kurt/gofpdf"

	"peiyang/reports/certificate/qr"
	"peiyang/reports/pdfkit"
)

// Vector drawings: the QR code as filled rectangles and the red seal.
//
// A Draw callback that saves and restores the graphics state (q … Q, or
// TransformBegin … TransformEnd) must leave gofpdf's idea of the state
// true afterwards: gofpdf does not know that Q undid a colour set inside,
// and would not set it again. So the colours are set before the q.

// qrQuiet is the light margin a QR code needs around it, in modules.
const qrQuiet = 4

// qrPath returns the PDF operators that draw the code with its top-left
// corner at x, y millimetres on a page pageH millimetres high, side
// millimetres wide (quiet zone excluded, but painted white around it):
// an inline image mask of one bit per module, in hexadecimal, which the
// page's compression takes down to some 500 bytes where vector squares
// took 4 KB. A mask is painted without smoothing, every module a crisp
// square of black ink at any resolution. Made ahead, on all CPUs, it is
// written as it is.
func qrPath(c *qr.Code, x, y, side, pageH float64) string {
	const k = 72 / 25.4         // points per millimetre
	m := side / float64(c.Size) // millimetres per module
	q := float64(qrQuiet) * m   // the quiet zone
	row := (c.Size + 7) / 8
	b := make([]byte, 0, 160+2*row*c.Size+c.Size)
	b = append(b, "q 1 g "...)
	b = appendNums(b, 2, (x-q)*k, (pageH-y-side-q)*k, (side+2*q)*k, (side+2*q)*k)
	b = append(b, "re f 0 g "...)
	b = appendNums(b, 4, side*k, 0, 0, side*k, x*k, (pageH-y-side)*k)
	b = append(b, "cm\nBI /W "...)
	b = strconv.AppendInt(b, int64(c.Size), 10)
	b = append(b, " /H "...)
	b = strconv.AppendInt(b, int64(c.Size), 10)
	b = append(b, " /IM true /BPC 1 /D [1 0] /F /AHx ID\n"...)
	const hex = "0123456789ABCDEF"
	for r := 0; r < c.Size; r++ {
		for byteAt := 0; byteAt < row; byteAt++ {
			var v byte
			for bit := 0; bit < 8; bit++ {
				if col := byteAt*8 + bit; col < c.Size && c.Dark(col, r) {
					v |= 0x80 >> bit
				}
			}
			b = append(b, hex[v>>4], hex[v&15])
		}
		b = append(b, '\n')
	}
	b = append(b, ">\nEI Q"...)
	return string(b)
}

// drawQR writes a path made by qrPath.
func drawQR(d *pdfkit.Doc, path string) error { return d.Raw(path) }

// appendNums appends the numbers with prec decimals, each followed by a
// space.
func appendNums(b []byte, prec int, nums ...float64) []byte {
	for _, n := range nums {
		b = strconv.AppendFloat(b, n, 'f', prec, 64)
		b = append(b, ' ')
	}
	return b
}

// Seal geometry, in millimetres: an official seal is 40 to 42 mm across.
const (
	sealRadius = 21.0
	sealRing   = 1.1 // the ring's width
	sealStar   = 7.0 // the star's outer radius
	sealEm     = 7.4 // the characters' size, at most
	sealBold   = 0.3 // the width of the stroke that makes them bold
)

// drawSeal draws the organisation's seal centred at cx, cy: a ring, a
// five-pointed star, and the name along the upper arc, each character
// upright towards the rim and condensed when the name is long. The ink
// multiplies with what lies under it, as a stamp does.
func drawSeal(d *pdfkit.Doc, name string, c pdfkit.Color, cx, cy float64) error {
	chars := []rune(name)
	n := len(chars)
	span := math.Min(270, float64(n-1)*28) * math.Pi / 180
	step := 0.0
	if n > 1 {
		step = span / float64(n-1)
	}
	rOut := sealRadius - sealRing - 0.9 // the characters' tops
	em := sealEm
	if n > 1 {
		em = math.Max(3.5, math.Min(sealEm, (rOut-0.5*sealEm)*step*1.3))
	}
	rBase := rOut - 0.86*em // the baseline
	sx := 0.88              // seal characters are condensed
	if n > 1 {
		sx = math.Min(sx, (rBase+0.4*em)*step*0.92/em)
	}
	size := em / ptToMM
	// The document keeps its first error and draws nothing after it.
	_ = d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
		pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		pdf.SetLineWidth(sealRing)
		pdf.TransformBegin()
		pdf.SetAlpha(0.92, "Multiply")
		pdf.Circle(cx, cy, sealRadius-sealRing/2, "D")
		pts := make([]gofpdf.PointType, 10)
		for i := range pts {
			r := sealStar
			if i%2 == 1 {
				r = sealStar * 0.382
			}
			a := -math.Pi/2 + float64(i)*math.Pi/5
			pts[i] = gofpdf.PointType{X: cx + r*math.Cos(a), Y: cy + r*math.Sin(a)}
		}
		pdf.Polygon(pts, "F")
		// Text drawn filled and stroked, bold as a seal's; the q above
		// restores the rendering mode and line width.
		pdf.RawWriteStr("2 Tr " + strconv.FormatFloat(sealBold*pdf.GetConversionRatio(), 'f', 2, 64) + " w")
	})
	d.SetFontSize(size)
	d.SetTextColor(c)
	for i, ch := range chars {
		angle := -span/2 + float64(i)*step
		w := d.MeasureString(string(ch), size)
		_ = d.Draw(func(pdf *gofpdf.Fpdf) {
			pdf.TransformBegin()
			pdf.TransformRotate(-angle*180/math.Pi, cx, cy)
			pdf.TransformScale(sx*100, 100, cx, cy-rBase)
		})
		_ = d.Text(cx-w/2, cy-rBase, string(ch))
		_ = d.Draw(func(pdf *gofpdf.Fpdf) { pdf.TransformEnd() })
	}
	_ = d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.TransformEnd()
		pdf.SetAlpha(1, "Normal")
		pdf.SetFillColor(0, 0, 0)
		pdf.SetDrawColor(0, 0, 0)
	})
	return d.Err()
}

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72
