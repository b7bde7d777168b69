package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Excel's own bounds of a sheet.
const (
	maxSheetRows = 1_048_576
	maxSheetCols = 16_384
)

// sharedStrings is a workbook's table of shared strings, held as one
// text and the end of each string in it.
type sharedStrings struct {
	text string
	ends []uint32
}

func (s *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i >= len(s.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]], true
}

// readSharedStrings reads the table within the limits: each string at
// most MaxCellChars characters, all of them at most MaxText bytes and
// MaxCells strings.
func (wb *workbook) readSharedStrings(f *zip.File) (*sharedStrings, error) {
	dec, c, err := wb.open(f)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	var (
		all   strings.Builder
		ends  []uint32
		one   textCollector
		depth int
		inSI  bool
	)
	one.max = wb.lim.MaxCellChars
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, wb.partErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return nil, fileErr(MsgDamaged, wb.name, errDamaged("elements nested too deep"))
			}
			if t.Name.Local == "si" {
				inSI = true
				one.reset()
			} else if inSI {
				one.start(t.Name.Local)
			}
		case xml.EndElement:
			depth--
			if t.Name.Local != "si" {
				one.end(t.Name.Local)
				continue
			}
			inSI = false
			if one.tooLong {
				return nil, fileErr(MsgTextTooLong, wb.name, nil, "Max", wb.lim.MaxCellChars)
			}
			all.Write(unescapeOOXML(one.buf))
			if int64(all.Len()) > wb.lim.MaxText {
				return nil, fileErr(MsgTooMuchText, wb.name, nil, "Max", wb.lim.MaxText>>20)
			}
			if len(ends) >= wb.lim.MaxCells {
				return nil, fileErr(MsgTooManyCells, wb.name, nil, "Max", wb.lim.MaxCells)
			}
			ends = append(ends, uint32(all.Len()))
		case xml.CharData:
			if inSI {
				one.add(t)
			}
		}
	}
	return &sharedStrings{text: all.String(), ends: ends}, nil
}

// textCollector gathers the text of a rich text (a shared string or an
// inline string): the <t> elements, phonetic runs (<rPh>) left out, up
// to max characters. Its buffer is used again for the next text.
type textCollector struct {
	buf     []byte
	max     int
	runes   int
	inT     bool
	inRPh   int
	tooLong bool
}

func (tc *textCollector) reset() {
	tc.buf = tc.buf[:0]
	tc.runes, tc.inT, tc.inRPh, tc.tooLong = 0, false, 0, false
}

func (tc *textCollector) start(local string) {
	switch local {
	case "t":
		tc.inT = tc.inRPh == 0
	case "rPh":
		tc.inRPh++
	}
}

func (tc *textCollector) end(local string) {
	switch local {
	case "t":
		tc.inT = false
	case "rPh":
		tc.inRPh = max(0, tc.inRPh-1)
	}
}

func (tc *textCollector) add(b []byte) {
	if !tc.inT || tc.tooLong {
		return
	}
	tc.runes += utf8.RuneCount(b)
	if len(tc.buf)+len(b) > 4*tc.max || tc.runes > tc.max {
		tc.tooLong = true
		return
	}
	tc.buf = append(tc.buf, b...)
}

// textArena keeps the text of many cells in a few large blocks instead
// of one allocation each.
type textArena struct{ b strings.Builder }

const arenaBlock = 64 << 10

// add returns a string holding a copy of p.
func (a *textArena) add(p []byte) string {
	if len(p) == 0 {
		return ""
	}
	if a.b.Cap()-a.b.Len() < len(p) {
		a.b = strings.Builder{}
		a.b.Grow(max(arenaBlock, len(p)))
	}
	start := a.b.Len()
	a.b.Write(p)
	// Text written later goes past the end of this string and leaves it
	// unchanged: the block never moves, having room for it.
	return a.b.String()[start:]
}

// cellState is the cell being read.
type cellState struct {
	col     int    // from 0
	typ     string // the t attribute
	formula bool
	inV     bool
	inIS    bool
	value   []byte
	rich    textCollector
}

