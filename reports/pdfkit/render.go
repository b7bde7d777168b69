package pdfkit

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/jung-kurt/gofpdf"

	"peiyang/internal/userfile"
)

// renderer replays recorded operations onto a gofpdf document, tracking
// the font size and text colour to avoid repeating them.
type renderer struct {
	pdf        *gofpdf.Fpdf
	font       *Font
	size       float64 // 0: unknown
	color      Color
	colorKnown bool
}

// forget drops what the renderer knows of gofpdf's state, after a Draw
// callback may have changed it.
func (r *renderer) forget() { r.size, r.colorKnown = 0, false }

func (r *renderer) setFont(size float64) {
	if r.size != size {
		r.pdf.SetFont(FontFamily, "", size)
		r.size = size
	}
}

func (r *renderer) setTextColor(c Color) {
	if !r.colorKnown || r.color != c {
		r.pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
		r.color, r.colorKnown = c, true
	}
}

// defaultDate is the creation date of deterministic documents.
var defaultDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Output builds the PDF and writes it to w. It embeds a subset of the font
// with just the glyphs used. It returns the document's first error if it
// has one, and turns a panic inside gofpdf into an error. Output may be
// called more than once.
func (d *Doc) Output(w io.Writer) (err error) {
	pdf, err := d.Fpdf()
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdfkit: gofpdf panicked writing the PDF: %v", p)
		}
	}()
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("pdfkit: write PDF: %w", err)
	}
	return nil
}

// Fpdf builds the document as Output does and returns the gofpdf document
// instead of writing it, for what can only be done at the end (protection,
// attachments, more pages by hand); finish with its Output. Text added to
// it in FontFamily can only use the glyphs embedded so far (see UseText).
func (d *Doc) Fpdf() (pdf *gofpdf.Fpdf, err error) {
	if d.err != nil {
		return nil, d.err
	}
	if len(d.pages) == 0 {
		return nil, fmt.Errorf("pdfkit: the document has no pages")
	}
	runes := make([]rune, 0, len(d.runes))
	for r := range d.runes {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	sub, err := d.font.subset(runes)
	if err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			pdf, err = nil, fmt.Errorf("pdfkit: gofpdf panicked building the PDF: %v", p)
		}
	}()
	pdf = gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           gofpdf.SizeType{Wd: d.page.W, Ht: d.page.H},
	})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(d.opts.CompressPages)
	d.setInfo(pdf)
	pdf.AddUTF8FontFromBytes(FontFamily, "", sub)
	pdf.SetFont(FontFamily, "", d.size) // fails if gofpdf could not parse the subset
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdfkit: register font subset (%d characters): %w", len(runes), err)
	}
	r := &renderer{pdf: pdf, font: d.font}
	for i, ops := range d.pages {
		pdf.AddPage()
		r.forget()
		for _, o := range ops {
			if err := o(r); err != nil {
				return nil, fmt.Errorf("pdfkit: page %d: %w", i+1, err)
			}
		}
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("pdfkit: page %d: %w", i+1, err)
		}
	}
	return pdf, nil
}

// setInfo sets the document's metadata and, for reproducible output, its
// dates and the order of its catalogue.
func (d *Doc) setInfo(pdf *gofpdf.Fpdf) {
	o := d.opts
	if o.Deterministic || !o.CreationDate.IsZero() {
		date := o.CreationDate
		if date.IsZero() {
			date = defaultDate
		}
		pdf.SetCreationDate(date)
		pdf.SetModificationDate(date)
		pdf.SetCatalogSort(true)
	}
	for _, m := range []struct {
		set func(string, bool)
		s   string
	}{{pdf.SetTitle, o.Title}, {pdf.SetSubject, o.Subject}, {pdf.SetAuthor, o.Author}, {pdf.SetCreator, o.Creator}} {
		if m.s != "" {
			m.set(m.s, true)
		}
	}
}

// Bytes returns the PDF as bytes; see Output.
func (d *Doc) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteFile writes the PDF to a file, whole or not at all
// (userfile.Write); see Output.
func (d *Doc) WriteFile(name string) error { return userfile.Write(name, d.Output) }
