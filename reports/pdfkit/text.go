package pdfkit

import (
	"fmt"
)

// Align is a horizontal alignment.
type Align int

// Alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Text draws s on one line starting at x with its baseline at y, in the
// current font size and colour. Characters the font lacks (line feeds
// included) make it fail with a *MissingGlyphsError.
func (d *Doc) Text(x, y float64, s string) error {
	return d.text(fmt.Sprintf("text at (%.1f, %.1f) on page %d", x, y, len(d.pages)), x, y, s)
}

// AlignedText draws s on one line in the box from x to x+w, aligned in it,
// with its baseline at y. It may overflow the box; measure first if that
// matters.
func (d *Doc) AlignedText(x, y, w float64, s string, align Align) error {
	return d.text(fmt.Sprintf("text at (%.1f, %.1f) on page %d", x, y, len(d.pages)), x+d.offset(s, w, d.size, align), y, s)
}

// Paragraph draws s wrapped to width w (see WrapLines) from the top y down,
// lineHeight millimetres per line (zero: 1.5 times the font size), each
// line aligned in the box, and returns the height it took. It does not
// break pages: use WrapLines to split a long text across pages, or Table.
func (d *Doc) Paragraph(x, y, w, lineHeight float64, s string, align Align) (float64, error) {
	if d.err != nil {
		return 0, d.err
	}
	where := fmt.Sprintf("paragraph at (%.1f, %.1f) on page %d", x, y, len(d.pages))
	if err := d.font.check(named{where: where, text: s, multiline: true}); err != nil {
		return 0, d.fail(err)
	}
	if lineHeight <= 0 {
		lineHeight = d.LineHeight(d.size)
	}
	lines := d.font.WrapLines(s, w, d.size)
	for i, line := range lines {
		base := y + float64(i)*lineHeight + d.Baseline(lineHeight, d.size)
		if err := d.text(where, x+d.offset(line, w, d.size, align), base, line); err != nil {
			return 0, err
		}
	}
	return float64(len(lines)) * lineHeight, nil
}

// LineHeight returns the default line height for size points: 1.5 times
// the size, in millimetres.
func (d *Doc) LineHeight(size float64) float64 { return 1.5 * size * ptToMM }

// Baseline returns where the baseline of text of size points lies below
// the top of a line lineHeight millimetres high, the font's ascender and
// descender centred in the line.
func (d *Doc) Baseline(lineHeight, size float64) float64 {
	asc, desc := d.font.Ascent(size), d.font.Descent(size)
	return (lineHeight-asc-desc)/2 + asc
}

// offset returns how far right of the box's left edge a line starts.
func (d *Doc) offset(line string, w, size float64, align Align) float64 {
	switch align {
	case AlignCenter:
		return (w - d.font.trimmedWidth(line, size)) / 2
	case AlignRight:
		return w - d.font.trimmedWidth(line, size)
	}
	return 0
}

// text checks s, notes its glyphs for embedding and records it.
func (d *Doc) text(where string, x, y float64, s string) error {
	if d.err != nil {
		return d.err
	}
	if err := d.font.check(named{where: where, text: s}); err != nil {
		return d.fail(err)
	}
	return d.checkedText(x, y, s)
}

// checkedText records s, already checked against the font.
func (d *Doc) checkedText(x, y float64, s string) error {
	for _, r := range s {
		d.runes[r] = struct{}{}
	}
	size, color := d.size, d.color
	return d.record(func(r *renderer) error { r.text(x, y, size, color, s); return nil })
}

// text draws s with its baseline's left end at x, y.
func (r *renderer) text(x, y, size float64, col Color, s string) {
	if s == "" {
		return
	}
	c := &r.c
	r.setFill(col)
	if r.size != size {
		c.b = append(c.b, "/F1 "...)
		c.num(size)
		c.op("Tf")
		r.size = size
	}
	c.b = append(c.b, "BT "...)
	c.num(c.x(x))
	c.num(c.y(y))
	c.b = append(c.b, "Td "...)
	r.codes = r.emb.codes(r.codes[:0], s)
	c.str(r.codes)
	c.op(" Tj ET")
}
