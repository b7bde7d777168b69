package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// The workbook reader is Peiyang's own rather than excelize's: it keeps
// every cost of a hostile workbook bounded. It refuses a package with
// more than maxParts parts before reading its directory, counts the
// unpacked size of the parts it reads against Limits.MaxUnzip from their
// declared sizes (which archive/zip holds them to), reads each part
// through an xmlGuard so that no token is longer than a cell may be,
// streams the rows of a sheet, and keeps the shared strings in one block
// of text. Dates come as their serials and numbers unformatted, as they
// are stored.

// maxParts is the most parts a workbook may have; a real one has a few
// dozen.
const maxParts = 10_000

// maxDepth is the deepest nesting of elements a part may have; a sheet
// needs five or six.
const maxDepth = 64

// errDamaged is the cause of MsgDamaged for faults of the package found
// here.
type errDamaged string

func (e errDamaged) Error() string { return string(e) }

// workbook is an open .xlsx package.
type workbook struct {
	name  string
	lim   Limits
	parts map[string]*zip.File // by lowercased name
	left  int64                // unpacked bytes still allowed
}

// readXLSX reads the sheets of a workbook the options choose: the one
// opts.Sheet names; else every visible sheet opts.Accept takes with
// opts.AllSheets, or the first; else the first visible sheet with rows.
func readXLSX(name string, data []byte, opts Options) ([]*Table, error) {
	wb, err := openWorkbook(name, data, opts.Limits)
	if err != nil {
		return nil, err
	}
	sheets, sst, err := wb.contents()
	if err != nil {
		return nil, err
	}
	if opts.Sheet != "" {
		return wb.namedSheet(sheets, sst, opts.Sheet)
	}
	var (
		out, refused []*Table
		first        *Table
		firstSheet   workbookSheet
		shared       = &budget{}
	)
	for _, s := range sheets {
		if s.hidden {
			continue
		}
		before := *shared
		t, accepted, err := wb.readSheet(s, sst, opts.Accept, true, shared)
		if err != nil {
			return nil, err
		}
		if accepted {
			if out = append(out, t); !opts.AllSheets {
				return out, nil
			}
			continue
		}
		*shared = before // what is not kept does not count
		if len(t.Rows) > 0 {
			t.Refused = true
			refused = append(refused, t)
		}
		if first == nil && len(t.Rows) > 0 {
			first, firstSheet = t, s
		}
	}
	switch {
	case len(out) > 0:
		return append(out, refused...), nil
	case first == nil:
		return []*Table{{File: name, Format: FormatXLSX}}, nil
	case first.cut:
		// Read the sheet given in full.
		t, _, err := wb.readSheet(firstSheet, sst, nil, false, &budget{})
		return []*Table{t}, err
	}
	first.Refused = false
	return []*Table{first}, nil
}

// namedSheet reads the sheet called name, hidden or not, comparing names
// without regard to case and surrounding spaces.
func (wb *workbook) namedSheet(sheets []workbookSheet, sst *sharedStrings, name string) ([]*Table, error) {
	want := strings.ToLower(Clean(name))
	var names []string
	for _, s := range sheets {
		if strings.ToLower(Clean(s.name)) == want {
			t, _, err := wb.readSheet(s, sst, nil, false, &budget{})
			return []*Table{t}, err
		}
		names = append(names, s.name)
	}
	return nil, fileErr(MsgNoSheet, wb.name, nil, "Sheet", name, "Sheets", strings.Join(names, ", "))
}

// openWorkbook checks the package's directory and opens it.
func openWorkbook(name string, data []byte, lim Limits) (*workbook, error) {
	if n, ok := zipEntries(data); ok && n > maxParts {
		return nil, fileErr(MsgDamaged, name, errDamaged(fmt.Sprintf("%d parts in the package", n)))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileErr(MsgDamaged, name, err)
	}
	if len(zr.File) > maxParts {
		return nil, fileErr(MsgDamaged, name, errDamaged(fmt.Sprintf("%d parts in the package", len(zr.File))))
	}
	wb := &workbook{name: name, lim: lim, parts: make(map[string]*zip.File, len(zr.File)), left: lim.MaxUnzip}
	for _, f := range zr.File {
		wb.parts[strings.ToLower(f.Name)] = f
	}
	return wb, nil
}

