package pdfkit

import (
	"encoding/binary"
	"fmt"
	"sort"
	"sync"

	"golang.org/x/image/font/sfnt"

	"peiyang/assets"
)

// Font is a parsed TrueType font: its metrics, its character map and what
// the subsetter needs. It is immutable once loaded and safe for concurrent
// use by any number of documents; parse it once (DefaultFont does) and
// share it.
type Font struct {
	name      string
	data      []byte
	tables    map[string][]byte
	upem      int
	ascent    int // hhea ascender, font units
	descent   int // hhea descender, font units, positive below the baseline
	numGlyphs int
	loca      []uint32 // numGlyphs+1 offsets into glyf
	advance   []uint16 // per glyph, font units
	lsb       []int16  // per glyph, font units
	bmp       []uint16 // glyph index of every BMP rune, 0 when missing
	astral    []cmapGroup
	sf        *sfnt.Font
}

// cmapGroup maps the runes start..end to consecutive glyphs from gid on.
type cmapGroup struct {
	start, end rune
	gid        uint32
}

var (
	defaultOnce sync.Once
	defaultFont *Font
	defaultErr  error
)

// DefaultFont returns the embedded LXGW WenKai font (assets.Font), parsed
// on first use and shared afterwards.
func DefaultFont() (*Font, error) {
	defaultOnce.Do(func() {
		defaultFont, defaultErr = LoadFont(assets.Font)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("pdfkit: embedded font: %w", defaultErr)
		}
	})
	return defaultFont, defaultErr
}

// LoadFont parses a TrueType font with glyf outlines (not CFF, not a
// collection). The slice is kept and must not be modified afterwards.
func LoadFont(ttf []byte) (*Font, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("pdfkit: font too short (%d bytes)", len(ttf))
	}
	switch tag := binary.BigEndian.Uint32(ttf); tag {
	case 0x00010000, 0x74727565: // TrueType, 'true'
	case 0x4F54544F:
		return nil, fmt.Errorf("pdfkit: CFF-flavoured OpenType fonts are not supported by gofpdf")
	case 0x74746366:
		return nil, fmt.Errorf("pdfkit: font collections (TTC) are not supported by gofpdf")
	default:
		return nil, fmt.Errorf("pdfkit: not a TrueType font (tag %#08x)", tag)
	}
	f := &Font{data: ttf, tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if 12+16*n > len(ttf) {
		return nil, fmt.Errorf("pdfkit: truncated table directory")
	}
	for i := range n {
		rec := ttf[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(ttf)) {
			return nil, fmt.Errorf("pdfkit: table %q lies outside the file", rec[:4])
		}
		f.tables[string(rec[:4])] = ttf[off : off+size]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post", "name", "OS/2"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("pdfkit: font has no %q table", t)
		}
	}
	if err := f.parseMetrics(); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("pdfkit: parse outlines: %w", err)
	}
	f.sf = sf
	f.name = "font"
	if name, err := sf.Name(nil, sfnt.NameIDFull); err == nil && name != "" {
		f.name = name
	}
	return f, nil
}

func (f *Font) parseMetrics() error {
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return fmt.Errorf("pdfkit: short head, hhea or maxp table")
	}
	f.upem = int(binary.BigEndian.Uint16(head[18:]))
	if f.upem < 16 {
		return fmt.Errorf("pdfkit: bad unitsPerEm %d", f.upem)
	}
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	f.ascent = int(int16(binary.BigEndian.Uint16(hhea[4:])))
	f.descent = -int(int16(binary.BigEndian.Uint16(hhea[6:])))
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx, loca := f.tables["hmtx"], f.tables["loca"]
	if nh < 1 || nh > f.numGlyphs || len(hmtx) < 4*nh+2*(f.numGlyphs-nh) {
		return fmt.Errorf("pdfkit: bad hmtx table (%d metrics, %d glyphs)", nh, f.numGlyphs)
	}
	f.advance = make([]uint16, f.numGlyphs)
	f.lsb = make([]int16, f.numGlyphs)
	for g := range f.numGlyphs {
		if g < nh {
			f.advance[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			f.lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
		} else {
			f.advance[g] = f.advance[nh-1]
			f.lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*nh+2*(g-nh):]))
		}
	}
	f.loca = make([]uint32, f.numGlyphs+1)
	glyfLen := uint32(len(f.tables["glyf"]))
	for g := range f.loca {
		if longLoca {
			if len(loca) < 4*len(f.loca) {
				return fmt.Errorf("pdfkit: short loca table")
			}
			f.loca[g] = binary.BigEndian.Uint32(loca[4*g:])
		} else {
			if len(loca) < 2*len(f.loca) {
				return fmt.Errorf("pdfkit: short loca table")
			}
			f.loca[g] = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		}
		if f.loca[g] > glyfLen || (g > 0 && f.loca[g] < f.loca[g-1]) {
			return fmt.Errorf("pdfkit: bad loca entry for glyph %d", g)
		}
	}
	return nil
}

