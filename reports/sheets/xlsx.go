package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads a workbook with excelize's streaming row reader, raw
// cell values (dates as serials, numbers unformatted), within the unzip
// limit.
func readXLSX(name string, data []byte, opts Options) (*Table, error) {
	lim := opts.Limits
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.MaxUnzip,
		UnzipXMLSizeLimit: min(lim.MaxUnzip, excelize.StreamChunkSize),
	})
	if err != nil {
		switch {
		case strings.Contains(err.Error(), "unzip size"):
			return nil, fileErr(MsgUnzipLimit, name, err, "Max", lim.MaxUnzip>>20)
		case err == excelize.ErrWorkbookFileFormat:
			return nil, fileErr(MsgOldXLS, name, err)
		}
		return nil, fileErr(MsgDamaged, name, err)
	}
	defer f.Close()
	parts := sheetParts(data)
	var first *Table
	for _, sheet := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(sheet); !visible {
			continue
		}
		t, accepted, err := readSheet(f, name, sheet, mergesOf(data, parts[sheet], lim), opts)
		if err != nil {
			return nil, err
		}
		if accepted {
			return t, nil
		}
		if first == nil && len(t.Rows) > 0 {
			first = t
		}
	}
	if first == nil {
		return &Table{File: name, Format: FormatXLSX}, nil
	}
	return first, nil
}

// readSheet reads the sheet's rows. With opts.Accept it stops after the
// first HeaderScanRows rows when Accept refuses them.
func readSheet(f *excelize.File, name, sheet string, merges []mergeRange, opts Options) (*Table, bool, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, false, fileErr(MsgDamaged, name, err)
	}
	defer rows.Close()
	c := rowCollector{name: name, lim: opts.Limits}
	fill := newMergeFiller(merges, opts.Limits.MaxCols)
	accepted, checked := opts.Accept == nil, opts.Accept == nil
	num := 0
	for rows.Next() {
		num++
		cells, err := rows.Columns()
		if err != nil {
			return nil, false, fileErr(MsgDamaged, name, err)
		}
		cells = fill.apply(num, cells)
		if err := c.add(num, cells); err != nil {
			return nil, false, err
		}
		if !checked && len(c.rows) >= HeaderScanRows {
			checked, accepted = true, opts.Accept(c.rows)
			if !accepted {
				break
			}
		}
	}
	if err := rows.Error(); err != nil {
		return nil, false, fileErr(MsgDamaged, name, err)
	}
	if !checked {
		accepted = len(c.rows) > 0 && opts.Accept(c.rows)
	}
	return &Table{File: name, Format: FormatXLSX, Sheet: sheet, Rows: c.rows}, accepted, nil
}

// mergeRange is a merged area: rows r1 to r2 (from 1) and column indexes
// c1 to c2 (from 0).
type mergeRange struct{ r1, c1, r2, c2 int }

// mergeFiller copies the value of each merged area's top-left cell into
// its other cells, row by row as the rows stream past, so that a header
// or a nominating organisation merged over several rows or columns reads
// as people see it.
type mergeFiller struct {
	pending []mergeRange // sorted by r1
	active  []mergeRange
	values  map[mergeRange]string
	maxCols int
}

func newMergeFiller(ms []mergeRange, maxCols int) *mergeFiller {
	sort.Slice(ms, func(i, j int) bool { return ms[i].r1 < ms[j].r1 })
	return &mergeFiller{pending: ms, values: map[mergeRange]string{}, maxCols: maxCols}
}

func (m *mergeFiller) apply(row int, cells []string) []string {
	for len(m.pending) > 0 && m.pending[0].r1 <= row {
		m.active = append(m.active, m.pending[0])
		m.pending = m.pending[1:]
	}
	if len(m.active) == 0 {
		return cells
	}
	kept := m.active[:0]
	for _, r := range m.active {
		if r.r2 < row {
			delete(m.values, r)
			continue
		}
		kept = append(kept, r)
		if r.r1 == row {
			if r.c1 < len(cells) {
				m.values[r] = cells[r.c1]
			}
		}
		v := m.values[r]
		if v == "" {
			continue
		}
		last := min(r.c2, m.maxCols-1)
		for len(cells) <= last {
			cells = append(cells, "")
		}
		for c := r.c1; c <= last; c++ {
			if cells[c] == "" {
				cells[c] = v
			}
		}
	}
	m.active = kept
	return cells
}