// zipEntries reads the number of entries from a zip archive's end of
// central directory record (or its zip64 form), without reading the
// directory itself.
func zipEntries(data []byte) (uint64, bool) {
	const eocdLen, maxComment = 22, 65535
	from := max(0, len(data)-eocdLen-maxComment)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 {
		return 0, false
	}
	i += from
	if i+eocdLen > len(data) {
		return 0, false
	}
	n := uint64(binary.LittleEndian.Uint16(data[i+10:]))
	if n != 0xFFFF || i < 20 {
		return n, true
	}
	// zip64: the locator sits just before the record.
	loc := data[i-20:]
	if !bytes.HasPrefix(loc, []byte("PK\x06\x07")) {
		return n, true
	}
	off := binary.LittleEndian.Uint64(loc[8:])
	if off > uint64(len(data)-56) || !bytes.HasPrefix(data[off:], []byte("PK\x06\x06")) {
		return n, true
	}
	return binary.LittleEndian.Uint64(data[off+32:]), true
}

// part finds a part by name, as OPC does, without regard to case.
func (wb *workbook) part(name string) *zip.File {
	return wb.parts[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// open opens a part for reading through the guard, counting its
// unpacked size against the limit.
func (wb *workbook) open(f *zip.File) (*xml.Decoder, io.Closer, error) {
	size := int64(f.UncompressedSize64)
	if f.UncompressedSize64 > 1<<62 || size > wb.left {
		return nil, nil, fileErr(MsgUnzipLimit, wb.name, nil, "Max", wb.lim.MaxUnzip>>20)
	}
	wb.left -= size
	rc, err := f.Open()
	if err != nil {
		return nil, nil, fileErr(MsgDamaged, wb.name, err)
	}
	guard := newXMLGuard(rc, 8*wb.lim.MaxCellChars+4096)
	dec := xml.NewDecoder(guard)
	return dec, rc, nil
}

// partErr turns an error met reading a part into the person's message.
func (wb *workbook) partErr(err error) error {
	var fe *FileError
	switch {
	case errors.As(err, &fe):
		return err
	case errors.Is(err, errTokenTooLong):
		return fileErr(MsgTextTooLong, wb.name, err, "Max", wb.lim.MaxCellChars)
	}
	return fileErr(MsgDamaged, wb.name, err)
}

// workbookSheet is a sheet as the workbook lists it.
type workbookSheet struct {
	name   string
	part   *zip.File
	hidden bool
}

// contents reads the workbook's list of sheets and its shared strings.
func (wb *workbook) contents() ([]workbookSheet, *sharedStrings, error) {
	main := "xl/workbook.xml"
	if f := wb.part("_rels/.rels"); f != nil {
		err := wb.eachElement(f, "Relationship", func(a attrs) {
			if strings.HasSuffix(a.get("Type"), "/officeDocument") {
				main = strings.TrimPrefix(a.get("Target"), "/")
			}
		})
		if err != nil {
			return nil, nil, err
		}
	}
	mf := wb.part(main)
	if mf == nil {
		return nil, nil, fileErr(MsgDamaged, wb.name, errDamaged("no workbook part"))
	}
	type entry struct{ name, id, state string }
	var entries []entry
	if err := wb.eachElement(mf, "sheet", func(a attrs) {
		entries = append(entries, entry{a.get("name"), a.get("id"), a.get("state")})
	}); err != nil {
		return nil, nil, err
	}
	dir := path.Dir(main)
	rels := map[string]string{}
	sstPath := path.Join(dir, "sharedStrings.xml")
	if f := wb.part(path.Join(dir, "_rels", path.Base(main)+".rels")); f != nil {
		err := wb.eachElement(f, "Relationship", func(a attrs) {
			target := a.get("Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(dir, target)
			}
			rels[a.get("Id")] = target
			if strings.HasSuffix(a.get("Type"), "/sharedStrings") {
				sstPath = target
			}
		})
		if err != nil {
			return nil, nil, err
		}
	}
	var out []workbookSheet
	for _, e := range entries {
		p := wb.part(rels[e.id])
		if p == nil {
			continue // a chart sheet or a dangling reference
		}
		out = append(out, workbookSheet{name: e.name, part: p, hidden: e.state == "hidden" || e.state == "veryHidden"})
	}
	sst := &sharedStrings{}
	if f := wb.part(sstPath); f != nil {
		var err error
		if sst, err = wb.readSharedStrings(f); err != nil {
			return nil, nil, err
		}
	}
	return out, sst, nil
}

// attrs are an element's attributes.
type attrs []xml.Attr

// get returns the attribute of that local name, "" when there is none.
func (as attrs) get(local string) string {
	for _, a := range as {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// eachElement calls fn with the attributes of every element of that
// local name in the part.
func (wb *workbook) eachElement(f *zip.File, local string, fn func(attrs)) error {
	dec, c, err := wb.open(f)
	if err != nil {
		return err
	}
	defer c.Close()
	depth := 0
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return wb.partErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return fileErr(MsgDamaged, wb.name, errDamaged("elements nested too deep"))
			}
			if t.Name.Local == local {
				fn(attrs(t.Attr))
			}
		case xml.EndElement:
			depth--
		}
	}
}
