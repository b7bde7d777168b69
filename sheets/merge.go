package sheets

import (
	"sort"
	"strings"
)

// mergeRange is a merged area: rows r1 to r2 (from 1) and column indexes
// c1 to c2 (from 0).
type mergeRange struct{ r1, c1, r2, c2 int }

// mergeSet gathers a sheet's merged areas, each once, up to max of them.
type mergeSet struct {
	seen    map[mergeRange]bool
	list    []mergeRange // in the order of the file
	max     int
	tooMany bool
}

func newMergeSet(max int) *mergeSet {
	return &mergeSet{seen: map[mergeRange]bool{}, max: max}
}

// add takes in the ref attribute of a mergeCell element, as B2:C4;
// malformed ones are ignored, as a spreadsheet program ignores them.
func (ms *mergeSet) add(ref string) {
	if ms.tooMany {
		return
	}
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return
	}
	c1, r1, ok1 := parseRef(a)
	c2, r2, ok2 := parseRef(b)
	if !ok1 || !ok2 || r2 < r1 || c2 < c1 {
		return
	}
	m := mergeRange{r1: r1, c1: c1, r2: r2, c2: c2}
	if ms.seen[m] {
		return
	}
	if len(ms.list) >= ms.max {
		ms.tooMany = true
		return
	}
	ms.seen[m] = true
	ms.list = append(ms.list, m)
}

// parseRef reads a cell reference such as AB12: column from 0, row from 1.
func parseRef(ref string) (col, row int, ok bool) {
	col, ok = columnOf(ref)
	if !ok {
		return 0, 0, false
	}
	i := strings.IndexAny(ref, "0123456789")
	row = 0
	for _, c := range ref[i:] {
		row = row*10 + int(c-'0')
		if row > maxSheetRows {
			return 0, 0, false
		}
	}
	return col, row, row >= 1
}

// fill copies the value of each merged area's top-left cell into its
// other cells, so that a header or a nominating organisation merged over
// several rows or columns reads as people see it.
//
// The work is bounded whatever the file claims: an area whose top-left
// cell is empty is left out; each other area is clipped to the rows read
// and to the columns that hold a value in some row (an area over the
// whole sheet, B2:XFD1048576, shrinks to the data); areas that then
// coincide count once; an area that overlaps one higher up (or earlier
// in the file) is dropped, as a spreadsheet program would refuse it. The
// areas kept are disjoint, so no cell is filled twice. Only rows that
// hold a value of their own are filled: a merged area does not make new
// rows. The cells filled in count against MaxCells.
func (ms *mergeSet) fill(c *rowCollector) error {
	rows := c.rows
	if len(ms.list) == 0 || len(rows) == 0 {
		return nil
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Cells))
	}
	for _, a := range ms.disjoint(ms.clip(rows, width-1)) {
		for i := a.top; i < len(rows) && rows[i].Num <= a.r2; i++ {
			cells := rows[i].Cells
			if n := a.c2 + 1 - len(cells); n > 0 {
				if err := c.grow(n); err != nil {
					return err
				}
				cells = append(cells, make([]string, n)...)
			}
			for col := a.c1; col <= a.c2; col++ {
				if cells[col] == "" {
					cells[col] = a.value
				}
			}
			rows[i].Cells = cells
		}
	}
	return nil
}

// area is a merged area clipped to the data, with its value and the
// index of its first row in the rows read.
type area struct {
	mergeRange
	top   int
	value string
}

// clip keeps the areas whose top-left cell holds a value, clipped to the
// last row read and to columns 0..lastCol, each once.
func (ms *mergeSet) clip(rows []Row, lastCol int) []area {
	last := rows[len(rows)-1].Num
	seen := map[mergeRange]bool{}
	var out []area
	for _, m := range ms.list {
		m.r2, m.c2 = min(m.r2, last), min(m.c2, lastCol)
		if m.c1 > m.c2 || (m.r1 == m.r2 && m.c1 == m.c2) || seen[m] {
			continue
		}
		i := sort.Search(len(rows), func(i int) bool { return rows[i].Num >= m.r1 })
		if i == len(rows) || rows[i].Num != m.r1 || m.c1 >= len(rows[i].Cells) || rows[i].Cells[m.c1] == "" {
			continue
		}
		seen[m] = true
		out = append(out, area{mergeRange: m, top: i, value: rows[i].Cells[m.c1]})
	}
	return out
}

// disjoint drops each area that overlaps one higher up or earlier in the
// file. It sweeps the areas by first row, keeping those still open:
// these are disjoint and all hold the current row, so there are at most
// as many of them as columns to compare with.
func (ms *mergeSet) disjoint(as []area) []area {
	sort.SliceStable(as, func(i, j int) bool { return as[i].r1 < as[j].r1 })
	var kept, open []area
	for _, a := range as {
		live := open[:0]
		for _, o := range open {
			if o.r2 >= a.r1 {
				live = append(live, o)
			}
		}
		open = live
		overlaps := false
		for _, o := range open {
			if o.c1 <= a.c2 && a.c1 <= o.c2 {
				overlaps = true
				break
			}
		}
		if !overlaps {
			open = append(open, a)
			kept = append(kept, a)
		}
	}
	return kept
}
