package certificate

import (
	"github.com/jung-kurt/gofpdf"

	"peiyang/photo"
	"peiyang/reports/pdfkit"
)

// The certificate on blank A4 landscape paper, 297 × 210 mm: a double
// frame in the certificate colour (or the background image), the serial
// top right, the title centred in large spaced type, the wording as an
// indented paragraph, the QR code bottom left, and bottom right the
// signatory, the organisation and the issue date, where the unit stamps
// its seal (or, with the setting certificate.seal_image, its scan).
const (
	pageW, pageH = 297.0, 210.0

	serialY = 30.0 // baseline of the serial, right-aligned at pageW-serialRight
	serialR = 30.0

	titleY    = 53.0 // baseline of the title
	titleSize = 46.0

	bodyX, bodyY, bodyW, bodyH = 45.0, 68.0, 207.0, 62.0
	bodySize, bodyMinSize      = 20.0, 12.0

	// With the photo (certificate.photo): its box left of the wording,
	// 25 × 35 mm, the seal's second impression over its lower right
	// corner, and the wording moved right of them.
	photoX, photoY       = 30.0, 66.0
	photoBodyX, photoEnd = 72.0, 262.0 // the wording's left and right edges
	photoSealScale       = 0.6

	// The QR code is 40 mm across, so that its modules (a usual
	// certificate's code is version 9 or 10, 53 or 57 modules) are about
	// 0.7 mm: a 100 dpi scan or a slightly blurred, tilted phone photo
	// still reads them.
	qrX, qrY, qrSide = 28.0, 134.0, 40.0

	signX, signW = 167.0, 110.0 // the signature block, lines centred in it
	signatoryY   = 137.0
	orgY         = 161.0
	dateY        = 173.0
	sealX, sealY = signX + signW/2, 164.0
)

var (
	black = pdfkit.Color{}
	grey  = pdfkit.Color{R: 0x55, G: 0x55, B: 0x55}
)

// full draws one certificate on a new page.
func (p *Printer) full(d *pdfkit.Doc, it *Item, qrOps string) error {
	s := p.Settings
	d.AddPage()
	if s.background != nil {
		drawBackground(d, s)
	} else {
		drawFrame(d, s.Color)
	}
	d.SetFontSize(12)
	d.SetTextColor(grey)
	_ = d.AlignedText(0, serialY, pageW-serialR, "证书编号："+it.Serial, pdfkit.AlignRight)

	d.SetTextColor(s.Color)
	drawSpaced(d, s.Title, titleY, titleSize)

	x, w := bodyX, bodyW
	if s.Photo {
		x, w = photoBodyX, photoEnd-photoBodyX
		drawPhoto(d, it, photoX, photoY, photo.WidthMM)
	}
	d.SetTextColor(black)
	drawBody(d, s.body(it), x, w)

	if qrOps != "" {
		_ = drawQR(d, qrOps)
		d.SetFontSize(9)
		d.SetTextColor(grey)
		_ = d.AlignedText(qrX, qrY+qrSide+5, qrSide, "扫码验证真伪", pdfkit.AlignCenter)
	}

	d.SetTextColor(black)
	if s.Signatory != "" {
		fitText(d, signX, signatoryY, signW, s.Signatory, 16)
	}
	fitText(d, signX, orgY, signW, s.OrgName, 18)
	fitText(d, signX, dateY, signW, s.date(it.IssuedOn), 16)
	if s.seal != nil {
		drawSealImage(d, s, sealX, sealY, sealSide)
		if s.Photo && it.Photo != nil {
			drawSealImage(d, s, photoX+photo.WidthMM, photoY+photo.HeightMM, photoSealScale*sealSide)
		}
	}
	return d.Err()
}

// drawBody writes the wording's paragraphs, indented, from bodyY down in
// the box from x, w wide, in the largest size from bodySize down that
// fits bodyH.
func drawBody(d *pdfkit.Doc, paras []string, x, w float64) {
	for i := range paras {
		paras[i] = "\u3000\u3000" + paras[i]
	}
	size := bodySize
	for ; size > bodyMinSize; size-- {
		lines := 0
		for _, para := range paras {
			lines += len(d.WrapLines(para, paraWidth(d, para, size, w), size))
		}
		if float64(lines)*lineHeight(size) <= bodyH {
			break
		}
	}
	d.SetFontSize(size)
	y := bodyY
	for _, para := range paras {
		h, _ := d.Paragraph(x, y, paraWidth(d, para, size, w), lineHeight(size), para, pdfkit.AlignLeft)
		y += h
	}
}

// drawPhoto places the item's photo with its top-left corner at x, y, w
// millimetres wide and 1.4 times as high, in a thin frame; without a
// photo, the empty frame, for one to be pasted in.
func drawPhoto(d *pdfkit.Doc, it *Item, x, y, w float64) {
	h := w * photo.HeightMM / photo.WidthMM
	if it.Photo != nil {
		if img, err := pdfkit.NewImage(it.Photo); err == nil {
			_ = d.Image(img, x, y, w, h)
		}
	}
	_ = d.Rect(x, y, w, h, 0.25)
}

