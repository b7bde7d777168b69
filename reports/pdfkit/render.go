package pdfkit

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/jung-kurt/gofpdf"

	"peiyang/internal/userfile"
)

// renderer replays a page's recorded operations into its content stream,
// tracking the graphics state to avoid repeating it. On a page with Draw
// operations the stream is gofpdf's: what pdfkit draws goes in between,
// wrapped in q … Q so that gofpdf's idea of the state stays true, and
// each Draw continues from the state gofpdf knows.
type renderer struct {
	c     content
	pdf   *gofpdf.Fpdf // the page's gofpdf document, nil on a page without Draw
	emb   *embedding
	codes []uint16 // scratch for text

	state
	saved []state // see save
}

// state is what the renderer knows of the graphics state.
type state struct {
	fill, stroke           Color
	fillKnown, strokeKnown bool
	lw                     float64 // line width in millimetres, 0: unknown
	size                   float64 // font size in points, 0: unknown
	oy                     float64 // the content's origin, see content.oy
}

// save starts a group drawn with its origin moved up to y millimetres from
// the top, so that every row of a table is written alike (and deflates to
// almost nothing after the first) whatever its place on the page; restore
// ends it.
func (r *renderer) save(y float64) {
	r.state.oy = r.c.oy
	r.saved = append(r.saved, r.state)
	ty := r.c.y(y)
	r.c.b = append(r.c.b, "q 1 0 0 1 0 "...)
	r.c.num(ty)
	r.c.op("cm")
	r.c.oy += ty
}

func (r *renderer) restore() {
	r.c.op("Q")
	r.state = r.saved[len(r.saved)-1]
	r.saved = r.saved[:len(r.saved)-1]
	r.c.oy = r.state.oy
}

// newPage readies the renderer for a page pdfkit draws alone: the PDF's
// initial state, black ink.
func (r *renderer) newPage() {
	r.pdf = nil
	r.c.b = r.c.b[:0]
	r.fill, r.stroke, r.fillKnown, r.strokeKnown = Color{}, Color{}, true, true
	r.lw, r.size = 0, 0
}

// newGofpdfPage readies the renderer for a page drawn through pdf.
func (r *renderer) newGofpdfPage(pdf *gofpdf.Fpdf) {
	r.c.b = r.c.b[:0]
	r.pdf = pdf
	pdf.AddPage()
	r.sync()
}

// forget drops what the renderer knows of the graphics state.
func (r *renderer) forget() {
	r.fillKnown, r.strokeKnown, r.lw, r.size = false, false, 0, 0
}

// flush hands what pdfkit drew since the last Draw to gofpdf.
func (r *renderer) flush() {
	if r.pdf != nil && len(r.c.b) > 0 {
		r.pdf.RawWriteStr("q\n" + string(r.c.b) + "Q")
		r.c.b = r.c.b[:0]
	}
}

// sync takes the graphics state from gofpdf, after a Draw or the Q that
// ends what pdfkit drew.
func (r *renderer) sync() {
	fr, fg, fb := r.pdf.GetFillColor()
	dr, dg, db := r.pdf.GetDrawColor()
	r.fill, r.fillKnown = Color{uint8(fr), uint8(fg), uint8(fb)}, true
	r.stroke, r.strokeKnown = Color{uint8(dr), uint8(dg), uint8(db)}, true
	r.lw, r.size = r.pdf.GetLineWidth(), 0
}

func (r *renderer) setFill(c Color) {
	if !r.fillKnown || r.fill != c {
		r.c.color(c, false)
		r.fill, r.fillKnown = c, true
	}
}

func (r *renderer) setStroke(c Color, width float64) {
	if !r.strokeKnown || r.stroke != c {
		r.c.color(c, true)
		r.stroke, r.strokeKnown = c, true
	}
	if r.lw != width {
		r.c.num(width * mmToPt)
		r.c.op("w")
		r.lw = width
	}
}

// renderedPage is a page's content stream, deflated.
type renderedPage struct {
	data  []byte
	group bool // a transparency group (gofpdf's, for its alpha)
}

// chunk is a run of pages drawn and deflated together.
type chunk struct {
	pages   []renderedPage
	gstates map[string]string
	err     error
}

