package pdfkit

import (
	"encoding/binary"
	"fmt"
	"sort"
)

// subset builds a small TrueType font holding only the glyphs for runes
// (those the font has, outside the BMP too), the glyphs their composites
// use and .notdef, with a format 4 cmap for the BMP runes. It returns the
// font and the new index of each old glyph kept: the PDF addresses the
// glyphs by index (CIDToGIDMap), so the cmap is only there for tools that
// read the font on its own. Each call returns a new slice.
func (f *Font) subset(runes []rune) ([]byte, map[uint16]uint16, error) {
	old, newID, cmap, err := f.keptGlyphs(runes)
	if err != nil {
		return nil, nil, fmt.Errorf("pdfkit: subset: %w", err)
	}
	n := len(old)
	glyfOut, loca, hmtx := f.glyphTables(old, newID)
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	post := make([]byte, 32)
	copy(post, f.tables["post"])
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "post": post,
		"hmtx": hmtx, "loca": loca, "glyf": glyfOut,
		"cmap": cmap4(cmap, newID, f.bmp),
		"name": f.tables["name"], "OS/2": f.tables["OS/2"],
	}
	for _, t := range []string{"cvt ", "fpgm", "prep", "gasp"} {
		if f.tables[t] != nil {
			tables[t] = f.tables[t]
		}
	}
	return assemble(tables), newID, nil
}

// keptGlyphs returns the glyphs the subset keeps, in their old order (.notdef,
// the runes' glyphs and the glyphs their composites use), the new index of
// each, and the BMP runes of the cmap, sorted.
func (f *Font) keptGlyphs(runes []rune) (old []uint16, newID map[uint16]uint16, cmap []rune, err error) {
	glyf := f.tables["glyf"]
	newID = map[uint16]uint16{0: 0}
	old = []uint16{0}
	var add func(g uint16, depth int) error
	add = func(g uint16, depth int) error {
		if depth > 8 {
			return fmt.Errorf("composite glyph nesting too deep at glyph %d", g)
		}
		if g != 0 {
			if _, seen := newID[g]; seen {
				return nil
			}
			newID[g] = 0 // numbered below, once sorted
			old = append(old, g)
		}
		return forComponents(glyf[f.loca[g]:f.loca[g+1]], func(_ int, c uint16) error {
			if int(c) >= f.numGlyphs {
				return fmt.Errorf("glyph %d uses missing glyph %d", g, c)
			}
			return add(c, depth+1)
		})
	}
	if err := add(0, 0); err != nil {
		return nil, nil, nil, err
	}
	for _, r := range runes {
		g := f.glyph(r)
		if g == 0 {
			continue
		}
		if r <= 0xFFFF {
			cmap = append(cmap, r)
		}
		if err := add(g, 0); err != nil {
			return nil, nil, nil, err
		}
	}
	sort.Slice(old, func(i, j int) bool { return old[i] < old[j] })
	for i, g := range old {
		newID[g] = uint16(i)
	}
	sort.Slice(cmap, func(i, j int) bool { return cmap[i] < cmap[j] })
	return old, newID, cmap, nil
}

// glyphTables copies the kept glyphs, their components renumbered, and
// builds their long loca and hmtx tables.
func (f *Font) glyphTables(old []uint16, newID map[uint16]uint16) (glyfOut, loca, hmtx []byte) {
	glyf := f.tables["glyf"]
	n := len(old)
	loca = make([]byte, 4*(n+1))
	hmtx = make([]byte, 4*n)
	for i, g := range old {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyfOut)))
		binary.BigEndian.PutUint16(hmtx[4*i:], f.advance[g])
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(f.lsb[g]))
		start := len(glyfOut)
		glyfOut = append(glyfOut, glyf[f.loca[g]:f.loca[g+1]]...)
		data := glyfOut[start:]
		_ = forComponents(data, func(at int, c uint16) error {
			binary.BigEndian.PutUint16(data[at:], newID[c])
			return nil
		})
		for len(glyfOut)%4 != 0 {
			glyfOut = append(glyfOut, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyfOut)))
	return glyfOut, loca, hmtx
}

// forComponents calls fn with the offset of each component's glyph index
// in a composite glyph's data; simple glyphs have none.
func forComponents(data []byte, fn func(at int, gid uint16) error) error {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	const (
		argsAreWords   = 1 << 0
		haveScale      = 1 << 3
		moreComponents = 1 << 5
		haveXYScale    = 1 << 6
		have2x2        = 1 << 7
	)
	for at := 10; ; {
		if at+4 > len(data) {
			return fmt.Errorf("truncated composite glyph")
		}
		flags := binary.BigEndian.Uint16(data[at:])
		if err := fn(at+2, binary.BigEndian.Uint16(data[at+2:])); err != nil {
			return err
		}
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&have2x2 != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// cmap4 writes a cmap with one (3,1) format 4 subtable mapping the sorted
// runes to their new glyph indices, one segment per run of consecutive
// runes with consecutive glyphs, all by idDelta.
func cmap4(runes []rune, newID map[uint16]uint16, bmp []uint16) []byte {
	type segment struct{ start, end, delta uint16 }
	var segs []segment
	for _, r := range runes {
		g := newID[bmp[r]]
		d := uint16(int(g) - int(r))
		if k := len(segs) - 1; k >= 0 && segs[k].end == uint16(r-1) && segs[k].delta == d {
			segs[k].end++
			continue
		}
		segs = append(segs, segment{uint16(r), uint16(r), d})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1})
	sc := len(segs)
	sub := make([]byte, 16+8*sc)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*sc))
	sr := 1
	for sr*2 <= sc {
		sr *= 2
	}
	be.PutUint16(sub[8:], uint16(2*sr))
	be.PutUint16(sub[10:], uint16(log2(sr)))
	be.PutUint16(sub[12:], uint16(2*sc-2*sr))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.end)
		be.PutUint16(sub[16+2*sc+2*i:], s.start)
		be.PutUint16(sub[16+4*sc+2*i:], s.delta)
		// idRangeOffset stays 0
	}
	out := make([]byte, 12, 12+len(sub))
	be.PutUint16(out[2:], 1)  // one subtable
	be.PutUint16(out[4:], 3)  // Windows
	be.PutUint16(out[6:], 1)  // Unicode BMP
	be.PutUint32(out[8:], 12) // offset
	return append(out, sub...)
}

func log2(n int) int {
	k := 0
	for n > 1 {
		n >>= 1
		k++
	}
	return k
}

// assemble writes an sfnt file from its tables, with checksums.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for t, d := range tables {
		tags = append(tags, t)
		size += (len(d) + 3) &^ 3
	}
	sort.Strings(tags)
	be := binary.BigEndian
	out := make([]byte, 12+16*len(tags), size)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(len(tags)))
	sr := 1
	for sr*2 <= len(tags) {
		sr *= 2
	}
	be.PutUint16(out[6:], uint16(16*sr))
	be.PutUint16(out[8:], uint16(log2(sr)))
	be.PutUint16(out[10:], uint16(16*len(tags)-16*sr))
	headAt := 0
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(d))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(d)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// Subset returns a small TrueType font with only the glyphs of runes (see
// subset): the window draws its bold text with one, since every font face
// Fyne loads costs memory in proportion to the glyphs.
func (f *Font) Subset(runes []rune) ([]byte, error) {
	b, _, err := f.subset(runes)
	return b, err
}