// paraWidth is the width to wrap a paragraph of the body to: the body's,
// bodyW, or up to two characters less when that leaves a last line of one
// or two characters (业。 alone), so that one more comes down with them.
func paraWidth(d *pdfkit.Doc, para string, size, bodyW float64) float64 {
	em := size * ptToMM
	for w := bodyW; w > bodyW-2.5*em; w -= em {
		lines := d.WrapLines(para, w, size)
		if len(lines) < 2 || len([]rune(lines[len(lines)-1])) > 2 {
			return w
		}
		if n := len(d.WrapLines(para, w-em, size)); n > len(lines) {
			return w // narrower would add a line
		}
	}
	return bodyW
}

// fitText centres a line in the box from x to x+w at size points, or
// smaller when it would not fit.
func fitText(d *pdfkit.Doc, x, y, w float64, text string, size float64) {
	if tw := d.MeasureString(text, size); tw > w {
		size *= w / tw
	}
	d.SetFontSize(size)
	_ = d.AlignedText(x, y, w, text, pdfkit.AlignCenter)
}

// lineHeight is the body's line height at size points, in millimetres.
func lineHeight(size float64) float64 { return size * ptToMM * 1.75 }

// drawSpaced draws a short text centred on the page with half a character
// of space between its characters, as titles are set.
func drawSpaced(d *pdfkit.Doc, text string, y, size float64) {
	chars := []rune(text)
	gap := 0.5 * size * ptToMM
	if len(chars) > 6 {
		gap = 0.15 * size * ptToMM
	}
	widths := make([]float64, len(chars))
	total := gap * float64(len(chars)-1)
	for i, c := range chars {
		widths[i] = d.MeasureString(string(c), size)
		total += widths[i]
	}
	if total > pageW-40 { // a long title: no spacing, smaller
		size *= (pageW - 40) / total
		d.SetFontSize(size)
		_ = d.AlignedText(0, y, pageW, text, pdfkit.AlignCenter)
		return
	}
	d.SetFontSize(size)
	x := (pageW - total) / 2
	for i, c := range chars {
		_ = d.Text(x, y, string(c))
		x += widths[i] + gap
	}
}

// drawFrame draws the double frame with square corner ornaments.
func drawFrame(d *pdfkit.Doc, c pdfkit.Color) {
	_ = d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
		pdf.SetLineWidth(1.6)
		pdf.Rect(8, 8, pageW-16, pageH-16, "D")
		pdf.SetLineWidth(0.35)
		pdf.Rect(11.5, 11.5, pageW-23, pageH-23, "D")
		for _, corner := range [][2]float64{{11.5, 11.5}, {pageW - 11.5, 11.5}, {11.5, pageH - 11.5}, {pageW - 11.5, pageH - 11.5}} {
			x, y := corner[0], corner[1]
			dx, dy := 1.0, 1.0
			if x > pageW/2 {
				dx = -1
			}
			if y > pageH/2 {
				dy = -1
			}
			pdf.SetLineWidth(0.6)
			pdf.Rect(min(x, x+dx*9), min(y, y+dy*9), 9, 9, "D")
			pdf.SetLineWidth(0.35)
			pdf.Rect(min(x+dx*2.5, x+dx*6.5), min(y+dy*2.5, y+dy*6.5), 4, 4, "D")
		}
		pdf.SetDrawColor(0, 0, 0)
	})
}

// sealSide is the side of the box the seal's scan is fitted in, in mm:
// an official seal is 40 to 42 mm across.
const sealSide = 42.0

// drawSealImage places the scan of the unit's seal over the organisation
// and the date, where the stamp goes, fitted in a sealSide box. Its ink
// multiplies with what lies under it, as a stamp's does, so that the
// white of a JPEG scan hides nothing.
func drawSealImage(d *pdfkit.Doc, s *Settings, cx, cy, side float64) {
	pw, ph := s.seal.Size()
	if pw <= 0 || ph <= 0 {
		return
	}
	w, h := side, side
	if r := float64(pw) / float64(ph); r > 1 {
		h = side / r
	} else {
		w = side * r
	}
	_ = d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.TransformBegin()
		pdf.SetAlpha(1, "Multiply")
	})
	_ = d.Image(s.seal, cx-w/2, cy-h/2, w, h)
	_ = d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.TransformEnd()
		pdf.SetAlpha(1, "Normal")
	})
}

// drawBackground draws the background image over the whole page.
func drawBackground(d *pdfkit.Doc, s *Settings) {
	w, h := d.PageSize()
	_ = d.Image(s.background, 0, 0, w, h)
}
