package certificate

import (
	"strconv"

	"peiyang/reports/certificate/qr"
	"peiyang/reports/pdfkit"
)

// Vector drawings: the QR code as filled rectangles.
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

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72