// renderChunk draws pages from..to-1 and deflates their streams.
func (d *Doc) renderChunk(emb *embedding, from, to int) (out chunk) {
	defer func() {
		if p := recover(); p != nil {
			out = chunk{err: fmt.Errorf("pdfkit: drawing pages %d to %d panicked: %v", from+1, to, p)}
		}
	}()
	out.pages = make([]renderedPage, to-from)
	r := &renderer{emb: emb, c: content{pageH: d.page.H}}
	var pdf *gofpdf.Fpdf
	var drawn []int // the pages gofpdf draws, from 0 at from
	for i := from; i < to; i++ {
		p := d.pages[i]
		if p.gofpdf {
			if pdf == nil {
				pdf = d.newGofpdf()
			}
			r.newGofpdfPage(pdf)
		} else {
			r.newPage()
		}
		for _, o := range p.ops {
			if err := o(r); err != nil {
				return chunk{err: fmt.Errorf("pdfkit: page %d: %w", i+1, err)}
			}
		}
		if p.gofpdf {
			r.flush()
			if err := pdf.Error(); err != nil {
				return chunk{err: fmt.Errorf("pdfkit: page %d: %w", i+1, err)}
			}
			drawn = append(drawn, i-from)
		} else {
			out.pages[i-from].data = deflate(nil, r.c.b)
		}
	}
	if pdf == nil {
		return out
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return chunk{err: fmt.Errorf("pdfkit: pages %d to %d: %w", from+1, to, err)}
	}
	g, err := readGofpdf(b.Bytes())
	if err == nil && len(g.contents) != len(drawn) {
		err = fmt.Errorf("pdfkit: gofpdf wrote %d pages for %d", len(g.contents), len(drawn))
	}
	if err != nil {
		return chunk{err: fmt.Errorf("pdfkit: pages %d to %d: %w", from+1, to, err)}
	}
	for k, i := range drawn {
		out.pages[i] = renderedPage{data: deflate(nil, g.contents[k]), group: g.group[k]}
	}
	out.gstates = g.gstates
	return out
}

// newGofpdf makes a gofpdf document of the page size, writing plain
// streams for readGofpdf.
func (d *Doc) newGofpdf() *gofpdf.Fpdf {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           gofpdf.SizeType{Wd: d.page.W, Ht: d.page.H},
	})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(defaultDate)
	pdf.SetModificationDate(defaultDate)
	return pdf
}

// chunkSize is the number of pages drawn together: enough that each
// batch is worth a goroutine and a gofpdf document, few enough that the
// batches in flight stay small (a roster's 64 pages are 1 MB of plain
// content).
func chunkSize(pages, workers int) int {
	return max(1, min(64, pages/(4*workers)))
}

// render draws all pages, a chunk on each CPU, and hands them to write in
// order as they are done; at most a few chunks wait to be written, so a
// long document's streams are never all in memory at once.
func (d *Doc) render(emb *embedding, write func(i int, p renderedPage, gstates map[string]string)) error {
	workers := runtime.GOMAXPROCS(0)
	size := chunkSize(len(d.pages), workers)
	n := (len(d.pages) + size - 1) / size
	draw := func(c int) chunk { return d.renderChunk(emb, c*size, min((c+1)*size, len(d.pages))) }
	emit := func(c int, out chunk) {
		for k, p := range out.pages {
			write(c*size+k, p, out.gstates)
		}
	}
	if n == 1 || workers == 1 {
		for c := range n {
			out := draw(c)
			if out.err != nil {
				return out.err
			}
			emit(c, out)
		}
		return nil
	}
	results := make([]chan chunk, n)
	for c := range results {
		results[c] = make(chan chunk, 1)
	}
	slots := make(chan struct{}, workers+1) // chunks drawn but not yet written
	var stop atomic.Bool
	go func() {
		for c := range n {
			slots <- struct{}{}
			go func() {
				if stop.Load() {
					results[c] <- chunk{}
					return
				}
				results[c] <- draw(c)
			}()
		}
	}()
	var first error
	for c := range n {
		out := <-results[c]
		if out.err != nil && first == nil {
			first = out.err
			stop.Store(true)
		}
		if first == nil {
			emit(c, out)
		}
		<-slots
	}
	return first
}

// Object numbers of a document's fixed objects; images, pages and
// graphics states follow.
const (
	objCatalog = 1 + iota
	objPages
	objResources
	objInfo
	objFont      // Type0
	objCIDFont   // CIDFontType2
	objFontDesc  // FontDescriptor
	objFontFile  // FontFile2
	objCIDToGID  // CIDToGIDMap
	objToUnicode // ToUnicode
	objFixed     = objToUnicode
)

