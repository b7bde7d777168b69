package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Column describes a column of a Table whose rows are of type R.
type Column[R any] struct {
	Title string  // the header, translated
	Width float32 // the column's width; the Flex one's least width
	// Flex makes the column take the width the others leave, so that the
	// table fits its space without a horizontal scroll bar; one at most.
	Flex bool
	// Text is what the row shows in the column, clipped to its width.
	Text func(r R) string
	// Importance colours the cell; nil for the usual colour.
	Importance func(r R) widget.Importance
	// Align places the text; the zero value is the leading edge.
	Align fyne.TextAlign
}

// Table is a table with a header row, one label per cell. Cells are set
// only when their text changes and clipped by estimate (Clip), so that it
// scrolls fast over tens of thousands of rows.
type Table[R any] struct {
	*widget.Table
	cols []Column[R]
	row  func(i int) (R, bool)
	room []float32 // each column's width in Chinese characters
	box  fyne.CanvasObject
}

// NewTable makes a table of the columns. count is the number of rows;
// row returns row i, or false while it is not there yet (a page being
// read), when the first cell shows "…".
func NewTable[R any](cols []Column[R], count func() int, row func(i int) (R, bool)) *Table[R] {
	t := &Table[R]{cols: cols, row: row, room: make([]float32, len(cols))}
	t.Table = widget.NewTableWithHeaders(
		func() (int, int) { return count(), len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		t.UpdateCell)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(cols) {
			l := o.(*widget.Label)
			if text := Clip(cols[id.Col].Title, t.room[id.Col]); l.Text != text {
				l.SetText(text)
			}
		}
	}
	flex := -1
	for i, c := range cols {
		t.SetColumnWidth(i, c.Width)
		t.room[i] = Room(c.Width)
		if c.Flex {
			flex = i
		}
	}
	t.box = t.Table
	if flex >= 0 {
		t.box = container.New(&flexLayout[R]{t: t, col: flex}, t.Table)
	}
	return t
}

// Object is what to put in a layout: the table, inside the layout that
// widens its flexible column.
func (t *Table[R]) Object() fyne.CanvasObject { return t.box }

// UpdateCell fills the cell's label, as the table does when it shows the
// cell.
func (t *Table[R]) UpdateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	c := t.cols[id.Col]
	text, imp := "", widget.MediumImportance
	if r, ok := t.row(id.Row); ok {
		text = Clip(c.Text(r), t.room[id.Col])
		if c.Importance != nil {
			imp = c.Importance(r)
		}
	} else if id.Col == 0 {
		text = "…"
	}
	// Setting a label shapes its text again: skip it when nothing changed,
	// as for most cells while scrolling by a row or two.
	if l.Text != text || l.Importance != imp || l.Alignment != c.Align {
		l.Text, l.Importance, l.Alignment = text, imp, c.Align
		l.Refresh()
	}
}

// flexLayout lays a table out at the size it is given, its flexible
// column taking the width the others leave.
type flexLayout[R any] struct {
	t    *Table[R]
	col  int
	last float32
}

func (l *flexLayout[R]) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	others := float32(0)
	for i, c := range l.t.cols {
		if i != l.col {
			others += c.Width
		}
	}
	// Each column is followed by a padding-wide separator, and the
	// vertical scroll bar takes its width on the right.
	spare := float32(len(l.t.cols))*theme.Padding() + theme.ScrollBarSize() + theme.Padding()
	w := max(l.t.cols[l.col].Width, size.Width-others-spare)
	if w != l.last {
		l.last = w
		l.t.room[l.col] = Room(w)
		l.t.SetColumnWidth(l.col, w)
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *flexLayout[R]) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// CellText is what a cell shows, clipped as on screen.
func (t *Table[R]) CellText(row, col int) string {
	l := widget.NewLabel("")
	t.UpdateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

// Text is the whole text of a cell, before it is clipped to the column.
func (t *Table[R]) Text(row, col int) string {
	if r, ok := t.row(row); ok {
		return t.cols[col].Text(r)
	}
	return ""
}
