package lists

import (
	"math"

	"peiyang/reports/pdfkit"
)

// A grid is a ruled block of label and value cells without a header row,
// as on the first page of a record (姓名 | 王芳 | 性别 | 女). Each row holds
// pairs of label and value; a row with fewer cells than the grid has
// columns lets its last value span the rest. Values wrap and are never
// clipped: a row moves to the next page when it does not fit, and one
// taller than a page continues on the next.
type grid struct {
	widths []float64 // label, value, label, value, ...
	size   float64   // points
}

const gridPad = 1.5

// draw draws the rows at the cursor and moves it below them.
func (g grid) draw(s *sheet, rows [][]string) error {
	for _, row := range rows {
		if err := g.row(s, row); err != nil {
			return err
		}
	}
	return nil
}

// cellWidths returns the widths of the row's cells, the last one
// spanning what the grid has left.
func (g grid) cellWidths(n int) []float64 {
	ws := make([]float64, n)
	copy(ws, g.widths[:n])
	for _, w := range g.widths[n:] {
		ws[n-1] += w
	}
	return ws
}

func (g grid) row(s *sheet, cells []string) error {
	if err := s.Check(cells...); err != nil {
		return err
	}
	ws := g.cellWidths(len(cells))
	lh := 1.4 * g.size * ptToMM
	lines := make([][]string, len(cells))
	n := 1
	for j, c := range cells {
		lines[j] = s.WrapLines(c, ws[j]-2*gridPad, g.size)
		n = max(n, len(lines[j]))
	}
	first := true
	for {
		h := float64(n)*lh + 2*gridPad
		fit := int(math.Floor((s.bottom() - s.y - 2*gridPad + 1e-9) / lh))
		fresh := s.y <= s.Margins().Top+1e-9
		if s.y+h > s.bottom()+1e-9 && !fresh && (h <= s.bottom()-s.Margins().Top || fit < 1) {
			s.newPage()
			continue
		}
		part := n
		if s.y+h > s.bottom()+1e-9 {
			part = max(fit, 1)
			h = float64(part)*lh + 2*gridPad
		}
		if err := g.cells(s, ws, lines, part, lh, h, first && part == n); err != nil {
			return err
		}
		s.y += h
		for j := range lines {
			lines[j] = lines[j][min(part, len(lines[j])):]
		}
		n -= part
		if n <= 0 {
			return nil
		}
		first = false
		s.newPage()
	}
}

// cells draws the first part lines of each cell in a row h high, labels
// shaded, and centred vertically when the row is whole.
func (g grid) cells(s *sheet, ws []float64, lines [][]string, part int, lh, h float64, whole bool) error {
	x := s.left()
	s.SetFontSize(g.size)
	for j, w := range ws {
		var fill *pdfkit.Color
		if j%2 == 0 {
			fill = &fillLabel
		}
		if err := s.box(x, s.y, w, h, fill); err != nil {
			return err
		}
		ls := lines[j][:min(part, len(lines[j]))]
		top := s.y + gridPad
		if whole {
			top = s.y + (h-float64(len(ls))*lh)/2
		}
		align := pdfkit.AlignLeft
		if j%2 == 0 {
			align = pdfkit.AlignCenter
		}
		for i, line := range ls {
			if err := s.AlignedText(x+gridPad, top+float64(i)*lh+s.Baseline(lh, g.size), w-2*gridPad, line, align); err != nil {
				return err
			}
		}
		x += w
	}
	return nil
}