// parseCmap reads the Unicode character map: format 12 when present (it
// covers the runes outside the BMP), else format 4.
func (f *Font) parseCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return fmt.Errorf("pdfkit: short cmap table")
	}
	var fmt4, fmt12 []byte
	for i := range int(binary.BigEndian.Uint16(cmap[2:])) {
		rec := cmap[4+8*i:]
		if len(rec) < 8 {
			return fmt.Errorf("pdfkit: short cmap table")
		}
		pid, eid, off := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:]), binary.BigEndian.Uint32(rec[4:])
		if int(off)+4 > len(cmap) || !(pid == 0 || pid == 3 && (eid == 1 || eid == 10)) {
			continue
		}
		sub := cmap[off:]
		switch binary.BigEndian.Uint16(sub) {
		case 4:
			fmt4 = sub
		case 12:
			fmt12 = sub
		}
	}
	f.bmp = make([]uint16, 0x10000)
	switch {
	case fmt12 != nil:
		return f.parseCmap12(fmt12)
	case fmt4 != nil:
		return f.parseCmap4(fmt4)
	}
	return fmt.Errorf("pdfkit: font has no Unicode cmap (format 4 or 12)")
}

func (f *Font) parseCmap12(sub []byte) error {
	if len(sub) < 16 {
		return fmt.Errorf("pdfkit: short cmap format 12")
	}
	n := int(binary.BigEndian.Uint32(sub[12:]))
	if len(sub) < 16+12*n {
		return fmt.Errorf("pdfkit: short cmap format 12 (%d groups)", n)
	}
	for i := range n {
		g := sub[16+12*i:]
		grp := cmapGroup{rune(binary.BigEndian.Uint32(g)), rune(binary.BigEndian.Uint32(g[4:])), binary.BigEndian.Uint32(g[8:])}
		if grp.end < grp.start || grp.end > 0x10FFFF {
			return fmt.Errorf("pdfkit: bad cmap group %d", i)
		}
		for r := grp.start; r <= grp.end && r <= 0xFFFF; r++ {
			f.bmp[r] = f.checkGID(grp.gid + uint32(r-grp.start))
		}
		if grp.end > 0xFFFF {
			if grp.start <= 0xFFFF {
				grp.gid += uint32(0x10000 - grp.start)
				grp.start = 0x10000
			}
			f.astral = append(f.astral, grp)
		}
	}
	sort.Slice(f.astral, func(i, j int) bool { return f.astral[i].start < f.astral[j].start })
	return nil
}

func (f *Font) parseCmap4(sub []byte) error {
	if len(sub) < 14 {
		return fmt.Errorf("pdfkit: short cmap format 4")
	}
	seg := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if len(sub) < 16+8*seg {
		return fmt.Errorf("pdfkit: short cmap format 4 (%d segments)", seg)
	}
	ends, starts, deltas, ranges := sub[14:], sub[16+2*seg:], sub[16+4*seg:], sub[16+6*seg:]
	for i := range seg {
		end, start := int(binary.BigEndian.Uint16(ends[2*i:])), int(binary.BigEndian.Uint16(starts[2*i:]))
		delta, ro := int(binary.BigEndian.Uint16(deltas[2*i:])), int(binary.BigEndian.Uint16(ranges[2*i:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			gid := (c + delta) & 0xFFFF
			if ro != 0 {
				p := 2*i + ro + 2*(c-start)
				if p+2 > len(ranges) {
					return fmt.Errorf("pdfkit: cmap format 4 points outside the table")
				}
				if gid = int(binary.BigEndian.Uint16(ranges[p:])); gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			f.bmp[c] = f.checkGID(uint32(gid))
		}
	}
	return nil
}

func (f *Font) checkGID(gid uint32) uint16 {
	if gid >= uint32(f.numGlyphs) {
		return 0
	}
	return uint16(gid)
}

// glyph returns r's glyph index, 0 when the font has none.
func (f *Font) glyph(r rune) uint16 {
	if r >= 0 && r <= 0xFFFF {
		return f.bmp[r]
	}
	i := sort.Search(len(f.astral), func(i int) bool { return f.astral[i].end >= r })
	if i < len(f.astral) && f.astral[i].start <= r {
		return f.checkGID(f.astral[i].gid + uint32(r-f.astral[i].start))
	}
	return 0
}

// Name is the font's full name, e.g. "LXGW WenKai".
func (f *Font) Name() string { return f.name }

// HasGlyph reports whether the font can draw r.
func (f *Font) HasGlyph(r rune) bool { return f.glyph(r) != 0 }

// units returns r's advance in thousandths of an em, rounded like gofpdf
// rounds the widths it writes into the PDF, so that our positions and the
// viewer's agree. A missing glyph counts with the .notdef width.
func (f *Font) units(r rune) int {
	a := int(f.advance[f.glyph(r)])
	if f.upem == 1000 {
		return a
	}
	return (a*1000 + f.upem/2) / f.upem
}

// ptToMM converts points (font sizes) to millimetres (all lengths).
const ptToMM = 25.4 / 72

// MeasureString returns the width of s in millimetres at size points.
func (f *Font) MeasureString(s string, size float64) float64 {
	u := 0
	for _, r := range s {
		u += f.units(r)
	}
	return float64(u) * size / 1000 * ptToMM
}

// Ascent and Descent return the font's ascender and descender (positive)
// in millimetres at size points, from the hhea table.
func (f *Font) Ascent(size float64) float64 {
	return float64(f.ascent) / float64(f.upem) * size * ptToMM
}

// Descent: see Ascent.
func (f *Font) Descent(size float64) float64 {
	return float64(f.descent) / float64(f.upem) * size * ptToMM
}
