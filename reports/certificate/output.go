package certificate

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"peiyang/internal/parallel"
	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/reports/certificate/qr"
	"peiyang/reports/pdfkit"
)

// Printer writes certificates as PDF: all in one document, one file each
// in a folder, or one file each in a zip archive.
type Printer struct {
	Settings *Settings
	// Overlay prints only the variable fields, for pre-printed stock.
	Overlay bool
	// Date is the documents' creation date; the output is reproducible
	// byte for byte for a given date. Zero: 2000-01-01.
	Date time.Time
}

// Document draws the items as the pages of one PDF.
func (p *Printer) Document(items []Item) (*pdfkit.Doc, error) {
	qrOps, err := p.qrPaths(items)
	if err != nil {
		return nil, err
	}
	title := p.Settings.Title
	if len(items) == 1 {
		title += " " + items[0].Serial
	}
	subject := ""
	if len(items) > 0 {
		subject = items[0].Course
	}
	d, err := p.newDoc(title, subject)
	if err != nil {
		return nil, err
	}
	for i := range items {
		if err := p.page(d, &items[i], qrOps[i]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// newDoc starts a document of certificates: its title the certificate's
// (with the serial of a single one), its subject the course, its author
// the organisation.
func (p *Printer) newDoc(title, subject string) (*pdfkit.Doc, error) {
	opts := pdfkit.Options{PageSize: pdfkit.A4, Landscape: true, NoMargins: true, Title: title, Subject: subject, Creator: "Peiyang",
		Author: p.Settings.OrgName, CreationDate: p.Date, Deterministic: true}
	if p.Overlay {
		opts.PageSize, opts.Landscape = p.Settings.Paper, false
	}
	d, err := pdfkit.New(opts)
	if err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	return d, nil
}

// page checks that the font has every character of the item and draws it.
func (p *Printer) page(d *pdfkit.Doc, it *Item, qrOps string) error {
	s := p.Settings
	if err := d.Check(it.Name, it.Course, it.Serial, s.Title, s.OrgName, s.Signatory, s.Body); err != nil {
		var mg *pdfkit.MissingGlyphsError
		if errors.As(err, &mg) {
			return models.Errorf(models.EINVALID, "", "Certificate {{.Serial}} of {{.Name}} cannot be printed: the font has no glyph for {{.Chars}}. Correct the record or the certificate settings.",
				"Serial", it.Serial, "Name", it.Name, "Chars", string(mg.Runes()))
		}
		return fmt.Errorf("certificate %s: %w", it.Serial, err)
	}
	var err error
	if p.Overlay {
		err = p.overlay(d, it, qrOps)
	} else {
		err = p.full(d, it, qrOps)
	}
	if err != nil {
		return fmt.Errorf("certificate %s: %w", it.Serial, err)
	}
	return nil
}

// qrPaths encodes the items' QR codes and makes the operators that draw
// them where this printer puts them, on all CPUs; "" for none.
func (p *Printer) qrPaths(items []Item) ([]string, error) {
	x, y, side, h := qrX, qrY, qrSide, pageH
	if p.Overlay {
		pos, ok := p.Settings.Positions["qr"]
		if !ok {
			return make([]string, len(items)), nil
		}
		x, y, side, h = pos.X+p.Settings.OffsetX, pos.Y+p.Settings.OffsetY, pos.Size, p.Settings.Paper.H
	}
	out := make([]string, len(items))
	errs := make([]error, len(items))
	parallel.Each(len(items), func(i int) {
		if items[i].Code == "" {
			return
		}
		c, err := qr.Encode([]byte(items[i].Code), qr.M)
		if err != nil {
			errs[i] = fmt.Errorf("certificate %s: QR code: %w", items[i].Serial, err)
			return
		}
		out[i] = qrPath(c, x, y, side, h)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteMerged writes the items as one PDF.
func (p *Printer) WriteMerged(w io.Writer, items []Item) error {
	d, err := p.Document(items)
	if err != nil {
		return err
	}
	if err := d.Output(w); err != nil {
		return fmt.Errorf("certificate: %w", err)
	}
	return nil
}

// Bytes returns one item's certificate as a one-page PDF.
func (p *Printer) Bytes(it Item) ([]byte, error) {
	d, err := p.Document([]Item{it})
	if err != nil {
		return nil, err
	}
	b, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("certificate %s: %w", it.Serial, err)
	}
	return b, nil
}

// writeFile writes one certificate's file; tests make it fail.
var writeFile = userfile.WriteBytes

// WriteFiles writes one PDF per item into dir (made if need be), named by
// FileName, each whole or not at all and readable by its owner only
// (userfile.WriteBytes), on all CPUs. It returns
// the paths written, in the items' order.
func (p *Printer) WriteFiles(dir string, items []Item) ([]string, error) {
	if err := checkNames(items); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	paths := make([]string, len(items))
	errs := make([]error, len(items))
	parallel.Each(len(items), func(i int) {
		b, err := p.Bytes(items[i])
		if err == nil {
			paths[i] = filepath.Join(dir, FileName(items[i]))
			err = writeFile(paths[i], b)
		}
		errs[i] = err
	})
	for _, err := range errs {
		if err != nil {
			return nil, err // the first: a full disk fails them all alike
		}
	}
	return paths, nil
}

// WriteZip writes a zip archive with one PDF per item, named by FileName.
// The PDFs are made on all CPUs, a chunk at a time, and stored as they
// are: their streams are deflated already, and deflating them again took
// most of the time for a few per cent.
func (p *Printer) WriteZip(w io.Writer, items []Item) error {
	return p.writeZip(w, items, func(int) error { return nil })
}

// writeZip is WriteZip, calling step with the number of items done after
// each chunk; an error from step stops it.
func (p *Printer) writeZip(w io.Writer, items []Item, step func(done int) error) error {
	if err := checkNames(items); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for start := 0; start < len(items); start += chunk {
		part := items[start:min(start+chunk, len(items))]
		pdfs := make([][]byte, len(part))
		errs := make([]error, len(part))
		parallel.Each(len(part), func(i int) { pdfs[i], errs[i] = p.Bytes(part[i]) })
		if err := errors.Join(errs...); err != nil {
			return err
		}
		for i, b := range pdfs {
			modified := p.Date
			if modified.IsZero() {
				modified = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			f, err := zw.CreateHeader(&zip.FileHeader{Name: FileName(part[i]), Method: zip.Store, Modified: modified})
			if err != nil {
				return fmt.Errorf("certificate: zip: %w", err)
			}
			if _, err := f.Write(b); err != nil {
				return fmt.Errorf("certificate: zip: %w", err)
			}
		}
		if err := step(start + len(part)); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("certificate: zip: %w", err)
	}
	return nil
}

// FileName names an item's PDF "serial-name.pdf", valid on Linux, macOS
// and Windows (userfile.SafeName): the serial's brackets 〔〕 and the
// name's middle dot stay. The serial makes it unique.
func FileName(it Item) string {
	name := []rune(it.Name)
	if len(name) > 40 {
		name = name[:40]
	}
	return userfile.SafeName(it.Serial + "-" + strings.TrimRight(string(name), ". ") + ".pdf")
}

// checkNames refuses a batch where two items would get the same file
// name, which only a serial format without the sequence could cause.
func checkNames(items []Item) error {
	seen := make(map[string]string, len(items))
	for _, it := range items {
		n := strings.ToLower(FileName(it))
		if prev, ok := seen[n]; ok {
			return models.Errorf(models.ECONFLICT, "", "Certificates {{.A}} and {{.B}} would be written to the same file {{.File}}.", "A", prev, "B", it.Serial, "File", FileName(it))
		}
		seen[n] = it.Serial
	}
	return nil
}