// readSheet reads a sheet's rows, then fills in its merged cells. With
// accept and early, it stops after HeaderScanRows rows that accept
// refuses (the table is then marked cut). The rows count against b.
func (wb *workbook) readSheet(s workbookSheet, sst *sharedStrings, accept func([]Row) bool, early bool, b *budget) (*Table, bool, error) {
	dec, c, err := wb.open(s.part)
	if err != nil {
		return nil, false, err
	}
	defer c.Close()
	t := &Table{File: wb.name, Format: FormatXLSX, Sheet: s.name}
	sr := sheetReader{wb: wb, sst: sst, col: rowCollector{name: wb.name, lim: wb.lim, budget: b}, merges: newMergeSet(wb.lim.MaxMerges)}
	sr.cell.rich.max = wb.lim.MaxCellChars
	checked, accepted := false, false
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false, wb.partErr(err)
		}
		rowDone, err := sr.token(tok)
		if err != nil {
			return nil, false, err
		}
		if rowDone && accept != nil && early && !checked && len(sr.col.rows) >= HeaderScanRows {
			checked, accepted = true, accept(sr.col.rows)
			if !accepted {
				t.Rows, t.cut = sr.col.rows, true
				return t, false, nil
			}
		}
	}
	if sr.merges.tooMany {
		return nil, false, fileErr(MsgTooManyMerges, wb.name, nil, "Max", wb.lim.MaxMerges)
	}
	if err := sr.merges.fill(&sr.col); err != nil {
		return nil, false, err
	}
	t.Rows = sr.col.rows
	t.HiddenCols, t.Filter = sr.hiddenCols(), sr.filter
	switch {
	case checked:
	case accept == nil:
		accepted = len(t.Rows) > 0
	default:
		accepted = len(t.Rows) > 0 && accept(t.Rows)
	}
	return t, accepted, nil
}

// sheetReader follows the tokens of a worksheet part.
type sheetReader struct {
	wb       *workbook
	sst      *sharedStrings
	text     textArena
	col      rowCollector
	merges   *mergeSet
	depth    int
	row      int // the row being read, from 1; 0 outside a row
	prevRow  int
	lastCol  int
	cells    []string
	formulas []int
	inCell   bool
	cell     cellState
	hidden   bool     // the row being read is hidden
	colsOff  [][2]int // ranges of hidden columns, from 0, inclusive
	filter   string   // the autoFilter's range
}