// sheetParts maps each sheet's name to the path of its part in the
// package, from xl/workbook.xml and its relationships. It gives an empty
// map for a package it cannot follow; merged cells are then not filled.
func sheetParts(data []byte) map[string]string {
	out := map[string]string{}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return out
	}
	ids := map[string]string{} // relationship ID → sheet name
	readXMLAttrs(zr, "xl/workbook.xml", "sheet", func(a map[string]string) { ids[a["id"]] = a["name"] })
	readXMLAttrs(zr, "xl/_rels/workbook.xml.rels", "Relationship", func(a map[string]string) {
		if n, ok := ids[a["Id"]]; ok {
			target := a["Target"]
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			out[n] = target
		}
	})
	return out
}

// readXMLAttrs calls fn with the attributes (by local name) of every
// element named elem in the small part name.
func readXMLAttrs(zr *zip.Reader, name, elem string, fn func(map[string]string)) {
	for _, zf := range zr.File {
		if zf.Name != name || zf.UncompressedSize64 > 16<<20 {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return
		}
		defer rc.Close()
		dec := xml.NewDecoder(io.LimitReader(rc, 16<<20))
		for {
			tok, err := dec.Token()
			if err != nil {
				return
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == elem {
				a := map[string]string{}
				for _, at := range se.Attr {
					a[at.Name.Local] = at.Value
				}
				fn(a)
			}
		}
	}
}

// mergesOf reads the merged areas of a sheet part. excelize's own
// GetMergeCells would load the whole worksheet into memory; this scans
// the part's bytes for the mergeCell elements, which follow the sheet's
// data.
func mergesOf(data []byte, part string, lim Limits) []mergeRange {
	if part == "" {
		return nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	for _, zf := range zr.File {
		if zf.Name != part {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		return scanMerges(rc, lim.MaxUnzip)
	}
	return nil
}

// scanMerges finds the ref attributes of mergeCell elements in a stream,
// reading it in chunks.
func scanMerges(r io.Reader, limit int64) []mergeRange {
	const tag = "mergeCell "
	var out []mergeRange
	buf := make([]byte, 0, 1<<20)
	chunk := make([]byte, 1<<20)
	lr := io.LimitReader(r, limit)
	for {
		n, err := lr.Read(chunk)
		buf = append(buf, chunk[:n]...)
		// Handle every complete element in buf; keep the unfinished tail.
		keep := 0
		for {
			i := bytes.Index(buf[keep:], []byte(tag))
			if i < 0 {
				keep = max(keep, len(buf)-len(tag))
				break
			}
			start := keep + i
			end := bytes.IndexByte(buf[start:], '>')
			if end < 0 {
				keep = start
				break
			}
			if m, ok := parseMergeRef(buf[start : start+end]); ok {
				out = append(out, m)
			}
			keep = start + end
		}
		buf = append(buf[:0], buf[keep:]...)
		if err != nil || len(out) > 100_000 {
			return out
		}
	}
}

func parseMergeRef(elem []byte) (mergeRange, bool) {
	i := bytes.Index(elem, []byte(`ref="`))
	if i < 0 {
		return mergeRange{}, false
	}
	ref := elem[i+5:]
	j := bytes.IndexByte(ref, '"')
	if j < 0 {
		return mergeRange{}, false
	}
	a, b, ok := strings.Cut(string(ref[:j]), ":")
	if !ok {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil || r2 < r1 || c2 < c1 {
		return mergeRange{}, false
	}
	return mergeRange{r1: r1, c1: c1 - 1, r2: r2, c2: c2 - 1}, true
}
