package pdfkit

import (
	"fmt"
	"math"
)

// Column is a column of a Table.
type Column struct {
	Header string
	Width  float64 // millimetres
	Align  Align
}

// Table describes a ruled table, as on rosters and sign-in sheets. Cells
// wrap (see WrapLines) and are never clipped: a row grows to its tallest
// cell, moves to the next page when it does not fit, and only a row taller
// than a whole page is split between pages. The header row repeats at the
// top of every page.
type Table struct {
	Columns      []Column
	FontSize     float64 // points; zero: the document's current size
	LineHeight   float64 // millimetres per text line; zero: 1.4 times the font size
	Padding      float64 // millimetres inside each cell; zero: 1.5
	MinRowHeight float64 // millimetres, e.g. room for a signature
	HeaderFill   *Color  // nil: light grey
	LineWidth    float64 // of the rules, millimetres; zero: 0.2
	// OnCell, when set, is called for every body cell once its rules and
	// text are drawn (the first part of a row split between pages only),
	// with the row's index in rows, the column's and the cell's box in
	// millimetres, to draw more in it: a photo, say. It must not call
	// Draw.
	OnCell func(row, col int, x, y, w, h float64) error
}

// Table draws t with rows (one string per column) from the top y down,
// starting new pages as needed below the bottom margin, and returns the y
// where the table ends on the last page. Cells may hold line feeds. All
// cells are checked first: a character the font lacks fails the whole
// table with a *MissingGlyphsError, before anything is drawn.
func (d *Doc) Table(x, y float64, t Table, rows [][]string) (float64, error) {
	if d.err != nil {
		return 0, d.err
	}
	if len(t.Columns) == 0 {
		return 0, d.fail(fmt.Errorf("pdfkit: table without columns"))
	}
	texts := make([]named, 0, len(t.Columns)*(len(rows)+1))
	for j, c := range t.Columns {
		if c.Width <= 0 {
			return 0, d.fail(fmt.Errorf("pdfkit: table column %d (%q) has width %g", j+1, c.Header, c.Width))
		}
		texts = append(texts, named{where: fmt.Sprintf("table header, column %d", j+1), text: c.Header, multiline: true})
	}
	for i, row := range rows {
		if len(row) != len(t.Columns) {
			return 0, d.fail(fmt.Errorf("pdfkit: table row %d has %d cells for %d columns", i+1, len(row), len(t.Columns)))
		}
		for j, cell := range row {
			texts = append(texts, named{where: fmt.Sprintf("table row %d, column %d (%s)", i+1, j+1, t.Columns[j].Header), text: cell, multiline: true})
		}
	}
	if err := d.font.check(texts...); err != nil {
		return 0, d.fail(err)
	}
	l := d.tableLayout(t)
	avail := d.page.H - d.margins.Bottom - d.margins.Top
	if hh := l.height(l.wrap(t.headers()), 0); hh > avail-l.lh-2*l.pad || hh > avail-t.MinRowHeight {
		return 0, d.fail(fmt.Errorf("pdfkit: a table header and a row do not fit in the %.1f mm between the margins", avail))
	}
	if len(d.pages) == 0 {
		d.AddPage()
	}
	saved := d.size
	defer func() { d.size = saved }()
	d.size = l.size
	return l.draw(x, y, rows)
}

func (t Table) headers() []string {
	h := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		h[j] = c.Header
	}
	return h
}

// tableLayout is a Table with its defaults filled in.
type tableLayout struct {
	Table
	d                 *Doc
	size, lh, pad, lw float64
	fill              Color
	bottom            float64
	boxes             []Box // the cells of a row, shared by all rows
	index             int   // the row being drawn, for OnCell
	first             bool  // its first part is still to be drawn
}

func (d *Doc) tableLayout(t Table) *tableLayout {
	l := &tableLayout{Table: t, d: d, size: t.FontSize, lh: t.LineHeight, pad: t.Padding, lw: t.LineWidth, fill: Color{235, 235, 235}}
	if l.size <= 0 {
		l.size = d.size
	}
	if l.lh <= 0 {
		l.lh = 1.4 * l.size * ptToMM
	}
	if l.pad <= 0 {
		l.pad = 1.5
	}
	if l.lw <= 0 {
		l.lw = 0.2
	}
	if t.HeaderFill != nil {
		l.fill = *t.HeaderFill
	}
	l.bottom = d.page.H - d.margins.Bottom
	return l
}

