package certificate

import (
	"fmt"
	"math"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"peiyang/models"
	"peiyang/photo"
	"peiyang/reports/certificate/qr"
	"peiyang/reports/pdfkit"
)

// Overlay printing (套打): only the variable fields, at the positions of
// the settings, shifted by the printer's offsets, on pre-printed stock.

// overlay draws one certificate's fields on a new page.
func (p *Printer) overlay(d *pdfkit.Doc, it *Item, qrOps string) error {
	s := p.Settings
	d.AddPage()
	d.SetTextColor(black)
	v := s.values(it)
	for _, f := range Fields {
		pos, ok := s.Positions[f]
		if !ok {
			continue
		}
		x, y := pos.X+s.OffsetX, pos.Y+s.OffsetY
		switch f {
		case "qr":
			if qrOps != "" {
				_ = drawQR(d, qrOps)
			}
		case "photo": // the stock has the box: only a photo is printed
			if it.Photo != nil {
				if img, err := pdfkit.NewImage(it.Photo); err == nil {
					_ = d.Image(img, x, y, pos.Size, pos.Size*photo.HeightMM/photo.WidthMM)
				}
			}
		default:
			drawField(d, v[f], x, y, pos)
		}
	}
	return d.Err()
}

// drawField writes a field's text at its position, centred and shrunk to
// fit when the position has a width.
func drawField(d *pdfkit.Doc, text string, x, y float64, pos Position) {
	size := pos.Size
	if pos.Width <= 0 {
		d.SetFontSize(size)
		_ = d.Text(x, y, text)
		return
	}
	if w := d.MeasureString(text, size); w > pos.Width {
		size *= pos.Width / w
	}
	d.SetFontSize(size)
	_ = d.AlignedText(x, y, pos.Width, text, pdfkit.AlignCenter)
}

// fieldLabels name the overlay fields on the calibration page.
var fieldLabels = map[string]string{
	"serial": "编号", "name": "姓名", "gender": "性别", "start": "开始日期", "end": "结束日期",
	"course": "培训班", "hours": "学时", "issued": "发证日期", "qr": "二维码", "photo": "照片",
}

// SampleItem is the certificate the calibration page shows.
func SampleItem() Item {
	return Item{Serial: "2025-0001", Name: "阿依古丽·买买提", Gender: "female", Course: "2025年乡村振兴专题培训班（第一期）",
		Theme: "rural_revitalisation", Start: models.MustDate("2025-06-02"), End: models.MustDate("2025-06-13"), Hours: 32, Assessed: true,
		IssuedOn: models.MustDate("2025-06-15"), Code: "PY2|2025-0001|阿依古丽·买买提|2025年乡村振兴专题培训班（第一期）|20250615 510623***********4 " +
			strings.Repeat("0123456789", 15) + "01234"}
}

// Calibration returns the calibration page for overlay printing: a
// millimetre grid over the stock (1 mm light lines, 5 and 10 mm heavier,
// labelled every 10 mm), shifted by the printer offsets, and a box for
// each field where it will print, with a sample. Printed on plain paper
// and laid on the stock, it shows what to change.
func (p *Printer) Calibration() (*pdfkit.Doc, error) {
	s := p.Settings
	d, err := pdfkit.New(pdfkit.Options{PageSize: s.Paper, NoMargins: true, Title: "证书套打校准页",
		Subject: s.Title, Author: s.OrgName, Creator: "Peiyang", CreationDate: p.Date})
	if err != nil {
		return nil, fmt.Errorf("certificate: calibration: %w", err)
	}
	d.AddPage()
	drawGrid(d, s)
	it := SampleItem()
	v := s.values(&it)
	for _, f := range Fields {
		pos, ok := s.Positions[f]
		if !ok {
			continue
		}
		x, y := pos.X+s.OffsetX, pos.Y+s.OffsetY
		var bx, by, bw, bh float64
		if f == "photo" {
			bx, by, bw, bh = x, y, pos.Size, pos.Size*photo.HeightMM/photo.WidthMM
		} else if f == "qr" {
			bx, by, bw, bh = x, y, pos.Size, pos.Size
			code, err := qr.Encode([]byte(it.Code), qr.M)
			if err != nil {
				return nil, fmt.Errorf("certificate: calibration: %w", err)
			}
			_ = drawQR(d, qrPath(code, x, y, pos.Size, s.Paper.H))
		} else {
			bw = pos.Width
			if bw <= 0 {
				bw = d.MeasureString(v[f], pos.Size)
			}
			em := pos.Size * ptToMM
			bx, by, bh = x, y-0.9*em, 1.15*em
			d.SetTextColor(black)
			drawField(d, v[f], x, y, pos)
		}
		_ = d.Draw(func(pdf *gofpdf.Fpdf) {
			pdf.SetDrawColor(0xD7, 0, 0x0F)
			pdf.SetLineWidth(0.25)
			pdf.SetDashPattern([]float64{1, 0.8}, 0)
			pdf.Rect(bx, by, bw, bh, "D")
			pdf.SetDashPattern(nil, 0)
			pdf.SetDrawColor(0, 0, 0)
		})
		d.SetFontSize(6.5)
		d.SetTextColor(pdfkit.Color{R: 0xD7, B: 0x0F})
		label := fmt.Sprintf("%s %s (%g, %g)", fieldLabels[f], f, pos.X, pos.Y)
		_ = d.Text(bx, by-1, label)
	}
	drawInstructions(d, s)
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("certificate: calibration: %w", err)
	}
	return d, nil
}