// hiddenCols lists the hidden columns among the first MaxCols.
func (sr *sheetReader) hiddenCols() []int {
	var out []int
	for c := 0; c < sr.wb.lim.MaxCols; c++ {
		for _, r := range sr.colsOff {
			if c >= r[0] && c <= r[1] {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// truthy reads an XML boolean attribute.
func truthy(v string) bool { return v == "1" || v == "true" }

// token handles one token; rowDone is set when a row has just ended.
func (sr *sheetReader) token(tok xml.Token) (rowDone bool, err error) {
	switch t := tok.(type) {
	case xml.StartElement:
		if sr.depth++; sr.depth > maxDepth {
			return false, fileErr(MsgDamaged, sr.wb.name, errDamaged("elements nested too deep"))
		}
		return false, sr.start(t)
	case xml.EndElement:
		sr.depth--
		return sr.end(t.Name.Local)
	case xml.CharData:
		if !sr.inCell {
			return false, nil
		}
		switch {
		case sr.cell.inIS:
			sr.cell.rich.add(t)
		case sr.cell.inV:
			if len(sr.cell.value)+len(t) > 4*sr.wb.lim.MaxCellChars {
				return false, sr.tooLong()
			}
			sr.cell.value = append(sr.cell.value, t...)
		}
	}
	return false, nil
}

func (sr *sheetReader) start(t xml.StartElement) error {
	switch name := t.Name.Local; {
	case name == "row":
		n := sr.prevRow + 1
		if r := attrs(t.Attr).get("r"); r != "" {
			v, err := strconv.Atoi(r)
			if err != nil {
				return fileErr(MsgDamaged, sr.wb.name, errDamaged("row number "+echo(r)))
			}
			n = v
		}
		if n <= sr.prevRow || n > maxSheetRows {
			return fileErr(MsgDamaged, sr.wb.name, errDamaged(fmt.Sprintf("row %d after row %d", n, sr.prevRow)))
		}
		sr.row, sr.lastCol, sr.cells, sr.formulas = n, -1, sr.cells[:0], sr.formulas[:0]
		sr.hidden = truthy(attrs(t.Attr).get("hidden"))
	case name == "c" && sr.row > 0:
		col := sr.lastCol + 1
		if r := attrs(t.Attr).get("r"); r != "" {
			c, ok := columnOf(r)
			if !ok {
				return fileErr(MsgDamaged, sr.wb.name, errDamaged("cell reference "+echo(r)))
			}
			col = c
		}
		if col >= maxSheetCols {
			return fileErr(MsgDamaged, sr.wb.name, errDamaged("cell reference beyond column XFD"))
		}
		sr.lastCol, sr.inCell = col, true
		c := &sr.cell
		c.col, c.typ, c.formula, c.inV, c.inIS, c.value = col, attrs(t.Attr).get("t"), false, false, false, c.value[:0]
		c.rich.reset()
	case !sr.inCell:
		sr.sheetElement(name, attrs(t.Attr))
	case name == "f":
		sr.cell.formula = true
	case name == "v":
		sr.cell.inV = true
	case name == "is":
		sr.cell.inIS = true
	case sr.cell.inIS:
		sr.cell.rich.start(name)
	}
	return nil
}

// sheetElement notes what the sheet says outside its cells: merged
// areas, hidden columns (a few hundred ranges at most are kept) and the
// filter's range.
func (sr *sheetReader) sheetElement(name string, a attrs) {
	switch name {
	case "mergeCell":
		sr.merges.add(a.get("ref"))
	case "col":
		lo, err1 := strconv.Atoi(a.get("min"))
		hi, err2 := strconv.Atoi(a.get("max"))
		if err1 == nil && err2 == nil && lo >= 1 && hi >= lo && truthy(a.get("hidden")) && len(sr.colsOff) < 1000 {
			sr.colsOff = append(sr.colsOff, [2]int{lo - 1, hi - 1})
		}
	case "autoFilter":
		if ref := a.get("ref"); ref != "" && sr.row == 0 {
			sr.filter = echo(strings.ReplaceAll(ref, "$", ""))
		}
	}
}

func (sr *sheetReader) end(name string) (bool, error) {
	switch {
	case name == "row" && sr.row > 0:
		err := sr.col.add(sr.row, sr.cells, sr.formulas, sr.hidden)
		sr.prevRow, sr.row = sr.row, 0
		return true, err
	case name == "c" && sr.inCell:
		sr.inCell = false
		return false, sr.endCell()
	case !sr.inCell:
	case name == "v":
		sr.cell.inV = false
	case name == "is":
		sr.cell.inIS = false
	case sr.cell.inIS:
		sr.cell.rich.end(name)
	}
	return false, nil
}

// endCell stores the cell's value, as it is stored: the text of a shared
// or inline string, else the <v> element's text.
func (sr *sheetReader) endCell() error {
	c := &sr.cell
	var text []byte // the value unless shared
	switch c.typ {
	case "s":
	case "inlineStr":
		if c.rich.tooLong {
			return sr.tooLong()
		}
		text = unescapeOOXML(c.rich.buf)
	default:
		text = c.value
	}
	if text != nil && len(text) > sr.wb.lim.MaxCellChars && utf8.RuneCount(text) > sr.wb.lim.MaxCellChars {
		return sr.tooLong()
	}
	if c.col >= sr.wb.lim.MaxCols {
		return nil
	}
	var v string
	if c.typ == "s" {
		i, err := strconv.Atoi(strings.TrimSpace(string(c.value)))
		s, ok := sr.sst.get(i)
		if len(c.value) > 0 && (err != nil || !ok) {
			return fileErr(MsgDamaged, sr.wb.name, errDamaged("shared string "+echo(string(c.value))))
		}
		v = s
	} else {
		if err := sr.col.addText(len(text)); err != nil {
			return err
		}
		v = sr.text.add(text)
	}
	if v == "" && !c.formula {
		return nil
	}
	for len(sr.cells) <= c.col {
		sr.cells = append(sr.cells, "")
	}
	sr.cells[c.col] = v
	if c.formula {
		sr.formulas = append(sr.formulas, c.col)
	}
	return nil
}

func (sr *sheetReader) tooLong() error {
	return fileErr(MsgCellTooLong, sr.wb.name, nil, "Cell", cellName(sr.cell.col, sr.row), "Max", sr.wb.lim.MaxCellChars)
}

// columnOf reads the column (from 0) of a cell reference such as AB12.
func columnOf(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > maxSheetCols {
			return 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col - 1, true
}

// cellName names a cell, e.g. C3, from its column (from 0) and row.
func cellName(col, row int) string {
	s := ""
	for n := col + 1; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s + strconv.Itoa(row)
}

// unescapeOOXML decodes the _xHHHH_ escapes Office writes for characters
// XML cannot hold (a line feed is _x000A_); _x005F_ escapes the
// underscore. Text without escapes comes back as it is.
func unescapeOOXML(s []byte) []byte {
	if !bytes.Contains(s, []byte("_x")) {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(string(s[i+2:i+6]), 16, 16); err == nil {
				out = utf8.AppendRune(out, rune(v))
				i += 7
				continue
			}
		}
		out = append(out, s[i])
		i++
	}
	return out
}