// wrap breaks each cell to its column's inner width.
func (l *tableLayout) wrap(cells []string) [][]string {
	out := make([][]string, len(cells))
	for j, c := range cells {
		out[j] = l.d.font.WrapLines(c, l.Columns[j].Width-2*l.pad, l.size)
	}
	return out
}

// height returns the height of a row of wrapped cells, or least if more.
func (l *tableLayout) height(cells [][]string, least float64) float64 {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	return math.Max(float64(n)*l.lh+2*l.pad, least)
}

func (l *tableLayout) draw(x, y float64, rows [][]string) (float64, error) {
	header := l.wrap(l.headers())
	hh := l.height(header, 0)
	need := hh // the header and the first row, or as much of it as a page holds
	if len(rows) > 0 {
		need += math.Min(l.height(l.wrap(rows[0]), l.MinRowHeight), l.bottom-l.d.margins.Top-hh)
	}
	if y+need > l.bottom+1e-9 {
		l.d.AddPage()
		y = l.d.margins.Top
	}
	if err := l.row(x, y, hh, header, true); err != nil {
		return 0, err
	}
	y += hh
	top := y                         // just below the header on this page
	freshTop := l.d.margins.Top + hh // the same on a new page
	newPage := func() error {
		l.d.AddPage()
		y = l.d.margins.Top
		if err := l.row(x, y, hh, header, true); err != nil {
			return err
		}
		y += hh
		top = y
		return nil
	}
	for i, row := range rows {
		l.index, l.first = i, true
		rest := l.wrap(row)
		for {
			h := l.height(rest, l.MinRowHeight)
			if y+h <= l.bottom+1e-9 {
				if err := l.row(x, y, h, rest, false); err != nil {
					return 0, err
				}
				y += h
				break
			}
			fit := int(math.Floor((l.bottom - y - 2*l.pad + 1e-9) / l.lh))
			if y > top+1e-9 && (h <= l.bottom-freshTop+1e-9 || fit < 1) {
				// the row fits on a fresh page, or not even a line fits here
				if err := newPage(); err != nil {
					return 0, err
				}
				continue
			}
			if fit < 1 { // cannot happen: Table checks that a line fits
				return 0, l.d.fail(fmt.Errorf("pdfkit: no room for a table row on page %d", len(l.d.pages)))
			}
			// a row taller than a page: fill this one, continue on the next
			part := make([][]string, len(rest))
			for j, c := range rest {
				n := min(fit, len(c))
				part[j], rest[j] = c[:n], c[n:]
			}
			if err := l.row(x, y, l.bottom-y, part, false); err != nil {
				return 0, err
			}
			if empty(rest) {
				y = l.bottom
				break
			}
			if err := newPage(); err != nil {
				return 0, err
			}
		}
	}
	return y, nil
}

// row draws one row of height h at y: the cells' rules (and fill for the
// header), then their lines, centred vertically.
func (l *tableLayout) row(x, y, h float64, cells [][]string, header bool) error {
	cols := l.Columns
	if l.boxes == nil {
		l.boxes = make([]Box, len(cols))
		cx := x
		for j, c := range cols {
			l.boxes[j] = Box{cx, c.Width}
			cx += c.Width
		}
	}
	var fill *Color
	if header {
		fill = &l.fill
	}
	return l.d.group(y, func() error {
		if err := l.d.Boxes(y, h, l.boxes, l.lw, fill); err != nil {
			return err
		}
		cx := x
		for j, c := range cols {
			top := y + (h-float64(len(cells[j]))*l.lh)/2
			align := c.Align
			if header {
				align = AlignCenter
			}
			for i, line := range cells[j] {
				base := top + float64(i)*l.lh + l.d.Baseline(l.lh, l.size)
				if err := l.d.checkedText(cx+l.pad+l.d.offset(line, c.Width-2*l.pad, l.size, align), base, line); err != nil {
					return err
				}
			}
			cx += c.Width
		}
		if header || !l.first || l.OnCell == nil {
			return nil
		}
		l.first = false
		for j, b := range l.boxes {
			if err := l.OnCell(l.index, j, b.X, y, b.W, h); err != nil {
				return err
			}
		}
		return nil
	})
}

func empty(cells [][]string) bool {
	for _, c := range cells {
		if len(c) > 0 {
			return false
		}
	}
	return true
}