// Grid line styles: width in mm and colour.
var gridStyles = [3]struct {
	width float64
	c     pdfkit.Color
}{
	{0.05, pdfkit.Color{R: 0xC8, G: 0xD7, B: 0xE6}}, // every millimetre
	{0.15, pdfkit.Color{R: 0x8C, G: 0xAA, B: 0xCD}}, // every 5 mm
	{0.30, pdfkit.Color{R: 0x46, G: 0x6E, B: 0xA0}}, // every 10 mm
}

// drawGrid draws the millimetre grid with its origin at the offsets.
func drawGrid(d *pdfkit.Doc, s *Settings) {
	w, h := d.PageSize()
	ox, oy := s.OffsetX, s.OffsetY
	style := func(mm int) int {
		switch {
		case mm%10 == 0:
			return 2
		case mm%5 == 0:
			return 1
		}
		return 0
	}
	for level := range gridStyles {
		_ = d.Draw(func(pdf *gofpdf.Fpdf) {
			g := gridStyles[level]
			pdf.SetLineWidth(g.width)
			pdf.SetDrawColor(int(g.c.R), int(g.c.G), int(g.c.B))
			for mm := int(math.Floor(-ox)); float64(mm)+ox <= w; mm++ {
				if x := float64(mm) + ox; x >= 0 && style(mm) == level {
					pdf.Line(x, 0, x, h)
				}
			}
			for mm := int(math.Floor(-oy)); float64(mm)+oy <= h; mm++ {
				if y := float64(mm) + oy; y >= 0 && style(mm) == level {
					pdf.Line(0, y, w, y)
				}
			}
			pdf.SetDrawColor(0, 0, 0)
		})
	}
	d.SetFontSize(6)
	d.SetTextColor(gridStyles[2].c)
	for mm := 10; float64(mm)+ox < w-3; mm += 10 {
		_ = d.Text(float64(mm)+ox+0.6, oy+3, fmt.Sprint(mm))
		_ = d.Text(float64(mm)+ox+0.6, h-1.5, fmt.Sprint(mm))
	}
	for mm := 10; float64(mm)+oy < h-3; mm += 10 {
		_ = d.Text(ox+0.6, float64(mm)+oy-0.6, fmt.Sprint(mm))
		_ = d.Text(w-6, float64(mm)+oy-0.6, fmt.Sprint(mm))
	}
}

// drawInstructions explains the page at its foot.
func drawInstructions(d *pdfkit.Doc, s *Settings) {
	w, h := d.PageSize()
	lines := []string{
		"证书套打校准页",
		"用普通纸打印本页，与证书纸叠放对光查看：红框是各栏打印的位置。",
		"整体偏移时量出网格0刻度线与纸边的距离，设置 certificate.offset_x、certificate.offset_y（毫米，向右、向下为正）；",
		"单个栏位用 certificate.overlay.栏名 = x,y,字号,宽度 调整（毫米、磅）。",
		fmt.Sprintf("当前：offset_x = %g mm，offset_y = %g mm，纸张 %g×%g mm。", s.OffsetX, s.OffsetY, s.Paper.W, s.Paper.H),
	}
	top, lh := h-36, 4.6
	_ = d.FillRect(w/2-85, top, 170, lh*float64(len(lines))+4.5, pdfkit.Color{R: 255, G: 255, B: 255})
	d.SetTextColor(black)
	for i, line := range lines {
		size := 8.0
		if i == 0 {
			size = 12
		}
		d.SetFontSize(size)
		_ = d.AlignedText(0, top+5+float64(i)*lh+boolF(i > 0)*1.2, w, line, pdfkit.AlignCenter)
	}
}

func boolF(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
