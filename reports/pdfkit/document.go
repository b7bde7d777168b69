package pdfkit

import (
	"fmt"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// Size is a page size in millimetres.
type Size struct{ W, H float64 }

// Paper sizes, portrait.
var (
	A4 = Size{210, 297}
	A3 = Size{297, 420}
	A5 = Size{148, 210}
)

// Margins in millimetres. Only Table and ContentBox use them: Text and
// Paragraph draw where they are told.
type Margins struct{ Top, Right, Bottom, Left float64 }

// Color is an RGB colour; the zero value is black, the default.
type Color struct{ R, G, B uint8 }

// Options configure a document. The zero value gives A4 portrait pages,
// 15 mm margins, 12 pt text and the embedded font.
type Options struct {
	PageSize  Size // zero: A4
	Landscape bool // swap the page's width and height
	Margins   Margins
	NoMargins bool    // use zero margins instead of the 15 mm default
	FontSize  float64 // points; zero: 12
	Font      *Font   // nil: DefaultFont()

	// The document's metadata: its title (shown by viewers instead of
	// the file name), subject, author (the issuing organisation) and the
	// program that made it.
	Title, Subject, Author, Creator string
	// Lang is the language of the text, a BCP 47 tag; empty: zh-CN.
	Lang string

	// Deterministic makes Output reproducible byte for byte: a fixed
	// creation date (CreationDate, or 2000-01-01 when that is zero) and a
	// sorted catalogue.
	Deterministic bool
	// CreationDate, when set, is the document's creation and modification
	// date (and implies Deterministic).
	CreationDate time.Time
}

// Doc is a document being drawn. Its methods return errors and also
// remember the first one: after a failure the document draws nothing more
// and Output returns that error.
type Doc struct {
	opts       Options
	font       *Font
	page       Size
	margins    Margins
	pages      []page
	cur        int               // the page drawn on, an index of pages
	runes      map[rune]struct{} // the characters drawn, to embed
	images     []*Image
	imageIndex map[*Image]int
	size       float64
	color      Color
	err        error
}

// page is what is drawn on a page.
type page struct {
	ops    []op
	gofpdf bool // some of it is drawn by gofpdf (Draw)
}

// op is one recorded drawing operation, replayed at Output.
type op func(r *renderer) error

// New starts a document; it has no page until AddPage.
func New(opts Options) (*Doc, error) {
	font := opts.Font
	if font == nil {
		var err error
		if font, err = DefaultFont(); err != nil {
			return nil, err
		}
	}
	page := opts.PageSize
	if page == (Size{}) {
		page = A4
	}
	if page.W <= 0 || page.H <= 0 {
		return nil, fmt.Errorf("pdfkit: bad page size %gx%g mm", page.W, page.H)
	}
	if opts.Landscape {
		page.W, page.H = page.H, page.W
	}
	m := opts.Margins
	if m == (Margins{}) && !opts.NoMargins {
		m = Margins{15, 15, 15, 15}
	}
	if m.Left+m.Right >= page.W || m.Top+m.Bottom >= page.H {
		return nil, fmt.Errorf("pdfkit: margins %+v leave no room on a %gx%g mm page", m, page.W, page.H)
	}
	size := opts.FontSize
	if size == 0 {
		size = 12
	}
	if size < 0 {
		return nil, fmt.Errorf("pdfkit: bad font size %g", size)
	}
	return &Doc{opts: opts, font: font, page: page, margins: m, size: size, runes: map[rune]struct{}{},
		imageIndex: map[*Image]int{}}, nil
}

// Err returns the first error the document met, if any.
func (d *Doc) Err() error { return d.err }

func (d *Doc) fail(err error) error {
	if d.err == nil {
		d.err = err
	}
	return err
}

// Font returns the document's font.
func (d *Doc) Font() *Font { return d.font }

// PageSize returns the page's width and height in millimetres.
func (d *Doc) PageSize() (w, h float64) { return d.page.W, d.page.H }

// Margins returns the page margins.
func (d *Doc) Margins() Margins { return d.margins }

// ContentBox returns the area inside the margins: its top-left corner,
// width and height.
func (d *Doc) ContentBox() (x, y, w, h float64) {
	m := d.margins
	return m.Left, m.Top, d.page.W - m.Left - m.Right, d.page.H - m.Top - m.Bottom
}

// AddPage starts a new page; what is drawn next goes on it.
func (d *Doc) AddPage() {
	d.pages = append(d.pages, page{})
	d.cur = len(d.pages) - 1
}

// SetPage makes page n (from 1) the one drawn on, to add to a page
// already made (a footer with the page count, say); AddPage still adds a
// page at the end. A page that does not exist is an error, and the
// current page stays.
func (d *Doc) SetPage(n int) error {
	if n < 1 || n > len(d.pages) {
		return fmt.Errorf("pdfkit: SetPage(%d) in a document of %d pages", n, len(d.pages))
	}
	d.cur = n - 1
	return nil
}

// PageCount returns the number of pages so far.
func (d *Doc) PageCount() int { return len(d.pages) }

// SetFontSize sets the size in points of the text drawn next.
func (d *Doc) SetFontSize(size float64) {
	if size > 0 {
		d.size = size
	}
}

// FontSize returns the current font size in points.
func (d *Doc) FontSize() float64 { return d.size }

// SetTextColor sets the colour of the text drawn next.
func (d *Doc) SetTextColor(c Color) { d.color = c }

// record adds op to the current page.
func (d *Doc) record(o op) error {
	if d.err != nil {
		return d.err
	}
	if len(d.pages) == 0 {
		return d.fail(fmt.Errorf("pdfkit: nothing can be drawn before AddPage"))
	}
	p := &d.pages[d.cur]
	p.ops = append(p.ops, o)
	return nil
}

// Draw records fn, called with a gofpdf document when the page is drawn
// at Output, for the vector graphics pdfkit does not offer (paths,
// circles, polygons, dashes, transforms, transparency). Units are
// millimetres and the page is the current one; fn must not add or change
// pages. Text, images, gradients and links cannot be made this way (Output
// fails): draw text with Text and images with Image, also between a
// TransformBegin in one Draw and its TransformEnd in a later one. Errors
// set on pdf fail Output.
func (d *Doc) Draw(fn func(pdf *gofpdf.Fpdf)) error {
	if err := d.record(func(r *renderer) error {
		r.flush()
		fn(r.pdf)
		r.sync()
		return nil
	}); err != nil {
		return err
	}
	d.pages[d.cur].gofpdf = true
	return nil
}

// group records fn's drawing as a group with its origin at y millimetres
// from the top of the page (renderer.save). fn must not call Draw.
func (d *Doc) group(y float64, fn func() error) error {
	if err := d.record(func(r *renderer) error { r.save(y); return nil }); err != nil {
		return err
	}
	err := fn()
	if rerr := d.record(func(r *renderer) error { r.restore(); return nil }); err == nil {
		err = rerr
	}
	return err
}

// Raw records PDF operators to write as they are on the current page, in
// points from the page's bottom-left corner. They must leave the graphics
// state as they found it: wrap them in q … Q.
func (d *Doc) Raw(ops string) error {
	return d.record(func(r *renderer) error {
		r.c.op(ops)
		r.forget()
		return nil
	})
}

// Check reports, as a *MissingGlyphsError, the characters of texts that
// the font cannot draw ("text 1" is the first argument). Line breaks are
// allowed. Check a batch's names before drawing anything, to reject or fix
// them up front.
func (d *Doc) Check(texts ...string) error {
	ts := make([]named, len(texts))
	for i, t := range texts {
		ts[i] = named{where: fmt.Sprintf("text %d", i+1), text: t, multiline: true}
	}
	return d.font.check(ts...)
}

// MeasureString returns the width of s in millimetres at size points.
func (d *Doc) MeasureString(s string, size float64) float64 {
	return d.font.MeasureString(s, size)
}

// WrapLines breaks s into lines at most width millimetres wide at size
// points; see Font.WrapLines.
func (d *Doc) WrapLines(s string, width, size float64) []string {
	return d.font.WrapLines(s, width, size)
}

// Line draws a black line width millimetres thick.
func (d *Doc) Line(x1, y1, x2, y2, width float64) error {
	return d.record(func(r *renderer) error {
		r.setStroke(Color{}, width)
		c := &r.c
		c.num(c.x(x1))
		c.num(c.y(y1))
		c.b = append(c.b, "m "...)
		c.num(c.x(x2))
		c.num(c.y(y2))
		c.op("l S")
		return nil
	})
}

// Rect draws the outline of a rectangle, black, width millimetres thick.
func (d *Doc) Rect(x, y, w, h, width float64) error {
	return d.Boxes(y, h, []Box{{X: x, W: w}}, width, nil)
}

// FillRect fills a rectangle with c.
func (d *Doc) FillRect(x, y, w, h float64, c Color) error {
	return d.record(func(r *renderer) error {
		r.setFill(c)
		r.c.rect(x, y, w, h)
		r.c.op("f")
		return nil
	})
}

// Box is a rectangle of a row of Boxes: its left edge and width.
type Box struct{ X, W float64 }

// Boxes draws a row of rectangles from y down, h millimetres high, their
// outlines black and width millimetres thick, filled with fill unless it
// is nil: the cells of a table row.
func (d *Doc) Boxes(y, h float64, boxes []Box, width float64, fill *Color) error {
	paint := "S"
	var fc Color
	if fill != nil {
		paint, fc = "B", *fill
	}
	return d.record(func(r *renderer) error {
		r.setStroke(Color{}, width)
		if paint == "B" {
			r.setFill(fc)
		}
		for _, b := range boxes {
			r.c.rect(b.X, y, b.W, h)
		}
		r.c.op(paint)
		return nil
	})
}
