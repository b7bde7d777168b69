package lists

import (
	"fmt"
	"io"
	"math"
	"time"

	"peiyang/models"
	"peiyang/photo"
	"peiyang/reports/pdfkit"
)

// Meta is what every document shows besides its own content.
type Meta struct {
	Org     string      // the issuing organisation (制表单位), e.g. 成都市基层党务学院; may be empty
	Date    models.Date // the date printed (制表日期); zero: today
	FullIDs bool        // print ID numbers and phones unmasked
	// Photos, when not nil, puts the trainees' photos on the roster and
	// the record: JPEG files of package photo by trainee ID. A trainee
	// without one gets an empty framed box.
	Photos map[int64][]byte
}

func (m Meta) date() models.Date {
	if m.Date.IsZero() {
		return models.DateOf(time.Now())
	}
	return m.Date
}

// Type sizes in points.
const (
	sizeTitle    = 18
	sizeSubtitle = 11
	sizeMeta     = 10
	sizeHeading  = 12.5
	sizeBody     = 10.5
	sizeTable    = 10
	sizeFooter   = 9
)

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

// sheet is a document being drawn: a pdfkit.Doc with the cursor y on the
// current page and the page furniture of this package.
type sheet struct {
	*pdfkit.Doc
	meta Meta
	kind string  // the document's name for the footer, e.g. 花名册
	y    float64 // where the next thing goes on the current page
	// captions name the part of the document in the footer, from a page
	// on, instead of kind: the session of a sign-in sheet. A part that
	// sets a caption starts on a new page.
	captions []caption
}

type caption struct {
	page int // 1-based
	text string
}

// setCaption puts text in the footer of the current page and those after
// it, instead of the document's name.
func (s *sheet) setCaption(text string) {
	s.captions = append(s.captions, caption{s.PageCount(), text})
}

// footerCaption returns the caption for page i, or kind when there is
// none or it is too long for the footer.
func (s *sheet) footerCaption(i int) string {
	text := s.kind
	for _, c := range s.captions {
		if c.page <= i {
			text = c.text
		}
	}
	if s.MeasureString(text, sizeFooter) > s.width()/3 {
		text = s.kind
	}
	return text
}

// newSheet starts a document on A4 paper with a first page; its metadata
// name the kind of document (title), what it is about (subject: the
// course, the trainee, the region) and the organisation (author).
func newSheet(m Meta, kind, subject string, landscape bool) (*sheet, error) {
	d, err := pdfkit.New(pdfkit.Options{
		Landscape:    landscape,
		Margins:      pdfkit.Margins{Top: 15, Right: 15, Bottom: 16, Left: 15},
		FontSize:     sizeBody,
		Title:        kind,
		Subject:      subject,
		Author:       m.Org,
		Creator:      "Peiyang",
		CreationDate: m.date().Time(),
	})
	if err != nil {
		return nil, fmt.Errorf("lists: %s: %w", kind, err)
	}
	s := &sheet{Doc: d, meta: m, kind: kind}
	s.newPage()
	return s, nil
}

// newPage starts a page and puts the cursor at its top margin.
func (s *sheet) newPage() {
	s.AddPage()
	s.y = s.Margins().Top
}

// left and width are the content box's left edge and width.
func (s *sheet) left() float64 { return s.Margins().Left }

func (s *sheet) width() float64 {
	_, _, w, _ := s.ContentBox()
	return w
}

// bottom is the lowest y content may reach.
func (s *sheet) bottom() float64 {
	_, h := s.PageSize()
	return h - s.Margins().Bottom
}

// room makes sure h millimetres fit below the cursor, starting a new page
// if not (unless the page is still empty).
func (s *sheet) room(h float64) {
	if s.y+h > s.bottom()+1e-9 && s.y > s.Margins().Top+1e-9 {
		s.newPage()
	}
}

// title draws the document's title centred, wrapped if long.
func (s *sheet) title(text string) error {
	return s.centred(text, sizeTitle, 1.45)
}

// centred draws text centred in the content box at size points, wrapped,
// with lines spacing times the size apart.
func (s *sheet) centred(text string, size, spacing float64) error {
	s.SetFontSize(size)
	lh := spacing * size * ptToMM
	h, err := s.Paragraph(s.left(), s.y, s.width(), lh, text, pdfkit.AlignCenter)
	if err != nil {
		return err
	}
	s.y += h
	return nil
}

// metaLine draws the issuing organisation on the left and the date on the
// right, with a rule under them.
func (s *sheet) metaLine() error {
	s.y += 2
	s.SetFontSize(sizeMeta)
	lh := s.LineHeight(sizeMeta)
	base := s.y + s.Baseline(lh, sizeMeta)
	if s.meta.Org != "" {
		if err := s.Text(s.left(), base, "制表单位："+s.meta.Org); err != nil {
			return err
		}
	}
	if err := s.AlignedText(s.left(), base, s.width(), "制表日期："+s.meta.date().Chinese(), pdfkit.AlignRight); err != nil {
		return err
	}
	s.y += lh + 1
	if err := s.Line(s.left(), s.y, s.left()+s.width(), s.y, 0.4); err != nil {
		return err
	}
	s.y += 4
	return nil
}

