// Package pdfkit is the text layer under every printed document of
// Peiyang (completion certificates, rosters, sign-in sheets, reports): PDF
// pages in Chinese with the embedded LXGW WenKai font, on top of
// github.com/jung-kurt/gofpdf.
//
// What it adds to gofpdf:
//
//   - a line breaker that follows the Chinese rules and never loses a
//     character (WrapLines, Paragraph, Table), measured with the font's
//     real advance widths;
//   - characters outside the BMP (𠮷 in a name) drawn from the font's
//     outlines, where gofpdf would panic;
//   - characters the font lacks reported as a *MissingGlyphsError before
//     anything is printed, never a blank box;
//   - speed and safety: the font is parsed once per process and each
//     document hands gofpdf a subset of its own with only the glyphs it
//     uses, so that hundreds of one-page certificates a second can be
//     written, concurrently and race-free;
//   - byte-for-byte reproducible output (Options.Deterministic).
//
// Lengths are millimetres from the top-left corner of the page, font sizes
// are points. A Doc records what is drawn on its pages and builds the
// gofpdf document when Output is called: only then is it known which
// glyphs to embed. Draw reaches gofpdf directly for anything else (images,
// fills, links) while the pages are built, and Fpdf returns the built
// gofpdf document. A Doc is not safe for concurrent use; separate Docs
// are, and they share the parsed font.
package pdfkit

import (
	"fmt"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// FontFamily is the gofpdf font family under which the document font is
// registered, for text written in a Draw callback (see Doc.UseText).
const FontFamily = "wenkai"

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

	Title, Subject, Author, Creator string

	// CompressPages deflates the pages' content streams. The font is
	// always compressed; Chinese text, written as glyph codes, shrinks
	// little: a 1,000-page batch of certificates is 1.5 MB compressed and
	// 1.8 MB not, but takes 8 times as long to write (gofpdf makes a new
	// 1 MB compressor per page).
	CompressPages bool

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
	opts    Options
	font    *Font
	page    Size
	margins Margins
	pages   [][]op
	runes   map[rune]struct{} // BMP runes drawn as text, to embed
	size    float64
	color   Color
	err     error
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
	return &Doc{opts: opts, font: font, page: page, margins: m, size: size, runes: map[rune]struct{}{}}, nil
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
func (d *Doc) AddPage() { d.pages = append(d.pages, nil) }

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
	d.pages[len(d.pages)-1] = append(d.pages[len(d.pages)-1], o)
	return nil
}

// Draw records fn, called with the gofpdf document when the page is built
// at Output, for what pdfkit does not offer (images, fills, dashes, links).
// Units are millimetres and the page is the current one; fn must not add
// pages. Text written with FontFamily must be declared with UseText first,
// or its glyphs will not be embedded. Errors set on pdf fail Output.
func (d *Doc) Draw(fn func(pdf *gofpdf.Fpdf)) error {
	return d.record(func(r *renderer) error {
		fn(r.pdf)
		r.forget()
		return nil
	})
}

// UseText checks texts against the font and embeds their glyphs, for text
// a Draw callback writes itself. Runes outside the BMP cannot be written
// through gofpdf at all; use Text for those.
func (d *Doc) UseText(texts ...string) error {
	if d.err != nil {
		return d.err
	}
	if err := d.Check(texts...); err != nil {
		return d.fail(err)
	}
	for _, t := range texts {
		for _, r := range t {
			if r > 0xFFFF {
				return d.fail(fmt.Errorf("pdfkit: UseText: %U lies outside the BMP; draw it with Text", r))
			}
			d.runes[r] = struct{}{}
		}
	}
	return nil
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
	return d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.SetLineWidth(width)
		pdf.SetDrawColor(0, 0, 0)
		pdf.Line(x1, y1, x2, y2)
	})
}

// Rect draws the outline of a rectangle, black, width millimetres thick.
func (d *Doc) Rect(x, y, w, h, width float64) error {
	return d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.SetLineWidth(width)
		pdf.SetDrawColor(0, 0, 0)
		pdf.Rect(x, y, w, h, "D")
	})
}

// FillRect fills a rectangle with c.
func (d *Doc) FillRect(x, y, w, h float64, c Color) error {
	return d.Draw(func(pdf *gofpdf.Fpdf) {
		pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		pdf.Rect(x, y, w, h, "F")
	})
}
