package pdfkit

import (
	"math"
	"strconv"
)

// mmToPt converts millimetres (all lengths) to points (PDF's unit).
const mmToPt = 72 / 25.4

// content builds a page's content stream: PDF operators in points from
// the bottom-left corner, numbers with at most two decimals as gofpdf
// writes them.
type content struct {
	b     []byte
	pageH float64 // millimetres, to turn y downwards into y upwards
	oy    float64 // points: where the origin was moved up to (renderer.save)
}

// num appends v with at most two decimals and a space.
func (c *content) num(v float64) {
	c.b = appendNum(c.b, v)
	c.b = append(c.b, ' ')
}

// appendNum appends v rounded to two decimals, without trailing zeros.
func appendNum(b []byte, v float64) []byte {
	n := int64(math.Round(v * 100))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if f := n % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}

// x and y turn a point in millimetres from the top-left corner into
// points from the bottom-left one.
func (c *content) x(mm float64) float64 { return mm * mmToPt }
func (c *content) y(mm float64) float64 { return (c.pageH-mm)*mmToPt - c.oy }

// op appends an operator and a line break.
func (c *content) op(s string) {
	c.b = append(c.b, s...)
	c.b = append(c.b, '\n')
}

// color appends the operator that sets the fill (or stroke) colour.
func (c *content) color(col Color, stroke bool) {
	gray, rgb := "g", "rg"
	if stroke {
		gray, rgb = "G", "RG"
	}
	if col.R == col.G && col.G == col.B {
		c.num(float64(col.R) / 255)
		c.op(gray)
		return
	}
	c.num(float64(col.R) / 255)
	c.num(float64(col.G) / 255)
	c.num(float64(col.B) / 255)
	c.op(rgb)
}

// rect appends a rectangle path, x, y its top-left corner in millimetres.
func (c *content) rect(x, y, w, h float64) {
	c.num(c.x(x))
	c.num(c.y(y))
	c.num(w * mmToPt)
	c.num(-h * mmToPt)
	c.b = append(c.b, "re "...)
}

// str appends a PDF literal string of the two-byte codes.
func (c *content) str(codes []uint16) {
	c.b = append(c.b, '(')
	for _, code := range codes {
		for _, by := range [2]byte{byte(code >> 8), byte(code)} {
			switch by {
			case '(', ')', '\\':
				c.b = append(c.b, '\\', by)
			case '\r':
				c.b = append(c.b, '\\', 'r')
			default:
				c.b = append(c.b, by)
			}
		}
	}
	c.b = append(c.b, ')')
}