// heading draws a section heading, kept on one page with the keep
// millimetres that follow it.
func (s *sheet) heading(text string, keep float64) error {
	lines := s.WrapLines(text, s.width(), sizeHeading)
	lh := s.LineHeight(sizeHeading)
	s.room(float64(len(lines))*lh + keep + 1)
	s.SetFontSize(sizeHeading)
	h, err := s.Paragraph(s.left(), s.y, s.width(), lh, text, pdfkit.AlignLeft)
	if err != nil {
		return err
	}
	s.y += h + 1
	return nil
}

// flow draws text wrapped to the content box at size points, line by line,
// continuing on new pages as needed.
func (s *sheet) flow(text string, size float64, indent float64) error {
	if err := s.Check(text); err != nil {
		return err
	}
	s.SetFontSize(size)
	lh := s.LineHeight(size)
	for _, line := range s.WrapLines(text, s.width()-indent, size) {
		s.room(lh)
		if err := s.Text(s.left()+indent, s.y+s.Baseline(lh, size), line); err != nil {
			return err
		}
		s.y += lh
	}
	return nil
}

// table draws a ruled table at the cursor and moves the cursor below it.
func (s *sheet) table(t pdfkit.Table, rows [][]string) error {
	y, err := s.Table(s.left(), s.y, t, rows)
	if err != nil {
		return err
	}
	s.y = y
	return nil
}

// tableStart returns the height a table needs on a page before its first
// row can be drawn: its header and first row (or as much of the row as a
// page holds), as pdfkit.Table computes them.
func (s *sheet) tableStart(t pdfkit.Table, rows [][]string) float64 {
	size := t.FontSize
	if size <= 0 {
		size = s.FontSize()
	}
	lh, pad := t.LineHeight, t.Padding
	if lh <= 0 {
		lh = 1.4 * size * ptToMM
	}
	if pad <= 0 {
		pad = 1.5
	}
	height := func(cells []string, least float64) float64 {
		n := 1
		for j, c := range cells {
			n = max(n, len(s.WrapLines(c, t.Columns[j].Width-2*pad, size)))
		}
		return math.Max(float64(n)*lh+2*pad, least)
	}
	headers := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		headers[j] = c.Header
	}
	hh := height(headers, 0)
	if len(rows) == 0 {
		return hh
	}
	return hh + math.Min(height(rows[0], t.MinRowHeight), s.bottom()-s.Margins().Top-hh)
}

// finish writes "第 x 页 共 y 页" with the organisation and the document's
// name in the footer of every page, then the PDF to w. It returns the
// number of pages. The sheet cannot be used afterwards.
func (s *sheet) finish(w io.Writer) (pages int, err error) {
	n := s.PageCount()
	org := s.meta.Org
	if s.MeasureString(org, sizeFooter) > s.width()/3 {
		org = "" // too long for the footer; the heading has it anyway
	}
	_, ph := s.PageSize()
	base := ph - s.Margins().Bottom + 9
	s.SetFontSize(sizeFooter)
	s.SetTextColor(pdfkit.Color{R: 60, G: 60, B: 60})
	for i := 1; i <= n; i++ {
		if err := s.SetPage(i); err != nil {
			return 0, s.fail(err)
		}
		if org != "" {
			_ = s.Text(s.left(), base, org)
		}
		_ = s.AlignedText(0, base, s.width()+s.left()+s.Margins().Right, fmt.Sprintf("第 %d 页 共 %d 页", i, n), pdfkit.AlignCenter)
		if caption := s.footerCaption(i); caption != "" {
			_ = s.AlignedText(s.left(), base, s.width(), caption, pdfkit.AlignRight)
		}
	}
	if err := s.Err(); err != nil {
		return 0, s.fail(err)
	}
	if err := s.Output(w); err != nil {
		return 0, fmt.Errorf("lists: %s: write PDF: %w", s.kind, err)
	}
	return n, nil
}

// fail wraps a drawing error with the document's name.
func (s *sheet) fail(err error) error {
	return fmt.Errorf("lists: %s: %w", s.kind, err)
}

// Colours of label cells and chart bars.
var (
	fillLabel = pdfkit.Color{R: 240, G: 240, B: 240}
	fillBar   = pdfkit.Color{R: 190, G: 45, B: 40}
)

// photoBox draws the photo of the trainee (from Meta.Photos) with its
// top-left corner at x, y, w millimetres wide and 1.4 times as high, in a
// thin frame; the empty frame when there is none.
func (s *sheet) photoBox(traineeID int64, x, y, w float64) error {
	h := w * photo.HeightMM / photo.WidthMM
	if jpeg := s.meta.Photos[traineeID]; jpeg != nil {
		img, err := pdfkit.NewImage(jpeg)
		if err != nil {
			return fmt.Errorf("photo of trainee %d: %w", traineeID, err)
		}
		if err := s.Image(img, x, y, w, h); err != nil {
			return err
		}
	}
	return s.Rect(x, y, w, h, 0.2)
}

// box draws a rectangle's outline, filled when fill is set.
func (s *sheet) box(x, y, w, h float64, fill *pdfkit.Color) error {
	return s.Boxes(y, h, []pdfkit.Box{{X: x, W: w}}, 0.2, fill)
}