// Output writes the PDF to w, the pages as they are drawn. It embeds a
// subset of the font with just the glyphs used. It returns the document's
// first error if it has one; an error while drawing leaves w with part
// of a PDF. Output may be called more than once.
func (d *Doc) Output(w io.Writer) error {
	if d.err != nil {
		return d.err
	}
	if len(d.pages) == 0 {
		return fmt.Errorf("pdfkit: the document has no pages")
	}
	runes := make([]rune, 0, len(d.runes))
	for r := range d.runes {
		runes = append(runes, r)
	}
	emb, err := d.font.embed(runes)
	if err != nil {
		return err
	}
	fonts := make(chan [3][]byte, 1) // deflated while the pages are drawn
	go func() {
		fonts <- [3][]byte{deflate(nil, emb.sub), deflate(nil, emb.cidToGID()), deflate(nil, emb.toUnicode())}
	}()

	fw := newFileWriter(w)
	next := objFixed + 1
	images := make([][2]int, len(d.images)) // image and soft mask objects
	for i, im := range d.images {
		images[i][0], next = next, next+1
		if im.smask != nil {
			images[i][1], next = next, next+1
		}
	}
	firstPage := next
	next += 2 * len(d.pages)
	gstates := map[string]string{}
	err = d.render(emb, func(i int, p renderedPage, gs map[string]string) {
		num := firstPage + 2*i
		dict := fmt.Sprintf("<</Type /Page /Parent %d 0 R /Resources %d 0 R /Contents %d 0 R", objPages, objResources, num+1)
		if p.group {
			dict += " /Group <</Type /Group /S /Transparency /CS /DeviceRGB>>"
		}
		fw.object(num, dict+">>")
		fw.stream(num+1, "", p.data, true)
		for name, body := range gs {
			gstates[name] = body
		}
	})
	font := <-fonts
	if err != nil {
		return err
	}
	d.writeResources(fw, images, gstates, next)
	d.writeFont(fw, emb, font)
	var kids bytes.Buffer
	for i := range d.pages {
		kids.WriteString(ref(firstPage+2*i) + " ")
	}
	fw.object(objPages, fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 %s %s]>>",
		kids.String(), len(d.pages), appendNum(nil, d.page.W*mmToPt), appendNum(nil, d.page.H*mmToPt)))
	fw.object(objInfo, d.info())
	lang := d.opts.Lang
	if lang == "" {
		lang = "zh-CN"
	}
	fw.object(objCatalog, fmt.Sprintf("<</Type /Catalog /Pages %s /Lang %s /ViewerPreferences <</DisplayDocTitle true>>>>",
		ref(objPages), pdfString(lang)))
	if err := fw.finish(objCatalog, objInfo); err != nil {
		return fmt.Errorf("pdfkit: write PDF: %w", err)
	}
	return nil
}

// writeResources writes the pages' resources: the font, the images with
// their soft masks, and the graphics states, numbered from next, the
// last objects of the file.
func (d *Doc) writeResources(fw *fileWriter, images [][2]int, gstates map[string]string, next int) {
	var res bytes.Buffer
	res.WriteString("<</ProcSet [/PDF /Text /ImageB /ImageC /ImageI] /Font <</F1 " + ref(objFont) + ">>")
	if len(d.images) > 0 {
		res.WriteString(" /XObject <<")
		for i, im := range d.images {
			fmt.Fprintf(&res, "/Im%d %s ", i+1, ref(images[i][0]))
			fw.stream(images[i][0], im.dict(images[i][1]), im.data, im.filter == "FlateDecode")
			if im.smask != nil {
				fw.stream(images[i][1], fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8", im.w, im.h), im.smask, true)
			}
		}
		res.WriteString(">>")
	}
	if len(gstates) > 0 {
		res.WriteString(" /ExtGState <<")
		names := make([]string, 0, len(gstates))
		for name := range gstates {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			fmt.Fprintf(&res, "/%s %s ", name, ref(next))
			fw.object(next, gstates[name])
			next++
		}
		res.WriteString(">>")
	}
	res.WriteString(">>")
	fw.object(objResources, res.String())
}

// writeFont writes the font's objects; deflated holds the font file, the
// CIDToGIDMap and the ToUnicode CMap, deflated.
func (d *Doc) writeFont(fw *fileWriter, emb *embedding, deflated [3][]byte) {
	name := emb.tag() + "+" + d.font.psName()
	fw.object(objFont, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%s] /ToUnicode %s>>",
		name, ref(objCIDFont), ref(objToUnicode)))
	fw.object(objCIDFont, fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s "+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %s /DW 1000 /W %s /CIDToGIDMap %s>>",
		name, ref(objFontDesc), emb.widths(), ref(objCIDToGID)))
	fw.object(objFontDesc, "<<"+emb.descriptor(name)+" /FontFile2 "+ref(objFontFile)+">>")
	fw.stream(objFontFile, fmt.Sprintf("/Length1 %d", len(emb.sub)), deflated[0], true)
	fw.stream(objCIDToGID, "", deflated[1], true)
	fw.stream(objToUnicode, "", deflated[2], true)
}

func ref(num int) string { return fmt.Sprintf("%d 0 R", num) }

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
